/**
 * OSV matching (src/deps/advisories/match.ts and ranges.ts) on small hand-written records, built through the real
 * build so that what is dropped (withdrawn records, GIT ranges) is dropped the way the bundled database drops it.
 */
import { describe, expect, it } from 'vitest';
import { advisoriesForSpecifier, advisoriesForVersion, minimalFix, type SpecifierAudit, type VersionAudit } from '../../../src/deps/advisories/match.js';
import { rangeIntervals } from '../../../src/deps/advisories/ranges.js';
import type { AdvisoryDb } from '../../../src/deps/advisories/types.js';
import { archiveEntry, dbOf, osv } from './helpers.js';

const ids = (audit: VersionAudit | SpecifierAudit): string[] => (audit.kind === 'cannot-audit' ? [] : audit.matches.map((m) => m.id));
const affected = (db: AdvisoryDb, version: string, name = 'demo'): string[] => ids(advisoriesForVersion(db, name, version));

describe('advisoriesForVersion: the range walk', () => {
  it('places pre-, post- and dev releases by PEP 440', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '1.0' }, { fixed: '1.2' }]])]);
    const verdicts = ['1.0.dev0', '1.0rc1', '1.0', '1.1.post1', '1.2.dev0', '1.2rc1', '1.2', '1.2.post1'].map((v) => affected(db, v).length > 0);
    expect(verdicts).toEqual([false, false, true, true, true, true, false, false]);
  });

  it('finds a release candidate inside a range (specifier strings would miss it)', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '4.1' }, { fixed: '4.3' }]])]);
    expect(affected(db, '4.2rc1')).toEqual(['PYSEC-1']);
  });

  it('compares epochs before anything else', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '2.0' }]]), osv('PYSEC-2', [[{ introduced: '1!0' }, { fixed: '1!2.0' }]])]);
    expect(affected(db, '1!1.0')).toEqual(['PYSEC-2']);
    expect(affected(db, '1.9')).toEqual(['PYSEC-1']);
    expect(affected(db, '3.0')).toEqual([]);
  });

  it('counts a local build of the fixed version as fixed, and of an affected one as affected', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '1.0' }]])]);
    expect(affected(db, '1.0+ubuntu1')).toEqual([]);
    expect(affected(db, '0.9+cpu')).toEqual(['PYSEC-1']);
  });

  it('sorts unsorted events before walking them (multi-branch ranges)', () => {
    const db = dbOf([osv('PYSEC-1', [[{ fixed: '2.0.5' }, { introduced: '2.0' }, { fixed: '1.4.3' }, { introduced: '0' }]])]);
    const verdicts = ['1.4.2', '1.4.3', '1.9', '2.0', '2.0.4', '2.0.5', '3.0'].map((v) => affected(db, v).length > 0);
    expect(verdicts).toEqual([true, false, false, true, true, false, false]);
    const match = (v: string) => (advisoriesForVersion(db, 'demo', v) as { matches: Array<{ fixedIn: string[] }> }).matches[0]?.fixedIn;
    expect(match('1.0')).toEqual(['1.4.3']);
    expect(match('2.0.1')).toEqual(['2.0.5']);
  });

  it('includes last_affected itself and nothing after it, with no fix known', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '1.0' }, { last_affected: '1.5' }]])]);
    expect(['0.9', '1.0', '1.5', '1.5.post1', '1.6'].map((v) => affected(db, v).length > 0)).toEqual([false, true, true, false, false]);
    const audit = advisoriesForVersion(db, 'demo', '1.5');
    expect(audit.matches[0]?.fixedIn).toEqual([]);
  });

  it('caps a range at its limit ("*" is no limit)', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '1.0' }, { limit: '2.0' }]]), osv('PYSEC-2', [[{ introduced: '1.0' }, { limit: '*' }]])]);
    expect(affected(db, '1.5')).toEqual(['PYSEC-1', 'PYSEC-2']);
    expect(affected(db, '2.0')).toEqual(['PYSEC-2']);
    expect(affected(db, '3.0')).toEqual(['PYSEC-2']);
  });

  it('treats introduced "0" as the start of everything', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '0.5' }]])]);
    expect(['0', '0.0.1', '0.1a1', '0.4.9', '0.5'].map((v) => affected(db, v).length > 0)).toEqual([true, true, true, true, false]);
  });

  it('skips a GIT range listed before the ECOSYSTEM one instead of stopping at it', () => {
    const record = osv('PYSEC-1', [], []);
    record.affected![0]!.ranges = [
      { type: 'GIT', events: [{ introduced: '0' }, { fixed: '6b5c3e0a7f4b0b0e0c0f0a0b0c0d0e0f00112233' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0' }] },
    ];
    const db = dbOf([record]);
    expect(db.advisories[0]?.affected[0]?.ranges).toEqual([[{ introduced: '0' }, { fixed: '3.0' }]]);
    expect(db.meta.counts.skippedRanges).toEqual({ GIT: 1 });
    expect(affected(db, '2.0')).toEqual(['PYSEC-1']);
  });

  it('drops withdrawn records and counts them', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '0' }]], [], { withdrawn: '2024-01-02T00:00:00Z' }), osv('PYSEC-2', [[{ introduced: '0' }, { fixed: '1.0' }]])]);
    expect(affected(db, '0.5')).toEqual(['PYSEC-2']);
    expect(db.meta.counts).toMatchObject({ recordsRead: 2, withdrawn: 1, written: 1 });
  });

  it('keeps the later-modified record of a duplicated id', () => {
    const older = osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '1.0' }]], [], { modified: '2023-01-01T00:00:00Z' });
    const newer = osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '2.0' }]], [], { modified: '2024-06-01T00:00:00Z' });
    const db = dbOf([newer, older]);
    expect(affected(db, '1.5')).toEqual(['PYSEC-1']);
    expect(db.meta.counts.duplicates).toBe(1);
  });

  it('ignores a range whose events are not PEP 440 (matched through the list only)', () => {
    expect(rangeIntervals([{ introduced: '0' }, { fixed: '2019-09-12' }])).toEqual([]);
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '2019-09-12' }]], ['0.1'])]);
    expect(affected(db, '0.1')).toEqual(['PYSEC-1']);
    expect(affected(db, '0.2')).toEqual([]);
  });

  it('normalises package names (PEP 503) on both sides', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '0' }]], [], { name: 'Demo_Pkg' })]);
    expect(affected(db, '1.0', 'demo.pkg')).toEqual(['PYSEC-1']);
    expect(affected(db, '1.0', 'DEMO--PKG')).toEqual(['PYSEC-1']);
  });
});

