/** Helpers for the dependency-parser tests: fixture reading and compact views of parsed packages. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DeclaredPackage, DependencyFile } from '../../src/deps/model.js';
import { FIXTURES } from '../helpers.js';

/** The fixture directory of the dependency parsers. */
export const DEPS_FIXTURES = path.join(FIXTURES, 'deps');

/** Reads `test/fixtures/deps/<rel>`. */
export function fixture(rel: string): string {
  return readFileSync(path.join(DEPS_FIXTURES, rel), 'utf8');
}

/** The package named `name` (normalised); fails the test when absent. */
export function pkg(file: DependencyFile, name: string): DeclaredPackage {
  const found = file.packages.find((p) => p.name === name);
  if (!found) throw new Error(`${file.path}: no package ${name} (have ${file.packages.map((p) => p.name).join(', ')})`);
  return found;
}

/** `name@line` for every package, in order: a compact view for whole-file assertions. */
export function namesAndLines(file: DependencyFile): string[] {
  return file.packages.map((p) => `${p.name}@${p.line}`);
}
