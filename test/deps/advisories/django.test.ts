/** Django's support status and upgrades (src/deps/advisories/django.ts) on a small support table. */
import { describe, expect, it } from 'vitest';
import type { DjangoSupportEntry } from '../../../src/deps/advisories/build.js';
import { djangoAudit, djangoSeriesStatus } from '../../../src/deps/advisories/django.js';
import { archiveEntry, dbOf } from './helpers.js';

const SUPPORT: DjangoSupportEntry[] = [
  { series: '4.1', lts: false, release_date: '2022-08-03', end_of_mainstream_support: '2023-04-05', end_of_extended_support: '2023-12-01', last_release: '4.1.13', last_release_date: '2023-11-01' },
  { series: '4.2', lts: true, release_date: '2023-04-03', end_of_mainstream_support: '2023-12-04', end_of_extended_support: '2026-04-30', last_release: '4.2.30', last_release_date: '2026-04-07' },
  { series: '5.0', lts: false, release_date: '2023-12-04', end_of_mainstream_support: '2024-08-07', end_of_extended_support: '2025-04-02', last_release: '5.0.14', last_release_date: '2025-04-02' },
  { series: '5.2', lts: true, release_date: '2025-04-02', end_of_mainstream_support: '2025-12-03', end_of_extended_support: '2028-04-30', last_release: '5.2.14', last_release_date: '2026-05-05' },
];
const db = dbOf(
  [],
  [
    archiveEntry('CVE-2024-1', ['4.2.10', '5.0.3'], { date: '2024-03-01' }),
    archiveEntry('CVE-2025-1', ['4.2.20', '5.0.13', '5.2.1'], { date: '2025-03-06' }),
    archiveEntry('CVE-2025-2', ['4.2.22', '5.2.2'], { date: '2025-06-04' }),
  ],
  SUPPORT,
);
const status = (version: string, day: string) => djangoSeriesStatus(version, db.djangoReleases, new Date(`${day}T12:00:00Z`)).status;

describe('djangoSeriesStatus', () => {
  it('follows the support windows, end dates being the first day without support', () => {
    expect(status('4.2.1', '2023-06-01')).toBe('supported');
    expect(status('4.2.1', '2024-06-01')).toBe('lts');
    expect(status('5.0.1', '2024-12-01')).toBe('security-fixes-only');
    expect(status('5.0.1', '2025-04-01')).toBe('security-fixes-only');
    expect(status('5.0.1', '2025-04-02')).toBe('end-of-life');
    expect(status('4.1', '2026-01-01')).toBe('end-of-life');
  });

  it('knows nothing of series outside the table or versions that are not PEP 440', () => {
    expect(djangoSeriesStatus('6.1a1', db.djangoReleases, new Date('2026-06-01'))).toMatchObject({ series: '6.1', status: 'unknown', latestPatch: null, isLatestPatch: null });
    expect(djangoSeriesStatus('trunk', db.djangoReleases, new Date('2026-06-01'))).toMatchObject({ series: null, status: 'unknown' });
  });

  it('gives the dates, the latest patch and whether the version is it', () => {
    expect(djangoSeriesStatus('4.2.7', db.djangoReleases, new Date('2026-11-21'))).toEqual({
      version: '4.2.7',
      series: '4.2',
      status: 'end-of-life',
      lts: true,
      releaseDate: '2023-04-03',
      endOfMainstreamSupport: '2023-12-04',
      endOfExtendedSupport: '2026-04-30',
      latestPatch: '4.2.30',
      latestPatchDate: '2026-04-07',
      isLatestPatch: false,
    });
    expect(djangoSeriesStatus('5.2.14', db.djangoReleases, new Date('2026-11-21')).isLatestPatch).toBe(true);
  });
});

describe('djangoAudit', () => {
  it('lists the CVEs and the upgrades within the series and to a supported one', () => {
    const audit = djangoAudit(db, '5.0.2', new Date('2025-06-10'));
    expect(audit.series.status).toBe('end-of-life');
    expect(audit.cves).toEqual(['CVE-2024-1', 'CVE-2025-1']);
    expect(audit.fix).toEqual({ inSeries: '5.0.13', overall: '5.0.13' });
    // 5.0 is over: the smallest release of a supported series that no advisory affects (4.2 sorts lower but is below 5.0.2).
    expect(audit.supportedUpgrade).toBe('5.2.2');
    expect(audit.unevaluated).toEqual(['CVE-2025-2']);
  });

  it('stays in a supported series when it can', () => {
    const audit = djangoAudit(db, '4.2.15', new Date('2025-06-10'));
    expect(audit.series.status).toBe('lts');
    expect(audit.fix).toEqual({ inSeries: '4.2.22', overall: '4.2.22' });
    expect(audit.supportedUpgrade).toBe('4.2.22');
    expect(audit.unevaluated).toEqual([]);
  });
});
