/**
 * The labelled taint suite as a whole: its size, and that every sink class is exercised in function views,
 * class-based views and DRF views, directly and across modules, with silent look-alikes beside the real flows.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/scan.js';
import { taintRules } from '../../src/rules/index.js';
import { FIXTURES } from '../helpers.js';

interface Counts {
  flows: number;
  silent: number;
  text: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function count(dir: string, code: string): Counts {
  const counts: Counts = { flows: 0, silent: 0, text: '' };
  for (const file of filesUnder(dir)) {
    const text = readFileSync(file, 'utf8');
    counts.text += text;
    for (const match of text.matchAll(/expect:\s*([A-Z]+\d+)\s*<-\s*([\w-]+(?:\s*,\s*[\w-]+)*)/g)) {
      if (match[1] === code) counts.flows += match[2]!.split(',').length;
    }
    counts.silent += text.match(/#\s*silent:/g)?.length ?? 0;
  }
  return counts;
}

describe('the labelled taint suite', () => {
  const rules = taintRules();
  const all = rules.map((rule) => ({ code: rule.meta.code, ...count(path.join(FIXTURES, 'rules', 'taint', rule.meta.name), rule.meta.code) }));

  it('has at least 150 cases: flows that must be found and look-alikes that must stay silent', () => {
    const total = all.reduce((sum, c) => sum + c.flows + c.silent, 0);
    expect(total).toBeGreaterThanOrEqual(150);
  });

  it.each(all.map((c) => [c.code, c] as const))('%s has flows to find and look-alikes to leave alone', (_code, counts) => {
    expect(counts.flows).toBeGreaterThan(0);
    expect(counts.silent).toBeGreaterThan(0);
  });

  it.each(rules.map((rule) => [rule.meta.code, rule.meta.name] as const))('%s finds flows from function views, class-based views and DRF views, and one through two helpers in another module', async (code, name) => {
    const { report } = await audit({ path: path.join(FIXTURES, 'rules', 'taint', name), select: [code], jobs: 1 });
    // The sink in another file than the source, reached through calls to two different functions.
    const crossing = report.findings.filter((f) => {
      const trace = f.trace ?? [];
      const callees = new Set(trace.flatMap((step) => /^passed to (?:self\.)?([\w.]+)\(/.exec(step.note ?? '')?.[1] ?? []));
      return trace[0] !== undefined && trace[0].path !== f.location.path && callees.size >= 2;
    });
    expect(crossing.length, `${code}: no finding crosses modules through two helpers`).toBeGreaterThan(0);

    // Flows from function views, from class-based views (self.request, self.kwargs) and from DRF views are found.
    const sources = report.findings.map((f) => f.trace?.[0]?.note ?? '');
    expect(sources.some((note) => /^source: request\.(GET|POST|COOKIES|META|headers|body|FILES)\b/.test(note)), `${code}: function view`).toBe(true);
    expect(sources.some((note) => /^source: self\.(request|kwargs)\b/.test(note)), `${code}: class-based view`).toBe(true);
    expect(sources.some((note) => /\brequest\.(data|query_params)\b/.test(note)), `${code}: DRF view`).toBe(true);
  });
});
