/** SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. */
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../core/finding.js';
import type { Report } from '../core/report.js';
import { ruleHelpUri, type RuleMeta } from '../core/rule.js';
import { renderRuleMarkdown } from '../docs/render.js';
import type { ReporterOptions } from './types.js';

/** GitHub's security-severity scale (0–10): ≥9 critical, ≥7 high, ≥4 medium, >0 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

function level(severity: Severity): 'error' | 'warning' | 'note' {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

const isUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);

function artifact(path: string): { uri: string; uriBaseId?: string } {
  if (isUrl(path)) return { uri: path };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'ROOT' };
}

function ruleDescriptor(meta: RuleMeta): Record<string, unknown> {
  return {
    id: meta.code,
    name: meta.name,
    shortDescription: { text: meta.summary },
    fullDescription: { text: meta.docs.whatItDoes.replace(/`/g, '') },
    help: { text: `${meta.fix}\n\n${meta.docs.howToFix.replace(/`/g, '')}`, markdown: renderRuleMarkdown(meta) },
    helpUri: ruleHelpUri(meta.code),
    defaultConfiguration: { level: level(meta.severity) },
    properties: {
      tags: ['security', meta.family, ...meta.cwe.map((id) => `external/cwe/cwe-${id}`), ...meta.owasp.map((o) => `external/owasp/${o.split('-')[0]!.toLowerCase()}`)],
      'security-severity': SECURITY_SEVERITY[meta.severity],
      precision: meta.confidence === 'high' ? 'high' : meta.confidence === 'medium' ? 'medium' : 'low',
      aliases: meta.aliases,
    },
  };
}

function physicalLocation(path: string, startLine: number, startColumn?: number, endLine?: number, endColumn?: number): Record<string, unknown> {
  const region: Record<string, number> = { startLine };
  if (startColumn) region['startColumn'] = startColumn;
  if (endLine) region['endLine'] = endLine;
  if (endColumn) region['endColumn'] = endColumn;
  return { artifactLocation: artifact(path), region };
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  const { location } = f;
  const startLine = Math.max(1, location.startLine);
  const region = physicalLocation(location.path, startLine, location.startColumn, Math.max(location.endLine, startLine), location.endColumn);
  if (f.excerpt) {
    const offset = startLine - f.excerpt.startLine;
    const lines = f.excerpt.lines.slice(Math.max(0, offset), Math.max(0, offset) + (location.endLine - startLine + 1));
    if (lines.length > 0) (region['region'] as Record<string, unknown>)['snippet'] = { text: lines.join('\n') };
  }
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: level(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: region }],
    partialFingerprints: { 'ponyguard/v1': f.fingerprint },
    properties: {
      severity: f.severity,
      confidence: f.confidence,
      family: f.family,
      cwe: f.cwe,
      owasp: f.owasp,
      aliases: f.aliases,
      fix: f.fix,
      'security-severity': SECURITY_SEVERITY[f.severity],
      ...(f.practice ? { practice: f.practice } : {}),
      ...(f.priority !== undefined ? { priority: f.priority } : {}),
      ...(f.commit ? { commit: f.commit } : {}),
    },
  };
  if (f.trace && f.trace.length > 0) {
    out['codeFlows'] = [
      {
        threadFlows: [
          {
            locations: f.trace.map((step) => ({
              location: { physicalLocation: physicalLocation(step.path, Math.max(1, step.line)), message: { text: step.note } },
            })),
          },
        ],
      },
    ];
  }
  if (f.suppression) {
    out['suppressions'] = [
      {
        kind: f.suppression.kind === 'baseline' ? 'external' : 'inSource',
        status: 'accepted',
        ...(f.suppression.reason ? { justification: f.suppression.reason } : {}),
      },
    ];
  }
  return out;
}

export function sarifReporter(report: Report, options: ReporterOptions): string {
  const used = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const metas = used.map((code) => options.rules.get(code)).filter((m): m is RuleMeta => m !== undefined);
  const indexOf = new Map(metas.map((meta, index) => [meta.code, index]));
  const root = pathToFileURL(report.target.root.endsWith('/') ? report.target.root : `${report.target.root}/`).href;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ponyguard',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: 'https://github.com/ponyguard/ponyguard',
            rules: metas.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { ROOT: { uri: root } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'error',
              message: { text: e.message },
              locations: [{ physicalLocation: physicalLocation(e.path, e.line ?? 1) }],
            })),
          },
        ],
        results: report.findings.map((f) => result(f, indexOf.get(f.ruleId) ?? -1)),
        columnKind: 'utf16CodeUnits',
        properties: {
          djangoVersion: report.target.djangoVersion,
          settingsModules: report.target.settingsModules,
          stats: report.stats,
          ...(report.scorecard ? { scorecard: report.scorecard } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