describe('advisoriesForVersion: explicit versions', () => {
  const db = dbOf([osv('PYSEC-1', [], ['1.0', '1.1', '0.3m1'])]);

  it('matches listed versions by PEP 440 equality, through the list only', () => {
    const audit = advisoriesForVersion(db, 'demo', '1.0.0');
    expect(audit.kind).toBe('audited');
    expect(audit.matches.map((m) => [m.id, m.basis])).toEqual([['PYSEC-1', 'versions']]);
    expect(affected(db, '1.2')).toEqual([]);
  });

  it('matches a version that is not PEP 440 by exact text, and says it could do no more', () => {
    const legacy = advisoriesForVersion(db, 'demo', '0.3m1');
    expect(legacy).toMatchObject({ kind: 'not-pep440', version: '0.3m1' });
    expect(legacy.matches.map((m) => m.id)).toEqual(['PYSEC-1']);
    const unknown = advisoriesForVersion(db, 'demo', 'trunk');
    expect(unknown.kind).toBe('not-pep440');
    expect(unknown.matches).toEqual([]);
  });

  it('offers the next fix above a version matched only by its list', () => {
    const inconsistent = dbOf([osv('PYSEC-1', [[{ introduced: '3.2' }, { fixed: '3.2.19' }]], ['3.2rc1', '3.2'])]);
    const audit = advisoriesForVersion(inconsistent, 'demo', '3.2rc1');
    expect(audit.matches.map((m) => [m.basis, m.fixedIn])).toEqual([['versions', ['3.2.19']]]);
  });
});

