import { defineDependencyRule } from '../../core/rule.js';
import { compareVersions } from '../../deps/advisories/versions.js';
import { displayId } from './vulnerable-dependency.js';

const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export default defineDependencyRule({
  meta: {
    code: 'DEP002',
    name: 'vulnerable-version-range',
    family: 'dependencies',
    severity: 'medium',
    confidence: 'low',
    cwe: [1395, 1104],
    owasp: ['A06:2021-Vulnerable and Outdated Components'],
    aliases: [],
    status: 'stable',
    summary: 'A requirement that is not pinned (Django>=3.2) allows versions with known vulnerabilities, and no lock file says which one is installed.',
    fix: 'Pin exact versions (==) in a lock or compiled requirements file, and raise the lower bound of the range above the vulnerable releases.',
    docs: {
      whatItDoes:
        'For each requirement given as a range (`Django>=3.2`, `requests~=2.19`, a Poetry caret) whose package has ' +
        'no exact version anywhere in the project (no `==` pin, no lock file entry), checks which known advisories ' +
        'affect a version the range allows, and reports that the requirement may resolve to a vulnerable version, ' +
        'with those advisories\' ids. The confidence is low: the installed version depends on the day of the ' +
        'install and on the other requirements. A bare name (`django`) allows every version and is reported when ' +
        'the package has any known advisory.',
      whyItMatters:
        'A range says what may be installed, not what is: a build from a cache, an old wheel house or a resolver ' +
        'backtracking over a conflict can pick a release with a published vulnerability, and nothing records which ' +
        'one it was. Reproducible, audited deployments pin exact versions in a lock file.',
      example: { bad: '# requirements.in\nDjango>=3.2\nrequests', good: '# requirements.txt (pip-compile output)\nDjango==4.2.27\nrequests==2.32.4' },
      howToFix:
        'Compile the ranges into exact pins (`pip-compile`, `uv pip compile`, `uv lock`, `poetry lock`, ' +
        '`pdm lock`) and deploy from the pinned file; raise each range\'s lower bound above the vulnerable releases ' +
        '(`Django>=4.2.27,<5`) so that no resolution can pick them.',
      references: [
        { title: 'pip: repeatable installs', url: 'https://pip.pypa.io/en/stable/topics/repeatable-installs/' },
        { title: 'PyPA Advisory Database', url: 'https://github.com/pypa/advisory-database' },
      ],
      limitations:
        'A range is compared with the advisories\' affected ranges and listed versions; whether a given affected ' +
        'release was ever published is not known offline, so a range may be reported for versions that do not ' +
        'exist. Markers are not evaluated.',
    },
  },
  check(context) {
    const { audit } = context;
    for (const pkg of audit.packages()) {
      if (pkg.version !== null || pkg.source !== 'index' || audit.pinnedNames.has(pkg.name)) continue;
      const result = audit.specifier(pkg.name, pkg.specifier === '' ? '>=0.dev0' : pkg.specifier);
      if (result.kind !== 'audited' || result.matches.length === 0) continue;
      const matches = result.matches;
      const worst = matches.reduce((a, b) => (RANK[b.severity]! > RANK[a.severity]! ? b : a));
      const floors = matches.flatMap((m) => (m.fixedIn.length > 0 ? [m.fixedIn[0]!] : []));
      const floor = floors.length > 0 ? floors.reduce((a, b) => (compareVersions(b, a) > 0 ? b : a)) : null;
      const ids = matches.map(displayId);
      const shown = ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
      const what = pkg.specifier === '' ? `${pkg.rawName} is not pinned: any version may be installed` : `${pkg.rawName}${pkg.specifier} may resolve to a vulnerable version`;
      context.report({
        file: pkg.file,
        line: pkg.line,
        message: `${what}; ${matches.length} known ${matches.length === 1 ? 'advisory affects' : 'advisories affect'} versions it allows (${shown})`,
        severity: RANK[worst.severity]! >= RANK.high! ? 'medium' : 'low',
        fix: `Pin an exact version of ${pkg.rawName} in a lock or compiled requirements file${floor ? `, and require at least ${floor}` : ''}.`,
        aliases: matches.flatMap((m) => [m.id, ...m.aliases]),
        basis: `${pkg.name}${pkg.specifier}`,
      });
    }
  },
});
