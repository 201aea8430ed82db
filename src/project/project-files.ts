/**
 * File facts for whole-project rules, gathered at the edge (file system and git) so that the rules stay pure:
 * which files git tracks, and the text of the non-Python files project rules read (web server configurations,
 * `.gitignore` files).
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ScanError } from '../core/finding.js';
import { decodeSource } from '../engine/read-source.js';

/** Text files project rules read, by root-relative path: web server configurations and ignore files. */
export const PROJECT_TEXT_FILE =
  /(^|\/)(\.gitignore|\.dockerignore|\.htaccess|Caddyfile(\.[\w.-]+)?|[^/]*\.conf(\.[\w-]+)?|[^/]*\.vhost|uwsgi[^/]*\.(ini|ya?ml|xml|json)|[^/]*\.uwsgi\.ini|(nginx|apache2?|httpd|caddy|sites-(available|enabled)|conf\.d)\/[^/]+|Procfile(\.[\w.-]+)?|(Dockerfile|Containerfile)(\.[\w.-]+)?|[^/]*\.(dockerfile|containerfile|service)|(docker-)?compose(\.[\w.-]+)?\.ya?ml)$/i;

/** Largest configuration file read; bigger ones are not configuration. */
const MAX_TEXT_FILE_BYTES = 1024 * 1024;

/** Reads the project text files among `relPaths` (see `PROJECT_TEXT_FILE`); unreadable ones become errors. */
export async function readProjectTextFiles(root: string, relPaths: readonly string[], errors: ScanError[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    relPaths
      .filter((rel) => PROJECT_TEXT_FILE.test(rel))
      .map(async (rel) => {
        const abs = path.join(root, rel);
        try {
          const info = await stat(abs);
          if (!info.isFile() || info.size > MAX_TEXT_FILE_BYTES) return;
          const decoded = decodeSource(await readFile(abs), false);
          if (decoded.ok) out.set(rel, decoded.text);
        } catch (error) {
          errors.push({ path: rel, line: null, message: `cannot read: ${(error as Error).message}` });
        }
      }),
  );
  return out;
}

/**
 * The files git tracks under `root`, root-relative and `/`-separated; null when `root` is not inside a git work tree
 * or git cannot be run (then no rule may conclude that a file is tracked).
 */
export async function listTrackedFiles(root: string, gitRoot: string | null): Promise<Set<string> | null> {
  if (!gitRoot) return null;
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', 'ls-files', '-z', '--cached', '--', '.'],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout) => {
        if (error) {
          resolve(null);
          return;
        }
        resolve(new Set(stdout.split('\0').filter((entry) => entry.length > 0)));
      },
    );
  });
}
