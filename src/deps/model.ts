/**
 * The dependency audit's data model: packages declared or locked by a project's dependency files, and the advisories
 * they are matched against. Parsers (`parsers/`) produce `DependencyFile`s from text; the advisory database
 * (`advisories/`) answers which advisories affect a name and version. Both are pure: file and network I/O live in
 * `load.ts` and the `db` command.
 */

/** The formats a dependency file can have. */
export type DependencyFormat =
  | 'requirements'
  | 'pyproject'
  | 'setup-cfg'
  | 'setup-py'
  | 'pipfile'
  | 'pipfile-lock'
  | 'poetry-lock'
  | 'uv-lock'
  | 'pdm-lock'
  | 'pylock';

/** Where a requirement comes from when it is not a release on an index. */
export type PackageSource = 'index' | 'url' | 'path' | 'vcs' | 'editable';

export interface DeclaredPackage {
  /** PEP 503 normalised name: `django-filter`. */
  name: string;
  /** The name as written. */
  rawName: string;
  /** The exact version installed or pinned (`==3.2.10`, `===x`, or a lock file's version); null when not pinned. */
  version: string | null;
  /** The PEP 440 specifier as written, without spaces (`>=3.2,<4`); `==3.2.10` for a pin; '' for none. */
  specifier: string;
  extras: string[];
  /** The environment marker as written (`python_version < "3.10"`), or null. */
  marker: string | null;
  /** Project-relative path of the file that declares or locks it, with `/` separators. */
  file: string;
  /** 1-based line of the entry in that file (the line of the package's table in a lock file). */
  line: number;
  /** Declared by the project itself (not only pulled in by another package). */
  direct: boolean;
  /**
   * For indirect packages: a shortest chain of package names from a direct dependency to this one
   * (`["django-filter", "django"]`); empty for direct packages, or when the format has no graph.
   */
  path: string[];
  source: PackageSource;
  /** `--hash=` pins are present (a fix must regenerate them). */
  hashed: boolean;
  /** Dependency groups or extras sections it belongs to (`dev`, `test`, poetry groups); empty for the main set. */
  groups: string[];
}

export interface DependencyProblem {
  path: string;
  line: number | null;
  message: string;
}

export interface DependencyFile {
  /** Project-relative path. */
  path: string;
  format: DependencyFormat;
  packages: DeclaredPackage[];
  /** Lines or entries that could not be read; the rest of the file still counts. */
  problems: DependencyProblem[];
  /** Other files this one includes (`-r base.txt`, `-c constraints.txt`), project-relative. */
  includes: string[];
}
