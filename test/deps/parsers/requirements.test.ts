import { describe, expect, it } from 'vitest';
import { parseRequirements, parseRequirementsWithIncludes } from '../../../src/deps/parsers/requirements.js';
import { fixture, namesAndLines, pkg } from '../helpers.js';

describe('requirements parser', () => {
  const file = parseRequirements(fixture('requirements/edge-cases.txt'), 'requirements/edge-cases.txt');

  it('reads every requirement at the first physical line of its logical line, ignoring option lines', () => {
    expect(file.format).toBe('requirements');
    expect(namesAndLines(file)).toEqual([
      'django@10',
      'celery@11',
      'requests@12',
      'legacy-thing@13',
      'arbitrary-pkg@14',
      'wild-card@15',
      'env-pinned@16',
      'gunicorn@17',
      'whitenoise@20',
      'futures@21',
      'split-name@23',
      'django-foo@25',
      'some-pkg@28',
      'repo-pkg@29',
      'pillow@30',
      'pytz@31',
      'sqlparse@33',
      'bleach@36',
    ]);
    expect(file.packages.every((p) => p.direct && p.path.length === 0 && p.groups.length === 0)).toBe(true);
  });

  it('keeps names as written and normalised, strips trailing comments', () => {
    expect(pkg(file, 'django')).toMatchObject({ rawName: 'Django', version: '3.2.10', specifier: '==3.2.10', marker: null, source: 'index' });
  });

  it('reads extras, spaced specifiers and markers', () => {
    expect(pkg(file, 'celery')).toMatchObject({
      extras: ['redis', 'msgpack'],
      specifier: '>=5.2,<6',
      version: null,
      marker: 'python_version < "3.10"',
    });
    expect(pkg(file, 'requests')).toMatchObject({ specifier: '~=2.31', version: null });
    expect(pkg(file, 'pytz')).toMatchObject({ specifier: '>=2021.1,!=2021.2', marker: 'sys_platform == "win32"', version: null });
  });

  it('sets the version only for == without a wildcard and for ===, keeping legacy versions as written', () => {
    expect(pkg(file, 'legacy-thing')).toMatchObject({ version: '1.0-beta-2', specifier: '==1.0-beta-2' });
    expect(pkg(file, 'arbitrary-pkg')).toMatchObject({ version: 'foobar', specifier: '===foobar' });
    expect(pkg(file, 'wild-card')).toMatchObject({ version: null, specifier: '==1.2.*' });
  });

  it('keeps entries whose version is an environment reference, without a version', () => {
    expect(pkg(file, 'env-pinned')).toMatchObject({ version: null, specifier: '==${DJANGO_VERSION}' });
    expect(pkg(file, 'bleach')).toMatchObject({ version: null, specifier: '==${BLEACH_VERSION:-6.0}' });
  });

  it('marks --hash pins, across continuation lines and on the same line', () => {
    expect(pkg(file, 'gunicorn')).toMatchObject({ version: '20.1.0', hashed: true });
    expect(pkg(file, 'whitenoise')).toMatchObject({ version: '6.5.0', hashed: true });
    expect(pkg(file, 'futures')).toMatchObject({ version: '3.2.0', hashed: true, marker: "python_version < '3'" });
    expect(pkg(file, 'django').hashed).toBe(false);
  });

  it('joins a requirement split by a backslash', () => {
    expect(pkg(file, 'split-name')).toMatchObject({ version: '1.0', line: 23 });
  });

  it('a comment line ending in a backslash does not swallow the next line', () => {
    expect(pkg(file, 'sqlparse')).toMatchObject({ version: '0.4.4', line: 33 });
  });

  it('reads editable, VCS and URL requirements, skipping local paths that name no package', () => {
    expect(pkg(file, 'django-foo')).toMatchObject({ source: 'editable', version: null, specifier: '' });
    expect(pkg(file, 'some-pkg')).toMatchObject({ source: 'url', version: null });
    expect(pkg(file, 'repo-pkg')).toMatchObject({ source: 'vcs', extras: ['extra1'] });
    expect(pkg(file, 'pillow')).toMatchObject({ rawName: 'Pillow', source: 'url', version: '9.0.0' });
  });

  it('reports unreadable lines with their line and keeps going', () => {
    expect(file.problems).toEqual([
      { path: 'requirements/edge-cases.txt', line: 34, message: expect.stringContaining('cannot read requirement') as string },
      { path: 'requirements/edge-cases.txt', line: 35, message: expect.stringContaining('https://example.org/archive/main.tar.gz') as string },
    ]);
  });

  it('lists includes resolved relative to the including file, with their lines and kinds', () => {
    const parsed = parseRequirementsWithIncludes(fixture('requirements/nested/requirements.txt'), 'requirements/nested/requirements.txt');
    expect(parsed.directives).toEqual([
      { kind: 'requirement', target: 'base.txt', path: 'requirements/nested/base.txt', line: 2 },
      { kind: 'constraint', target: 'constraints.txt', path: 'requirements/nested/constraints.txt', line: 3 },
    ]);
    expect(parsed.file.includes).toEqual(['requirements/nested/base.txt', 'requirements/nested/constraints.txt']);
    const base = parseRequirementsWithIncludes('--requirement=common/common.txt\n-r../up.txt -c "with space.txt"\n', 'a/b.txt');
    expect(base.directives.map((d) => [d.kind, d.path, d.line])).toEqual([
      ['requirement', 'a/common/common.txt', 1],
      ['requirement', 'up.txt', 2],
      ['constraint', 'a/with space.txt', 2],
    ]);
  });

  it('does not fetch remote includes: a problem at the directive', () => {
    const parsed = parseRequirementsWithIncludes(fixture('requirements/missing/requirements.txt'), 'requirements.txt');
    expect(parsed.directives.map((d) => d.target)).toEqual(['does-not-exist.txt']);
    expect(parsed.file.problems).toEqual([{ path: 'requirements.txt', line: 4, message: expect.stringContaining('remote include') as string }]);
  });

  it('handles CRLF line endings, a byte-order mark and a trailing backslash at the end of the file', () => {
    const parsed = parseRequirements('\uFEFFdjango==4.2\r\nflask==2.0 \\\r\n', 'r.txt');
    expect(parsed.packages.map((p) => [p.name, p.version, p.line])).toEqual([
      ['django', '4.2', 1],
      ['flask', '2.0', 2],
    ]);
  });

  it('reads name @ url with a marker and a wheel URL pinning a version', () => {
    const parsed = parseRequirements('django @ https://example.org/Django-4.2.1-py3-none-any.whl ; python_version >= "3.8"\n', 'r.txt');
    expect(parsed.packages[0]).toMatchObject({ name: 'django', version: '4.2.1', source: 'url', marker: 'python_version >= "3.8"' });
  });
});
