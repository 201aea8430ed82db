import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/templates/csrf-token-missing');

describe('TPL006 csrf-token-missing', () => {
  it('reports exactly the annotated lines of its fixture templates', async () => {
    await expectFixture('TPL006', fixture);
  });

  it('points at the form start tag, lowers confidence when an include may render the token, honours ignore comments', async () => {
    const { report } = await audit({ path: fixture, select: ['TPL006'], jobs: 1, showSuppressed: true });
    const at = (line: number) => report.findings.find((f) => f.location.startLine === line)!;
    expect(at(2).location).toMatchObject({ startColumn: 1, endLine: 2, endColumn: 71 });
    expect(at(2).confidence).toBe('high');
    // A start tag over several lines: the finding covers all of it.
    expect(at(21).location).toMatchObject({ startLine: 21, startColumn: 1, endLine: 23, endColumn: 19 });
    expect(at(30).confidence).toBe('low');
    expect(at(30).message).toContain('include "shop/form_fields.html"');
    expect(report.findings.filter((f) => f.suppression).map((f) => f.location.startLine)).toEqual([38]);
  });

  it('fingerprints each form by its own start tag, not by the text around it', async () => {
    const dir = await makeProject({ 'templates/a.html': '<h1>Forms</h1>\n<form method="post" action="/a/"></form>\n<form method="post" action="/b/"></form>\n' });
    const { report } = await audit({ path: dir, select: ['TPL006'], jobs: 1 });
    expect(report.findings.map((f) => f.location.startLine)).toEqual([2, 3]);
    expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(2);
  });
});
