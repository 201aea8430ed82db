/**
 * Django templates: which files are templates (app `templates/` folders and TEMPLATES["DIRS"]), reading them, and
 * running the template rules on their tokens. `{# ponyguard: ignore[CODE] -- reason #}` comments suppress findings
 * on their line.
 */
import path from 'node:path';
import type { ScanError } from '../core/finding.js';
import type { TemplateReportDescriptor, TemplateRule } from '../core/rule.js';
import { parseDirectives, type Directive } from '../core/suppressions.js';
import type { WalkedFile } from '../project/walk.js';
import type { SettingsSnapshot } from '../settings/snapshot.js';
import { dictGet, iterate } from '../settings/value.js';
import { LineIndex } from '../python/ast.js';
import { tokenize, type TemplateToken } from '../templates/lexer.js';
import { excerptAround, type RawFinding } from './raw-finding.js';
import { readSource } from './read-source.js';

/** Extensions of files Django projects render as templates. */
const TEMPLATE_EXTENSIONS = /\.(html?|xhtml|txt|xml|svg|md|email|json|js|css|csv|tpl|ics|vcf)$/i;

export interface TemplatePhaseResult {
  findings: RawFinding[];
  directives: Map<string, Directive[]>;
  templateFiles: number;
}

/** Root-relative template directories: `templates/` folders found in the tree, plus TEMPLATES[*]["DIRS"]. */
export function templateDirectories(root: string, found: readonly string[], settings: readonly SettingsSnapshot[]): string[] {
  const dirs = new Set(found.filter((d) => d.split('/').pop() === 'templates'));
  for (const snapshot of settings) {
    for (const backend of iterate(snapshot.get('TEMPLATES').value) ?? []) {
      const engine = dictGet(backend, 'BACKEND');
      if (engine?.t === 'str' && !engine.v.endsWith('DjangoTemplates')) continue;
      for (const dir of iterate(dictGet(backend, 'DIRS') ?? { t: 'list', items: [] }) ?? []) {
        if (dir.t !== 'str' && dir.t !== 'path') continue;
        const relative = path.posix.relative(root.split(path.sep).join('/'), dir.v);
        if (!relative.startsWith('..') && !path.posix.isAbsolute(relative)) dirs.add(relative === '' ? '.' : relative);
      }
    }
  }
  return [...dirs].sort();
}

export function isTemplateFile(relPath: string, dirs: readonly string[]): boolean {
  if (!TEMPLATE_EXTENSIONS.test(relPath)) return false;
  return dirs.some((dir) => dir === '.' || relPath.startsWith(`${dir}/`));
}

export function runTemplatePhase(
  files: readonly WalkedFile[],
  dirs: readonly string[],
  rules: readonly TemplateRule[],
  ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  maxBytes: number,
  errors: ScanError[],
): TemplatePhaseResult {
  const result: TemplatePhaseResult = { findings: [], directives: new Map(), templateFiles: 0 };
  const templates = files.filter((f) => isTemplateFile(f.relPath, dirs));
  result.templateFiles = templates.length;
  if (rules.length === 0) return result;
  for (const file of templates) {
    const read = readSource(file.absPath, { maxBytes, python: false });
    if (!read.ok) {
      errors.push({ path: file.relPath, line: read.line, message: read.message });
      continue;
    }
    const tokens = tokenize(read.text);
    const lines = new LineIndex(read.text);
    const directives: Directive[] = [];
    for (const token of tokens) if (token.type === 'comment') directives.push(...parseDirectives(`#${token.contents}`, token.line));
    if (directives.length > 0) result.directives.set(file.relPath, directives);
    for (const rule of rules) {
      const report = (descriptor: TemplateReportDescriptor): void => {
        result.findings.push(toRawFinding(rule, descriptor, file.relPath, lines, read.text));
      };
      try {
        rule.check({ file: { path: file.relPath }, source: read.text, tokens, options: ruleOptions[rule.meta.code] ?? {}, report });
      } catch (error) {
        errors.push({
          path: file.relPath,
          line: null,
          message: `internal error in rule ${rule.meta.code} (${rule.meta.name}): ${(error as Error).message}; its findings for this file are missing`,
        });
      }
    }
  }
  return result;
}

function toRawFinding(rule: TemplateRule, descriptor: TemplateReportDescriptor, relPath: string, lines: LineIndex, source: string): RawFinding {
  const token: TemplateToken = descriptor.token;
  const start = lines.position(descriptor.start ?? token.start);
  const end = lines.position(descriptor.end ?? token.end);
  const raw: RawFinding = {
    ruleId: rule.meta.code,
    message: descriptor.message,
    location: { path: relPath, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
    suppressLines: [start.line, end.line],
    // The fingerprint is about the reported span: a narrower span inside a wide text token is what the finding is about.
    basis: descriptor.start !== undefined || descriptor.end !== undefined ? source.slice(descriptor.start ?? token.start, descriptor.end ?? token.end) : token.raw,
    excerpt: excerptAround(lines, start.line, end.line),
  };
  if (descriptor.severity) raw.severity = descriptor.severity;
  if (descriptor.confidence) raw.confidence = descriptor.confidence;
  if (descriptor.fix) raw.fix = descriptor.fix;
  return raw;
}
