import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/media-root-inside-source');
const run = async (settings: string, env: string[] = []) => (await audit({ path: fixture, select: ['HRD042'], jobs: 1, settings, env })).report.findings;

describe('HRD042 media-root-inside-source', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('HRD042', fixture);
  });

  it('is medium for uploads inside the tree and high when MEDIA_ROOT holds the code', async () => {
    expect((await run('mysite.settings.prod_media_dir')).map((f) => [f.severity, f.confidence])).toEqual([['medium', 'high']]);
    const [root] = await run('mysite.settings.prod_project_root');
    expect(root).toMatchObject({ severity: 'high' });
    expect(root!.message).toContain('is the project root');
    const [app] = await run('mysite.settings.prod_in_app');
    expect(app).toMatchObject({ severity: 'medium' });
    expect(app!.message).toContain('inside the source directory of the app blog');
    const [settings] = await run('mysite.settings.prod_in_settings');
    expect(settings!.message).toContain('inside mysite/settings/');
    expect((await run('mysite.settings.prod_relative')).map((f) => f.confidence)).toEqual(['low']);
  });

  it('judges an environment default, and the variable once it is set', async () => {
    const [unset] = await run('mysite.settings.prod_env_default');
    expect(unset).toMatchObject({ confidence: 'medium', location: { startLine: 3 } });
    expect(unset!.message).toContain('DJANGO_MEDIA_ROOT is not set');
    expect(await run('mysite.settings.prod_env_default', ['DJANGO_MEDIA_ROOT=/var/lib/mysite/media'])).toEqual([]);
    expect(await run('mysite.settings.prod_outside', ['DJANGO_MEDIA_ROOT=/srv/x/media'])).toEqual([]);
  });

  it('reports the MEDIA_ROOT of examples/vulnerable-shop (EXPECTED.md row 12) and nothing in hardened-shop', async () => {
    const vulnerable = (await audit({ path: path.join(REPO_ROOT, 'examples/vulnerable-shop'), select: ['HRD042'], jobs: 1 })).report.findings;
    expect(vulnerable.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([['shop/settings/base.py', 85, 'medium']]);
    const hardened = (await audit({ path: path.join(REPO_ROOT, 'examples/hardened-shop'), select: ['HRD042'], jobs: 1 })).report.findings;
    expect(hardened).toEqual([]);
    // The development settings keep uploads in the home directory: not in the tree either.
    const dev = (await audit({ path: path.join(REPO_ROOT, 'examples/hardened-shop'), select: ['HRD042'], jobs: 1, settings: 'shop.settings.dev' })).report.findings;
    expect(dev).toEqual([]);
  });
});
