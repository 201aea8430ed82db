import { describe, expect, it } from 'vitest';
import { parseSetupPy } from '../../../src/deps/parsers/setup-py.js';
import { fixture } from '../helpers.js';

const view = (file: ReturnType<typeof parseSetupPy>) => file.packages.map((p) => [p.name, p.specifier, p.marker, p.line, p.groups]);

describe('setup.py parser', () => {
  it('reads literal install_requires and extras_require without executing anything', () => {
    const file = parseSetupPy(fixture('setup-py/literal.py'), 'setup.py');
    expect(file.format).toBe('setup-py');
    expect(file.problems).toEqual([]);
    expect(view(file)).toEqual([
      ['django', '>=4.2,<5.0', null, 12, []],
      ['celery', '==5.3.4', 'python_version >= "3.8"', 13, []],
      ['django-environ', '', null, 14, []],
      ['whitenoise', '==6.5.0', null, 16, []],
      ['pytest', '==7.4.0', null, 19, ['test']],
      ['pytest-django', '', null, 19, ['test']],
      ['backports-zoneinfo', '', "python_version < '3.9'", 20, []],
      ['pywin32', '==306', "sys_platform == 'win32'", 21, ['win']],
    ]);
    expect(file.packages[1]).toMatchObject({ version: '5.3.4', extras: ['redis'] });
  });

  it('follows top-level names bound once to a literal (tuples and dict(...) too)', () => {
    const file = parseSetupPy(fixture('setup-py/variable.py'), 'setup.py');
    expect(file.problems).toEqual([]);
    expect(view(file)).toEqual([
      ['django', '==3.2.10', null, 4, []],
      ['requests', '>=2', null, 5, []],
      ['django-redis', '==5.2.0', null, 9, ['redis']],
    ]);
  });

  it('reports computed values as problems instead of guessing', () => {
    const file = parseSetupPy(fixture('setup-py/computed.py'), 'setup.py');
    expect(view(file)).toEqual([['pytest-django', '', null, 12, ['test']]]);
    expect(file.problems).toEqual([
      { path: 'setup.py', line: 11, message: 'install_requires is computed at run time; not audited' },
      { path: 'setup.py', line: 12, message: 'extras_require["test"] is partly computed at run time; only its literal entries are audited' },
    ]);
  });

  it('keeps the literal part of a list that is partly computed', () => {
    const file = parseSetupPy(fixture('setup-py/partly.py'), 'setup.py');
    expect(view(file)).toEqual([['requests', '==2.31.0', null, 8, []]]);
    expect(file.problems).toEqual([
      { path: 'setup.py', line: 8, message: 'install_requires is partly computed at run time; only its literal entries are audited' },
    ]);
  });

  it('does not follow a name that is changed after its assignment', () => {
    const file = parseSetupPy('REQS = ["django"]\nREQS += ["celery"]\nsetup(install_requires=REQS)\n', 'setup.py');
    expect(file.packages).toEqual([]);
    expect(file.problems).toEqual([{ path: 'setup.py', line: 3, message: 'install_requires is computed at run time; not audited' }]);
  });

  it('reads a multi-line string of requirements, and a setup.py without requirements is empty', () => {
    const file = parseSetupPy('setup(\n    install_requires="""\n        django==4.2\n        # comment\n        celery\n    """,\n)\n', 'setup.py');
    expect(view(file)).toEqual([
      ['django', '==4.2', null, 3, []],
      ['celery', '', null, 5, []],
    ]);
    expect(parseSetupPy('from setuptools import setup\nsetup(name="x")\n', 'setup.py')).toMatchObject({ packages: [], problems: [] });
  });
});
