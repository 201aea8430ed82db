import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, hits, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/templates/variable-in-inline-script');

describe('TPL005 variable-in-inline-script', () => {
  it('reports exactly the annotated lines of its fixture templates', async () => {
    await expectFixture('TPL005', fixture);
  });

  it('points at the variable and honours ignore comments', async () => {
    const { report } = await audit({ path: fixture, select: ['TPL005'], jobs: 1, showSuppressed: true });
    expect(report.findings.find((f) => f.location.startLine === 5)!.location).toMatchObject({ startColumn: 16, endColumn: 36 });
    expect(report.findings.filter((f) => f.suppression).map((f) => f.location.startLine)).toEqual([39]);
  });

  it('explains the JavaScript context it found', async () => {
    const { report } = await audit({ path: fixture, select: ['TPL005'], jobs: 1 });
    const message = (line: number) => report.findings.find((f) => f.location.startLine === line)!.message;
    expect(message(5)).toMatch(/JavaScript code/);
    expect(message(6)).toMatch(/backslash/);
    expect(message(14)).toMatch(/template literal/);
    expect(message(28)).toMatch(/onclick= attribute/);
  });

  it('reports an expression repeated in a file once, at its first use, naming the other lines', async () => {
    const dir = await makeProject({
      'templates/map.js': 'var map = new Map("{{ id }}");\nmap.center("{{ id }}");\nmap.zoom({{ zoom }});\n\nmap.layer("{{id}}");\n',
    });
    const { report } = await audit({ path: dir, select: ['TPL005'], jobs: 1 });
    expect(hits(report.findings)).toEqual([
      { code: 'TPL005', line: 1 },
      { code: 'TPL005', line: 3 },
    ]);
    expect(report.findings[0]!.message).toContain('2 more times in this file, on lines 2, 5');
  });

  it('reads .js templates as JavaScript from the first line', async () => {
    const dir = await makeProject({
      'templates/config.js': 'window.CONFIG = { user: "{{ user.username }}", debug: {{ debug|yesno:"true,false" }}, id: "{{ user.pk|escapejs }}" };\n',
      'templates/config.json': '{"user": "{{ user.username }}"}\n',
      'templates/notes.txt': '<script>{{ not_html }}</script>\n',
    });
    const { report } = await audit({ path: dir, select: ['TPL005'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine, f.location.startColumn])).toEqual([['templates/config.js', 1, 26]]);
    expect(hits(report.findings)).toEqual([{ code: 'TPL005', line: 1 }]);
  });
});
