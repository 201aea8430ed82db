import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY803 format-html-preformatted', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY803', path.join(FIXTURES, 'rules/code/format-html-preformatted.py'));
  });

  it('is high confidence, low when every interpolated value is escaped', async () => {
    const source = [
      'from django.utils.html import conditional_escape, format_html',
      'def f(x):',
      '    a = format_html(f"<b>{x}</b>")',
      '    b = format_html("<b>%s</b>" % conditional_escape(x))',
    ].join('\n');
    expect((await runRule('PY803', source)).map((f) => [f.location.startLine, f.confidence ?? 'high'])).toEqual([
      [3, 'high'],
      [4, 'low'],
    ]);
  });

  it('resolves aliases and ignores other format_html functions', async () => {
    const source = [
      'from django.utils.html import format_html as fh',
      'from myapp.html import format_html',
      'def f(x):',
      '    fh(f"<b>{x}</b>")',
      '    format_html(f"<b>{x}</b>")',
    ].join('\n');
    expect(hits(await runRule('PY803', source))).toEqual([{ code: 'PY803', line: 4 }]);
  });
});

describe('PY803 translated format strings', () => {
  it('treats translated literals as constants, as Django\'s admin does', async () => {
    const source = [
      'from django.utils.html import format_html',
      'from django.utils.translation import gettext as _',
      'def f(obj, x):',
      '    msg = _("The {name} was added.") + " " + _("You may edit it again below.")',
      '    a = format_html(msg, name=obj)',
      '    b = format_html(_("Hello {}") + " " + x, obj)',
    ].join('\n');
    expect(hits(await runRule('PY803', source))).toEqual([{ code: 'PY803', line: 6 }]);
  });
});
