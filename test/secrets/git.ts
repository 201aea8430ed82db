/** Temporary git repositories for the secrets tests (local only; fixed identity and dates). */
import { execFileSync } from 'node:child_process';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Pony Tester',
      GIT_AUTHOR_EMAIL: 'pony@example.test',
      GIT_COMMITTER_NAME: 'Pony Tester',
      GIT_COMMITTER_EMAIL: 'pony@example.test',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
}

export function initRepo(cwd: string): void {
  git(cwd, 'init', '-q', '-b', 'main');
  git(cwd, 'config', 'commit.gpgsign', 'false');
}

/** Commits everything staged with `paths` added, at a fixed author date (ISO 8601). */
export function commit(cwd: string, message: string, date: string, paths: string[] = ['-A']): string {
  git(cwd, 'add', ...paths);
  execFileSync('git', ['commit', '-q', '-m', message], {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Pony Tester',
      GIT_AUTHOR_EMAIL: 'pony@example.test',
      GIT_COMMITTER_NAME: 'Pony Tester',
      GIT_COMMITTER_EMAIL: 'pony@example.test',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
  return git(cwd, 'rev-parse', 'HEAD').trim();
}
