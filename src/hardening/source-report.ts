/**
 * Reporting shared by the source-protection settings rules (STATIC_ROOT, STATICFILES_DIRS, MEDIA_ROOT): every
 * judged settings module with the project's source tree, and the words and confidence for relative directories.
 */
import type { Confidence } from '../core/finding.js';
import type { ProjectRuleContext } from '../core/rule.js';
import { checkSettings, type SettingFinding } from '../settings/report.js';
import type { SettingsSnapshot } from '../settings/snapshot.js';
import type { SettingDirectory } from './source-settings.js';
import { sourceTree, type SourceTree } from './source-tree.js';

/** Runs a settings rule over every judged settings module (see checkSettings), with the project's source tree. */
export function checkSourceSettings(
  context: ProjectRuleContext,
  check: (settings: SettingsSnapshot, report: (finding: SettingFinding) => void, tree: SourceTree) => void,
): void {
  const tree = sourceTree(context.project);
  checkSettings(context, (settings, report) => check(settings, report, tree));
}

/** What a message adds after a directory that is a relative path. */
export function relativeNote(dir: SettingDirectory): string {
  return dir.relative ? ' (a relative path, resolved against the directory of manage.py)' : '';
}

/**
 * The confidence of a finding about a directory collectstatic fills or reads (STATIC_ROOT, STATICFILES_DIRS): low
 * when the directory is a relative path (it depends on the working directory) or django.contrib.staticfiles is
 * known not to be installed; otherwise the rule's own.
 */
export function collectstaticConfidence(dir: SettingDirectory, staticfiles: boolean | undefined): { confidence?: Confidence } {
  return dir.relative || staticfiles === false ? { confidence: 'low' } : {};
}
