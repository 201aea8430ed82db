import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/development-apps-in-production');
const scan = async (settings: string) => (await audit({ path: fixture, select: ['SET216'], jobs: 1, settings })).report;

describe('SET216 development-apps-in-production', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET216', fixture);
  });

  it('reports the entries of one assignment together, and each appending statement where it is', async () => {
    const listed = await scan('settings.prod_listed');
    expect(listed.findings.map((f) => [f.location.startLine, f.severity])).toEqual([[1, 'medium']]);
    expect(listed.findings[0]!.message).toContain("'debug_toolbar'");
    expect(listed.findings[0]!.message).toContain("'django_extensions'");
    const appended = await scan('settings.prod_appended');
    expect(appended.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([
      ['settings/prod_appended.py', 3],
      ['settings/prod_appended.py', 4],
      ['settings/prod_appended.py', 5],
    ]);
    expect(appended.findings[0]!.fix).toMatch(/^Remove 'django_extensions' from INSTALLED_APPS/);
  });

  it('reports entries a star-imported base added under its own DEBUG at the statement in the base', async () => {
    const report = await scan('settings.prod_inherits_debug_base');
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([
      ['settings/base_debug.py', 6],
      ['settings/base_debug.py', 7],
    ]);
  });

  it('rates django-silk high unless both of its access checks are on', async () => {
    expect((await scan('settings.prod_silk')).findings.map((f) => f.severity)).toEqual(['high', 'high']);
    const dir = await makeProject({
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/production.py': 'INSTALLED_APPS = ["silk"]\nSILKY_AUTHENTICATION = True\nSILKY_AUTHORISATION = True\n',
    });
    const report = (await audit({ path: dir, select: ['SET216'], jobs: 1 })).report;
    expect(report.findings.map((f) => [f.location.startLine, f.severity])).toEqual([[1, 'medium']]);
  });

  it('does not judge a list it cannot know', async () => {
    const dir = await makeProject({
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/production.py': 'import socket\nINSTALLED_APPS = ["django.contrib.admin"]\nif socket.gethostname().startswith("profiler"):\n    INSTALLED_APPS += ["silk"]\n',
    });
    expect((await audit({ path: dir, select: ['SET216'], jobs: 1 })).report.findings).toEqual([]);
  });
});
