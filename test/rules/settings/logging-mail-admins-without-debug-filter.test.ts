import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/logging-mail-admins-without-debug-filter');
const scan = async (settings: string) => (await audit({ path: fixture, select: ['SET221'], jobs: 1, settings })).report;

describe('SET221 logging-mail-admins-without-debug-filter', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET221', fixture);
  });

  it('rates a missing filter low and include_html medium', async () => {
    expect((await scan('settings.prod_inherited')).findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([['settings/base.py', 1, 'low']]);
    const html = await scan('settings.prod_include_html');
    expect(html.findings.map((f) => [f.location.startLine, f.severity])).toEqual([[1, 'medium']]);
    expect(html.findings[0]!.fix).toBe('In the LOGGING of settings/prod_include_html.py: remove "include_html" from the \'mail_admins\' handler.');
  });

  it('gives one finding per handler', async () => {
    const report = await scan('settings.prod_wrong_filter');
    expect(report.findings.map((f) => f.location.startLine)).toEqual([1, 1]);
    expect(report.findings.map((f) => f.message.match(/handler '(\w+)'/)?.[1]).sort()).toEqual(['mail_admins', 'mail_django']);
  });
});
