#!/usr/bin/env node
/**
 * npm run docs
 *
 * Writes docs/rules/ from the rules' metadata: one page per rule and an index. Pages of rules that no longer exist
 * are removed. A test fails when the committed pages differ from what this script writes.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { ALL_RULES } = await import(path.join(root, 'dist', 'rules', 'index.js'));
const { rulePages } = await import(path.join(root, 'dist', 'docs', 'pages.js'));

const dir = path.join(root, 'docs', 'rules');
await mkdir(dir, { recursive: true });
const pages = rulePages(ALL_RULES.map((rule) => rule.meta));
for (const name of await readdir(dir)) if (name.endsWith('.md') && !pages.has(name)) await rm(path.join(dir, name));
for (const [name, text] of pages) await writeFile(path.join(dir, name), text);
console.log(`docs/rules: ${pages.size} pages`);
