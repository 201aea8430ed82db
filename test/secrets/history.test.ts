/** Git history as added lines, against real repositories built with the git binary. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EarliestIntroductions, GitHistoryError, scanHistory, scanHistoryIntroductions, type AddedLine } from '../../src/secrets/history.js';

const env = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

let dir = '';
let tick = 0;
const git = (...args: string[]): string => {
  tick++;
  const date = `2024-01-01T00:${String(tick).padStart(2, '0')}:00Z`;
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: dir,
    env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    encoding: 'utf8',
  }).trim();
};
const write = async (name: string, content: string | Buffer) => {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), content);
};
const commit = async (message: string, files: Record<string, string | Buffer>): Promise<string> => {
  for (const [name, content] of Object.entries(files)) await write(name, content);
  git('add', '--all', '.');
  git('commit', '-q', '--allow-empty', '-m', message);
  return git('rev-parse', 'HEAD');
};

const MARKER = /SECRET_MARKER_\d+/g;
const markers = (added: AddedLine) => [...added.text.matchAll(MARKER)].map((m) => ({ ruleId: 'marker', secret: m[0] }));

const key = (a: AddedLine) => `${a.commit} ${a.path}:${a.line} ${a.text}`;
const ids: Record<string, string> = {};
let seconds = 0;

beforeAll(async () => {
  const started = performance.now();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-history-'));
  git('init', '-q', '-b', 'main');
  ids.c1 = await commit('initial', {
    'settings.py': 'A = 1\nB = 2\nTOKEN = "SECRET_MARKER_1"\n',
    'legacy.py': 'pass\nKEY = "SECRET_MARKER_4"\n',
    'my file.py': 'X = "SECRET_MARKER_5"\n',
    'café.py': '# é\nY = "SECRET_MARKER_6"\n',
    'win.txt': 'a\r\nZ = "SECRET_MARKER_9"\r\n',
    'blob.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from('SECRET_MARKER_8\n')]),
    'conf.py': 'one\nVALUE = 1\nthree\n',
  });
  // Remove marker 1, rename legacy.py (unchanged: a pure rename).
  git('mv', 'legacy.py', 'renamed.py');
  ids.c2 = await commit('remove token, rename', { 'settings.py': 'A = 1\nB = 2\n' });
  // A side branch never merged.
  git('checkout', '-q', '-b', 'side');
  ids.side = await commit('side', { 'side.py': 'S = "SECRET_MARKER_2"\n' });
  // A feature branch conflicting with main on conf.py; the resolution introduces marker 3.
  git('checkout', '-q', '-b', 'feature', ids.c2);
  ids.feature = await commit('feature', { 'conf.py': 'one\nVALUE = 2\nthree\n', 'feature.py': 'F = 1\n' });
  git('checkout', '-q', 'main');
  ids.c3 = await commit('main change', { 'conf.py': 'one\nVALUE = 3\nthree\n' });
  try {
    git('merge', '-q', '--no-edit', 'feature');
  } catch {
    // Conflict expected.
  }
  await write('conf.py', 'one\nVALUE = "SECRET_MARKER_3"\nthree\n');
  git('add', 'conf.py');
  git('commit', '-q', '--no-edit');
  ids.merge = git('rev-parse', 'HEAD');
  // A line added to the renamed file, and marker 4 re-added elsewhere (a second occurrence, later).
  ids.c4 = await commit('after rename', { 'renamed.py': 'pass\nKEY = "SECRET_MARKER_4"\nNEW = "SECRET_MARKER_7"\n', 'again.py': 'K = "SECRET_MARKER_4"\n' });
  // Deleting a file adds nothing.
  git('rm', '-q', 'my file.py');
  ids.c5 = await commit('delete', {});
  seconds = (performance.now() - started) / 1000;
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('scanHistory on a real repository', () => {
  it('streams every added line with commit, path and line number', async () => {
    const lines: AddedLine[] = [];
    const progress: number[] = [];
    const started = performance.now();
    const result = await scanHistory(dir, (a) => lines.push(a), { onProgress: (n) => progress.push(n) });
    console.log(`history test repo: built in ${seconds.toFixed(2)} s, scanned in ${((performance.now() - started) / 1000).toFixed(3)} s`);
    expect(result.commits).toBe(8);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.lines).toBe(lines.length);

    const found = lines
      .filter((a) => a.text.includes('SECRET_MARKER'))
      .map((a) => `${a.text.match(MARKER)?.[0]} ${a.commit} ${a.path}:${a.line}`)
      .sort();
    expect(found).toEqual(
      [
        `SECRET_MARKER_1 ${ids.c1} settings.py:3`,
        `SECRET_MARKER_2 ${ids.side} side.py:1`,
        `SECRET_MARKER_3 ${ids.merge} conf.py:2`,
        `SECRET_MARKER_4 ${ids.c1} legacy.py:2`,
        `SECRET_MARKER_4 ${ids.c4} again.py:1`,
        `SECRET_MARKER_5 ${ids.c1} my file.py:1`,
        `SECRET_MARKER_6 ${ids.c1} café.py:2`,
        `SECRET_MARKER_7 ${ids.c4} renamed.py:3`,
        `SECRET_MARKER_9 ${ids.c1} win.txt:2`,
      ].sort(),
    );
    const crlf = lines.find((a) => a.path === 'win.txt' && a.line === 2);
    expect(crlf?.text).toBe('Z = "SECRET_MARKER_9"');
    expect(crlf?.author).toBe('t');
    expect(crlf?.authorDate).toMatch(/^2024-01-01T00:\d\d:00Z$|^2024-01-01T00:\d\d:00\+00:00$/);
    // Nothing from the binary file, the rename, the deletion; the merge reports only its resolution.
    expect(lines.some((a) => a.path === 'blob.bin')).toBe(false);
    expect(lines.filter((a) => a.commit === ids.c2)).toEqual([]);
    expect(lines.filter((a) => a.commit === ids.c5)).toEqual([]);
    expect(lines.filter((a) => a.commit === ids.merge).map((a) => `${a.path}:${a.line}`)).toEqual(['conf.py:2']);
  });

  it('keeps the earliest commit introducing each secret', async () => {
    const result = await scanHistoryIntroductions(dir, markers);
    const intro = Object.fromEntries(result.introductions.map((i) => [i.match.secret, `${i.added.commit} ${i.added.path}:${i.added.line} x${i.occurrences}`]));
    expect(intro).toEqual({
      SECRET_MARKER_1: `${ids.c1} settings.py:3 x1`,
      SECRET_MARKER_2: `${ids.side} side.py:1 x1`,
      SECRET_MARKER_3: `${ids.merge} conf.py:2 x1`,
      SECRET_MARKER_4: `${ids.c1} legacy.py:2 x2`,
      SECRET_MARKER_5: `${ids.c1} my file.py:1 x1`,
      SECRET_MARKER_6: `${ids.c1} café.py:2 x1`,
      SECRET_MARKER_7: `${ids.c4} renamed.py:3 x1`,
      SECRET_MARKER_9: `${ids.c1} win.txt:2 x1`,
    });
    expect(result.dropped).toBe(0);
  });

  it('bounds the number of secrets kept', () => {
    const earliest = new EarliestIntroductions(markers, { maxSecrets: 1 });
    const base = { commit: 'c', authorDate: '', author: '', path: 'p', line: 1 };
    earliest.onLine({ ...base, text: 'SECRET_MARKER_1 SECRET_MARKER_2' });
    earliest.onLine({ ...base, commit: 'older', text: 'SECRET_MARKER_1' });
    expect(earliest.results().map((i) => [i.match.secret, i.added.commit, i.occurrences])).toEqual([['SECRET_MARKER_1', 'older', 2]]);
    expect(earliest.dropped).toBe(1);
  });

  it('stops git and rethrows when the callback throws', async () => {
    await expect(
      scanHistory(dir, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(scanHistory(dir, () => undefined, { signal: controller.signal })).rejects.toThrow('stop');
    const later = new AbortController();
    const onProgress = (n: number) => n === 2 && later.abort(new Error('stop later'));
    await expect(scanHistory(dir, () => undefined, { signal: later.signal, onProgress })).rejects.toThrow('stop later');
  });

  it('is not affected by a configuration that changes the output of git log', async () => {
    const config = path.join(dir, '..', `${path.basename(dir)}.gitconfig`);
    await writeFile(
      config,
      '[diff]\n\tnoprefix = true\n\tmnemonicPrefix = true\n\trelative = true\n\trenames = false\n\texternal = false\n' +
        '[log]\n\tshowRoot = false\n\tshowSignature = true\n\tdecorate = full\n[color]\n\tui = always\n[core]\n\tquotePath = false\n',
    );
    try {
      const plain: string[] = [];
      const hostile: string[] = [];
      await scanHistory(dir, (a) => plain.push(key(a)), { env });
      await scanHistory(dir, (a) => hostile.push(key(a)), { env: { ...env, GIT_CONFIG_GLOBAL: config } });
      expect(hostile).toEqual(plain);
      expect(plain.length).toBeGreaterThan(10);
    } finally {
      await rm(config, { force: true });
    }
  });
});

describe('scanHistory errors', () => {
  it('reports a directory that is not a repository', async () => {
    const plain = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-nogit-'));
    try {
      const error = await scanHistory(plain, () => undefined, { env: { ...env, GIT_CEILING_DIRECTORIES: path.dirname(plain) } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitHistoryError);
      expect((error as GitHistoryError).code).toBe('not-a-repository');
      expect((error as GitHistoryError).message).toContain('not in a git repository');
      const missing = await scanHistory(path.join(plain, 'nope'), () => undefined).catch((e: unknown) => e);
      expect((missing as GitHistoryError).code).toBe('not-a-repository');
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });

  it('reports a missing git binary', async () => {
    const error = await scanHistory(os.tmpdir(), () => undefined, { git: 'ponyguard-no-such-git' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHistoryError);
    expect((error as GitHistoryError).code).toBe('git-missing');
    expect((error as GitHistoryError).message).toMatch(/not installed or not on PATH/);
  });

  it('scans an empty repository', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-empty-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: empty, env });
      expect(await scanHistory(empty, () => undefined, { env })).toEqual({ commits: 0, lines: 0 });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
