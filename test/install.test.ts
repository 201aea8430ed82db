/** `npm ci` must never need a compiler: no dependency may have been built by node-gyp. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

function gypBuilds(dir: string, depth = 0): string[] {
  if (depth > 6 || !existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(dir, entry.name);
    // node-gyp always leaves build/config.gypi (and a Makefile) behind.
    if (entry.name === 'build' && existsSync(path.join(full, 'config.gypi'))) out.push(path.relative(REPO_ROOT, full));
    else out.push(...gypBuilds(full, depth + 1));
  }
  return out;
}

describe('installation', () => {
  it('compiled nothing with node-gyp', () => {
    expect(gypBuilds(path.join(REPO_ROOT, 'node_modules'))).toEqual([]);
  });

  it('parses Python with the WASM grammar, not a native binding', () => {
    expect(existsSync(path.join(REPO_ROOT, 'node_modules', 'tree-sitter-python', 'tree-sitter-python.wasm'))).toBe(true);
    expect(existsSync(path.join(REPO_ROOT, 'node_modules', 'tree-sitter'))).toBe(false);
  });
});
