import { defineDependencyRule } from '../../core/rule.js';
import { isoDate } from '../../deps/audit.js';

export default defineDependencyRule({
  meta: {
    code: 'DEP005',
    name: 'django-outdated-patch',
    family: 'dependencies',
    severity: 'low',
    confidence: 'high',
    cwe: [1104],
    owasp: ['A06:2021-Vulnerable and Outdated Components'],
    aliases: [],
    status: 'stable',
    summary: 'The Django version in use is not the latest patch release of its (still supported) series.',
    fix: 'Upgrade to the latest patch release of the series: patch releases only fix bugs and security issues.',
    docs: {
      whatItDoes:
        'For a pinned or locked Django whose series is still supported on the scan date, compares the version with ' +
        'the latest patch release of the series in the bundled support table and reports a version behind it, ' +
        'with the latest release and its date.',
      whyItMatters:
        'Django\'s patch releases (X.Y.1, X.Y.2…) contain only security fixes and fixes for regressions and data ' +
        'loss; staying on the latest one costs nothing and is the condition for receiving the next security fix as ' +
        'a one-line change.',
      example: { bad: '# requirements.txt\nDjango==5.2.1', good: '# requirements.txt\nDjango==5.2.14' },
      howToFix: 'Bump the pin to the latest patch release of the series and run the test suite; no code changes are expected.',
      references: [{ title: 'Django: release process (patch releases)', url: 'https://docs.djangoproject.com/en/stable/internals/release-process/' }],
      limitations: 'The latest release is the one in the bundled support table; a newer patch release may exist.',
    },
  },
  check(context) {
    const { audit } = context;
    for (const pkg of audit.packages()) {
      if (pkg.name !== 'django' || pkg.version === null || pkg.source !== 'index') continue;
      const status = audit.django(pkg.version).series;
      if (status.status === 'end-of-life' || status.status === 'unknown' || status.isLatestPatch !== false || !status.latestPatch) continue;
      context.report({
        file: pkg.file,
        line: pkg.line,
        message: `Django ${pkg.version} is behind ${status.latestPatch}, the latest ${status.series} release${status.latestPatchDate ? ` (${isoDate(status.latestPatchDate)})` : ''}`,
        fix: `Upgrade Django to ${status.latestPatch}.`,
        basis: `django@${pkg.version}:patch`,
      });
    }
  },
});