describe('merging by aliases', () => {
  const records = [
    osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '1.1' }]], [], { aliases: ['CVE-2024-1'] }),
    osv('PYSEC-2', [[{ introduced: '0' }, { fixed: '1.2' }]], [], {
      aliases: ['CVE-2024-1', 'GHSA-aaaa-bbbb-cccc'],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    }),
    osv('GHSA-aaaa-bbbb-cccc', [[{ introduced: '0' }, { fixed: '1.3' }]], [], { database_specific: { severity: 'LOW' } }),
    osv('PYSEC-9', [[{ introduced: '0' }, { fixed: '1.1' }]], [], { aliases: ['CVE-2024-9'] }),
  ];
  const db = dbOf(records);

  it('gives one match per vulnerability, with every id, the highest severity and every relevant fix', () => {
    const audit = advisoriesForVersion(db, 'demo', '1.0');
    expect(audit.matches).toHaveLength(2);
    const [merged, other] = audit.matches;
    expect(merged).toMatchObject({ id: 'GHSA-aaaa-bbbb-cccc', severity: 'critical', fixedIn: ['1.1', '1.2', '1.3'], basis: 'range' });
    expect(merged?.aliases).toEqual(['PYSEC-1', 'PYSEC-2', 'CVE-2024-1']);
    expect(merged?.advisories.map((a) => a.id)).toEqual(['GHSA-aaaa-bbbb-cccc', 'PYSEC-1', 'PYSEC-2']);
    expect(other).toMatchObject({ id: 'PYSEC-9', aliases: ['CVE-2024-9'] });
  });

  it('merges only the advisories that match the version', () => {
    const audit = advisoriesForVersion(db, 'demo', '1.2.5');
    expect(audit.matches.map((m) => [m.id, m.aliases])).toEqual([['GHSA-aaaa-bbbb-cccc', []]]);
  });
});

describe('minimalFix', () => {
  const fix = (db: AdvisoryDb, version: string) => minimalFix(advisoriesForVersion(db, 'demo', version).matches, version);

  it('takes the smallest version fixing every match, in the series when it has one', () => {
    const db = dbOf([
      osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '1.2.3' }, { introduced: '2.0' }, { fixed: '2.1.1' }]]),
      osv('PYSEC-2', [[{ introduced: '0' }, { fixed: '1.2.5' }, { introduced: '2.0' }, { fixed: '2.1.0' }]]),
    ]);
    expect(fix(db, '1.2.0')).toEqual({ inSeries: '1.2.5', overall: '1.2.5' });
    expect(fix(db, '2.0.3')).toEqual({ inSeries: null, overall: '2.1.1' });
  });

  it('leaves the series when it has no fix for one of the matches', () => {
    const db = dbOf([
      osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '1.2.3' }, { introduced: '2.0' }, { fixed: '2.1.1' }]]),
      osv('PYSEC-3', [[{ introduced: '0' }, { fixed: '2.1.0' }]]),
    ]);
    expect(fix(db, '1.2.0')).toEqual({ inSeries: null, overall: '2.1.1' });
  });

  it('never suggests a version the data still lists as affected', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '23.9.0' }]], ['23.8.0', '23.9.0'])]);
    expect(fix(db, '23.8.0')).toEqual({ inSeries: null, overall: null });
  });

  it('is the current version when nothing matches, and unknown for a version that is not PEP 440', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '0' }, { fixed: '1.0' }]])]);
    expect(fix(db, '1.5')).toEqual({ inSeries: '1.5', overall: '1.5' });
    expect(minimalFix([], 'trunk')).toEqual({ inSeries: null, overall: null });
  });
});

