import { describe, expect, it } from 'vitest';
import { parseRequirement, pinnedVersion, sourceOfUrl, wheelName } from '../../../src/deps/parsers/pep508.js';
import { poetryToPep440, pythonMarker } from '../../../src/deps/parsers/poetry-constraint.js';

describe('PEP 508 requirements', () => {
  it('reads names, extras, parenthesised specifiers and markers', () => {
    expect(parseRequirement('Django (>= 3.2, < 4) ; python_version >= "3.8"')).toEqual({
      ok: true,
      value: { rawName: 'Django', extras: [], specifier: '>=3.2,<4', version: null, marker: 'python_version >= "3.8"', url: null, source: 'index' },
    });
    expect(parseRequirement('celery [ redis , sqs ]==5.3.4')).toMatchObject({ ok: true, value: { extras: ['redis', 'sqs'], version: '5.3.4' } });
    expect(parseRequirement('zope.interface;os_name=="nt"')).toMatchObject({ ok: true, value: { rawName: 'zope.interface', marker: 'os_name=="nt"' } });
  });

  it('reads direct URLs; a marker after a URL needs the space before `;`', () => {
    expect(parseRequirement('pkg@git+https://github.com/o/pkg.git@v1 ; sys_platform == "linux"')).toMatchObject({
      ok: true,
      value: { url: 'git+https://github.com/o/pkg.git@v1', source: 'vcs', marker: 'sys_platform == "linux"' },
    });
    expect(parseRequirement('pkg @ file:///src/pkg')).toMatchObject({ ok: true, value: { source: 'path' } });
  });

  it('rejects what is not a requirement', () => {
    expect(parseRequirement('-e .')).toMatchObject({ ok: false });
    expect(parseRequirement('django => 3')).toMatchObject({ ok: false });
    expect(parseRequirement('django = 3')).toMatchObject({ ok: false });
  });

  it('pins only on == without a wildcard, on ===, and never on an environment reference', () => {
    expect(pinnedVersion('==1.0')).toBe('1.0');
    expect(pinnedVersion('>=1,==1.5')).toBe('1.5');
    expect(pinnedVersion('===1.0-custom')).toBe('1.0-custom');
    expect(pinnedVersion('==1.*')).toBeNull();
    expect(pinnedVersion('==${VERSION}')).toBeNull();
    expect(pinnedVersion('~=1.0')).toBeNull();
    expect(pinnedVersion('')).toBeNull();
  });

  it('tells sources and wheel names apart', () => {
    expect(sourceOfUrl('hg+https://example.org/repo')).toBe('vcs');
    expect(sourceOfUrl('./libs/x')).toBe('path');
    expect(sourceOfUrl('https://example.org/x.zip')).toBe('url');
    expect(wheelName('https://x.org/p/django_filter-23.5-1-py3-none-any.whl?x=1#sha256=0')).toEqual({ name: 'django_filter', version: '23.5' });
    expect(wheelName('https://x.org/p/django-filter-23.5.tar.gz')).toBeNull();
  });
});

describe('poetry constraints', () => {
  it('converts carets and tildes, all-zero versions included', () => {
    const cases: Array<[string, string]> = [
      ['^1.2.3', '>=1.2.3,<2.0.0'],
      ['^1', '>=1,<2'],
      ['^0.2.3', '>=0.2.3,<0.3.0'],
      ['^0.0.3', '>=0.0.3,<0.0.4'],
      ['^0.0', '>=0.0,<0.1'],
      ['^0', '>=0,<1'],
      ['~1.2.3', '>=1.2.3,<1.3.0'],
      ['~1', '>=1,<2'],
      ['~=1.2', '~=1.2'],
      ['=1.2', '==1.2'],
      ['*', ''],
      ['>= 1.2, < 2', '>=1.2,<2'],
      ['>=1.2 <2 || ^3', '>=1.2,<2||>=3,<4'],
      ['^2.0b1', '>=2.0b1,<3.0'],
    ];
    expect(cases.map(([constraint]) => [constraint, poetryToPep440(constraint)])).toEqual(
      cases.map(([constraint, value]) => [constraint, { ok: true, value }]),
    );
    expect(poetryToPep440('^abc')).toMatchObject({ ok: false });
  });

  it('turns a python constraint into a marker', () => {
    expect(pythonMarker('^3.8')).toBe('python_version >= "3.8" and python_version < "4.0"');
    expect(pythonMarker('<3.8 || >=3.10')).toBe('(python_version < "3.8") or (python_version >= "3.10")');
    expect(pythonMarker('*')).toBeNull();
  });
});
