/**
 * The generated documentation pages under docs/rules/: one page per rule and an index grouped by family, then by
 * scorecard practice. Pure: the
 * caller (scripts/docs.mjs, and the test that keeps the committed pages current) does the file I/O.
 */
import type { Family } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { PRACTICES } from '../core/report.js';
import { PRACTICE_TITLES, practiceOf } from '../core/scorecard.js';
import { renderRuleMarkdown } from './render.js';

const FAMILY_TITLES: Record<Family, string> = {
  settings: 'Settings (SET): Django settings, the `check --deploy` checks and more',
  code: 'Python code (PY): every Bandit test, plus Django-specific patterns',
  taint: 'Data flow (TNT): request data reaching dangerous sinks',
  templates: 'Templates (TPL): Django templates',
  dependencies: 'Dependencies (DEP): known advisories in the whole dependency tree',
  secrets: 'Secrets (SEC): credentials in code, configuration and git history',
  hardening: 'Hardening (HRD): brute-force protection, uploads, proxies',
  probe: 'Live site (WEB): what the running site sends',
};

/** `PY608.md`: named by code, which never changes, so links (SARIF `helpUri`) stay valid when a rule is renamed. */
export function rulePageName(meta: RuleMeta): string {
  return `${meta.code}.md`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** docs/rules/README.md: every rule, grouped by family, with its aliases and a link to its page. */
export function renderRuleIndex(metas: readonly RuleMeta[]): string {
  const lines = [
    '# ponyguard rules',
    '',
    '<!-- Generated from the rules\' metadata by `npm run docs`; do not edit by hand. -->',
    '',
    `${metas.length} rules. \`ponyguard explain CODE\` prints the same page in the terminal; codes, names and aliases (Bandit test IDs, Django check IDs) all work with \`--select\`, \`--ignore\` and suppression comments.`,
    '',
  ];
  for (const family of Object.keys(FAMILY_TITLES) as Family[]) {
    const members = metas.filter((meta) => meta.family === family);
    if (members.length === 0) continue;
    lines.push(`## ${FAMILY_TITLES[family]}`, '', '| Code | Name | Aliases | Severity | Confidence | Finds |', '|---|---|---|---|---|---|');
    for (const meta of members) {
      const aliases = meta.aliases.map((alias) => `\`${alias}\``).join(', ') || '—';
      lines.push(`| [${meta.code}](${rulePageName(meta)}) | \`${meta.name}\` | ${aliases} | ${meta.severity} | ${meta.confidence} | ${escapeCell(meta.summary)} |`);
    }
    lines.push('');
  }
  lines.push(
    '## By practice',
    '',
    'The scorecard (`report.scorecard`; see the README) judges each of the ten practices by the findings of these rules.',
    '',
    '| Practice | Rules |',
    '|---|---|',
  );
  for (const practice of PRACTICES) {
    const codes = metas.filter((meta) => practiceOf(meta.code) === practice).map((meta) => `[${meta.code}](${rulePageName(meta)})`);
    lines.push(`| ${PRACTICE_TITLES[practice]} (\`${practice}\`) | ${codes.join(', ') || '—'} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** Every page of docs/rules/, by file name. */
export function rulePages(metas: readonly RuleMeta[]): Map<string, string> {
  const pages = new Map<string, string>([['README.md', renderRuleIndex(metas)]]);
  for (const meta of metas) pages.set(rulePageName(meta), renderRuleMarkdown(meta));
  return pages;
}
