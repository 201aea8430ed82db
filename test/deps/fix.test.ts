/**
 * `fix deps` planning on hand-written fixtures (`test/fixtures/fix/`), copied into throw-away projects: the exact
 * text of every rewritten file, what is left alone, the commands for lock files (which are never touched), the
 * hash warnings and what cannot be fixed. Targets come from the bundled advisory database; the first test checks
 * them against it, so a database change shows up there rather than as a puzzling text diff.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFixInput, runFixDeps } from '../../src/cli/fix-deps.js';
import { DEFAULT_ADVISORY_DB, loadAdvisoryDb } from '../../src/deps/advisories/db.js';
import { advisoriesForVersion, minimalFix } from '../../src/deps/advisories/match.js';
import type { AdvisoryDb } from '../../src/deps/advisories/types.js';
import { fixExitCode, formatFixPlan, hashCommand, planDependencyFixes, type FixPlan } from '../../src/deps/fix.js';
import { FIXTURES, makeProject } from '../helpers.js';

const FIX_FIXTURES = path.join(FIXTURES, 'fix');

/** The fixture's files (relative path → content), with the `\n` of the files named in `crlf` turned into `\r\n`. */
async function fixtureFiles(name: string, crlf: readonly string[] = []): Promise<Record<string, string>> {
  const root = path.join(FIX_FIXTURES, name);
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const rel = path.relative(root, full).split(path.sep).join('/');
        const text = await readFile(full, 'utf8');
        out[rel] = crlf.includes(rel) ? text.replace(/\n/g, '\r\n') : text;
      }
    }
  };
  await walk(root);
  return out;
}

/** Copies a fixture into a temp project and plans its fixes. */
async function planFixture(name: string, db: AdvisoryDb, crlf: readonly string[] = []): Promise<{ dir: string; files: Record<string, string>; plan: FixPlan }> {
  const files = await fixtureFiles(name, crlf);
  const dir = await makeProject(files);
  const input = await readFixInput(dir);
  for (const file of input.files) expect(file.problems, file.path).toEqual([]);
  return { dir, files, plan: planDependencyFixes({ files: input.files, db, texts: input.texts }) };
}

/** Rewritten files: path → new text. */
function rewritten(plan: FixPlan): Record<string, string> {
  return Object.fromEntries(plan.rewrites.map((r) => [r.file, r.after]));
}

function manual(plan: FixPlan): string[] {
  return plan.manual.map((m) => `${m.file}:${m.line} ${m.name} ${m.reason}${m.target ? ` ${m.target}` : ''}`);
}

