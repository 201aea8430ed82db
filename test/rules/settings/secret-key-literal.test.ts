import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/secret-key-literal');
const scan = async (settings: string, env?: string[]) =>
  (await audit({ path: fixture, select: ['SET201'], jobs: 1, settings, ...(env ? { env } : {}) })).report.findings;

const REAL_KEY = 'q8#v!z2k@l0w^m5r&x7t(p3n)b9y_c4j=h6g+f1s%a-e8u*d0i9';

describe('SET201 secret-key-literal', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET201', fixture);
  });

  it('rates a real-looking key critical, placeholders and startproject keys high', async () => {
    expect((await scan('settings.prod_real')).map((f) => [f.location.startLine, f.severity, f.confidence])).toEqual([[1, 'critical', 'high']]);
    expect((await scan('settings.prod_literal')).map((f) => f.severity)).toEqual(['high']);
    expect((await scan('settings.prod_insecure_prefix')).map((f) => f.severity)).toEqual(['high']);
    expect((await scan('settings.prod_multiline')).map((f) => [f.location.startLine, f.severity])).toEqual([[2, 'critical']]);
  });

  it('never prints the secret: at most its first four characters', async () => {
    const findings = [...(await scan('settings.prod_real')), ...(await scan('settings.prod_literal')), ...(await scan('settings.prod_fallbacks'))];
    expect(findings).toHaveLength(3);
    for (const finding of findings) {
      expect(finding.message).not.toContain(REAL_KEY.slice(0, 5));
      expect(finding.message).not.toContain('please-change-me');
      expect(finding.message).not.toContain('w2$rk');
      expect(finding.fix).not.toContain('w2$rk');
    }
    expect(findings[0]!.message).toContain("'q8#v…'");
    expect(findings[1]!.message).toContain("'plea…'");
  });

  it('reports the default of an environment read at the default, with medium confidence until the environment is given', async () => {
    for (const [module, line] of [
      ['settings.prod_env_default', 3],
      ['settings.prod_getenv', 5],
      ['settings.prod_environ', 4],
      ['settings.prod_decouple', 3],
    ] as const) {
      const findings = await scan(module);
      expect(findings.map((f) => [f.location.startLine, f.severity, f.confidence]), module).toEqual([[line, 'high', 'medium']]);
      expect(findings[0]!.message).toContain('DJANGO_SECRET_KEY is not set');
      expect(findings[0]!.fix).toMatch(/^Set DJANGO_SECRET_KEY in the production environment/);
      expect(await scan(module, ['DJANGO_SECRET_KEY=from-the-vault-0123456789'])).toEqual([]);
    }
  });

  it('reports a literal fallback after `or`, and is quiet once the variable is set', async () => {
    const findings = await scan('settings.prod_or_fallback');
    expect(findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[3, 'medium']]);
    expect(findings[0]!.fix).toBe('In settings/prod_or_fallback.py, change line 3 to: SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]');
    expect(await scan('settings.prod_or_fallback', ['DJANGO_SECRET_KEY=from-the-vault-0123456789'])).toEqual([]);
  });

  it('still reports a literal when an unrelated environment is given', async () => {
    const findings = await scan('settings.prod_literal', ['OTHER=1']);
    expect(findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[1, 'high']]);
  });

  it('reports an inherited literal where it is written', async () => {
    const findings = await scan('settings.prod_inherited');
    expect(findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['settings/base.py', 2]]);
    expect(findings[0]!.message).toContain('inherited from settings/base.py');
    expect(await scan('settings.prod_overridden', ['DJANGO_SECRET_KEY=from-the-vault-0123456789'])).toEqual([]);
  });

  it('reports literal SECRET_KEY_FALLBACKS entries at the entry, only from Django 4.1', async () => {
    const findings = await scan('settings.prod_fallbacks');
    expect(findings.map((f) => [f.location.startLine, f.severity])).toEqual([[6, 'critical']]);
    expect(findings[0]!.message).toMatch(/^SECRET_KEY_FALLBACKS\[1\]/);
    const settings = 'SECRET_KEY_FALLBACKS = ["an-old-key-that-is-committed"]\n';
    const modern = await makeProject({ 'requirements.txt': 'Django==4.2.11\n', 'settings/__init__.py': '', 'settings/production.py': settings });
    expect((await audit({ path: modern, select: ['SET201'], jobs: 1 })).report.findings.map((f) => f.location.startLine)).toEqual([1]);
    const old = await makeProject({ 'requirements.txt': 'Django==4.0.10\n', 'settings/__init__.py': '', 'settings/production.py': settings });
    expect((await audit({ path: old, select: ['SET201'], jobs: 1 })).report.findings).toEqual([]);
  });

  it("reports a fallback entry's own environment default at the default", async () => {
    const findings = await scan('settings.prod_fallback_env');
    expect(findings.map((f) => [f.location.startLine, f.severity, f.confidence])).toEqual([[5, 'high', 'medium']]);
    expect(findings[0]!.message).toContain('DJANGO_OLD_SECRET_KEY is not set');
    expect(findings[0]!.fix).toMatch(/^Remove the literal default at settings\/prod_fallback_env.py:5/);
    expect(await scan('settings.prod_fallback_env', ['DJANGO_OLD_SECRET_KEY=retired-key-from-the-vault'])).toEqual([]);
  });

  it('leaves keys python-decouple reads from a .env file to the secrets rules', async () => {
    const project = await makeProject({
      '.env': 'DJANGO_SECRET_KEY=from-a-dotenv-file-0123456789\n',
      'settings/__init__.py': '',
      'settings/production.py': 'from decouple import config\n\nSECRET_KEY = config("DJANGO_SECRET_KEY", default="dev-key")\n',
    });
    expect((await audit({ path: project, select: ['SET201'], jobs: 1 })).report.findings).toEqual([]);
  });
});

describe('SET201 never shows the key', () => {
  it('masks the key in the message, the fix and the code frame', async () => {
    const { audit } = await import('../../../src/engine/scan.js');
    const { makeProject } = await import('../../helpers.js');
    const key = 'q8#Lw$2zR^p5&mB*v0(nC)y3_hG-fJ+dK=sA!t9@xW7%eU4)oI6';
    const dir = await makeProject({ 'settings/__init__.py': '', 'settings/production.py': `SECRET_KEY = "${key}"\n` });
    const { report } = await audit({ path: dir, jobs: 1, select: ['SET201'] });
    expect(report.findings).toHaveLength(1);
    const text = JSON.stringify(report.findings);
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(0, 12));
    expect(report.findings[0]!.excerpt?.lines.join('\n')).toContain('SECRET_KEY = "q8#L…"');
  });
});
