import { defineDependencyRule } from '../../core/rule.js';
import type { DeclaredPackage } from '../../deps/model.js';

const SOURCES: Record<Exclude<DeclaredPackage['source'], 'index'>, string> = {
  url: 'a direct URL',
  vcs: 'a version-control checkout',
  path: 'a local path',
  editable: 'an editable install',
};

export default defineDependencyRule({
  meta: {
    code: 'DEP003',
    name: 'unauditable-dependency',
    family: 'dependencies',
    severity: 'info',
    confidence: 'high',
    cwe: [1104],
    owasp: ['A06:2021-Vulnerable and Outdated Components'],
    aliases: [],
    status: 'stable',
    summary: 'A dependency cannot be checked against the advisories: its version is not PEP 440, its specifier cannot be read, or it is installed from a URL, a VCS or a path.',
    fix: 'Depend on a released version from the package index, pinned with ==, so that its advisories can be checked.',
    docs: {
      whatItDoes:
        'Reports the dependencies the audit cannot place: versions that are not valid PEP 440 (`1.0-beta-2`, a ' +
        'legacy version that only exact version lists can match), specifiers that cannot be parsed, and packages ' +
        'installed from a direct URL, a Git checkout, a local path or in editable mode (their version is whatever ' +
        'the source holds). Nothing is silently dropped: each such entry is listed once, at its line.',
      whyItMatters:
        'An audit that skips what it cannot read looks clean while it is not. A Git dependency pinned to a branch ' +
        'changes under the project; a fork pinned to a commit never receives the upstream fixes; a legacy version ' +
        'string cannot be ordered against the advisories\' ranges.',
      example: {
        bad: 'django-money @ git+https://github.com/example/django-money@main\nlegacylib==1.0-beta-2',
        good: 'django-money==3.5.3\nlegacylib==1.0b2',
      },
      howToFix:
        'Use released versions from PyPI (or your private index) pinned with `==`; when a fork is unavoidable, pin a ' +
        'tag or commit and watch the upstream advisories by hand.',
      references: [
        { title: 'PEP 440: version identification', url: 'https://peps.python.org/pep-0440/' },
        { title: 'pip: VCS support', url: 'https://pip.pypa.io/en/stable/topics/vcs-support/' },
      ],
      limitations: 'A non-PEP 440 version is still checked against explicit version lists (DEP001 reports those matches).',
    },
  },
  check(context) {
    const { audit } = context;
    for (const pkg of audit.packages()) {
      let reason: string | undefined;
      if (pkg.source !== 'index') {
        reason = `${pkg.rawName} is installed from ${SOURCES[pkg.source]}: its version is unknown, so its advisories cannot be checked`;
      } else if (pkg.version !== null) {
        const result = audit.version(pkg.name, pkg.version);
        if (result.kind === 'not-pep440') reason = `${pkg.rawName} ${pkg.version} is not a PEP 440 version: only exact version lists can match it`;
      } else if (!audit.pinnedNames.has(pkg.name) && pkg.specifier !== '') {
        const result = audit.specifier(pkg.name, pkg.specifier);
        if (result.kind === 'cannot-audit' && result.reason !== 'unconstrained') reason = `${pkg.rawName}${pkg.specifier} cannot be audited: ${result.message}`;
      }
      if (reason) context.report({ file: pkg.file, line: pkg.line, message: reason, basis: `${pkg.name}:${pkg.version ?? pkg.specifier}:${pkg.source}` });
    }
  },
});
