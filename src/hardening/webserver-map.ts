/**
 * Maps deployment paths named by web-server configurations onto the repository. A configuration says `root
 * /srv/shop;`; whether /srv/shop is the checkout depends on evidence: the same repository's uWSGI `chdir`, a
 * `WSGIScriptAlias` or `wsgi-file` target whose tail is a file of the repository (`/srv/shop/shop/wsgi.py`), a
 * gunicorn `--chdir`, a supervisor `directory=`, or a served path whose tail matches the repository layout
 * (`/srv/shop/shop/static` ↔ `shop/static`, `/srv/shop/media` ↔ the MEDIA_ROOT the settings compute).
 * Each piece of evidence gives the deployment path of the scan root; a configuration path is then placed by it.
 */
import type { ProjectModel } from '../project/model.js';
import { settingDirectory, staticfilesEntries } from './source-settings.js';
import { isWithin, type Placement, type SourceTree } from './source-tree.js';
import { normalizeAbsolute, normalizeRelative, type ConfigPath, type DeploymentAnchor, type ParsedConfig } from './webserver-model.js';

/** Where the scan root is deployed, by one piece of evidence. */
export interface RootEvidence {
  /** Absolute deployment path of the scan root. */
  deployRoot: string;
  /** For messages: "chdir in deploy/uwsgi.ini line 4". */
  via: string;
  /** Direct evidence (a working directory, a project file) rather than a matching path tail. */
  strong: boolean;
}

/** A configuration path placed in the repository. */
export interface Located {
  placement: Placement;
  /** For a directory above the scan root: the path from it down to the scan root ('' when unknown). */
  down?: string;
  /** The evidence used, for messages; absent when the path is the scanned directory's own. */
  via?: string;
  strong: boolean;
}

const VENV = /(^|\/)(\.?venv|virtualenv|\.virtualenvs|site-packages|dist-packages|env)(\/|$)/;

export class DeployMap {
  readonly roots: RootEvidence[] = [];
  private readonly repoDirs: Set<string>;
  private readonly settingsDirs: Set<string>;

  constructor(
    private readonly project: ProjectModel,
    private readonly tree: SourceTree,
    configs: readonly ParsedConfig[],
    extraAnchors: readonly DeploymentAnchor[],
  ) {
    this.repoDirs = new Set<string>();
    for (const file of project.files) {
      const parts = file.split('/');
      for (let i = 1; i < parts.length; i++) this.repoDirs.add(parts.slice(0, i).join('/'));
    }
    this.settingsDirs = new Set<string>();
    for (const settings of project.settings) {
      const values = [settings.get('STATIC_ROOT'), settings.get('MEDIA_ROOT')].filter((r) => r.source === 'assigned').map((r) => r.value);
      for (const entry of staticfilesEntries(settings) ?? []) values.push(entry.value);
      for (const value of values) {
        // Only values the code fixes: an environment default says nothing about the deployment.
        if (value.env && value.env.length > 0) continue;
        const dir = settingDirectory(value, tree);
        if (dir && !dir.relative && dir.placement.where === 'inside' && dir.placement.rel !== '') this.settingsDirs.add(dir.placement.rel);
      }
    }
    const anchors = [...configs.flatMap((c) => c.anchors), ...extraAnchors];
    for (const anchor of anchors) {
      const evidence = this.fromAnchor(anchor);
      if (evidence && !this.roots.some((r) => r.deployRoot === evidence.deployRoot)) this.roots.push(evidence);
    }
    for (const config of configs) {
      for (const served of config.served) {
        if (served.dir.kind !== 'absolute' || served.traversal) continue;
        const tail = this.tailMatch(served.dir.path);
        if (!tail) continue;
        const deployRoot = stripSegments(served.dir.path, tail.rel);
        if (deployRoot === undefined || this.roots.some((r) => r.deployRoot === deployRoot)) continue;
        this.roots.push({ deployRoot, via: `${served.text} in ${served.at.file} line ${served.at.line} (its path ends like ${tail.rel}/ of the repository)`, strong: false });
      }
    }
    // Direct evidence first.
    this.roots.sort((a, b) => Number(b.strong) - Number(a.strong));
  }

  /** Places a configuration path in the repository, or undefined when nothing ties it to the repository. */
  locate(target: ConfigPath): Located | undefined {
    if (target.kind === 'repo') {
      const rel = normalizeRelative(target.rel);
      if (!rel.startsWith('..')) return { placement: { where: 'inside', rel }, strong: true };
      const up = rel.split('/').filter((p) => p === '..').length;
      const rootParts = this.tree.root.split('/').filter(Boolean);
      const down = up <= rootParts.length ? rootParts.slice(rootParts.length - up).join('/') : '';
      return { placement: { where: 'above' }, down, strong: true };
    }
    const p = normalizeAbsolute(target.path);
    // Paths of the machine that was scanned (a configuration written for this very checkout).
    const direct = this.tree.place(p);
    if (direct.where === 'inside') return { placement: direct, strong: true };
    if (direct.where === 'above') return { placement: direct, down: this.tree.root.slice(p === '/' ? 1 : p.length + 1), strong: true };
    for (const root of this.roots) {
      if (p === root.deployRoot) return { placement: { where: 'inside', rel: '' }, via: root.via, strong: root.strong };
      if (p.startsWith(`${root.deployRoot}/`)) return { placement: { where: 'inside', rel: p.slice(root.deployRoot.length + 1) }, via: root.via, strong: root.strong };
      if (root.deployRoot.startsWith(`${p}/`) || (p === '/' && root.deployRoot !== '/')) {
        return { placement: { where: 'above' }, down: root.deployRoot.slice(p === '/' ? 1 : p.length + 1), via: root.via, strong: root.strong };
      }
    }
    const tail = this.tailMatch(p);
    if (tail) return { placement: { where: 'inside', rel: tail.rel }, via: `its path ends like ${tail.rel}/ of the repository`, strong: false };
    return undefined;
  }

