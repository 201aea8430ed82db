/**
 * TOML parsing shared by discovery (the Django pin, declared packages) and the dependency audit, which read the same
 * lock files: a large `uv.lock` or `poetry.lock` is parsed once per scan, not three times. The result is treated as
 * read-only by every caller. Errors are thrown as smol-toml throws them (with line numbers), and not cached.
 */
import { parse, type TomlTable } from 'smol-toml';

const MAX_ENTRIES = 16;
const cache = new Map<string, TomlTable>();

export function parseTomlCached(text: string): TomlTable {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const data = parse(text);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(text, data);
  return data;
}
