import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/csrf-failure-view-signature-invalid');

async function hits(view: string, pin?: string) {
  const dir = await makeProject({
    ...(pin ? { 'requirements.txt': `Django==${pin}\n` } : {}),
    'settings/__init__.py': '',
    'settings/prod.py': `CSRF_FAILURE_VIEW = ${JSON.stringify(view)}\n`,
    'shop/__init__.py': '',
    'shop/errors.py': [
      'def positional_only(request, reason=None, /):',
      '    pass',
      '',
      'def keyword_only_request(*, request, reason=None):',
      '    pass',
      '',
      'def only_kwargs(**kwargs):',
      '    pass',
      '',
      'def request_and_kwargs(request, **kwargs):',
      '    pass',
      '',
      'def args_then_reason(*args, reason):',
      '    pass',
      '',
      'def typed(request: object, reason: str = "", *rest: object, **extra: object) -> None:',
      '    pass',
      '',
      'def required_keyword_only(request, reason="", *, template):',
      '    pass',
      '',
      'if True:',
      '    def conditional(request):',
      '        pass',
      '',
      'def redefined(request):',
      '    pass',
      '',
      'def redefined(request, reason=""):',
      '    pass',
      '',
    ].join('\n'),
  });
  const { report } = await audit({ path: dir, select: ['SET101'], jobs: 1 });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => [f.location.path, f.location.startLine]);
}

describe('SET101 csrf-failure-view-signature-invalid', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET101', fixture);
  });

  it('reports at the view, once for every production module that names it, with the fix', async () => {
    const { report } = await audit({ path: fixture, select: ['SET101'], jobs: 1 });
    const noReason = report.findings.filter((f) => f.location.startLine === 34);
    expect(noReason).toHaveLength(1);
    expect(noReason[0]!.location.path).toBe('myapp/views.py');
    expect(noReason[0]!.message).toMatch(/settings\.prod_no_reason[,;].*settings\.prod_no_reason_again/);
    expect(noReason[0]!.message).not.toContain('settings.dev');
    expect(noReason[0]!.fix).toBe('In myapp/views.py, declare the view as def csrf_no_reason(request, reason=""): (give any other parameter a default).');
  });

  it('follows inspect.signature().bind(None, reason=None) exactly', async () => {
    expect(await hits('shop.errors.positional_only')).toEqual([['shop/errors.py', 1]]);
    expect(await hits('shop.errors.keyword_only_request')).toEqual([['shop/errors.py', 4]]);
    expect(await hits('shop.errors.only_kwargs')).toEqual([['shop/errors.py', 7]]);
    expect(await hits('shop.errors.request_and_kwargs')).toEqual([]);
    expect(await hits('shop.errors.args_then_reason')).toEqual([]);
    expect(await hits('shop.errors.typed')).toEqual([]);
    expect(await hits('shop.errors.required_keyword_only')).toEqual([['shop/errors.py', 19]]);
  });

  it('does not judge conditional or repeated definitions', async () => {
    expect(await hits('shop.errors.conditional')).toEqual([]);
    expect(await hits('shop.errors.redefined')).toEqual([]);
  });

  it('exists from Django 3.2 only', async () => {
    expect(await hits('shop.errors.only_kwargs', '3.1.14')).toEqual([]);
    expect(await hits('shop.errors.only_kwargs', '3.2.25')).toEqual([['shop/errors.py', 7]]);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET101'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.location.startLine, f.suppression?.kind])).toEqual([[42, 'inline']]);
  });

  it('says when the path is the default of an unset environment variable, and follows the variable once set', async () => {
    const unset = (await audit({ path: fixture, select: ['SET101'], jobs: 1, settings: 'settings.prod_env_default' })).report;
    expect(unset.findings.map((f) => f.location.startLine)).toEqual([38]);
    expect(unset.findings[0]!.fix).toContain('CSRF_VIEW is not set');
    const good = (await audit({ path: fixture, select: ['SET101'], jobs: 1, settings: 'settings.prod_env_default', env: ['CSRF_VIEW=myapp.views.csrf_failure'] })).report;
    expect(good.findings).toEqual([]);
    const bad = (await audit({ path: fixture, select: ['SET101'], jobs: 1, settings: 'settings.prod_env_default', env: ['CSRF_VIEW=myapp.views.csrf_extra'] })).report;
    expect(bad.findings.map((f) => f.location.startLine)).toEqual([42]);
  });
});
