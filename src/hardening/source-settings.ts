/**
 * Directory settings (STATIC_ROOT, STATICFILES_DIRS, MEDIA_ROOT) as the source-protection rules judge them: the
 * evaluated value turned into a directory, placed against the scanned tree, and the list entries of
 * STATICFILES_DIRS with the syntax node each one was written at.
 */
import { field, type PyNode } from '../python/ast.js';
import type { ResolvedSetting, SettingsSnapshot } from '../settings/snapshot.js';
import type { Origin, Value } from '../settings/value.js';
import { normalizeDir, type Placement, type SourceExposure, type SourceTree } from './source-tree.js';

export interface SettingDirectory {
  /** Normalized path as the value gives it (absolute, or relative to the working directory). */
  path: string;
  /** The value is a relative path: Django resolves it against the working directory, assumed to be manage.py's. */
  relative: boolean;
  /** The directory placed against the scanned tree (relative values resolved against manage.py's directory). */
  placement: Placement;
}

/**
 * The directory a settings value names: a `pathlib.Path`, an `os.path` string, a plain string or a django-environ
 * `environ.Path`. Undefined for anything else (unknown values, None, empty strings, `~` paths, placeholders).
 */
export function settingDirectory(value: Value, tree: SourceTree): SettingDirectory | undefined {
  let raw: string | undefined;
  if (value.t === 'path' || value.t === 'str') raw = value.v;
  else if (value.t === 'object' && value.cls === 'environ.Path' && value.args?.[0]?.t === 'path') raw = value.args[0].v;
  if (raw === undefined) return undefined;
  raw = raw.trim();
  if (raw === '' || raw.startsWith('~') || /[$%{}]/.test(raw) || raw.includes('\0')) return undefined;
  if (raw.startsWith('/')) {
    const normalized = normalizeDir(raw);
    return { path: normalized, relative: false, placement: tree.place(normalized) };
  }
  const normalized = normalizeDir(raw);
  const base = tree.projectDir === null ? tree.root : tree.projectDir === '' ? tree.root : `${tree.root}/${tree.projectDir}`;
  return { path: normalized, relative: true, placement: tree.place(`${base}/${normalized}`) };
}

/** The directory a setting names when the settings module assigns it (see settingDirectory), else undefined. */
export function assignedDirectory(settings: SettingsSnapshot, name: string, tree: SourceTree): SettingDirectory | undefined {
  const resolved = settings.get(name);
  return resolved.source === 'assigned' ? settingDirectory(resolved.value, tree) : undefined;
}

/** The directory a value names and how it holds the project's source; undefined when it names none or holds no source. */
export function exposedDirectory(value: Value, tree: SourceTree): { dir: SettingDirectory; exposure: SourceExposure } | undefined {
  const dir = settingDirectory(value, tree);
  const exposure = dir && tree.sourceExposure(dir.placement);
  return dir && exposure ? { dir, exposure } : undefined;
}

/** One STATICFILES_DIRS entry: its directory value, optional URL prefix, and where it is written. */
export interface StaticfilesEntry {
  index: number;
  /** The directory part (the second item of a `("prefix", path)` pair). */
  value: Value;
  prefix?: string;
  /** The entry's own syntax node when the setting is a literal list the value matches, else undefined. */
  at?: Origin;
}

/** The entries of STATICFILES_DIRS, or undefined when the setting is not a known list or tuple. */
export function staticfilesEntries(settings: SettingsSnapshot): StaticfilesEntry[] | undefined {
  const resolved = settings.get('STATICFILES_DIRS');
  const value = resolved.value;
  if (value.t !== 'list' && value.t !== 'tuple') return undefined;
  const mutated = (settings.result.namespace.names.get('STATICFILES_DIRS')?.mutatedAt?.length ?? 0) > 0;
  const nodes = mutated ? undefined : literalItems(resolved, value.items.length);
  return value.items.map((item, index) => {
    const node = nodes?.[index];
    const at = node && resolved.at ? { ...resolved.at, node } : undefined;
    if (item.t === 'tuple' && item.items.length === 2) {
      const [prefix, dir] = item.items as [Value, Value];
      return { index, value: dir, ...(prefix.t === 'str' ? { prefix: prefix.v } : {}), ...(at ? { at } : {}) };
    }
    return { index, value: item, ...(at ? { at } : {}) };
  });
}

/**
 * The element nodes of the literal list or tuple a setting was assigned, when the value is exactly that literal
 * (same number of elements, no splats, no later mutation): each entry can then be reported at its own line.
 */
function literalItems(resolved: ResolvedSetting, count: number): PyNode[] | undefined {
  const statement = resolved.at?.node;
  if (!statement) return undefined;
  const assignment = statement.type === 'assignment' ? statement : statement.type === 'expression_statement' ? statement.children.find((c) => c.type === 'assignment') : undefined;
  let right = assignment ? field(assignment, 'right') : undefined;
  while (right?.type === 'parenthesized_expression' && right.children.length === 1) right = right.children[0];
  if (!right || (right.type !== 'list' && right.type !== 'tuple')) return undefined;
  const items = right.children.filter((c) => c.type !== 'comment');
  if (items.length !== count || items.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat')) return undefined;
  return items;
}

/** Is django.contrib.staticfiles (or its AppConfig) installed? undefined when INSTALLED_APPS is not fully known. */
export function staticfilesInstalled(settings: SettingsSnapshot): boolean | undefined {
  const apps = settings.strings('INSTALLED_APPS');
  if (!apps) return undefined;
  return apps.some((app) => app === 'django.contrib.staticfiles' || app.startsWith('django.contrib.staticfiles.'));
}
