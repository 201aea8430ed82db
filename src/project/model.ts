/**
 * What ponyguard knows about the project as a whole: discovery facts plus the parsed modules that project-level
 * analyzers (settings today; taint, dependencies and hardening later) need.
 */
import type { PythonModule } from '../python/module.js';
import type { Environment } from '../settings/environment.js';
import type { DjangoSemantics, SettingsSnapshot } from '../settings/snapshot.js';

export type SettingsSource =
  | 'manage.py'
  | 'wsgi'
  | 'asgi'
  | 'deployment'
  | 'pytest'
  | 'tox'
  | 'settings-file'
  | 'settings-package'
  | 'config';

export interface SettingsModuleDefault {
  /** The dotted module named by `DJANGO_SETTINGS_MODULE`. */
  module: string;
  /** Where it is named. */
  path: string;
  line: number;
  source: SettingsSource;
}

export interface SettingsModuleInfo {
  /** Dotted module name. */
  name: string;
  /** Root-relative path of the module file. */
  path: string;
  production: boolean;
  /** Why the module is judged as production (for messages), or null. */
  productionReason: string | null;
  /** How the module was found. */
  sources: SettingsSource[];
}

export interface DjangoVersionPin {
  version: string;
  path: string;
  line: number;
}

export interface Discovery {
  /** Absolute path of the scan root. */
  root: string;
  /** Root-relative path of `manage.py`, or null. */
  managePy: string | null;
  /** Directories (root-relative, '' for the root) from which dotted module names are resolved. */
  sourceRoots: string[];
  settingsDefaults: SettingsModuleDefault[];
  settingsModules: SettingsModuleInfo[];
  /** Django app directories (with `apps.py`, or a package with `models.py`). */
  apps: string[];
  templateDirs: string[];
  requirementFiles: string[];
  lockFiles: string[];
  gitRoot: string | null;
  djangoVersion: DjangoVersionPin | null;
  /** Dotted names of every Python module of the project. */
  moduleNames: ReadonlySet<string>;
  /** Normalized names of the distributions the project declares, or null when it declares none anywhere. */
  declaredPackages: ReadonlySet<string> | null;
}

export interface ProjectModule {
  path: string;
  module: PythonModule;
}

export interface ProjectModel {
  discovery: Discovery;
  /** Parsed modules kept for project analysis (settings modules and what they import), by dotted name. */
  modules: ReadonlyMap<string, ProjectModule>;
  /** The settings modules judged (production ones, or the one given with --settings), evaluated statically. */
  settings: readonly SettingsSnapshot[];
  /** The environment they were evaluated under. */
  environment: Environment;
  /** The Django version whose semantics apply. */
  django: DjangoSemantics;
  /** Python files with syntax errors (Python could not import them). */
  syntaxErrorPaths: ReadonlySet<string>;
  /** Every scanned file, root-relative and `/`-separated, in walk order. */
  files: readonly string[];
  /**
   * Parsed Python modules kept for whole-project analysis, by root-relative path: settings modules, URLconfs, views,
   * models, forms, serializers and any module that mentions authentication, throttling, uploads or static serving.
   */
  sources: ReadonlyMap<string, ProjectModule>;
  /** Non-Python text files project rules read (web server configurations, `.gitignore`), by root-relative path. */
  textFiles: ReadonlyMap<string, string>;
  /** Root-relative paths git tracks, or null when the project is not in a git work tree (or git is unavailable). */
  tracked: ReadonlySet<string> | null;
}
