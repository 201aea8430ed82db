/** Rule documentation rendered from rule metadata: `ponyguard explain`, SARIF help and the generated docs pages. */
import type { RuleMeta, RuleOptionSpec } from '../core/rule.js';
import { PRACTICE_TITLES, practiceOf } from '../core/scorecard.js';

/** The section headings every rule page has, in order (the meta-test checks each is non-empty). */
export const DOC_SECTIONS = ['What it does', 'Why it matters', 'Example', 'How to fix', 'References'] as const;

export function renderRuleMarkdown(meta: RuleMeta): string {
  const language = meta.docs.example.language ?? 'python';
  const lines = [
    `# ${meta.code} ${meta.name}`,
    '',
    meta.summary,
    '',
    '| | |',
    '|---|---|',
    `| Family | ${meta.family} |`,
    `| Practice | ${PRACTICE_TITLES[practiceOf(meta.code)]} |`,
    `| Default severity | ${meta.severity} |`,
    `| Confidence | ${meta.confidence} |`,
    `| CWE | ${meta.cwe.map((id) => `[CWE-${id}](https://cwe.mitre.org/data/definitions/${id}.html)`).join(', ')} |`,
    `| OWASP | ${meta.owasp.join(', ') || '—'} |`,
    `| Aliases | ${meta.aliases.map((a) => `\`${a}\``).join(', ') || '—'} |`,
    `| Status | ${meta.status} |`,
    '',
    '## What it does',
    '',
    meta.docs.whatItDoes,
    '',
    '## Why it matters',
    '',
    meta.docs.whyItMatters,
    '',
    '## Example',
    '',
    'Reported:',
    '',
    `\`\`\`${language}`,
    meta.docs.example.bad,
    '```',
    '',
    'Fixed:',
    '',
    `\`\`\`${language}`,
    meta.docs.example.good,
    '```',
    '',
    '## How to fix',
    '',
    meta.docs.howToFix,
    '',
  ];
  if (meta.options && meta.options.length > 0) {
    lines.push('## Options', '', `Set in \`[tool.ponyguard.options.${meta.code}]\`; Bandit's per-plugin settings for the same test are read too.`, '');
    for (const option of meta.options) lines.push(`- \`${option.name}\` (${optionTypeAndDefault(option)}): ${option.description}`);
    lines.push('');
  }
  if (meta.docs.limitations) lines.push('## Known limitations', '', meta.docs.limitations, '');
  lines.push('## References', '', ...meta.docs.references.map((r) => `- [${r.title}](${r.url})`), '');
  return lines.join('\n');
}

/** `true or false, default \`false\``, `list of strings, default \`["/tmp"]\``, `integer ≥ 0, default \`1024\``. */
function optionTypeAndDefault(option: RuleOptionSpec): string {
  switch (option.type) {
    case 'boolean':
      return `true or false, default \`${option.default}\``;
    case 'string-list':
      return `list of strings, default \`[${option.default.map((v) => JSON.stringify(v)).join(', ')}]\``;
    case 'integer':
      return `integer ≥ 0, default \`${option.default}\``;
  }
}
