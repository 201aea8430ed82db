#!/usr/bin/env -S node --
// Thin launcher. The `--` in the shebang stops Node 20 from reading our `--env-file` option as its own.
// The CLI lives in dist/ (built by `npm run build`, which `npm ci` runs through `prepare`).
import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    process.stderr.write('ponyguard: the build output is missing; run `npm run build` (or `npm ci`) first.\n');
    process.exit(3);
  }
  throw error;
});
