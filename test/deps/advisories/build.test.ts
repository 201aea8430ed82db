/** The database build (src/deps/advisories/build.ts) on hand-written inputs: what is kept, merged and counted. */
import { describe, expect, it } from 'vitest';
import {
  djangoFixRange,
  firstSentence,
  parseJsonLines,
  recordCwes,
  recordSeverity,
  referenceUrls,
  shortTitle,
} from '../../../src/deps/advisories/build.js';
import { advisoriesForVersion } from '../../../src/deps/advisories/match.js';
import { archiveEntry, dbOf, osv } from './helpers.js';

describe('titles', () => {
  it('takes the first sentence of the details, skipping headings', () => {
    expect(firstSentence('An issue was found in Django 3.2 before 3.2.5. The rest is prose.')).toBe('An issue was found in Django 3.2 before 3.2.5.');
    expect(firstSentence('### Impact\nThe `foo()` call, e.g. with bar, is unsafe.\nSecond line.\n\nMore.')).toBe('The `foo()` call, e.g. with bar, is unsafe.');
    expect(firstSentence('No full stop here')).toBe('No full stop here');
  });

  it('cuts long titles at a word, with an ellipsis', () => {
    const title = shortTitle(`${'word '.repeat(50)}end`);
    expect(title.length).toBeLessThanOrEqual(160);
    expect(title.endsWith('word…')).toBe(true);
    expect(shortTitle('  Short   title. ')).toBe('Short title.');
  });

  it('prefers the summary to the details', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '0' }]], [], { summary: 'A summary', details: 'Details. More.' }), osv('PYSEC-2', [[{ introduced: '0' }]])]);
    expect(db.advisories.map((a) => a.title)).toEqual(['A summary', 'Problem PYSEC-2.']);
  });
});

describe('severity', () => {
  it('computes the highest CVSS v3 score, record or package level', () => {
    const record = osv('PYSEC-1', [], [], { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }] });
    record.affected![0]!.severity = [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }];
    expect(recordSeverity(record)).toEqual({ severity: 'high', severitySource: 'cvss', cvss: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', score: 7.5 } });
  });

  it("falls back to the database's rating, then to medium; a CVSS v4 vector is kept unscored", () => {
    const v4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(recordSeverity(osv('GHSA-1', [], [], { database_specific: { severity: 'MODERATE' } }))).toEqual({ severity: 'medium', severitySource: 'database', cvss: null });
    expect(recordSeverity(osv('GHSA-2', [], [], { severity: [{ type: 'CVSS_V4', score: v4 }], database_specific: { severity: 'CRITICAL' } }))).toEqual({
      severity: 'critical',
      severitySource: 'database',
      cvss: { vector: v4, score: null },
    });
    expect(recordSeverity(osv('PYSEC-3', []))).toEqual({ severity: 'medium', severitySource: 'default', cvss: null });
  });
});

describe('facts kept', () => {
  it('keeps CWE ids from database_specific', () => {
    expect(recordCwes(osv('GHSA-1', [], [], { database_specific: { cwe_ids: ['CWE-79', 'cwe-89', 'not a cwe', 7] } }))).toEqual(['CWE-79', 'CWE-89']);
  });

  it('keeps five reference URLs, advisories and fixes first, without duplicates', () => {
    const refs = ['WEB', 'PACKAGE', 'FIX', 'ADVISORY', 'WEB', 'ARTICLE', 'REPORT'].map((type, i) => ({ type, url: `https://example.com/${i}` }));
    expect(referenceUrls([...refs, { type: 'ADVISORY', url: 'https://example.com/3' }])).toEqual([
      'https://example.com/3',
      'https://example.com/2',
      'https://example.com/5',
      'https://example.com/6',
      'https://example.com/0',
    ]);
  });

  it('keeps no prose: only the listed fields', () => {
    const db = dbOf([osv('PYSEC-1', [[{ introduced: '0' }]], ['0.1'], { aliases: ['CVE-1', 'PYSEC-1'], credits: [{ name: 'x' }] } as never)]);
    const advisory = db.advisories[0]!;
    expect(Object.keys(advisory).sort()).toEqual(['affected', 'aliases', 'cvss', 'cwes', 'id', 'modified', 'published', 'references', 'severity', 'severitySource', 'sources', 'title']);
    expect(advisory.aliases).toEqual(['CVE-1']);
    expect(JSON.stringify(advisory)).not.toContain('More text');
  });

  it('reads JSON Lines and names a bad line', () => {
    expect(parseJsonLines('{"id":"a"}\n\n{"id":"b"}\n', 'f.jsonl')).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(() => parseJsonLines('{"id":"a"}\n{oops\n', 'f.jsonl')).toThrow(/^f\.jsonl:2: not JSON/);
  });
});

