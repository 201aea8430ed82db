import { describe, expect, it } from 'vitest';
import { parsePyproject } from '../../../src/deps/parsers/pyproject.js';
import { fixture, pkg } from '../helpers.js';

const view = (file: ReturnType<typeof parsePyproject>) => file.packages.map((p) => [p.name, p.specifier, p.line, p.groups]);

describe('pyproject.toml parser: PEP 621 and PEP 735', () => {
  const file = parsePyproject(fixture('pyproject/pep621.toml'), 'pyproject.toml');

  it('reads dependencies, extras (group = extra) and dependency groups at the line of each string', () => {
    expect(view(file)).toEqual([
      ['django', '>=4.2,<5', 9, []],
      ['celery', '==5.3.4', 10, []],
      ['django-filter', '', 11, []],
      ['psycopg', '', 12, []],
      ['pytest', '==7.4.0', 16, ['test']],
      ['django-filter', '', 16, ['test']],
      ['sentry-sdk', '>=1.30', 17, ['all']],
      ['ruff', '==0.1.0', 20, ['lint', 'test', 'dev']],
      ['pytest-django', '>=4.5', 21, ['test', 'dev']],
      ['django-debug-toolbar', '', 24, ['dev']],
    ]);
  });

  it('keeps versions, extras, markers and sources', () => {
    expect(pkg(file, 'celery')).toMatchObject({ version: '5.3.4', extras: ['redis'], marker: 'python_version >= "3.8"' });
    expect(pkg(file, 'psycopg')).toMatchObject({ source: 'vcs', version: null });
    expect(pkg(file, 'django')).toMatchObject({ rawName: 'Django', version: null, direct: true });
  });

  it('skips the project referring to itself (my-shop[test] in an extra)', () => {
    expect(file.packages.some((p) => p.name === 'my-shop')).toBe(false);
  });

  it('reports an include-group naming an undefined group', () => {
    expect(file.problems).toEqual([{ path: 'pyproject.toml', line: 25, message: 'dependency group `dev` includes `docs`, which is not defined' }]);
  });

  it('reports include-group cycles once', () => {
    const cycle = parsePyproject(fixture('pyproject/cycle.toml'), 'pyproject.toml');
    expect(cycle.problems).toEqual([{ path: 'pyproject.toml', line: 3, message: 'dependency groups include each other in a cycle: a → b → a' }]);
    expect(view(cycle)).toEqual([
      ['pkg-a', '', 2, ['a', 'b']],
      ['pkg-b', '', 3, ['b', 'a']],
    ]);
  });

  it('turns invalid TOML into a problem naming the line', () => {
    const bad = parsePyproject(fixture('pyproject/bad.toml'), 'pyproject.toml');
    expect(bad.packages).toEqual([]);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatchObject({ path: 'pyproject.toml', line: 6 });
    expect(bad.problems[0]?.message).toMatch(/^not valid TOML \(line 6, column \d+\): /);
  });

  it('reads PDM and uv dev dependencies, including editable entries', () => {
    const tools = parsePyproject(fixture('pyproject/tools.toml'), 'pyproject.toml');
    expect(tools.problems).toEqual([]);
    expect(tools.packages.map((p) => [p.name, p.specifier, p.line, p.groups, p.source])).toEqual([
      ['pytest', '>=7', 6, ['test'], 'index'],
      ['local-lib', '', 6, ['test'], 'editable'],
      ['ruff', '', 7, ['lint'], 'index'],
      ['coverage', '==7.3.2', 10, ['dev'], 'index'],
    ]);
  });
});

describe('pyproject.toml parser: Poetry', () => {
  const file = parsePyproject(fixture('pyproject/poetry.toml'), 'pyproject.toml');

  it('reads every poetry table at the line of its key, skipping python', () => {
    expect(file.problems).toEqual([]);
    expect(file.packages.map((p) => `${p.name}@${p.line}`)).toEqual([
      'django@7',
      'djangorestframework@8',
      'celery@9',
      'django-storages@10',
      'pillow@11',
      'gunicorn@12',
      'sentry-sdk@13',
      'zero-caret@14',
      'urllib3@15',
      'colorama@16',
      'tomli@17',
      'my-lib@18',
      'local-lib@19',
      'numpy@20',
      'numpy@20',
      'whitenoise@25',
      'black@42',
      'pytest@33',
      'ruff@39',
    ]);
  });

  it('converts carets, tildes, wildcards and exact versions to PEP 440', () => {
    expect(pkg(file, 'django')).toMatchObject({ rawName: 'Django', specifier: '>=4.2.7,<5.0.0', version: null });
    expect(pkg(file, 'djangorestframework').specifier).toBe('>=3.14,<3.15');
    expect(pkg(file, 'zero-caret').specifier).toBe('>=0.2.3,<0.3.0');
    expect(pkg(file, 'pillow')).toMatchObject({ specifier: '==10.*', version: null });
    expect(pkg(file, 'gunicorn').specifier).toBe('>=21.2,<22');
    expect(pkg(file, 'sentry-sdk')).toMatchObject({ specifier: '==1.39.1', version: '1.39.1' });
    expect(pkg(file, 'black')).toMatchObject({ specifier: '==23.11.0', version: '23.11.0', groups: ['dev'] });
    expect(pkg(file, 'urllib3')).toMatchObject({ specifier: '>=1.25.4,<2.2.0||>2.2.0,<3', version: null });
  });

  it('reads tables: extras, optional (group = the poetry extras listing it), markers, python, git and path sources', () => {
    expect(pkg(file, 'celery')).toMatchObject({ specifier: '>=5.3,<6.0', extras: ['redis', 'msgpack'] });
    expect(pkg(file, 'django-storages')).toMatchObject({ version: '1.14.2', groups: ['s3'] });
    expect(pkg(file, 'colorama')).toMatchObject({ specifier: '', marker: "sys_platform == 'win32'" });
    expect(pkg(file, 'tomli')).toMatchObject({ specifier: '>=2.0,<3.0', marker: 'python_version < "3.11"' });
    expect(pkg(file, 'my-lib')).toMatchObject({ source: 'vcs', specifier: '' });
    expect(pkg(file, 'local-lib')).toMatchObject({ source: 'editable' });
    expect(pkg(file, 'whitenoise')).toMatchObject({ specifier: '>=6.6,<7.0', extras: ['brotli'] });
    expect(file.packages.filter((p) => p.name === 'numpy').map((p) => [p.specifier, p.marker])).toEqual([
      ['>=1.24,<2.0', 'python_version < "3.12"'],
      ['>=1.26,<2.0', 'python_version >= "3.12"'],
    ]);
  });

  it('puts group dependencies in their group', () => {
    expect(pkg(file, 'pytest').groups).toEqual(['dev']);
    expect(pkg(file, 'ruff').groups).toEqual(['lint']);
    expect(pkg(file, 'django').groups).toEqual([]);
  });

  it('gives a dependency inside an inline table the line of that table', () => {
    const inline = parsePyproject('[tool.poetry]\nname = "x"\ndependencies = { python = "^3.11", django = "^4.2" }\n', 'pyproject.toml');
    expect(inline.packages.map((p) => [p.name, p.specifier, p.line])).toEqual([['django', '>=4.2,<5.0', 3]]);
  });
});
