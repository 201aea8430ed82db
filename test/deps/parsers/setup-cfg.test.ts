import { describe, expect, it } from 'vitest';
import { parseSetupCfg } from '../../../src/deps/parsers/setup-cfg.js';
import { fixture } from '../helpers.js';

describe('setup.cfg parser', () => {
  it('reads install_requires (multi-line, comments skipped) and extras_require groups (single-line values split at ;)', () => {
    const file = parseSetupCfg(fixture('setup-cfg/setup.cfg'), 'setup.cfg');
    expect(file.format).toBe('setup-cfg');
    expect(file.problems).toEqual([]);
    expect(file.packages.map((p) => [p.name, p.specifier, p.version, p.marker, p.line, p.groups])).toEqual([
      ['django', '>=4.2,<5.0', null, null, 8, []],
      ['celery', '==5.3.4', '5.3.4', 'python_version >= "3.8"', 10, []],
      ['django-environ', '', null, null, 12, []],
      ['pytest', '==7.4.0', '7.4.0', null, 17, ['test']],
      ['pytest-django', '', null, null, 18, ['test']],
      ['sphinx', '>=7', null, null, 19, ['docs']],
      ['sphinx-rtd-theme', '', null, null, 19, ['docs']],
      ['pywin32', '==306', '306', 'sys_platform == "win32"', 21, ['win']],
    ]);
    expect(file.packages[1]?.extras).toEqual(['redis']);
  });

  it('does not follow file: directives, and says so', () => {
    const file = parseSetupCfg(fixture('setup-cfg/file-directive.cfg'), 'setup.cfg');
    expect(file.packages).toEqual([]);
    expect(file.problems).toEqual([
      { path: 'setup.cfg', line: 2, message: 'install_requires uses `file: requirements.txt`, which is not followed; not audited' },
    ]);
  });

  it('ignores a setup.cfg without options', () => {
    expect(parseSetupCfg('[flake8]\nmax-line-length = 100\n', 'setup.cfg')).toMatchObject({ packages: [], problems: [] });
  });
});
