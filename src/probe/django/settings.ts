/**
 * What the correlation rules (`scan PATH --url URL`, WEB080+) need from the static settings: a setting's value in
 * each judged settings module, where to report it (its assignment, or the module when Django's default applies) and
 * how the value was decided (the environment variables whose defaults the static scan used).
 */
import type { CorrelationRuleContext } from '../../core/rule.js';
import { unsetDefaults } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { display, truthy, type Value } from '../../settings/value.js';

export interface SettingView {
  snapshot: SettingsSnapshot;
  name: string;
  value: Value;
  /** Python truthiness of the value; undefined when the static scan cannot know it. */
  truthy: boolean | undefined;
  /** `DEBUG = False` (in demo/settings.py), with how the environment decided it. */
  said: string;
}

/** The setting in every judged settings module. */
export function settingViews(context: Pick<CorrelationRuleContext, 'project'>, name: string): SettingView[] {
  return context.project.settings.map((snapshot) => {
    const resolved = snapshot.get(name);
    const defaults = unsetDefaults(resolved.value.env).map((use) => use.variable);
    const how = resolved.source === 'assigned' ? `${name} = ${display(resolved.value)}` : `${name} is not set (Django's default ${display(resolved.value)} applies)`;
    const env = defaults.length > 0 ? `, the default when ${[...new Set(defaults)].join(', ')} ${defaults.length === 1 ? 'is' : 'are'} not set` : '';
    return { snapshot, name, value: resolved.value, truthy: truthy(resolved.value), said: `${snapshot.name} says ${how}${env}` };
  });
}

/** Reports at the setting's assignment (or line 1 of the settings module), once per place. */
export function reportAtSetting(
  context: CorrelationRuleContext,
  view: SettingView,
  finding: { message: string; key: string; fix?: string },
  seen: Set<string>,
): void {
  const at = view.snapshot.get(view.name).at;
  const place = at ? `${at.path}:${at.node.start}` : `${view.snapshot.path}:module`;
  if (seen.has(place)) return;
  seen.add(place);
  context.report({
    at: at ? { module: at.module, path: at.path, node: at.node } : { path: view.snapshot.path, startLine: 1 },
    message: finding.message,
    key: `${view.name}\n${finding.key}`,
    ...(finding.fix ? { fix: finding.fix } : {}),
  });
}
