import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY805 template-autoescape-disabled', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY805', path.join(FIXTURES, 'rules/code/template-autoescape-disabled.py'));
  });

  it('is high confidence for the TEMPLATES option and medium for a context', async () => {
    const source = [
      'from django.template import Context',
      'TEMPLATES = [{"BACKEND": "django.template.backends.jinja2.Jinja2", "OPTIONS": {"autoescape": False}}]',
      'c = Context({}, autoescape=False)',
    ].join('\n');
    expect((await runRule('PY805', source, { roles: ['settings'] })).map((f) => [f.location.startLine, f.confidence ?? 'medium'])).toEqual([
      [2, 'high'],
      [3, 'medium'],
    ]);
  });

  it('ignores a Context class that is not Django\'s', async () => {
    const source = ['from decimal import Context', 'c = Context(prec=2, autoescape=False)'].join('\n');
    expect(await runRule('PY805', source)).toEqual([]);
  });

  it('reports autoescape=False passed to render_to_string() and render() as a keyword only', async () => {
    const source = [
      'from django.shortcuts import render',
      'from django.template.loader import render_to_string',
      'a = render_to_string("mail.txt", {}, autoescape=False)',
      'b = render(request, "page.html", {}, autoescape=False)',
      'c = render_to_string("mail.txt", {}, None, False)',
    ].join('\n');
    expect((await runRule('PY805', source)).map((f) => [f.location.startLine, f.message])).toEqual([
      [3, 'render_to_string(autoescape=False): the template is rendered with autoescaping off, so every variable is written unescaped'],
      [4, 'render(autoescape=False): the template is rendered with autoescaping off, so every variable is written unescaped'],
    ]);
  });
});
