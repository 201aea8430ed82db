import { describe, expect, it } from 'vitest';
import { parsePdmLock } from '../../../src/deps/parsers/pdm-lock.js';
import { parsePyproject } from '../../../src/deps/parsers/pyproject.js';
import { fixture, pkg } from '../helpers.js';

describe('pdm.lock parser', () => {
  const pyproject = parsePyproject(fixture('pdm-lock/pyproject.toml'), 'pyproject.toml');
  const file = parsePdmLock(fixture('pdm-lock/pdm.lock'), 'pdm.lock', pyproject);

  it('reads every [[package]], merging an extras entry into its package', () => {
    expect(file.format).toBe('pdm-lock');
    expect(file.problems).toEqual([]);
    expect(file.packages.map((p) => [p.name, p.version, p.line, p.groups])).toEqual([
      ['asgiref', '3.7.2', 10, []],
      ['bcrypt', '4.1.1', 20, []],
      ['django', '4.2.7', 26, []],
      ['iniconfig', '2.0.0', 54, ['test']],
      ['pytest', '7.4.3', 60, ['test']],
      ['requests', '2.31.0', 69, []],
      ['sqlparse', '0.4.4', 78, []],
      ['tzdata', '2023.3', 84, []],
      ['urllib3', '2.1.0', 90, []],
    ]);
    expect(pkg(file, 'django')).toMatchObject({ hashed: true, specifier: '==4.2.7', source: 'index' });
    expect(pkg(file, 'urllib3').source).toBe('vcs');
  });

  it('marks what the pyproject declares direct and chains the rest, following requested extras', () => {
    const view = Object.fromEntries(file.packages.map((p) => [p.name, p.direct ? 'direct' : p.path.join(' > ')]));
    expect(view).toEqual({
      asgiref: 'django > asgiref',
      bcrypt: 'django > bcrypt',
      django: 'direct',
      iniconfig: 'pytest > iniconfig',
      pytest: 'direct',
      requests: 'direct',
      sqlparse: 'django > sqlparse',
      tzdata: 'django > tzdata',
      urllib3: 'requests > urllib3',
    });
  });

  it('without a pyproject, takes the packages nothing depends on as direct', () => {
    const alone = parsePdmLock(fixture('pdm-lock/pdm.lock'), 'pdm.lock');
    expect(alone.packages.filter((p) => p.direct).map((p) => p.name)).toEqual(['django', 'pytest', 'requests']);
  });

  it('reports a dependency string it cannot read, at the line of its package', () => {
    const bad = parsePdmLock('[[package]]\nname = "a"\nversion = "1"\ndependencies = ["b >> 2"]\n', 'pdm.lock');
    expect(bad.packages.map((p) => p.name)).toEqual(['a']);
    expect(bad.problems).toMatchObject([{ path: 'pdm.lock', line: 1 }]);
  });
});
