/**
 * The Django version the project pins, from lock files first (they say what is installed), then requirement files.
 * Only exact pins count; a range says what may be installed, not what is.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseTomlCached as parseToml } from './toml-cache.js';
import type { DjangoVersionPin } from './model.js';

type Warnings = Array<{ path: string; line: number | null; message: string }>;

/** PEP 503 normalisation. */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export async function findDjangoPin(
  absRoot: string,
  lockFiles: readonly string[],
  requirementFiles: readonly string[],
  warnings: Warnings,
): Promise<DjangoVersionPin | null> {
  const byDepth = (a: string, b: string): number => a.split('/').length - b.split('/').length || a.localeCompare(b);
  for (const rel of [...lockFiles].sort(byDepth)) {
    const text = await read(path.join(absRoot, rel));
    if (text === undefined) continue;
    const pin = pinFromLock(rel, text, warnings);
    if (pin) return pin;
  }
  // Requirement files: the conventional production ones first.
  const rank = (rel: string): number => {
    const base = rel.split('/').pop()!;
    if (/^requirements\.txt$/.test(base)) return 0;
    if (/(prod|production|base|common|deploy)/i.test(base)) return 1;
    if (/(dev|test|local|lint|doc)/i.test(base)) return 3;
    return 2;
  };
  const ordered = [...requirementFiles].sort((a, b) => rank(a) - rank(b) || byDepth(a, b));
  for (const rel of ordered) {
    const pin = await pinFromRequirements(absRoot, rel, new Set());
    if (pin) return pin;
  }
  return null;
}

async function read(abs: string): Promise<string | undefined> {
  try {
    return await readFile(abs, 'utf8');
  } catch {
    return undefined;
  }
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function pinFromLock(rel: string, text: string, warnings: Warnings): DjangoVersionPin | null {
  const base = rel.split('/').pop()!;
  if (base === 'Pipfile.lock') {
    try {
      const data = JSON.parse(text) as Record<string, Record<string, { version?: string }> | undefined>;
      for (const section of ['default', 'develop']) {
        const entries = data[section];
        if (!entries) continue;
        for (const [name, entry] of Object.entries(entries)) {
          const version = entry?.version;
          if (normalizePackageName(name) === 'django' && typeof version === 'string' && version.startsWith('==')) {
            const index = text.search(new RegExp(`"${name}"\\s*:`));
            return { version: version.slice(2), path: rel, line: lineOf(text, Math.max(index, 0)) };
          }
        }
      }
    } catch (error) {
      warnings.push({ path: rel, line: null, message: `not valid JSON: ${(error as Error).message}` });
    }
    return null;
  }
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (error) {
    const line = (error as { line?: number }).line ?? null;
    warnings.push({ path: rel, line, message: `not valid TOML: ${(error as Error).message.split('\n')[0]}` });
    return null;
  }
  const packages = (data as { package?: unknown; packages?: unknown }).package ?? (data as { packages?: unknown }).packages;
  if (!Array.isArray(packages)) return null;
  for (const entry of packages as Array<{ name?: unknown; version?: unknown }>) {
    if (typeof entry.name === 'string' && normalizePackageName(entry.name) === 'django' && typeof entry.version === 'string') {
      const match = new RegExp(`name\\s*=\\s*"${entry.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'i').exec(text);
      return { version: entry.version, path: rel, line: match ? lineOf(text, match.index) : 1 };
    }
  }
  return null;
}

async function pinFromRequirements(absRoot: string, rel: string, seen: Set<string>): Promise<DjangoVersionPin | null> {
  if (seen.has(rel)) return null;
  seen.add(rel);
  const text = await read(path.join(absRoot, rel));
  if (text === undefined) return null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    let line = lines[i]!;
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!;
    line = line.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const include = /^(?:-r|--requirement)\s*=?\s*(\S+)/.exec(line);
    if (include) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), include[1]!));
      const pin = await pinFromRequirements(absRoot, target, seen);
      if (pin) return pin;
      continue;
    }
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*===?\s*([A-Za-z0-9.+!_-]+)/.exec(line);
    if (match && normalizePackageName(match[1]!) === 'django') return { version: match[3]!, path: rel, line: startLine };
  }
  return null;
}
