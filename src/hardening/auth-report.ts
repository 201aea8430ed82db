/**
 * Reporting helpers shared by the brute-force rules: one finding per entry point (or code place) even when several
 * settings modules are judged, the names of those modules in the message when they differ, and the standard fixes.
 */
import type { Confidence, Severity } from '../core/finding.js';
import type { ProjectRuleContext } from '../core/rule.js';
import type { PyNode } from '../python/ast.js';
import type { ProjectModule } from '../project/model.js';
import { authAnalysis, type Coverage, type SnapshotCoverage } from './auth-coverage.js';
import type { AuthEntryPoint } from './auth-entry-points.js';

export interface CodeFinding {
  message: string;
  fix: string;
  severity?: Severity;
  confidence?: Confidence;
}

/** Installing django-axes, spelled out. */
export const INSTALL_AXES =
  "install django-axes: add 'axes' to INSTALLED_APPS, 'axes.middleware.AxesMiddleware' last in MIDDLEWARE, 'axes.backends.AxesStandaloneBackend' first in AUTHENTICATION_BACKENDS, set AXES_FAILURE_LIMIT and AXES_COOLOFF_TIME, and run its migrations";

/** A django-ratelimit decorator for a login view. */
export const RATELIMIT_LOGIN = "@ratelimit(key='post:username', rate='5/m', method='POST', block=True) and @ratelimit(key='ip', rate='20/m', method='POST', block=True) from django_ratelimit.decorators (with a shared cache such as Redis or Memcached)";

/** Reports per entry point, merging the settings modules under which the same finding holds. */
export function reportEntries(context: ProjectRuleContext, build: (coverage: Coverage, snapshot: SnapshotCoverage) => CodeFinding | undefined): void {
  const analysis = authAnalysis(context.project);
  const pending = new Map<string, { entry: AuthEntryPoint; finding: CodeFinding; modules: string[] }>();
  for (const snapshot of analysis.bySnapshot) {
    for (const coverage of snapshot.entries) {
      const finding = build(coverage, snapshot);
      if (!finding) continue;
      const key = `${coverage.entry.key}\n${finding.message}`;
      const existing = pending.get(key);
      if (existing) existing.modules.push(snapshot.settings.snapshot.name);
      else pending.set(key, { entry: coverage.entry, finding, modules: [snapshot.settings.snapshot.name] });
    }
  }
  const several = analysis.bySnapshot.length > 1;
  for (const { entry, finding, modules } of pending.values()) {
    context.report({
      at: { module: entry.at.holder.module, path: entry.at.holder.path, node: entry.at.node },
      message: several ? `${finding.message} [${modules.join('; ')}]` : finding.message,
      fix: finding.fix,
      ...(finding.severity ? { severity: finding.severity } : {}),
      ...(finding.confidence ? { confidence: finding.confidence } : {}),
      key: `${entry.kind}\n${entry.label}\n${entry.includeSet ?? ''}`,
    });
  }
}

/** Reports at a code place, merging settings modules (for findings about a view's own code). */
export function reportAtCode(
  context: ProjectRuleContext,
  collect: (snapshot: SnapshotCoverage, report: (at: { holder: ProjectModule; node: PyNode }, finding: CodeFinding) => void) => void,
): void {
  const analysis = authAnalysis(context.project);
  const pending = new Map<string, { at: { holder: ProjectModule; node: PyNode }; finding: CodeFinding; modules: string[] }>();
  for (const snapshot of analysis.bySnapshot) {
    collect(snapshot, (at, finding) => {
      const key = `${at.holder.path}:${at.node.start}\n${finding.message}`;
      const existing = pending.get(key);
      if (existing) {
        if (!existing.modules.includes(snapshot.settings.snapshot.name)) existing.modules.push(snapshot.settings.snapshot.name);
      } else pending.set(key, { at, finding, modules: [snapshot.settings.snapshot.name] });
    });
  }
  const several = analysis.bySnapshot.length > 1;
  for (const { at, finding, modules } of pending.values()) {
    context.report({
      at: { module: at.holder.module, path: at.holder.path, node: at.node },
      message: several ? `${finding.message} [${modules.join('; ')}]` : finding.message,
      fix: finding.fix,
      ...(finding.severity ? { severity: finding.severity } : {}),
      ...(finding.confidence ? { confidence: finding.confidence } : {}),
    });
  }
}

/** How sure a finding about an entry point can be: routed from ROOT_URLCONF, from another URLconf, or not routed. */
export function reachConfidence(entry: AuthEntryPoint): Confidence {
  if (entry.reach === 'root') return 'high';
  if (entry.reach === 'other-urlconf') return 'medium';
  return entry.projectClass ? 'medium' : 'low';
}

/** "at /accounts/login/", "(routed by no URLconf ponyguard found)". */
export function routeText(entry: AuthEntryPoint, url: string | undefined): string {
  if (entry.reach === 'unrouted') return ' (defined in the project, routed by no URLconf ponyguard found)';
  if (url) return ` at ${url}`;
  const route = entry.routes[0];
  return route && route.node !== entry.at.node ? ` (routed at ${route.holder.path}:${route.holder.module.lines.lineOf(route.node.start)})` : '';
}