describe('advisoriesForSpecifier', () => {
  const listed = osv('PYSEC-1', [[{ introduced: '3.2' }, { fixed: '3.2.5' }]], ['3.2rc1', '3.2', '3.2.1', '3.2.2', '3.2.3', '3.2.4']);
  const unlisted = osv('PYSEC-2', [[{ introduced: '1.0' }, { fixed: '1.4' }]], [], { name: 'other' });
  const open = osv('PYSEC-3', [[{ introduced: '2.0' }]], ['2.0', '2.1'], { name: 'open' });
  const db = dbOf([listed, unlisted, open], [archiveEntry('CVE-2021-1', ['3.2'])]);
  const audit = (specifier: string, name = 'demo') => advisoriesForSpecifier(db, name, specifier);

  it('matches through a listed release the specifier allows', () => {
    const result = audit('>=3.2,<4', 'demo');
    expect(result.kind).toBe('audited');
    expect(result.kind === 'audited' && result.matches.map((m) => [m.id, m.basis, m.example, m.fixedIn])).toEqual([['PYSEC-1', 'versions', '3.2', ['3.2.5']]]);
  });

  it('trusts the list of released versions inside a closed range', () => {
    expect(ids(audit('>=3.2.5'))).toEqual([]);
    expect(ids(audit('>3.2.4'))).toEqual([]);
    expect(ids(audit('~=3.1.0'))).toEqual([]);
  });

  it('counts listed pre-releases only when the specifier names one', () => {
    expect(ids(audit('<3.2'))).toEqual([]);
    expect(ids(audit('==3.2rc1'))).toEqual(['PYSEC-1']);
  });

  it('overlaps ranges with the specifier when no versions are listed', () => {
    const match = (specifier: string) => {
      const result = audit(specifier, 'other');
      return result.kind === 'audited' ? result.matches.map((m) => [m.basis, m.example]) : result.reason;
    };
    expect(match('>=1.3')).toEqual([['range', '1.3']]);
    expect(match('>1.3')).toEqual([['range', null]]);
    expect(match('==1.3.*')).toEqual([['range', '1.3']]);
    expect(match('>=1.4')).toEqual([]);
    expect(match('<1.0')).toEqual([]);
  });

  it('does not report a range holding only pre-releases unless the specifier asks for them', () => {
    // Django's archive: fixed in 3.2 final, so only 3.2's pre-releases were affected.
    const django = (specifier: string) => ids(advisoriesForSpecifier(db, 'django', specifier));
    expect(django('==3.2.*')).toEqual([]);
    expect(django('>=3.2rc1,<3.3')).toEqual(['CVE-2021-1']);
  });

  it('reports an unfixed range beyond the last listed release, not inside the listed ones', () => {
    const result = audit('>=3', 'open');
    expect(result.kind === 'audited' && result.matches.map((m) => [m.basis, m.example])).toEqual([['range', '3']]);
    expect(ids(audit('>=2.0.5,<2.1', 'open'))).toEqual([]);
    expect(ids(audit('>=2.1,<2.2', 'open'))).toEqual(['PYSEC-3']);
  });

  it('says when it cannot audit, never "no match"', () => {
    expect(audit('')).toMatchObject({ kind: 'cannot-audit', reason: 'unconstrained' });
    expect(audit('foo')).toMatchObject({ kind: 'cannot-audit', reason: 'invalid-specifier' });
    expect(audit('===0.3m1')).toMatchObject({ kind: 'cannot-audit', reason: 'not-pep440' });
    expect(audit('==0.3m1')).toMatchObject({ kind: 'cannot-audit', reason: 'not-pep440' });
  });
});

describe('explicit version lists: PEP 440 equality without parsing every listed release', () => {
  const db = dbOf([osv('PYSEC-LIST-1', [], ['1.0', '2020.01.01', '3.2.10', 'v4.0', '5.0rc1', '0.3m1'])]);
  const hit = (version: string) => advisoriesForVersion(db, 'demo', version).matches.length > 0;

  it('matches spellings that differ by trailing zeros, leading zeros or a v prefix', () => {
    for (const version of ['1.0', '1', '1.0.0', '2020.1.1', '2020.01.01', '3.2.10', '3.2.10.0', '4.0', '4', '5.0rc1', '5.0c1', '0.3m1']) expect(hit(version), version).toBe(true);
  });

  it('does not match neighbours', () => {
    for (const version of ['1.0.1', '1.1', '2020.1.10', '3.2.1', '3.2.100', '4.0.1', '5.0', '5.0rc2', '0.3m2']) expect(hit(version), version).toBe(false);
  });
});

describe('version lists that only enumerate the ranges', () => {
  it('are marked at build time, and a version outside the ranges is not looked up in them', () => {
    const covered = dbOf([osv('PYSEC-COVER-1', [[{ introduced: '1.0' }, { fixed: '1.2' }]], ['1.0', '1.1'])]);
    expect(covered.byPackage.get('demo')![0]!.affected[0]!.versionsInRanges).toBe(true);
    expect(advisoriesForVersion(covered, 'demo', '1.1').matches).toHaveLength(1);
    expect(advisoriesForVersion(covered, 'demo', '1.2').matches).toHaveLength(0);
  });

  it('are not marked when they list a version the ranges do not hold, which still matches', () => {
    const extra = dbOf([osv('PYSEC-COVER-2', [[{ introduced: '1.0' }, { fixed: '1.2' }]], ['1.0', '1.1', '0.5'])]);
    expect(extra.byPackage.get('demo')![0]!.affected[0]!.versionsInRanges).toBeUndefined();
    expect(advisoriesForVersion(extra, 'demo', '0.5').matches.map((m) => m.basis)).toEqual(['versions']);
  });
});
