/**
 * The compact advisory database: what `scripts/build-advisories.mjs` writes to `data/advisories.json` and
 * `db.ts` loads. It holds only facts taken from the sources (ids, aliases, packages, affected ranges and versions,
 * severity, CWE ids, dates, reference URLs, short titles) and the attribution their licences require.
 */

/** The severity of an advisory, on the CVSS v3.1 qualitative scale. */
export type AdvisorySeverity = 'critical' | 'high' | 'medium' | 'low';

/**
 * Where an advisory's severity comes from: a CVSS v3.x vector's base score, the database's own rating (GHSA's
 * `database_specific.severity`), the Django release notes' rating, or the default (`medium`) when none exists.
 */
export type SeveritySource = 'cvss' | 'database' | 'django' | 'default';

/** One OSV range event; exactly one key is set. `introduced: "0"` means "from the first version"; `limit: "*"` none. */
export interface RangeEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

/** The affected versions of one package: OSV ECOSYSTEM ranges (GIT ranges are never kept) and the explicit list. */
export interface AffectedPackage {
  /** PEP 503 normalised name. */
  package: string;
  /** Each range's events as the source lists them (not necessarily in version order). */
  ranges: RangeEvent[][];
  /** Explicitly listed affected versions, as written by the source (some are not PEP 440). */
  versions: string[];
  /**
   * Set by the build when every listed version is PEP 440 and inside the entry's ranges (PyPA's lists enumerate
   * their ranges): a version outside the ranges is then known not to be listed, without reading the list.
   */
  versionsInRanges?: true;
}

export interface Advisory {
  /** The record's id: `PYSEC-…`, `GHSA-…`, or a Django archive id (`CVE-…`, `NO-CVE-…`) for archive-only entries. */
  id: string;
  /** Other ids of the same vulnerability (CVE, GHSA, PYSEC…), sorted; never contains `id`. */
  aliases: string[];
  affected: AffectedPackage[];
  severity: AdvisorySeverity;
  severitySource: SeveritySource;
  /**
   * The CVSS vector the severity was computed from, with its base score; a CVSS v4 vector is kept with a null score
   * (v4 scoring is not implemented, so it never decides the severity). Null when the record has no vector.
   */
  cvss: { vector: string; score: number | null } | null;
  /** `CWE-79` style ids, when the source names them. */
  cwes: string[];
  /** RFC 3339 timestamps or ISO dates as in the source. */
  published: string | null;
  modified: string | null;
  /** At most five URLs, advisories and fixes first. */
  references: string[];
  /** A short title: the source's summary, or the first sentence of its details, at most 160 characters. */
  title: string;
  /** Which inputs contributed: the PyPA advisory database, Django's security archive, or both. */
  sources: Array<'pypa' | 'django'>;
}

/** One Django release series' support window (from Django's release notes and endoflife.date). */
export interface DjangoRelease {
  /** `"5.2"`. */
  series: string;
  lts: boolean;
  /** ISO dates. */
  releaseDate: string;
  endOfMainstreamSupport: string;
  endOfExtendedSupport: string;
  /** The highest `X.Y.N` released, and its date. */
  lastRelease: string;
  lastReleaseDate: string;
}

/** One input of the build, for provenance and attribution. */
export interface DbSource {
  /** File name of the input. */
  file: string;
  /** What the data is. */
  name: string;
  /** Data date (ISO) as documented for the input, or the newest date found in it. */
  date: string | null;
  /** Upstream commit the input was taken from, when known. */
  commit: string | null;
  /** SHA-256 of the input file, hex. */
  sha256: string | null;
}

export interface LicenceNotice {
  /** Whose data. */
  data: string;
  /** SPDX identifier. */
  licence: string;
  /** The attribution to show wherever the data is used. */
  attribution: string;
}

export interface DbCounts {
  /** OSV records read, withdrawn (dropped) and superseded by a later-modified record with the same id. */
  recordsRead: number;
  withdrawn: number;
  duplicates: number;
  /** Records dropped because no `affected` entry is a PyPI package. */
  otherEcosystems: number;
  /** Advisories written (OSV records kept plus archive-only Django entries). */
  written: number;
  /** Advisories per package name. */
  byPackage: Record<string, number>;
  /** Non-ECOSYSTEM ranges skipped, by type (`GIT`, `SEMVER`). */
  skippedRanges: Record<string, number>;
  /** Listed versions that are not valid PEP 440 (matched only as exact strings). */
  nonPep440Versions: number;
  /** Range events whose version is not PEP 440; their ranges cannot be ordered and match nothing (lists still do). */
  nonPep440Events: number;
  /** Advisories per severity source. */
  severitySources: Record<SeveritySource, number>;
  /** Advisories whose only usable vector is CVSS v4 (kept, unscored: their severity comes from a rating or the default). */
  unscoredCvss4: number;
  djangoArchive: {
    entries: number;
    /** Entries merged into OSV records (sharing a CVE id), and OSV records they were merged into. */
    merged: number;
    mergedRecords: number;
    /** Entries written as advisories of their own. */
    standalone: number;
    /** Standalone entries without fixed versions, hence without affected ranges. */
    withoutFixedVersions: number;
    /** Ranges added to merged OSV records for series the OSV ranges did not cover. */
    rangesAdded: number;
  };
  djangoReleases: number;
}

export interface DbMeta {
  /** The format of this file; `loadAdvisoryDb` refuses others. */
  format: 1;
  /** ISO timestamp of the build. */
  builtAt: string;
  sources: DbSource[];
  counts: DbCounts;
  licences: LicenceNotice[];
}

/** The file as stored. */
export interface AdvisoryDbFile {
  meta: DbMeta;
  advisories: Advisory[];
  djangoReleases: DjangoRelease[];
}

/** One advisory's entries for one package, as indexed. */
export interface PackageAdvisory {
  advisory: Advisory;
  /** The advisory's `affected` entries naming this package (usually one). */
  affected: AffectedPackage[];
}

/** The loaded database: the file plus an index by normalised package name. */
export interface AdvisoryDb extends AdvisoryDbFile {
  byPackage: ReadonlyMap<string, readonly PackageAdvisory[]>;
}
