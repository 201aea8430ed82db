import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, hits, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/templates/autoescape-off');

describe('TPL003 autoescape-off', () => {
  it('reports exactly the annotated lines of its fixture templates', async () => {
    await expectFixture('TPL003', fixture);
  });

  it('rates blocks by what they render: variables, included templates, nothing, HTML e-mails', async () => {
    const { report } = await audit({ path: fixture, select: ['TPL003'], jobs: 1 });
    const byLine = (file: string, line: number) => report.findings.find((f) => f.location.path === file && f.location.startLine === line)!;
    const product = 'templates/shop/product.html';
    expect(byLine(product, 3)).toMatchObject({ severity: 'medium', confidence: 'high' });
    expect(byLine(product, 3).message).toContain('product.description');
    expect(byLine(product, 3).message).not.toContain('product.summary');
    expect(byLine(product, 10).message).toContain('include "shop/snippet.html"');
    expect(byLine(product, 10).message).not.toContain('escaped_again');
    expect(byLine(product, 14).severity).toBe('low');
    expect(byLine('templates/emails/newsletter_email.html', 2).severity).toBe('low');
  });

  it('does not report plain-text templates: .txt, .email, and markup-free e-mail bodies named .html', async () => {
    const body = '{% autoescape off %}Hello {{ user.first_name }}{% endautoescape %}';
    const dir = await makeProject({
      'templates/welcome.email': body,
      'templates/welcome.txt': body,
      'templates/account/email/welcome_message.html': body,
      'templates/account/welcome_subject.html': body,
      'templates/account/welcome.html': body,
      'templates/account/email/welcome_message_html.html': `<p>${body}</p>`,
    });
    const { report } = await audit({ path: dir, select: ['TPL003'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.severity])).toEqual([
      ['templates/account/email/welcome_message_html.html', 'low'],
      ['templates/account/welcome.html', 'medium'],
    ]);
    expect(hits(report.findings).map((h) => h.line)).toEqual([1, 1]);
  });
});
