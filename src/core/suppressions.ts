/**
 * Inline suppressions: `# ponyguard: ignore[CODE,…] -- reason` and Bandit's `# nosec` / `# nosec B602,B607`.
 * Directives are parsed where comments are known (Python: from the syntax tree, so `#` inside strings never counts)
 * and applied centrally to every finding, whatever analyzer produced it.
 */

import { BANDIT_TEST_NAMES } from '../config/bandit.js';
import { isBanditBlacklistId } from './selectors.js';

export interface Directive {
  /** 1-based line of the comment. */
  line: number;
  kind: 'inline' | 'nosec';
  /** Codes, names or aliases listed; null for a bare directive (everything it can cover). */
  codes: string[] | null;
  reason?: string;
}

const PONYGUARD = /#\s*ponyguard\s*:\s*ignore\b(?:\s*\[([^\]]*)\])?([^#]*)/i;
const NOSEC = /#\s*nosec\b:?([^#]*)/;

/** Directives in one comment (`# type: ignore # nosec B607` holds one). */
export function parseDirectives(comment: string, line: number): Directive[] {
  const out: Directive[] = [];
  const inline = PONYGUARD.exec(comment);
  if (inline) {
    const list = inline[1];
    const codes = list === undefined ? null : list.split(/[\s,]+/).filter(Boolean);
    const reason = inline[2]?.replace(/^\s*(?:--|—|:)?\s*/, '').trim();
    out.push({ line, kind: 'inline', codes: codes && codes.length > 0 ? codes : null, ...(reason ? { reason } : {}) });
  }
  const nosec = NOSEC.exec(comment);
  if (nosec) {
    const words = (nosec[1] ?? '').split(/[\s,]+/).filter(Boolean);
    out.push({ line, kind: 'nosec', codes: words.length > 0 ? words : null });
  }
  return out;
}

/** Directives from `#` comments of a line-oriented text file (requirements, .env, INI): a `#` starting a comment. */
export function directivesFromHashComments(text: string): Directive[] {
  const out: Directive[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, index) => {
    const hash = lineText.search(/(^|\s)#/);
    if (hash === -1) return;
    out.push(...parseDirectives(lineText.slice(hash).trimStart(), index + 1));
  });
  return out;
}

export interface SuppressibleRule {
  ruleId: string;
  ruleName: string;
  aliases: readonly string[];
}

const BANDIT_ID = /^B\d{3}$/;

/** Does this directive cover findings of the rule? */
export function directiveCovers(directive: Directive, rule: SuppressibleRule): boolean {
  if (directive.kind === 'nosec') {
    // Bandit's comment only speaks for the checks Bandit has: rules carrying a Bandit test ID.
    const banditIds = rule.aliases.filter((alias) => BANDIT_ID.test(alias));
    if (banditIds.length === 0) return false;
    // Bandit accepts test names too: `# nosec assert_used`.
    // B001 is the meta-test of the blacklist calls and imports.
    return (
      directive.codes === null ||
      directive.codes.some((code) => (code.toUpperCase() === 'B001' ? banditIds.some(isBanditBlacklistId) : banditIds.includes(BANDIT_TEST_NAMES[code] ?? code)))
    );
  }
  if (directive.codes === null) return true;
  const wanted = new Set([rule.ruleId, rule.ruleName, ...rule.aliases].map((c) => c.toLowerCase()));
  return directive.codes.some((code) => wanted.has(code.toLowerCase()) || (code.toUpperCase() === 'B001' && rule.aliases.some(isBanditBlacklistId)));
}

export class DirectiveIndex {
  private readonly byLine = new Map<number, Directive[]>();

  constructor(directives: readonly Directive[]) {
    for (const directive of directives) {
      const list = this.byLine.get(directive.line);
      if (list) list.push(directive);
      else this.byLine.set(directive.line, [directive]);
    }
  }

  /** The first directive within the lines that covers the rule. */
  find(rule: SuppressibleRule, startLine: number, endLine: number): Directive | undefined {
    for (let line = startLine; line <= endLine; line++) {
      for (const directive of this.byLine.get(line) ?? []) if (directiveCovers(directive, rule)) return directive;
    }
    return undefined;
  }
}
