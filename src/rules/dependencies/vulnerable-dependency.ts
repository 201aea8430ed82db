import { defineDependencyRule } from '../../core/rule.js';
import { describePath } from '../../deps/audit.js';
import { minimalFix, type VulnerabilityMatch } from '../../deps/advisories/match.js';

/** The id a reader knows: the first CVE among the ids, else the advisory's own id. */
export function displayId(match: VulnerabilityMatch): string {
  return [match.id, ...match.aliases].find((id) => id.startsWith('CVE-')) ?? match.id;
}

/** `CWE-79` ids of the merged advisories, as numbers. */
export function cweNumbers(match: VulnerabilityMatch): number[] {
  const ids = match.advisories.flatMap((a) => a.cwes).map((cwe) => Number(/^CWE-(\d+)$/.exec(cwe)?.[1]));
  return [...new Set(ids.filter((n) => Number.isInteger(n) && n > 0))].sort((a, b) => a - b);
}

export default defineDependencyRule({
  meta: {
    code: 'DEP001',
    name: 'vulnerable-dependency',
    family: 'dependencies',
    severity: 'high',
    confidence: 'high',
    cwe: [1395],
    owasp: ['A06:2021-Vulnerable and Outdated Components'],
    aliases: [],
    status: 'stable',
    summary: 'A pinned or locked package version is affected by a published vulnerability (CVE, GHSA or PYSEC advisory).',
    fix: 'Upgrade the package to the smallest version that fixes every advisory reported for it (the finding names it), then regenerate lock files and hashes.',
    docs: {
      whatItDoes:
        'Reads every dependency file of the project — `requirements*.txt` and `*.in` with their `-r`/`-c` includes, ' +
        '`pyproject.toml` (PEP 621, PEP 735 groups, Poetry), `setup.cfg`, `setup.py` (read, never run), `Pipfile`, ' +
        '`Pipfile.lock`, `poetry.lock`, `uv.lock`, `pdm.lock` and `pylock.toml` — and checks each exact version ' +
        '(`==` pins and lock-file versions, direct and indirect packages alike) against the bundled advisory ' +
        'database: the PyPA Advisory Database (OSV records) merged with Django\'s own security archive. Matching ' +
        'follows OSV: explicit version lists, or a walk over each range\'s events in PEP 440 order (`introduced`, ' +
        '`fixed`, `last_affected`, `limit`); records that describe the same vulnerability under different ids are ' +
        'one finding carrying every id (CVE, GHSA, PYSEC) as aliases. Each finding is at the line that pins the ' +
        'version, names the versions that fix it and, for an indirect package, the chain of packages that pulls it ' +
        'in. The severity is the advisory\'s: computed from its CVSS vector, else the database\'s or Django\'s ' +
        'rating, else medium.',
      whyItMatters:
        'Known vulnerabilities in dependencies are the easiest way into an application: exploits for published CVEs ' +
        'are public, and scanners try them against every site. Indirect dependencies count as much as direct ones — ' +
        'a vulnerable `sqlparse` or `urllib3` pulled in by Django or requests runs in the same process. "What ' +
        'version of Django are you using?" decides which of Django\'s own security fixes a site has.',
      example: {
        bad: '# requirements.txt\nDjango==3.2.10\nrequests==2.19.0',
        good: '# requirements.txt\nDjango==4.2.27\nrequests==2.32.4',
      },
      howToFix:
        'Upgrade to the version the finding names: the smallest release that fixes every advisory known for the ' +
        'package (within the same release series when one exists). For a lock file, update the package with its ' +
        'tool (`uv lock --upgrade-package NAME`, `poetry update NAME`, `pdm update NAME`, `pipenv upgrade NAME`) ' +
        'and regenerate hashes. For an indirect package, upgrade the direct dependency that pins it, or add a ' +
        'constraint. When an advisory does not apply (the vulnerable feature is unused), record that with a ' +
        'suppression comment and its reason, or in the baseline.',
      references: [
        { title: 'Django: security releases and the security archive', url: 'https://docs.djangoproject.com/en/stable/releases/security/' },
        { title: 'PyPA Advisory Database', url: 'https://github.com/pypa/advisory-database' },
        { title: 'OSV schema: evaluating affected ranges', url: 'https://ossf.github.io/osv-schema/#evaluation' },
        { title: 'OWASP Top 10 A06:2021 Vulnerable and Outdated Components', url: 'https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/' },
      ],
      limitations:
        'The bundled database is as current as its build (see `ponyguard rules` and the README); advisories published ' +
        'later are not known. Packages installed from a URL, a VCS checkout or a local path have no version to check ' +
        '(DEP003 reports them). Environment markers are not evaluated: a package pinned for another Python version ' +
        'is audited too.',
    },
  },
  check(context) {
    const { audit } = context;
    for (const pkg of audit.packages()) {
      if (pkg.version === null || pkg.source !== 'index') continue;
      const result = audit.version(pkg.name, pkg.version);
      if (result.matches.length === 0) continue;
      const fix = pkg.name === 'django' ? audit.django(pkg.version).fix : minimalFix(result.matches, pkg.version);
      const supported = pkg.name === 'django' ? audit.django(pkg.version).supportedUpgrade : null;
      const via = describePath(pkg);
      const upgrade = fix.inSeries ?? fix.overall;
      const fixText = upgrade
        ? `Upgrade ${pkg.rawName} to ${upgrade}, the smallest version that fixes every known advisory of ${pkg.version}` +
          (supported && supported !== upgrade ? ` (in a supported Django series: ${supported})` : '') +
          (pkg.hashed ? '; regenerate the --hash pins' : '') +
          '.'
        : `No release fixes every known advisory of ${pkg.rawName} ${pkg.version}: replace the package or mitigate.`;
      for (const match of result.matches) {
        const fixed = match.fixedIn.length > 0 ? `fixed in ${match.fixedIn.join(', ')}` : 'no fixed version known';
        context.report({
          file: pkg.file,
          line: pkg.line,
          message: `${pkg.rawName} ${pkg.version} is affected by ${displayId(match)}: ${match.title} (${fixed})${via ? `; pulled in by ${via}` : ''}`,
          severity: match.severity,
          fix: fixText,
          aliases: [match.id, ...match.aliases],
          cwe: cweNumbers(match),
          basis: `${pkg.name}@${pkg.version}:${match.id}`,
        });
      }
    }
  },
});
