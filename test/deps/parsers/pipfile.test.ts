import { describe, expect, it } from 'vitest';
import { parsePipfile } from '../../../src/deps/parsers/pipfile.js';
import { fixture, pkg } from '../helpers.js';

describe('Pipfile parser', () => {
  const file = parsePipfile(fixture('pipfile/Pipfile'), 'Pipfile');

  it('reads every package category at the line of its key, skipping sources, requires and scripts', () => {
    expect(file.format).toBe('pipfile');
    expect(file.problems).toEqual([]);
    expect(file.packages.map((p) => [p.name, p.line, p.groups])).toEqual([
      ['django', 7, []],
      ['celery', 8, []],
      ['requests', 9, []],
      ['gunicorn', 10, []],
      ['pywin32', 11, []],
      ['django-foo', 12, []],
      ['my-lib', 13, []],
      ['django-environ', 14, []],
      ['pytest', 17, ['dev']],
      ['django-stubs', 20, ['typing-dev']],
    ]);
  });

  it('reads specifiers: * is none, a bare version is a pin', () => {
    expect(pkg(file, 'django')).toMatchObject({ specifier: '==4.2.7', version: '4.2.7' });
    expect(pkg(file, 'requests')).toMatchObject({ specifier: '', version: null });
    expect(pkg(file, 'gunicorn')).toMatchObject({ specifier: '==21.2.0', version: '21.2.0' });
  });

  it('reads tables: extras, markers and marker keys, git and path sources', () => {
    expect(pkg(file, 'celery')).toMatchObject({ specifier: '>=5.3', extras: ['redis'] });
    expect(pkg(file, 'pywin32')).toMatchObject({ marker: "sys_platform == 'win32'" });
    expect(pkg(file, 'django-environ')).toMatchObject({ specifier: '~=0.11', marker: "python_version >= '3.8'" });
    expect(pkg(file, 'django-foo')).toMatchObject({ source: 'editable', specifier: '' });
    expect(pkg(file, 'my-lib')).toMatchObject({ source: 'path' });
    expect(pkg(file, 'django-stubs').extras).toEqual(['compatible-mypy']);
  });

  it('turns invalid TOML into a problem', () => {
    const bad = parsePipfile('[packages]\ndjango = \n', 'Pipfile');
    expect(bad.packages).toEqual([]);
    expect(bad.problems).toMatchObject([{ path: 'Pipfile', line: 2 }]);
  });
});
