import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkProject } from '../../src/project/walk.js';
import { makeProject } from '../helpers.js';

const paths = async (dir: string, exclude: string[] = []) => {
  const result = await walkProject(dir, { exclude });
  return { files: result.files.map((f) => f.relPath).sort(), errors: result.errors };
};

describe('walkProject', () => {
  it('skips default excludes and virtualenvs recognised by pyvenv.cfg', async () => {
    const dir = await makeProject({
      'app/views.py': '',
      'node_modules/pkg/x.py': '',
      '.tox/py311/x.py': '',
      'build/lib/x.py': '',
      'dist/x.py': '',
      'app/__pycache__/views.cpython-311.pyc': '',
      'shop.egg-info/PKG-INFO': '',
      'env/pyvenv.cfg': 'home = /usr/bin\n',
      'env/lib/python3.11/site-packages/django/x.py': '',
      'environment/settings.py': '',
    });
    expect((await paths(dir)).files).toEqual(['app/views.py', 'environment/settings.py']);
  });

  it('honours nested .gitignore files, negations and configured excludes', async () => {
    const dir = await makeProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'local_settings.py\n*.log\n/media/\n',
      'media/upload.py': '',
      'app/local_settings.py': '',
      'app/debug.log': '',
      'app/views.py': '',
      'app/generated/.gitignore': '*\n!keep.py\n',
      'app/generated/drop.py': '',
      'app/generated/keep.py': '',
      'legacy/old.py': '',
    });
    // `*` in app/generated/.gitignore also matches that .gitignore itself, as in git.
    expect((await paths(dir, ['legacy/'])).files).toEqual(['.gitignore', 'app/generated/keep.py', 'app/views.py']);
  });

  it('applies .gitignore files above the scan root inside the same repository', async () => {
    const repo = await makeProject({ '.git/HEAD': '', '.gitignore': 'secret.py\n', 'sub/secret.py': '', 'sub/ok.py': '' });
    expect((await paths(path.join(repo, 'sub'))).files).toEqual(['ok.py']);
  });

  it('reports symlink loops instead of following them', async () => {
    const dir = await makeProject({ 'app/views.py': '' });
    await symlink('..', path.join(dir, 'app', 'up'));
    await symlink('self.py', path.join(dir, 'self.py'));
    const { files, errors } = await paths(dir);
    expect(files).toEqual(['app/views.py']);
    expect(errors).toEqual([
      { path: 'app/up', line: null, message: 'symbolic link loop: points to ., an enclosing directory; not followed' },
      { path: 'self.py', line: null, message: 'cannot read file: symbolic link loop' },
    ]);
  });

  it('scans a symlinked directory once, at its real location', async () => {
    const dir = await makeProject({ 'real/a.py': '' });
    await mkdir(path.join(dir, 'other'));
    await symlink('../real', path.join(dir, 'other', 'linked'));
    expect((await paths(dir)).files).toEqual(['real/a.py']);
  });
});
