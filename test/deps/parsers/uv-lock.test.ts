import { describe, expect, it } from 'vitest';
import { parseUvLock } from '../../../src/deps/parsers/uv-lock.js';
import { fixture, pkg } from '../helpers.js';

describe('uv.lock parser', () => {
  const file = parseUvLock(fixture('uv-lock/uv.lock'), 'uv.lock');

  it('reads every [[package]] but the project itself, at the line of its table', () => {
    expect(file.format).toBe('uv-lock');
    expect(file.problems).toEqual([]);
    expect(file.packages.map((p) => `${p.name}@${p.line}`)).toEqual([
      'amqp@5',
      'asgiref@16',
      'celery@22',
      'django@35',
      'django-filter@45',
      'iniconfig@53',
      'kombu@58',
      'my-lib@67',
      'psycopg@72',
      'psycopg-binary@85',
      'pytest@90',
      'redis@98',
      'sqlparse@141',
      'typing-extensions@146',
      'tzdata@151',
      'vine@156',
      'wheel-pkg@161',
    ]);
  });

  it('reads versions, sources and hashes', () => {
    expect(pkg(file, 'django')).toMatchObject({ version: '4.2.7', specifier: '==4.2.7', source: 'index', hashed: false });
    expect(pkg(file, 'amqp').hashed).toBe(true);
    expect(pkg(file, 'asgiref').hashed).toBe(true);
    expect(pkg(file, 'my-lib').source).toBe('vcs');
    expect(pkg(file, 'wheel-pkg')).toMatchObject({ source: 'url', hashed: true, version: '1.0' });
  });

  it("takes the project's dependencies, extras and dev groups as direct and chains the rest", () => {
    const view = Object.fromEntries(file.packages.map((p) => [p.name, p.direct ? 'direct' : p.path.join(' > ')]));
    expect(view).toEqual({
      amqp: 'celery > kombu > amqp',
      asgiref: 'django-filter > django > asgiref',
      celery: 'direct',
      django: 'django-filter > django',
      'django-filter': 'direct',
      iniconfig: 'pytest > iniconfig',
      kombu: 'celery > kombu',
      'my-lib': 'direct',
      psycopg: 'direct',
      'psycopg-binary': 'psycopg > psycopg-binary',
      pytest: 'direct',
      redis: 'celery > redis',
      sqlparse: 'django-filter > django > sqlparse',
      'typing-extensions': 'psycopg > typing-extensions',
      tzdata: 'django-filter > django > tzdata',
      vine: 'celery > kombu > vine',
      'wheel-pkg': 'direct',
    });
  });

  it('puts a package in the main set when the main dependencies reach it, else in the groups that do', () => {
    expect(pkg(file, 'redis').groups).toEqual([]);
    expect(pkg(file, 'django').groups).toEqual([]);
    expect(pkg(file, 'pytest').groups).toEqual(['dev']);
    expect(pkg(file, 'iniconfig').groups).toEqual(['dev']);
    // The dev group includes the project with its postgres extra.
    expect(pkg(file, 'psycopg').groups).toEqual(['postgres', 'dev']);
    expect(pkg(file, 'psycopg-binary').groups).toEqual(['postgres', 'dev']);
  });

  it('turns invalid TOML into a problem naming the line', () => {
    const bad = parseUvLock('version = 1\n[[package]\nname = "x"\n', 'uv.lock');
    expect(bad.packages).toEqual([]);
    expect(bad.problems).toMatchObject([{ path: 'uv.lock', line: 2 }]);
  });
});
