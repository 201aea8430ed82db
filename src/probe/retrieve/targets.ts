/** The targets of a probe: command-line URLs and `--urls-file` lines, checked one by one. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ScanError } from '../../core/finding.js';
import { parseTarget } from './site.js';

/**
 * The targets, in order and without duplicates: the arguments, then the lines of `--urls-file` (blank lines and
 * `#` comments skipped). A bad entry becomes an error naming the argument, or the file and line, and is left out.
 */
export async function readTargets(args: readonly string[], urlsFile: string | undefined, cwd: string, errors: ScanError[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (raw: string, where: { path: string; line: number | null }): void => {
    const parsed = parseTarget(raw);
    if ('error' in parsed) {
      errors.push({ ...where, message: `cannot probe this URL: ${parsed.error}` });
      return;
    }
    const key = parsed.url.href;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(raw.trim());
  };
  for (const arg of args) add(arg, { path: arg, line: null });
  if (urlsFile !== undefined) {
    let text: string | null = null;
    try {
      text = await readFile(path.resolve(cwd, urlsFile), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      errors.push({ path: urlsFile, line: null, message: `cannot read the URL list: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}` });
    }
    text?.split(/\r?\n/).forEach((line, index) => {
      const entry = line.replace(/(^|\s)#.*$/, '').trim();
      if (entry !== '') add(entry, { path: urlsFile, line: index + 1 });
    });
  }
  return out;
}
