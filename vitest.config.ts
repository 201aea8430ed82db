import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: CLI tests spawn processes (and worker pools) of their own.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Scans in tests use the bundled advisory database, never one a developer fetched with `ponyguard db update`
    // (tests of the cache set their own directory).
    env: { PONYGUARD_CACHE_DIR: path.join(os.tmpdir(), 'ponyguard-tests-without-cache') },
  },
});
