import { describe, expect, it } from 'vitest';
import { parsePipfile } from '../../../src/deps/parsers/pipfile.js';
import { parsePipfileLock } from '../../../src/deps/parsers/pipfile-lock.js';
import { fixture } from '../helpers.js';

const view = (file: ReturnType<typeof parsePipfileLock>) =>
  file.packages.map((p) => [p.name, p.version, p.line, p.direct, p.groups, p.hashed, p.source]);

describe('Pipfile.lock parser', () => {
  const pipfile = parsePipfile(fixture('pipfile-lock/Pipfile'), 'Pipfile');
  const text = fixture('pipfile-lock/Pipfile.lock');

  it('reads every category; the same version locked in several categories is one package', () => {
    const file = parsePipfileLock(text, 'Pipfile.lock', pipfile);
    expect(file.format).toBe('pipfile-lock');
    expect(file.problems).toEqual([]);
    expect(view(file)).toEqual([
      ['asgiref', '3.7.2', 19, false, [], true, 'index'],
      ['celery', '5.3.4', 26, true, [], true, 'index'],
      ['django', '4.2.7', 35, true, [], true, 'index'],
      ['django-foo', null, 42, true, [], false, 'editable'],
      ['redis', '5.0.1', 47, false, [], false, 'index'],
      ['pytest', '7.4.3', 59, true, ['dev'], true, 'index'],
      ['asgiref', '3.7.0', 65, false, ['dev'], true, 'index'],
    ]);
    expect(file.packages.every((p) => p.path.length === 0)).toBe(true);
  });

  it('keeps markers, extras and the specifier as locked', () => {
    const file = parsePipfileLock(text, 'Pipfile.lock', pipfile);
    expect(file.packages[0]).toMatchObject({ marker: "python_version >= '3.8'", specifier: '==3.7.2' });
    expect(file.packages[1]).toMatchObject({ extras: ['redis'] });
  });

  it('without a Pipfile, every locked package counts as direct', () => {
    const file = parsePipfileLock(text, 'Pipfile.lock');
    expect(file.packages.every((p) => p.direct)).toBe(true);
  });

  it('turns invalid JSON into a problem naming the line', () => {
    const file = parsePipfileLock(fixture('pipfile-lock/broken/Pipfile.lock'), 'broken/Pipfile.lock');
    expect(file.packages).toEqual([]);
    expect(file.problems).toEqual([{ path: 'broken/Pipfile.lock', line: 4, message: 'not valid JSON (line 4: expected a "quoted" key)' }]);
  });
});
