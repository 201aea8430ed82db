import { describe, expect, it } from 'vitest';
import { dependencyFormatOf, loadDependencyFiles } from '../../src/deps/load.js';
import { DEPS_FIXTURES } from './helpers.js';

describe('dependencyFormatOf', () => {
  it('picks the format from the file name, requirements for anything else', () => {
    const cases: Array<[string, string]> = [
      ['requirements.txt', 'requirements'],
      ['requirements/prod.in', 'requirements'],
      ['constraints.txt', 'requirements'],
      ['app/pyproject.toml', 'pyproject'],
      ['setup.cfg', 'setup-cfg'],
      ['setup.py', 'setup-py'],
      ['Pipfile', 'pipfile'],
      ['Pipfile.lock', 'pipfile-lock'],
      ['poetry.lock', 'poetry-lock'],
      ['uv.lock', 'uv-lock'],
      ['pdm.lock', 'pdm-lock'],
      ['pylock.toml', 'pylock'],
      ['sub/pylock.dev.toml', 'pylock'],
    ];
    expect(cases.map(([name]) => [name, dependencyFormatOf(name)])).toEqual(cases);
  });
});

describe('loadDependencyFiles', () => {
  it('follows -r and -c includes recursively, relative to the including file, each file once', async () => {
    const files = await loadDependencyFiles(DEPS_FIXTURES, ['requirements/nested/requirements.txt', 'requirements/nested/base.txt']);
    expect(files.map((f) => [f.path, f.format, f.includes, f.problems])).toEqual([
      [
        'requirements/nested/requirements.txt',
        'requirements',
        ['requirements/nested/base.txt', 'requirements/nested/constraints.txt'],
        [],
      ],
      ['requirements/nested/base.txt', 'requirements', ['requirements/nested/common/common.txt'], []],
      ['requirements/nested/common/common.txt', 'requirements', [], []],
      ['requirements/nested/constraints.txt', 'requirements', [], []],
    ]);
  });

  it('marks the packages of a file reached only through -c as indirect', async () => {
    const files = await loadDependencyFiles(DEPS_FIXTURES, ['requirements/nested/requirements.txt']);
    const view = files.flatMap((f) => f.packages.map((p) => [f.path, p.name, p.version, p.line, p.direct]));
    expect(view).toEqual([
      ['requirements/nested/requirements.txt', 'django', null, 4, true],
      ['requirements/nested/base.txt', 'sqlparse', '0.4.1', 2, true],
      ['requirements/nested/common/common.txt', 'asgiref', '3.5.0', 1, true],
      ['requirements/nested/constraints.txt', 'django', '3.2.10', 1, false],
    ]);
  });

  it('reports an include cycle at the directive that closes it', async () => {
    const files = await loadDependencyFiles(DEPS_FIXTURES, ['requirements/cycle/a.txt']);
    expect(files.map((f) => f.path)).toEqual(['requirements/cycle/a.txt', 'requirements/cycle/b.txt']);
    expect(files[0]?.problems).toEqual([]);
    expect(files[1]?.problems).toEqual([
      {
        path: 'requirements/cycle/b.txt',
        line: 2,
        message: '`-r a.txt` makes an include cycle (requirements/cycle/a.txt → requirements/cycle/b.txt → requirements/cycle/a.txt); not followed again',
      },
    ]);
    expect(files.flatMap((f) => f.packages.map((p) => p.name))).toEqual(['pkg-a', 'pkg-b']);
  });

  it('reports a missing include naming the file and the line, and keeps the rest of the file', async () => {
    const [file] = await loadDependencyFiles(DEPS_FIXTURES, ['requirements/missing/requirements.txt']);
    expect(file?.packages.map((p) => p.name)).toEqual(['django']);
    expect(file?.problems).toEqual([
      {
        path: 'requirements/missing/requirements.txt',
        line: 2,
        message: 'included file requirements/missing/does-not-exist.txt (`-r does-not-exist.txt`) cannot be read: it does not exist',
      },
      { path: 'requirements/missing/requirements.txt', line: 4, message: expect.stringContaining('remote include') as string },
    ]);
  });

  it('reads every format, gives lock files their sibling manifest, and never loses a file to another one', async () => {
    const files = await loadDependencyFiles(DEPS_FIXTURES, [
      'pyproject/bad.toml',
      'missing-dir/requirements.txt',
      'pipfile-lock/Pipfile.lock',
      'poetry-lock/poetry.lock',
      'uv-lock/uv.lock',
      'pdm-lock/pdm.lock',
      'pylock/pylock.toml',
      'setup-cfg/setup.cfg',
      'pipfile/Pipfile',
      './poetry-lock/pyproject.toml',
    ]);
    expect(files.map((f) => [f.path, f.format, f.packages.length])).toEqual([
      ['pyproject/bad.toml', 'requirements', 0],
      ['missing-dir/requirements.txt', 'requirements', 0],
      ['pipfile-lock/Pipfile.lock', 'pipfile-lock', 7],
      ['poetry-lock/poetry.lock', 'poetry-lock', 14],
      ['uv-lock/uv.lock', 'uv-lock', 17],
      ['pdm-lock/pdm.lock', 'pdm-lock', 9],
      ['pylock/pylock.toml', 'pylock', 6],
      ['setup-cfg/setup.cfg', 'setup-cfg', 8],
      ['pipfile/Pipfile', 'pipfile', 10],
      ['poetry-lock/pyproject.toml', 'pyproject', 4],
    ]);
    expect(files[1]?.problems).toEqual([{ path: 'missing-dir/requirements.txt', line: null, message: 'cannot read the file: it does not exist' }]);
    // The sibling Pipfile makes the packages it does not declare indirect.
    const pipfileLock = files[2];
    expect(pipfileLock?.packages.filter((p) => !p.direct).map((p) => p.name)).toEqual(['asgiref', 'redis', 'asgiref']);
    expect(files.slice(2).every((f) => f.problems.length === 0)).toBe(true);
  });

  it('turns an unparsable pyproject.toml into a problem naming its line', async () => {
    const dir = `${DEPS_FIXTURES}/pyproject`;
    const { mkdtemp, copyFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const root = await mkdtemp(`${os.tmpdir()}/ponyguard-deps-`);
    try {
      await copyFile(`${dir}/bad.toml`, `${root}/pyproject.toml`);
      const [file] = await loadDependencyFiles(root, ['pyproject.toml']);
      expect(file).toMatchObject({ path: 'pyproject.toml', format: 'pyproject', packages: [] });
      expect(file?.problems).toMatchObject([{ path: 'pyproject.toml', line: 6 }]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
