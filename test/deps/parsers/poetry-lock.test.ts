import { describe, expect, it } from 'vitest';
import { parsePoetryLock } from '../../../src/deps/parsers/poetry-lock.js';
import { parsePyproject } from '../../../src/deps/parsers/pyproject.js';
import { fixture, pkg } from '../helpers.js';

describe('poetry.lock parser', () => {
  const pyproject = parsePyproject(fixture('poetry-lock/pyproject.toml'), 'pyproject.toml');
  const file = parsePoetryLock(fixture('poetry-lock/poetry.lock'), 'poetry.lock', pyproject);

  it('reads every [[package]] at the line of its table, with exact versions and hashes', () => {
    expect(file.format).toBe('poetry-lock');
    expect(file.problems).toEqual([]);
    expect(file.packages.map((p) => [p.name, p.version, p.line])).toEqual([
      ['amqp', '5.2.0', 3],
      ['asgiref', '3.7.2', 16],
      ['boto3', '1.34.0', 26],
      ['celery', '5.3.6', 34],
      ['django', '4.2.7', 53],
      ['django-filter', '23.5', 71],
      ['iniconfig', '2.0.0', 84],
      ['kombu', '5.3.4', 93],
      ['my-lib', '0.3.0', 105],
      ['pytest', '7.4.3', 120],
      ['redis', '5.0.1', 132],
      ['sqlparse', '0.4.4', 141],
      ['tzdata', '2023.3', 150],
      ['vine', '5.1.0', 158],
    ]);
    expect(pkg(file, 'django')).toMatchObject({ rawName: 'Django', specifier: '==4.2.7', hashed: true, source: 'index' });
    expect(pkg(file, 'boto3').hashed).toBe(false);
    expect(pkg(file, 'my-lib').source).toBe('vcs');
  });

  it('marks the packages the pyproject declares direct and gives the others a shortest chain', () => {
    const view = Object.fromEntries(file.packages.map((p) => [p.name, p.direct ? 'direct' : p.path.join(' > ')]));
    expect(view).toEqual({
      amqp: 'celery > kombu > amqp',
      asgiref: 'django-filter > django > asgiref',
      boto3: 'celery > boto3',
      celery: 'direct',
      django: 'django-filter > django',
      'django-filter': 'direct',
      iniconfig: 'pytest > iniconfig',
      kombu: 'celery > kombu',
      'my-lib': 'direct',
      pytest: 'direct',
      redis: 'celery > redis',
      sqlparse: 'django-filter > django > sqlparse',
      tzdata: 'django-filter > django > tzdata',
      vine: 'celery > kombu > vine',
    });
  });

  it('reads groups and the older category field; main wins', () => {
    expect(pkg(file, 'pytest').groups).toEqual(['dev']);
    expect(pkg(file, 'iniconfig').groups).toEqual(['dev']);
    expect(pkg(file, 'sqlparse').groups).toEqual([]);
    expect(pkg(file, 'redis').groups).toEqual([]);
  });

  it('without a pyproject, takes the packages nothing depends on as direct', () => {
    const alone = parsePoetryLock(fixture('poetry-lock/poetry.lock'), 'poetry.lock');
    expect(alone.packages.filter((p) => p.direct).map((p) => p.name)).toEqual(['celery', 'django-filter', 'my-lib', 'pytest']);
    expect(pkg(alone, 'amqp').path).toEqual(['celery', 'kombu', 'amqp']);
  });

  it('turns invalid TOML into a problem naming the line', () => {
    const bad = parsePoetryLock('[[package]]\nname = "x"\nversion = 1.0.0\n', 'poetry.lock');
    expect(bad.packages).toEqual([]);
    expect(bad.problems).toMatchObject([{ path: 'poetry.lock', line: 3 }]);
  });
});
