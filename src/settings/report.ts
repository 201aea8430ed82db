/**
 * Reporting for settings rules: where a finding goes (the assignment, the insecure default of an environment read,
 * or the settings module when the setting is missing), what the message says about environment variables and
 * inherited values, the concrete fix for the right module, SILENCED_SYSTEM_CHECKS, and one finding per place even
 * when several production modules share it.
 */
import type { Confidence, Severity } from '../core/finding.js';
import type { ProjectReportDescriptor, ProjectRuleContext } from '../core/rule.js';
import type { SettingsSnapshot } from './snapshot.js';
import type { EnvUse, Origin, Value } from './value.js';

export interface SettingFinding {
  /** The setting at fault: it decides where the finding is reported and what the fix changes. */
  setting: string;
  /** What is wrong; the module and environment context are added. */
  message: string;
  /** The line(s) the settings module should contain, e.g. `SECURE_HSTS_SECONDS = 31536000`. */
  lines?: string[];
  /** A free-text fix, when lines are not the remedy. */
  fix?: string;
  severity?: Severity;
  confidence?: Confidence;
  /** The Django system check this finding is (honours SILENCED_SYSTEM_CHECKS). */
  djangoId?: string;
  /** Report here instead of at the setting's assignment (a specific list entry, say), or at line 1 of the module. */
  at?: Origin | 'module';
  /**
   * The part of the setting at fault (one entry of a list, one value of a dict): its literal's position and its own
   * environment provenance are used instead of the whole setting's.
   */
  value?: Value;
  /** Secret values to mask wherever the finding shows source code (code frames, SARIF snippets). */
  redact?: string[];
}

interface Pending {
  descriptor: ProjectReportDescriptor;
  modules: string[];
  fixes: string[];
}

/**
 * Runs a settings rule over every judged settings module: `check` reports with the given function; findings at
 * the same place with the same message are merged across modules.
 */
export function checkSettings(context: ProjectRuleContext, check: (settings: SettingsSnapshot, report: (finding: SettingFinding) => void) => void): void {
  const pending = new Map<string, Pending>();
  for (const snapshot of context.project.settings) {
    check(snapshot, (finding) => {
      const built = build(snapshot, finding);
      // Modules that silence the finding and modules that do not are reported separately.
      const key = `${built.location.path}:${built.location.line}:${built.location.column}:${built.message}:${built.descriptor.suppressed ? 'silenced' : ''}`;
      const existing = pending.get(key);
      const label = `${snapshot.name}${snapshot.info.productionReason ? `, ${snapshot.info.productionReason}` : ''}`;
      if (existing) {
        if (!existing.modules.includes(label)) existing.modules.push(label);
        if (!existing.fixes.includes(built.fix)) existing.fixes.push(built.fix);
        return;
      }
      pending.set(key, { descriptor: built.descriptor, modules: [label], fixes: [built.fix] });
    });
  }
  for (const { descriptor, modules, fixes } of pending.values()) {
    context.report({
      ...descriptor,
      message: `${descriptor.message} [${modules.join('; ')}]`,
      fix: fixes.join(' Also: '),
    });
  }
}

/** Environment reads that decided the value and were not set: their defaults are in force. */
export function unsetDefaults(env: EnvUse[] | undefined): EnvUse[] {
  return (env ?? []).filter((use) => use.unset);
}

function build(snapshot: SettingsSnapshot, finding: SettingFinding) {
  const resolved = snapshot.get(finding.setting);
  const decisive = finding.value ?? resolved.value;
  const defaults = unsetDefaults(decisive.env);
  const defaultAt = defaults.find((use) => use.defaultAt)?.defaultAt;
  const origin = finding.at === 'module' ? undefined : (finding.at ?? defaultAt ?? finding.value?.src ?? resolved.at);
  const variables = [...new Set(defaults.map((use) => use.variable))];

  let message = finding.message;
  // With an explicit location and no `value`, the setting's environment provenance may belong to another part of it.
  if (variables.length > 0 && (finding.at === undefined || finding.value !== undefined)) {
    const names = variables.join(', ');
    const verb = variables.length === 1 ? 'is' : 'are';
    message += defaultAt
      ? ` when ${names} ${verb} not set (the default applies; set ${names} in the production environment)`
      : ` when ${names} ${verb} not set (set ${names} in the production environment)`;
  }
  if (resolved.at && resolved.at.path !== snapshot.path && origin?.path === resolved.at.path && !defaultAt) {
    message += ` — inherited from ${resolved.at.path}`;
  }

  // The fix names the module to change and the exact lines.
  let fix: string;
  if (finding.fix) fix = finding.fix;
  else {
    const lines = (finding.lines ?? []).join('\n');
    if (defaultAt) {
      const line = defaultAt.module.lines.lineOf(defaultAt.node.start);
      fix = `Set ${variables.join(', ')} in the production environment, and make the default at ${defaultAt.path}:${line} safe (or remove it so a missing variable fails loudly)${lines ? `; the value must give: ${lines}` : ''}`;
    } else if (resolved.at && resolved.at.path === snapshot.path) {
      const line = resolved.at.module.lines.lineOf(resolved.at.node.start);
      fix = `In ${snapshot.path}, change line ${line} to: ${lines}`;
    } else if (resolved.at) {
      const line = resolved.at.module.lines.lineOf(resolved.at.node.start);
      fix = `In ${snapshot.path}, add: ${lines} (it currently inherits ${finding.setting} from ${resolved.at.path}:${line})`;
    } else {
      fix = `In ${snapshot.path}, add: ${lines}`;
    }
  }

  const confidence = finding.confidence ?? (variables.length > 0 && !snapshot.environment.given ? 'medium' : undefined);
  const silenced = finding.djangoId !== undefined && snapshot.silenced().includes(finding.djangoId);
  const descriptor: ProjectReportDescriptor = {
    at: origin ? { module: origin.module, path: origin.path, node: origin.node } : { path: snapshot.path, startLine: 1 },
    message,
    ...(finding.severity ? { severity: finding.severity } : {}),
    ...(confidence ? { confidence } : {}),
    ...(silenced ? { suppressed: { reason: `silenced by SILENCED_SYSTEM_CHECKS in ${snapshot.name}` } } : {}),
    ...(finding.redact && finding.redact.length > 0 ? { redact: finding.redact } : {}),
    key: `${finding.setting}\n${message}`,
  };
  const location = origin
    ? { path: origin.path, line: origin.module.lines.lineOf(origin.node.start), column: origin.node.start }
    : { path: snapshot.path, line: 1, column: 0 };
  return { descriptor, fix, message, location };
}
