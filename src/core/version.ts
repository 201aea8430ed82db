import { readFileSync } from 'node:fs';

/** ponyguard's own version, from package.json (two levels up from both src/core and dist/core). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
