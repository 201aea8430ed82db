/**
 * The parsers against real dependency files of public Django projects (`../shared/data/lockfiles`, see SOURCES.md
 * there). The files are read in place, never copied into the repository; without them the suite is skipped.
 * Package counts were established independently of the parsers (Python's tomllib / json over the same files).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DependencyFile } from '../../src/deps/model.js';
import { parsePdmLock } from '../../src/deps/parsers/pdm-lock.js';
import { parsePipfile } from '../../src/deps/parsers/pipfile.js';
import { parsePipfileLock } from '../../src/deps/parsers/pipfile-lock.js';
import { parsePoetryLock } from '../../src/deps/parsers/poetry-lock.js';
import { parsePyproject } from '../../src/deps/parsers/pyproject.js';
import { parseRequirements } from '../../src/deps/parsers/requirements.js';
import { parseUvLock } from '../../src/deps/parsers/uv-lock.js';
import { REPO_ROOT } from '../helpers.js';

const DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'lockfiles');
const present = existsSync(DIR);
if (!present) console.log(`test/deps/real-lockfiles.test.ts: ${DIR} is absent; the real-lockfile tests are skipped.`);

const read = (name: string): string => readFileSync(path.join(DIR, name), 'utf8');

interface Case {
  name: string;
  parse: () => DependencyFile;
  /** Number of packages, counted independently. */
  count: number;
  /** Packages locked as direct dependencies (with the sibling manifest, for lock files that use one). */
  direct: number;
  /** A known package and its version. */
  known: [string, string];
  /** A package reached only through others, and the chain that reaches it (null for formats without a graph). */
  indirect: [string, string[]] | null;
  /** What the line of every package must look like. */
  lineShows: (line: string, rawName: string) => boolean;
}

const tomlTable = (line: string): boolean => line.startsWith('[[package]]');
const jsonKey = (line: string, rawName: string): boolean => line.trim().startsWith(`"${rawName}": {`);
const requirementLine = (line: string, rawName: string): boolean => line.startsWith(rawName);

const cases: Case[] = [
  {
    name: 'requirements.txt',
    parse: () => parseRequirements(read('requirements.txt'), 'requirements.txt'),
    count: 63,
    direct: 63,
    known: ['django', '1.11.20'],
    indirect: null,
    lineShows: requirementLine,
  },
  {
    name: 'requirements.pip-compile-hashes.txt',
    parse: () => parseRequirements(read('requirements.pip-compile-hashes.txt'), 'requirements.txt'),
    count: 154,
    direct: 154,
    known: ['django', '6.0.3'],
    indirect: null,
    lineShows: requirementLine,
  },
  {
    name: 'Pipfile.lock',
    parse: () => parsePipfileLock(read('Pipfile.lock'), 'Pipfile.lock', parsePipfile(read('Pipfile.for-Pipfile.lock'), 'Pipfile')),
    // 134 + 87 + 36 entries in three categories; the same name and version in several categories is one package.
    count: 215,
    direct: 84,
    known: ['django', '5.1.6'],
    indirect: null,
    lineShows: jsonKey,
  },
  {
    name: 'poetry.lock',
    parse: () => parsePoetryLock(read('poetry.lock'), 'poetry.lock', parsePyproject(read('pyproject.for-poetry.lock.toml'), 'pyproject.toml')),
    count: 236,
    direct: 107,
    known: ['django', '5.2.1'],
    indirect: ['sqlparse', ['django', 'sqlparse']],
    lineShows: tomlTable,
  },
  {
    name: 'uv.lock',
    parse: () => parseUvLock(read('uv.lock'), 'uv.lock'),
    // 276 [[package]] tables, one of them the project itself (source = { virtual = "." }).
    count: 275,
    direct: 107,
    known: ['django', '5.2.16'],
    indirect: ['sqlparse', ['django', 'sqlparse']],
    lineShows: tomlTable,
  },
  {
    name: 'pdm.lock',
    parse: () => parsePdmLock(read('pdm.lock'), 'pdm.lock', parsePyproject(read('pyproject.for-pdm.lock.toml'), 'pyproject.toml')),
    count: 15,
    direct: 6,
    known: ['djangorestframework', '3.15.2'],
    indirect: ['sqlparse', ['django', 'sqlparse']],
    lineShows: tomlTable,
  },
];

describe.skipIf(!present)('real dependency files', () => {
  // The cases read the files while the suite is collected: none when they are absent.
  describe.each(present ? cases : [])('$name', (c) => {
    const file = c.parse();
    const lines = read(c.name).split(/\r?\n/);

    it('parses with no problems, to the independently counted number of packages', () => {
      expect(file.problems).toEqual([]);
      expect(file.packages).toHaveLength(c.count);
      expect(file.packages.filter((p) => p.direct)).toHaveLength(c.direct);
    });

    it('has the known version of a known package', () => {
      const [name, version] = c.known;
      expect(file.packages.filter((p) => p.name === name).map((p) => p.version)).toContain(version);
    });

    it('puts every package at a line that shows it', () => {
      const wrong = file.packages.filter((p) => !c.lineShows(lines[p.line - 1] ?? '', p.rawName));
      expect(wrong.map((p) => `${p.rawName}@${p.line}`)).toEqual([]);
    });

    it('gives indirect packages a chain from a direct dependency', () => {
      const direct = new Set(file.packages.filter((p) => p.direct).map((p) => p.name));
      if (c.indirect === null) {
        expect(file.packages.every((p) => p.path.length === 0)).toBe(true);
        return;
      }
      const [name, chain] = c.indirect;
      expect(file.packages.find((p) => p.name === name)).toMatchObject({ direct: false, path: chain });
      for (const pkg of file.packages.filter((p) => !p.direct)) {
        expect(pkg.path.length, pkg.name).toBeGreaterThan(1);
        expect(direct.has(pkg.path[0] ?? ''), pkg.name).toBe(true);
        expect(pkg.path[pkg.path.length - 1]).toBe(pkg.name);
      }
    });
  });

  it('reads the sibling manifests with no problems', () => {
    const manifests = [
      parsePipfile(read('Pipfile.for-Pipfile.lock'), 'Pipfile'),
      parsePyproject(read('pyproject.for-poetry.lock.toml'), 'pyproject.toml'),
      parsePyproject(read('pyproject.for-uv.lock.toml'), 'pyproject.toml'),
      parsePyproject(read('pyproject.for-pdm.lock.toml'), 'pyproject.toml'),
    ];
    expect(manifests.flatMap((m) => m.problems)).toEqual([]);
    expect(manifests.map((m) => m.packages.length)).toEqual([84, 107, 104, 6]);
  });
});