  /**
   * The repository directory a deployment path's tail matches: at least two trailing segments of a directory of
   * the repository, or the whole of a directory the settings compute (STATIC_ROOT, MEDIA_ROOT). Ambiguous → none.
   */
  private tailMatch(p: string): { rel: string } | undefined {
    const parts = p.split('/').filter(Boolean);
    let best: { rel: string; k: number } | undefined;
    let ambiguous = false;
    const consider = (dir: string, minimum: number): void => {
      const dparts = dir.split('/');
      let k = 0;
      while (k < dparts.length && k < parts.length && dparts[dparts.length - 1 - k] === parts[parts.length - 1 - k]) k++;
      if (k < minimum || k < dparts.length) return;
      if (!best || k > best.k) {
        best = { rel: dir, k };
        ambiguous = false;
      } else if (k === best.k && best.rel !== dir) ambiguous = true;
    };
    for (const dir of this.repoDirs) if (dir.includes('/')) consider(dir, 2);
    for (const dir of this.settingsDirs) consider(dir, 1);
    return best && !ambiguous ? { rel: (best as { rel: string }).rel } : undefined;
  }

  /** The deployment path of the scan root an anchor implies. */
  private fromAnchor(anchor: DeploymentAnchor): RootEvidence | undefined {
    const via = `${anchor.directive} in ${anchor.at.file} line ${anchor.at.line}`;
    if (anchor.path.kind === 'repo') return undefined;
    const p = normalizeAbsolute(anchor.path.path);
    if (anchor.kind === 'file') {
      const match = this.fileMatch(p);
      if (!match) return undefined;
      const deployRoot = stripSegments(p, match);
      return deployRoot === undefined ? undefined : { deployRoot, via, strong: true };
    }
    if (anchor.rel !== undefined) {
      const deployRoot = stripSegments(p, anchor.rel);
      return deployRoot === undefined ? undefined : { deployRoot, via, strong: true };
    }
    if (VENV.test(p)) return undefined;
    let rel: string | undefined;
    if (anchor.module) {
      const modulePath = anchor.module.replace(/\./g, '/');
      const dirs = new Set<string>();
      for (const file of this.project.files) {
        for (const suffix of [`${modulePath}.py`, `${modulePath}/__init__.py`]) {
          if (file === suffix) dirs.add('');
          else if (file.endsWith(`/${suffix}`)) dirs.add(file.slice(0, -suffix.length - 1));
        }
      }
      if (dirs.size === 1) rel = [...dirs][0]!;
    }
    if (rel === undefined) rel = this.tree.projectDir ?? (this.project.discovery.sourceRoots.length === 1 ? this.project.discovery.sourceRoots[0]! : undefined);
    if (rel === undefined) return undefined;
    const deployRoot = stripSegments(p, rel);
    return deployRoot === undefined ? undefined : { deployRoot, via, strong: true };
  }

  /** The repository file a deployment file path names: the longest matching tail (≥ 2 segments, or the whole path). */
  private fileMatch(p: string): string | undefined {
    const parts = p.split('/').filter(Boolean);
    const base = parts[parts.length - 1];
    let best: { file: string; k: number } | undefined;
    let ambiguous = false;
    for (const file of this.project.files) {
      if (!(file === base || file.endsWith(`/${base}`))) continue;
      const fparts = file.split('/');
      let k = 0;
      while (k < fparts.length && k < parts.length && fparts[fparts.length - 1 - k] === parts[parts.length - 1 - k]) k++;
      if (k < 2 && k < fparts.length) continue;
      if (!best || k > best.k) {
        best = { file, k };
        ambiguous = false;
      } else if (k === best.k) ambiguous = true;
    }
    if (!best || ambiguous) return undefined;
    return (best as { file: string }).file;
  }
}

/** A deployment path minus the trailing segments of a root-relative path (`/srv/app/shop/wsgi.py` − `shop/wsgi.py`). */
function stripSegments(deploy: string, rel: string): string | undefined {
  if (rel === '') return deploy;
  const parts = deploy.split('/').filter(Boolean);
  const relParts = rel.split('/');
  if (relParts.length > parts.length) return undefined;
  // The deploy path need not end with the same names (a repository directory deployed under another name).
  return `/${parts.slice(0, parts.length - relParts.length).join('/')}`;
}

/** The path from a served directory to a repository file, or undefined when the file is not under it. */
export function servedPath(located: Located, file: string): string | undefined {
  if (located.placement.where === 'inside') {
    const rel = located.placement.rel;
    if (!isWithin(file, rel) || file === rel) return undefined;
    return rel === '' ? file : file.slice(rel.length + 1);
  }
  if (located.placement.where === 'above') return located.down ? `${located.down}/${file}` : undefined;
  return undefined;
}
