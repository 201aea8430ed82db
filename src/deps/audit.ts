/**
 * What the dependency rules see: the project's dependency files, the advisory database and the scan date, with the
 * audits of versions and specifiers computed once and shared by every rule. Pure: the files are already read
 * (`load.ts`) and the database already loaded (`advisories/db.ts`).
 */
import { type DjangoAudit, djangoAudit } from './advisories/django.js';
import { type SpecifierAudit, type VersionAudit, advisoriesForSpecifier, advisoriesForVersion } from './advisories/match.js';
import type { AdvisoryDb } from './advisories/types.js';
import type { DeclaredPackage, DependencyFile } from './model.js';

export class DependencyAudit {
  private readonly versions = new Map<string, VersionAudit>();
  private readonly specifiers = new Map<string, SpecifierAudit>();
  private readonly djangoAudits = new Map<string, DjangoAudit>();
  /** Names with an exact version somewhere in the project (a pin or a lock file): what is installed is known. */
  readonly pinnedNames: ReadonlySet<string>;

  constructor(
    readonly files: readonly DependencyFile[],
    readonly db: AdvisoryDb,
    readonly today: Date,
  ) {
    this.pinnedNames = new Set(this.packages().filter((p) => p.version !== null).map((p) => p.name));
  }

  /** Every package entry of every file, in file order. */
  packages(): DeclaredPackage[] {
    return this.files.flatMap((file) => file.packages);
  }

  /** The advisories affecting an exact version of a package (cached). */
  version(name: string, version: string): VersionAudit {
    const key = `${name}\0${version}`;
    let audit = this.versions.get(key);
    if (!audit) {
      audit = advisoriesForVersion(this.db, name, version);
      this.versions.set(key, audit);
    }
    return audit;
  }

  /** The advisories some version allowed by a specifier is affected by (cached). */
  specifier(name: string, specifier: string): SpecifierAudit {
    const key = `${name}\0${specifier}`;
    let audit = this.specifiers.get(key);
    if (!audit) {
      audit = advisoriesForSpecifier(this.db, name, specifier);
      this.specifiers.set(key, audit);
    }
    return audit;
  }

  /** Support status, advisories and upgrades of a Django version on the scan date (cached). */
  django(version: string): DjangoAudit {
    let audit = this.djangoAudits.get(version);
    if (!audit) {
      audit = djangoAudit(this.db, version, this.today);
      this.djangoAudits.set(version, audit);
    }
    return audit;
  }
}

/** `django-filter → django` for an indirect package; '' for a direct one. */
export function describePath(pkg: DeclaredPackage): string {
  return pkg.direct || pkg.path.length === 0 ? '' : pkg.path.join(' → ');
}

/** The date part of an ISO date or timestamp. */
export function isoDate(value: string): string {
  return value.slice(0, 10);
}