describe("Django's security archive", () => {
  it('builds ranges from fixed versions, pre-releases of the series included', () => {
    expect(djangoFixRange('3.2.5')).toEqual([{ introduced: '3.2.dev0' }, { fixed: '3.2.5' }]);
    expect(djangoFixRange('4.0')).toEqual([{ introduced: '4.0.dev0' }, { fixed: '4.0' }]);
    const db = dbOf([], [archiveEntry('CVE-2025-1', ['3.2.5', '4.0'], { cves: ['CVE-2025-1', 'CVE-2025-2'], severity: 'moderate' })]);
    const hit = (v: string) => advisoriesForVersion(db, 'Django', v).matches.length > 0;
    expect(['3.1.9', '3.2a1', '3.2rc1', '3.2', '3.2.4', '3.2.5', '4.0a1', '4.0rc1', '4.0', '4.0.1'].map(hit)).toEqual([
      false, true, true, true, true, false, true, true, false, false,
    ]);
    expect(db.advisories[0]).toMatchObject({
      id: 'CVE-2025-1',
      aliases: ['CVE-2025-2'],
      severity: 'medium',
      severitySource: 'django',
      published: '2025-01-01',
      references: ['https://www.djangoproject.com/weblog/CVE-2025-1/'],
      title: 'Archive summary of CVE-2025-1.',
      sources: ['django'],
    });
  });

  it('merges an entry into the OSV records sharing its CVE, adding only what they lack', () => {
    const record = osv('PYSEC-7', [[{ introduced: '0' }, { fixed: '1.11.27' }, { introduced: '2.0' }, { fixed: '2.2.9' }]], [], {
      name: 'django',
      aliases: ['CVE-2019-1'],
      references: [{ type: 'WEB', url: 'https://example.com/nvd' }],
    });
    const db = dbOf([record], [archiveEntry('CVE-2019-1', ['1.11.27', '2.2.9', '3.0.1'], { severity: 'high' }), archiveEntry('NO-CVE-2012-1', [])]);
    const advisory = db.advisories.find((a) => a.id === 'PYSEC-7')!;
    expect(advisory).toMatchObject({
      aliases: ['CVE-2019-1'],
      severity: 'high',
      severitySource: 'django',
      title: 'Archive summary of CVE-2019-1.',
      references: ['https://www.djangoproject.com/weblog/CVE-2019-1/', 'https://example.com/nvd'],
      sources: ['pypa', 'django'],
    });
    // 3.0 had no event in the OSV ranges: the archive's 3.0.1 fix adds it; 1.11 and 2.2 stay as OSV says.
    expect(advisory.affected[0]?.ranges).toHaveLength(2);
    expect(advisory.affected[0]?.ranges[1]).toEqual([{ introduced: '3.0.dev0' }, { fixed: '3.0.1' }]);
    expect(advisoriesForVersion(db, 'django', '3.0').matches.map((m) => m.id)).toEqual(['PYSEC-7']);
    expect(db.meta.counts.djangoArchive).toEqual({ entries: 2, merged: 1, mergedRecords: 1, standalone: 1, withoutFixedVersions: 1, rangesAdded: 1 });
  });

  it('does not add a range for a series an OSV range already covers', () => {
    const record = osv('PYSEC-8', [[{ introduced: '0' }, { fixed: '1.1' }]], [], { name: 'django', aliases: ['CVE-2009-1'] });
    const db = dbOf([record], [archiveEntry('CVE-2009-1', ['1.0.3'])]);
    expect(db.advisories[0]?.affected[0]?.ranges).toHaveLength(1);
  });
});

describe('meta', () => {
  it('counts what was read, dropped and written, and carries the licences', () => {
    const db = dbOf(
      [osv('PYSEC-1', [[{ introduced: '0' }]], ['0.1', 'trunk']), osv('PYSEC-2', [[{ introduced: '0' }]], [], { name: 'other', withdrawn: '2024-01-01' })],
      [archiveEntry('CVE-2025-1', ['5.2.1'])],
      [{ series: '5.2', lts: true, release_date: '2025-04-02', end_of_mainstream_support: '2025-12-03', end_of_extended_support: '2028-04-30', last_release: '5.2.14', last_release_date: '2026-05-05' }],
    );
    expect(db.meta.counts).toMatchObject({ recordsRead: 2, withdrawn: 1, duplicates: 0, written: 2, byPackage: { demo: 1, django: 1 }, nonPep440Versions: 1, djangoReleases: 1 });
    expect(db.meta.licences.map((l) => l.licence)).toEqual(['CC-BY-4.0', 'BSD-3-Clause', 'MIT']);
    expect(db.meta.licences[0]?.attribution).toBe('PyPA Advisory Database, https://github.com/pypa/advisory-database');
    expect(db.djangoReleases).toEqual([
      { series: '5.2', lts: true, releaseDate: '2025-04-02', endOfMainstreamSupport: '2025-12-03', endOfExtendedSupport: '2028-04-30', lastRelease: '5.2.14', lastReleaseDate: '2026-05-05' },
    ]);
  });
});
