/** PEP 440 helpers of the matcher (src/deps/advisories/versions.ts): ordering traps, equality, specifier intervals. */
import { compare } from '@renovatebot/pep440';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  finalRelease,
  intervalContains,
  isPep440,
  isPrerelease,
  namesPrerelease,
  seriesOf,
  specifierIntervals,
  versionKey,
} from '../../../src/deps/advisories/versions.js';
import { HAVE_SHARED_DATA, realInputs } from './helpers.js';

describe('compareVersions', () => {
  it.each([
    ['1.0.dev0', '1.0a1'],
    ['1.0a1', '1.0b1'],
    ['1.0b1', '1.0rc1'],
    ['1.0rc1', '1.0'],
    ['4.2.0rc1', '4.2.0'],
    ['1.0', '1.0+local.1'],
    ['1.0+abc', '1.0+1'],
    ['1.0+local.1', '1.0.post1'],
    ['1.0.post1.dev1', '1.0.post1'],
    ['1.0', '1.0.post1'],
    ['2.0', '1!0.1'],
    ['2.0.0', '10.0.0'],
    ['1.0.dev0', '1.0.post0.dev0'],
  ])('%s < %s', (lower, higher) => {
    expect(compareVersions(lower, higher)).toBe(-1);
    expect(compareVersions(higher, lower)).toBe(1);
  });

  it.each([
    ['1.0', '1.0.0'],
    ['v1.0', '1.0'],
    ['1.0RC1', '1.0rc1'],
    ['1.0c1', '1.0rc1'],
    ['1.0a', '1.0a0'],
    ['1.0-1', '1.0.post1'],
    ['1.0alpha1', '1.0a1'],
  ])('%s == %s', (a, b) => {
    expect(compareVersions(a, b)).toBe(0);
    expect(versionKey(a)).toBe(versionKey(b));
  });

  it('throws on a version that is not PEP 440, which only lists can match', () => {
    expect(isPep440('0.3m1')).toBe(false);
    expect(isPep440('trunk')).toBe(false);
    expect(versionKey('2004d')).toBeNull();
    expect(() => compareVersions('trunk', '1.0')).toThrow(/not a PEP 440 version: trunk/);
  });

  it.skipIf(!HAVE_SHARED_DATA)('orders every valid version of the PyPA data as @renovatebot/pep440 does', () => {
    const versions = new Set<string>();
    for (const record of realInputs().osv) {
      for (const affected of record.affected ?? []) {
        for (const v of affected.versions ?? []) if (isPep440(v)) versions.add(v);
        for (const range of affected.ranges ?? []) {
          for (const e of range.events ?? []) for (const v of [e.introduced, e.fixed, e.last_affected]) if (v !== undefined && v !== '0' && isPep440(v)) versions.add(v);
        }
      }
    }
    const all = [...versions];
    expect(all.length).toBeGreaterThan(12_000);
    const ours = [...all].sort(compareVersions);
    const theirs = [...all].sort(compare);
    for (let i = 1; i < ours.length; i++) expect(compare(ours[i - 1]!, ours[i]!), `${ours[i - 1]} vs ${ours[i]}`).toBeLessThanOrEqual(0);
    for (let i = 1; i < theirs.length; i++) expect(compareVersions(theirs[i - 1]!, theirs[i]!)).toBeLessThanOrEqual(0);
  });
});

describe('series and pre-releases', () => {
  it('reads the release series', () => {
    expect(seriesOf('3.2.10')).toBe('3.2');
    expect(seriesOf('3.2rc1')).toBe('3.2');
    expect(seriesOf('4')).toBe('4.0');
    expect(seriesOf('1!2.0.1')).toBe('1!2.0');
    expect(seriesOf('trunk')).toBeNull();
  });

  it('knows pre-releases and their final release', () => {
    expect(['1.0rc1', '1.0.dev0', '1.0.post1.dev0', '1.0', '1.0.post1'].map(isPrerelease)).toEqual([true, true, true, false, false]);
    expect(finalRelease('3.2.dev0')).toBe('3.2');
    expect(finalRelease('1!2.0rc1')).toBe('1!2.0');
    expect(namesPrerelease('>=4.2rc1,<5')).toBe(true);
    expect(namesPrerelease('>=4.2,<5')).toBe(false);
  });
});

describe('specifierIntervals', () => {
  const allows = (specifier: string, version: string): boolean => (specifierIntervals(specifier) ?? []).some((i) => intervalContains(i, version));

  it.each([
    ['>=3.2,<4', '3.2', true],
    ['>=3.2,<4', '4.0', false],
    ['>=3.2,<4', '3.1.9', false],
    ['<4', '4.0rc1', false],
    ['<4rc2', '4.0rc1', true],
    ['<=4', '4.0.0', true],
    ['>3.2', '3.2', false],
    ['>3.2', '3.2.1', true],
    ['~=3.2.0', '3.2.9', true],
    ['~=3.2.0', '3.3', false],
    ['~=3.2', '3.9', true],
    ['~=3.2', '4.0', false],
    ['==3.2.*', '3.2.25', true],
    ['==3.2.*', '3.2rc1', true],
    ['==3.2.*', '3.3.0', false],
    ['!=3.0.*,>=2', '3.0.5', false],
    ['!=3.0.*,>=2', '3.1', true],
    ['!=3.2.10', '3.2.10', false],
    ['!=3.2.10', '3.2.11', true],
    ['==3.2.10', '3.2.10.0', true],
    ['===3.2.10', '3.2.10', true],
    ['>=1!1.0', '2.0', false],
    ['', '0.1', true],
  ])('%s allows %s: %s', (specifier, version, expected) => {
    expect(allows(specifier, version)).toBe(expected);
  });

  it('gives null for clauses it cannot place', () => {
    expect(specifierIntervals('===0.3m1')).toBeNull();
    expect(specifierIntervals('==foo')).toBeNull();
    expect(specifierIntervals('>=1.0,')).toBeNull();
    expect(specifierIntervals('~=3')).toBeNull();
  });
});
