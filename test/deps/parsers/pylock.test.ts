import { describe, expect, it } from 'vitest';
import { parsePylock } from '../../../src/deps/parsers/pylock.js';
import { parsePyproject } from '../../../src/deps/parsers/pyproject.js';
import { fixture, pkg } from '../helpers.js';

describe('pylock.toml parser (PEP 751)', () => {
  const file = parsePylock(fixture('pylock/pylock.toml'), 'pylock.toml');

  it('reads every [[packages]] entry with its version, marker, source and hashes', () => {
    expect(file.format).toBe('pylock');
    expect(file.problems).toEqual([]);
    expect(file.packages.map((p) => [p.name, p.version, p.line, p.source, p.hashed])).toEqual([
      ['django', '4.2.7', 6, 'index', true],
      ['asgiref', '3.7.2', 18, 'index', true],
      ['sqlparse', '0.4.4', 24, 'index', false],
      ['my-lib', null, 29, 'vcs', false],
      ['local-pkg', '0.1.0', 33, 'editable', false],
      ['archived', '1.0', 38, 'url', true],
    ]);
    expect(pkg(file, 'sqlparse').marker).toBe("python_version >= '3.8'");
  });

  it('uses the recorded dependencies as a graph (roots: what nothing depends on, without a pyproject)', () => {
    const view = Object.fromEntries(file.packages.map((p) => [p.name, p.direct ? 'direct' : p.path.join(' > ')]));
    expect(view).toEqual({
      django: 'direct',
      asgiref: 'django > asgiref',
      sqlparse: 'django > sqlparse',
      'my-lib': 'direct',
      'local-pkg': 'direct',
      archived: 'direct',
    });
  });

  it('takes direct packages from the pyproject when given', () => {
    const pyproject = parsePyproject('[project]\nname = "x"\ndependencies = ["django", "sqlparse"]\n', 'pyproject.toml');
    const withManifest = parsePylock(fixture('pylock/pylock.toml'), 'pylock.toml', pyproject);
    expect(withManifest.packages.filter((p) => p.direct).map((p) => p.name)).toEqual(['django', 'sqlparse']);
    expect(pkg(withManifest, 'my-lib')).toMatchObject({ direct: false, path: [] });
  });

  it('without recorded dependencies there is no graph: every package is direct', () => {
    const nograph = parsePylock(fixture('pylock/nograph/pylock.toml'), 'pylock.toml');
    expect(nograph.packages.map((p) => [p.name, p.direct, p.path])).toEqual([
      ['django', true, []],
      ['asgiref', true, []],
    ]);
  });
});
