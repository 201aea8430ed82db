/** The source tree behind the source-protection rules: which directories hold code, and how a path relates to them. */
import { describe, expect, it } from 'vitest';
import { settingDirectory } from '../../src/hardening/source-settings.js';
import { sourceTree } from '../../src/hardening/source-tree.js';
import { DeployMap, servedPath } from '../../src/hardening/webserver-map.js';
import type { ProjectModel } from '../../src/project/model.js';

const project = (overrides: Partial<ProjectModel['discovery']> = {}, files: string[] = []): ProjectModel =>
  ({
    discovery: {
      root: '/home/dev/shop',
      managePy: 'manage.py',
      sourceRoots: [''],
      settingsModules: [
        { name: 'shop.settings', path: 'shop/settings/__init__.py', production: false, productionReason: null, sources: [] },
        { name: 'shop.settings.production', path: 'shop/settings/production.py', production: true, productionReason: 'name', sources: [] },
      ],
      apps: ['catalog'],
      gitRoot: '/home/dev/shop',
      ...overrides,
    },
    settings: [],
    files: ['manage.py', 'shop/__init__.py', 'shop/settings/__init__.py', 'shop/settings/production.py', 'shop/wsgi.py', 'catalog/__init__.py', 'catalog/models.py', 'catalog/static/catalog/site.css', 'lib/tools/__init__.py', ...files],
  }) as unknown as ProjectModel;

describe('sourceTree', () => {
  it('places absolute paths inside, above or outside the scanned directory', () => {
    const tree = sourceTree(project());
    expect(tree.place('/home/dev/shop')).toEqual({ where: 'inside', rel: '' });
    expect(tree.place('/home/dev/shop/static/')).toEqual({ where: 'inside', rel: 'static' });
    expect(tree.place('/home/dev/shop/static/../catalog')).toEqual({ where: 'inside', rel: 'catalog' });
    expect(tree.place('/home/dev')).toEqual({ where: 'above' });
    expect(tree.place('/')).toEqual({ where: 'above' });
    expect(tree.place('/home/dev/shopping')).toEqual({ where: 'outside' });
    expect(tree.place('/srv/shop/static')).toEqual({ where: 'outside' });
  });

  it('says what a directory exposes: the project root, a settings package, an app, a package, or a directory that contains one', () => {
    const tree = sourceTree(project());
    const text = (rel: string) => tree.sourceExposure({ where: 'inside', rel })?.text;
    expect(text('')).toBe('is the project root, the directory of manage.py');
    expect(text('shop/settings')).toBe('is shop/settings/, the directory of the settings module shop/settings/production.py');
    expect(text('shop')).toBe('is the Python package shop/, which holds the settings module shop/settings/production.py');
    expect(text('catalog')).toBe('is the source directory of the app catalog');
    expect(text('lib')).toBe('contains the Python package lib/tools');
    expect(text('catalog/static')).toBeUndefined();
    expect(text('media')).toBeUndefined();
    expect(tree.sourceExposure({ where: 'above' })?.text).toBe('is a parent of the whole project directory');
    expect(tree.sourceExposure({ where: 'outside' })).toBeUndefined();
    expect(tree.sourceAround('catalog/uploads')?.dir).toBe('catalog');
    expect(tree.sourceAround('media')?.kind).toBe('project');
  });

  it('turns settings values into directories: paths, strings, environ.Path; relative ones against manage.py\'s directory', () => {
    const tree = sourceTree(project({ managePy: 'src/manage.py' }));
    expect(settingDirectory({ t: 'path', v: '/home/dev/shop/src/' }, tree)).toEqual({ path: '/home/dev/shop/src', relative: false, placement: { where: 'inside', rel: 'src' } });
    expect(settingDirectory({ t: 'str', v: 'static' }, tree)).toEqual({ path: 'static', relative: true, placement: { where: 'inside', rel: 'src/static' } });
    expect(settingDirectory({ t: 'object', cls: 'environ.Path', args: [{ t: 'path', v: '/x' }] }, tree)?.path).toBe('/x');
    for (const v of ['', '~/media', '$HOME/media', '{root}/x']) expect(settingDirectory({ t: 'str', v }, tree)).toBeUndefined();
    expect(settingDirectory({ t: 'none' }, tree)).toBeUndefined();
    expect(settingDirectory({ t: 'unknown', why: 'x' }, tree)).toBeUndefined();
  });
});

describe('DeployMap', () => {
  it('places deployment paths through the evidence it has, and leaves the others alone', () => {
    const model = project();
    const tree = sourceTree(model);
    const at = { file: 'deploy/uwsgi.ini', line: 2, column: 1, endLine: 2, endColumn: 10 };
    const map = new DeployMap(model, tree, [], [
      { at, directive: 'chdir', path: { kind: 'absolute', path: '/srv/shop' }, kind: 'python-dir', module: 'shop.wsgi' },
      { at, directive: 'pythonpath', path: { kind: 'absolute', path: '/srv/venv/lib/python3.12/site-packages' }, kind: 'python-dir' },
    ]);
    expect(map.roots.map((r) => r.deployRoot)).toEqual(['/srv/shop']);
    expect(map.locate({ kind: 'absolute', path: '/srv/shop/catalog/' })).toMatchObject({ placement: { where: 'inside', rel: 'catalog' }, strong: true });
    const above = map.locate({ kind: 'absolute', path: '/srv' })!;
    expect(above).toMatchObject({ placement: { where: 'above' }, down: 'shop' });
    expect(servedPath(above, 'manage.py')).toBe('shop/manage.py');
    expect(map.locate({ kind: 'absolute', path: '/var/www/html' })).toBeUndefined();
    expect(map.locate({ kind: 'repo', rel: 'deploy/..' })).toMatchObject({ placement: { where: 'inside', rel: '' } });
    const parent = map.locate({ kind: 'repo', rel: '..' })!;
    expect(parent).toMatchObject({ placement: { where: 'above' }, down: 'shop' });
    expect(servedPath(parent, '.env')).toBe('shop/.env');
  });

  it('matches a WSGI file by its tail, and refuses ambiguous or one-segment tails', () => {
    const model = project({}, ['other/shop/wsgi.py']);
    const tree = sourceTree(model);
    const at = { file: 'a.conf', line: 1, column: 1, endLine: 1, endColumn: 2 };
    const file = (p: string) => new DeployMap(model, tree, [], [{ at, directive: 'WSGIScriptAlias', path: { kind: 'absolute', path: p }, kind: 'file' }]).roots.map((r) => r.deployRoot);
    expect(file('/opt/app/other/shop/wsgi.py')).toEqual(['/opt/app']);
    expect(file('/opt/app/shop/wsgi.py')).toEqual([]); // shop/wsgi.py and other/shop/wsgi.py both end so
    expect(file('/opt/app/wsgi.py')).toEqual([]);
  });
});
