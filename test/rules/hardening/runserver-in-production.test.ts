import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { processCommands, runserverIn } from '../../../src/hardening/source-processes.js';
import { expectAnnotated } from '../../hardening/source-helpers.js';
import { FIXTURES, REPO_ROOT, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/runserver-in-production');

describe('HRD048 runserver-in-production', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    const { expected } = await expectAnnotated('HRD048', fixture);
    expect(expected.length).toBe(5);
  });

  it('names the process and the dangerous options; a compose file is only a low-severity hint', async () => {
    const { report } = await audit({ path: fixture, select: ['HRD048'], jobs: 1 });
    const by = new Map(report.findings.map((f) => [f.location.path, f]));
    expect(by.get('Procfile')).toMatchObject({ severity: 'medium' });
    expect(by.get('Procfile')!.message).toContain('Procfile process "web"');
    expect(by.get('Procfile')!.message).toContain('--insecure');
    expect(by.get('Dockerfile')!.message).toContain('"production"');
    expect(by.get('docker-compose.yml')).toMatchObject({ severity: 'low' });
    expect(by.get('deploy/supervisor.conf')!.message).toContain('Werkzeug');
    expect(by.get('deploy/shop.service')).toMatchObject({ severity: 'medium' });
  });

  it('reads the exec form of CMD and continuation lines', async () => {
    const commands = processCommands('Dockerfile', 'FROM python\nCMD ["python", \\\n     "manage.py", "runserver", "0.0.0.0:8000"]\n');
    expect(commands.map((c) => [c.line, c.endLine, c.command])).toEqual([[2, 3, 'python manage.py runserver 0.0.0.0:8000']]);
    const { report } = await audit({ path: await makeProject({ 'manage.py': '', 'Containerfile': 'FROM python\nENTRYPOINT ["django-admin", "runserver"]\n' }), select: ['HRD048'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['Containerfile', 2]]);
  });

  it('recognises the development server and nothing else', () => {
    expect(runserverIn('python manage.py runserver 0.0.0.0:8000')).toEqual({ plus: false, insecure: false });
    expect(runserverIn('./manage.py runserver --insecure')).toEqual({ plus: false, insecure: true });
    expect(runserverIn('python -m django runserver --settings=x')).toEqual({ plus: false, insecure: false });
    expect(runserverIn('python manage.py runserver_plus --cert-file x')).toEqual({ plus: true, insecure: false });
    expect(runserverIn('gunicorn mysite.wsgi')).toBeUndefined();
    expect(runserverIn('python manage.py migrate && gunicorn x')).toBeUndefined();
    expect(runserverIn('echo runserver')).toBeUndefined();
  });

  it('finds nothing in the example projects (they declare no deployment commands)', async () => {
    for (const variant of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', variant), select: ['HRD048'], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