/** Runs the command (from the sources) on a directory, capturing its output. */
async function run(dir: string, dryRun: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await runFixDeps({ path: dir, dryRun, stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe.skipIf(!existsSync(DEFAULT_ADVISORY_DB))('fix deps planning', () => {
  let db: AdvisoryDb;
  beforeAll(async () => {
    const loaded = await loadAdvisoryDb();
    if (!loaded.ok) throw new Error(loaded.error.message);
    db = loaded.db;
  });

  it('uses the targets DEP001 computes from the bundled database', () => {
    // name@version → the fix (null: none known; 'clean': no advisory at all).
    const expected: Record<string, string | null> = {
      'django@3.2.10': '3.2.25',
      'django@3.2': '3.2.25',
      'requests@2.19.0': '2.31.0',
      'requests@2.19': '2.31.0',
      'pyyaml@5.3': '5.4',
      'sqlparse@0.4.1': '0.4.4',
      'urllib3@1.26.4': '1.26.18',
      'urllib3@1.26': '1.26.18',
      'urllib3@2.0': '2.0.7',
      'jinja2@2.11.2': '2.11.3',
      'certifi@2022.9.24': '2023.7.22',
      'idna@3.6': '3.7',
      'setuptools@65.5.0': '65.5.1',
      'lxml@4.6.2': '4.9.1',
      'pillow@9.0': '10.0.1',
      'celery@5.2.1': '5.2.2',
      'djangorestframework@3.11.0': '3.11.2',
      'pyjwt@1.7.1': '2.4.0',
      'bleach@3': '3.3.0',
      'pycrypto@2.6.1': null,
      'gunicorn@20.0.4': 'clean',
      'asgiref@3.7.2': 'clean',
    };
    const actual = Object.fromEntries(
      Object.keys(expected).map((key) => {
        const [name = '', version = ''] = key.split('@');
        const audit = advisoriesForVersion(db, name, version);
        if (audit.matches.length === 0) return [key, 'clean'];
        const fix = minimalFix(audit.matches, version);
        return [key, fix.inSeries ?? fix.overall];
      }),
    );
    expect(actual).toEqual(expected);
  });

  it('rewrites requirements pins in place: extras, markers, comments, spacing, continuations, hashes, CRLF, includes', async () => {
    const { files, plan } = await planFixture('requirements', db, ['requirements-windows.txt']);
    expect(rewritten(plan)).toEqual({
      'requirements.txt': lines(
        '# Production requirements',
        '-r base.txt',
        '--index-url https://pypi.org/simple',
        '',
        'Django[argon2,bcrypt]==3.2.25 ; python_version >= "3.8"  # the web framework, was Django==3.2.10',
        'requests == 2.31.0    # spaces around the operator',
        'PyYAML==5.4 \\',
        '    --hash=sha256:aaaaaaaaaaaaaaaa \\',
        '    --hash=sha256:bbbbbbbbbbbbbbbb',
        'sqlparse\\',
        '==0.4.4',
        'gunicorn==20.0.4  # no advisory: left alone',
        'celery>=5.2.1  # a range: left alone in requirements files',
        'pycrypto==2.6.1',
      ),
      // Reached only through `-r base.txt`; asgiref 3.7.2 has no advisory.
      'base.txt': lines('urllib3==1.26.18', 'asgiref==3.7.2'),
      'requirements-windows.txt': '# CRLF line endings (the test writes this file with \\r\\n)\r\nJinja2==2.11.3\r\ncertifi==2023.7.22  # certificates\r\n',
      'requirements-lock.txt': files['requirements-lock.txt']!.replace('idna==3.6', 'idna==3.7'),
      'requirements.in': lines('Django>=3.2,<4  # ranges are left alone', 'setuptools===65.5.1'),
    });
    const django = plan.rewrites.find((r) => r.file === 'requirements.txt')!.edits[0]!;
    expect(django).toMatchObject({ line: 5, column: 24, length: 6, replacement: '3.2.25', kind: 'pin', from: '3.2.10', to: '3.2.25' });
    expect(django.before).toBe('Django[argon2,bcrypt]==3.2.10');
    expect(plan.hashWarnings.map((w) => [`${w.file}:${w.line}`, w.name, w.command])).toEqual([
      ['requirements-lock.txt:7', 'idna', 'pip-compile --generate-hashes --output-file=requirements-lock.txt requirements.in'],
      ['requirements.txt:7', 'pyyaml', 'pip-compile --generate-hashes (or uv pip compile --generate-hashes)'],
    ]);
    expect(manual(plan)).toEqual(['requirements.txt:14 pycrypto no-fix']);
    expect(plan.locks).toEqual([]);
    expect(fixExitCode(plan, false)).toBe(1);
  });

  it('prints the plan: each change as file:line  old → new, then warnings and what is left', async () => {
    const { plan } = await planFixture('requirements', db);
    expect(formatFixPlan(plan, { dryRun: true })).toBe(
      lines(
        'Changes (dry run, nothing written):',
        'requirements-lock.txt:7  idna==3.6 → idna==3.7',
        'requirements-windows.txt:2  Jinja2==2.11.2 → Jinja2==2.11.3',
        'requirements-windows.txt:3  certifi==2022.9.24 → certifi==2023.7.22',
        'requirements.in:2  setuptools===65.5.0 → setuptools===65.5.1',
        'requirements.txt:5  Django[argon2,bcrypt]==3.2.10 → Django[argon2,bcrypt]==3.2.25',
        'requirements.txt:6  requests == 2.19.0 → requests == 2.31.0',
        'requirements.txt:7  PyYAML==5.3 → PyYAML==5.4',
        'requirements.txt:11  sqlparse==0.4.1 → sqlparse==0.4.4',
        'base.txt:1  urllib3==1.26.4 → urllib3==1.26.18',
        '',
        'Warnings:',
        'requirements-lock.txt:7  idna: the --hash pins are for 3.6, not 3.7; regenerate them: pip-compile --generate-hashes --output-file=requirements-lock.txt requirements.in',
        'requirements.txt:7  PyYAML: the --hash pins are for 5.3, not 5.4; regenerate them: pip-compile --generate-hashes (or uv pip compile --generate-hashes)',
        '',
        'Not fixed automatically:',
        'requirements.txt:14  pycrypto 2.6.1: no known release fixes all its advisories; replace the package or mitigate',
        '',
        'Summary: 9 changes in 5 files not written (dry run), 2 hash-pinned requirements to re-hash, 1 package not fixed.',
      ),
    );
  });

  it('rewrites PEP 621 pins and raises affected lower bounds in pyproject.toml, leaving the rest', async () => {
    const { plan } = await planFixture('pep621', db);
    expect(rewritten(plan)).toEqual({
      'pyproject.toml': lines(
        '[project]',
        'name = "shop"',
        'version = "1.0"',
        'dependencies = [',
        '    "Django>=3.2.25,<4.0",  # the lower bound is raised',
        '    "PyYAML==5.4",',
        '    "requests[socks] == 2.31.0 ; python_version >= \'3.8\'",',
        '    "gunicorn==20.0.4",',
        '    "sqlparse~=0.4.4",',
        '    "cryptography<4",',
        ']',
        '',
        '[project.optional-dependencies]',
        'xml = [\'lxml>=4.9.1\', "urllib3~=1.26,>=1.26.18"]',
        'images = ["Pillow>=9.0,<9.5"]',
        '',
        '[dependency-groups]',
        'dev = ["jinja2==2.11.3", {include-group = "test"}]',
        'test = ["pycrypto==2.6.1"]',
      ),
    });
    const kinds = plan.rewrites[0]!.edits.map((e) => `${e.name} ${e.kind} ${e.from} → ${e.to}`);
    expect(kinds).toEqual([
      'django lower-bound 3.2 → 3.2.25',
      'pyyaml pin 5.3 → 5.4',
      'requests pin 2.19.0 → 2.31.0',
      'sqlparse lower-bound 0.4.1 → 0.4.4',
      'lxml lower-bound 4.6.2 → 4.9.1',
      'urllib3 lower-bound 1.26 → 1.26.18',
      'jinja2 pin 2.11.2 → 2.11.3',
    ]);
    expect(manual(plan)).toEqual(['pyproject.toml:15 pillow outside-range 10.0.1', 'pyproject.toml:19 pycrypto no-fix']);
    expect(formatFixPlan(plan, { dryRun: false }).split('\n').filter((l) => /^pyproject\.toml:1[45]/.test(l))).toEqual([
      "pyproject.toml:14  lxml>=4.6.2 → lxml>=4.9.1",
      'pyproject.toml:14  urllib3~=1.26 → urllib3~=1.26,>=1.26.18',
      'pyproject.toml:15  Pillow >=9.0,<9.5: its lower bound 9.0 is affected and the fix 10.0.1 is outside the range; widen it by hand',
    ]);
  });

  it('rewrites Poetry exact versions, carets, tildes, inline tables and dependency tables', async () => {
    const { plan } = await planFixture('poetry', db);
    expect(rewritten(plan)).toEqual({
      'pyproject.toml': lines(
        '[tool.poetry]',
        'name = "shop"',
        'version = "1.0.0"',
        '',
        '[tool.poetry.dependencies]',
        'python = "^3.10"',
        'django = "^3.2.25"',
        'celery = "5.2.2"',
        'djangorestframework = { version = "==3.11.2", extras = ["yaml"] }',
        'pyjwt = "^1.7.1"  # the fix, 2.4.0, is outside the caret range',
        'requests.version = "=2.31.0"',
        'urllib3 = [',
        '    { version = "^1.26.18", python = "<3.10" },',
        '    { version = "^2.0.7", python = ">=3.10" },',
        ']',
        '',
        '[tool.poetry.group.dev.dependencies]',
        'setuptools = { version = "~65.5.1" }',
        'bleach = ">=3.3.0,<4"',
        '',
        '[tool.poetry.dependencies.certifi]',
        'version = "2023.7.22"',
      ),
    });
    expect(plan.rewrites[0]!.edits.map((e) => `${e.line}: ${e.before} → ${e.after}`)).toEqual([
      '7: django = "^3.2" → django = "^3.2.25"',
      '8: celery = "5.2.1" → celery = "5.2.2"',
      '9: djangorestframework = "==3.11.0" → djangorestframework = "==3.11.2"',
      '11: requests = "=2.19.0" → requests = "=2.31.0"',
      '13: urllib3 = "^1.26.4" → urllib3 = "^1.26.18"',
      '14: urllib3 = "^2.0" → urllib3 = "^2.0.7"',
      '18: setuptools = "~65.5.0" → setuptools = "~65.5.1"',
      '19: bleach = "~3" → bleach = ">=3.3.0,<4"',
      '22: certifi = "2022.9.24" → certifi = "2023.7.22"',
    ]);
    expect(manual(plan)).toEqual(['pyproject.toml:10 pyjwt outside-range 2.4.0']);
  });

  it('rewrites Pipfile pins and lower bounds the same way', async () => {
    const { plan } = await planFixture('pipfile', db);
    expect(rewritten(plan)).toEqual({
      Pipfile: lines(
        '[packages]',
        'django = "==3.2.25"',
        'requests = {version = ">=2.31.0", extras = ["socks"]}',
        'gunicorn = "*"',
        '',
        '[dev-packages]',
        'pyyaml = "5.4"',
      ),
    });
    expect(plan.manual).toEqual([]);
    expect(fixExitCode(plan, false)).toBe(0);
    expect(fixExitCode(plan, true)).toBe(1);
  });

  it.each([
    ['uv', 'uv.lock', ['uv.lock:11  django 3.2.10 → 3.2.25', 'uv.lock:35  sqlparse 0.4.1 → 0.4.4 (indirect, pulled in by django)', '  run: uv lock --upgrade-package django==3.2.25 --upgrade-package sqlparse==0.4.4']],
    ['poetry-lock', 'poetry.lock', ['poetry.lock:3  django 3.2.10 → 3.2.25', 'poetry.lock:16  sqlparse 0.4.1 → 0.4.4 (indirect, pulled in by django)', '  run: poetry update django sqlparse']],
    ['pdm', 'pdm.lock', ['pdm.lock:10  django 3.2.10 → 3.2.25', 'pdm.lock:22  pyyaml 5.3 → 5.4', 'pdm.lock:28  sqlparse 0.4.1 → 0.4.4 (indirect, pulled in by django)', '  run: pdm update django pyyaml sqlparse']],
    // Pipfile.lock records no graph: sqlparse is indirect (not in the Pipfile) without a chain.
    ['pipenv', 'Pipfile.lock', ['Pipfile.lock:19  django 3.2.10 → 3.2.25', 'Pipfile.lock:25  sqlparse 0.4.1 → 0.4.4 (indirect)', '  run: pipenv upgrade django sqlparse']],
    [
      'pylock',
      'pylock.toml',
      [
        'pylock.docs.toml:4  jinja2 2.11.2 → 2.11.3',
        '  re-create pylock.docs.toml with uv, resolving jinja2>=2.11.3',
        'pylock.toml:4  django 3.2.10 → 3.2.25',
        '  re-create pylock.toml with pip lock, resolving django>=3.2.25',
      ],
    ],
  ])('%s: prints the command for %s and never touches the lock file', async (fixture, _lock, expected) => {
    const files = await fixtureFiles(fixture);
    const dir = await makeProject(files);
    const result = await run(dir, false);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const lockCount = fixture === 'pylock' ? 2 : 1;
    expect(result.stdout).toBe(
      lines('Lock files (never edited; run these commands):', ...expected, '', `Summary: ${lockCount} lock file${lockCount === 1 ? '' : 's'} to update.`),
    );
    for (const [rel, content] of Object.entries(files)) expect(await readFile(path.join(dir, rel), 'utf8'), rel).toBe(content);
  });

  it('runs the lock command in the lock file directory and names the whole chain of an indirect package', async () => {
    const files = await fixtureFiles('uv');
    const dir = await makeProject(Object.fromEntries(Object.entries(files).map(([rel, text]) => [`backend/${rel}`, text])));
    const input = await readFixInput(dir);
    const plan = planDependencyFixes({ files: input.files, db, texts: input.texts });
    expect(plan.locks.map((l) => [l.file, l.directory])).toEqual([['backend/uv.lock', 'backend']]);
    plan.locks[0]!.upgrades[1]!.path = ['django-filter', 'django', 'sqlparse'];
    const text = formatFixPlan(plan, { dryRun: false });
    expect(text).toContain('backend/uv.lock:35  sqlparse 0.4.1 → 0.4.4 (indirect, pulled in by django-filter: django-filter → django → sqlparse)\n');
    expect(text).toContain('  run in backend/: uv lock --upgrade-package django==3.2.25 --upgrade-package sqlparse==0.4.4\n');
  });

  it('reports pins of files it does not edit, pins excluded by their own constraint, and nothing to do', async () => {
    const dir = await makeProject({
      'setup.cfg': '[options]\ninstall_requires =\n    Django==3.2.10\n',
      'requirements.txt': 'sqlparse==0.4.1,<0.4.3\ngunicorn==20.0.4\n',
    });
    const input = await readFixInput(dir);
    const plan = planDependencyFixes({ files: input.files, db, texts: input.texts });
    expect(plan.rewrites).toEqual([]);
    expect(formatFixPlan(plan, { dryRun: false })).toBe(
      lines(
        'Not fixed automatically:',
        'requirements.txt:1  sqlparse 0.4.1: the fix 0.4.4 is outside `==0.4.1,<0.4.3`; change the constraint by hand',
        'setup.cfg:3  Django 3.2.10: setup.cfg is not edited; change the pin to Django==3.2.25 by hand',
        '',
        'Summary: 2 packages not fixed.',
      ),
    );
    const clean = await makeProject({ 'requirements.txt': 'gunicorn==20.0.4\n' });
    const result = await run(clean, false);
    expect(result).toEqual({ code: 0, stdout: 'Nothing to fix: no pinned dependency is affected by a known advisory.\n', stderr: '' });
  });

  it('keeps a byte-order mark and reads a uv header for the hash command', async () => {
    const { plan } = await (async () => {
      const dir = await makeProject({ 'requirements.txt': '\uFEFFDjango==3.2.10\n' });
      const input = await readFixInput(dir);
      return { plan: planDependencyFixes({ files: input.files, db, texts: input.texts }) };
    })();
    expect(rewritten(plan)).toEqual({ 'requirements.txt': '\uFEFFDjango==3.2.25\n' });
    expect(hashCommand('# This file was autogenerated by uv via the following command:\r\n#    uv pip compile requirements.in --generate-hashes -o requirements.txt\r\nx==1\r\n')).toBe(
      'uv pip compile requirements.in --generate-hashes -o requirements.txt',
    );
  });
});
