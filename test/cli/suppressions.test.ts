import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/scan.js';
import { makeProject } from '../helpers.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

const project = {
  'app/__init__.py': '',
  'app/views.py': lines(
    'from django.db import connection',
    'from django.utils.safestring import mark_safe',
    '',
    'def f(cursor, q):',
    '    cursor.execute("SELECT a FROM b WHERE c = %s" % q)  # nosec',
    '    cursor.execute("SELECT a FROM b WHERE c = %s" % q)  # nosec B608',
    '    cursor.execute("SELECT a FROM b WHERE c = %s" % q)  # nosec B602',
    '    cursor.execute("SELECT a FROM b WHERE c = %s" % q)  # ponyguard: ignore[PY608] -- q is an int from the URL converter',
    '    cursor.execute("SELECT a FROM b WHERE c = %s" % q)  # ponyguard: ignore[B608]',
    '    cursor.execute("SELECT a FROM b WHERE c = %s" % q)  # ponyguard: ignore[PY703]',
    '    cursor.execute(',
    '        "SELECT a FROM b WHERE c = %s"',
    '        % q',
    '    )  # nosec B608',
    '    return mark_safe(q)  # ponyguard: ignore -- reviewed',
    '',
  ),
  'tests/test_views.py': lines('def test(cursor, q):', '    cursor.execute("SELECT a FROM b WHERE c = %s" % q)'),
  'app/migrations/0001_initial.py': lines('def forwards(cursor, q):', '    cursor.execute("UPDATE a SET b = %s" % q)'),
};

const lineOf = (findings: Array<{ location: { path: string; startLine: number } }>) => findings.map((f) => `${f.location.path}:${f.location.startLine}`).sort();

describe('suppressions', () => {
  it('honours nosec with and without ids, ponyguard ignores, and multi-line statements', async () => {
    const dir = await makeProject(project);
    const { report } = await audit({ path: dir, jobs: 1 });
    expect(lineOf(report.findings)).toEqual(['app/migrations/0001_initial.py:2', 'app/views.py:10', 'app/views.py:7', 'tests/test_views.py:2']);
    expect(report.stats.suppressed).toBe(6);
  });

  it('shows suppressed findings with their kind and reason on request', async () => {
    const dir = await makeProject(project);
    const { report, exitCode } = await audit({ path: dir, jobs: 1, showSuppressed: true });
    const views = report.findings.filter((f) => f.location.path === 'app/views.py');
    expect(views.map((f) => [f.location.startLine, f.suppression?.kind ?? null, f.suppression?.reason ?? null])).toEqual([
      [5, 'nosec', null],
      [6, 'nosec', null],
      [7, null, null],
      [8, 'inline', 'q is an int from the URL converter'],
      [9, 'inline', null],
      [10, null, null],
      [12, 'nosec', null],
      [15, 'inline', 'reviewed'],
    ]);
    expect(exitCode).toBe(1);
  });

  it('applies per-path ignores from the configuration', async () => {
    const dir = await makeProject({
      ...project,
      'pyproject.toml': lines('[tool.ponyguard.per-path-ignores]', '"tests/**" = ["B608"]', '"**/migrations/*.py" = ["PY"]'),
    });
    const { report } = await audit({ path: dir, jobs: 1 });
    expect(lineOf(report.findings)).toEqual(['app/views.py:10', 'app/views.py:7']);
  });

  it('refuses reasonless ignores when require-suppression-reason is on', async () => {
    const dir = await makeProject({ ...project, '.ponyguard.toml': 'require-suppression-reason = true\n' });
    const { report } = await audit({ path: dir, jobs: 1 });
    expect(lineOf(report.findings)).toContain('app/views.py:9');
    expect(lineOf(report.findings)).not.toContain('app/views.py:8');
    expect(report.errors).toContainEqual({
      path: 'app/views.py',
      line: 9,
      message: '"ponyguard: ignore" without a reason is not honoured (require-suppression-reason is on); add "-- why" to suppress PY608',
    });
  });
});
