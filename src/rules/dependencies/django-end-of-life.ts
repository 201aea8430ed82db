import { defineDependencyRule } from '../../core/rule.js';
import { isoDate } from '../../deps/audit.js';

export default defineDependencyRule({
  meta: {
    code: 'DEP004',
    name: 'django-end-of-life',
    family: 'dependencies',
    severity: 'high',
    confidence: 'high',
    cwe: [1104],
    owasp: ['A06:2021-Vulnerable and Outdated Components'],
    aliases: [],
    status: 'stable',
    summary: 'The Django release series in use has reached the end of its support: it gets no security fixes.',
    fix: 'Upgrade to a supported Django series, preferably the current LTS; the finding names the smallest supported release without known advisories.',
    docs: {
      whatItDoes:
        'Finds the Django version the project pins or locks, and looks its release series up in Django\'s support ' +
        'table (release, end of mainstream support, end of extended support, LTS) on the scan date. A series past ' +
        'its end of extended support is reported with the date it ended, the number of Django advisories published ' +
        'since then (never checked against it: Django only lists the series supported at disclosure), and the ' +
        'smallest release in a supported series that no known advisory affects.',
      whyItMatters:
        'Django fixes security issues only in supported series. After the end of extended support, new ' +
        'vulnerabilities are disclosed with patches for newer series only, and the old series stays vulnerable ' +
        'to every one of them while no advisory says so: an end-of-life Django is the one case where "no known ' +
        'CVE" means nothing.',
      example: { bad: '# requirements.txt\nDjango==3.2.25', good: '# requirements.txt\nDjango==5.2.14' },
      howToFix:
        'Move to a supported series, LTS for long-lived projects (4.2 until April 2026, 5.2 until April 2028): read ' +
        'the release notes of each series in between, fix deprecation warnings (`python -Wd manage.py test`) and ' +
        'upgrade one series at a time.',
      references: [
        { title: 'Django: supported versions', url: 'https://www.djangoproject.com/download/#supported-versions' },
        { title: 'Django: upgrading Django to a newer version', url: 'https://docs.djangoproject.com/en/stable/howto/upgrade-version/' },
      ],
      limitations: 'Only exact versions are judged (pins and lock files); a range such as `Django>=3.2` is left to DEP002.',
    },
  },
  check(context) {
    const { audit } = context;
    for (const pkg of audit.packages()) {
      if (pkg.name !== 'django' || pkg.version === null || pkg.source !== 'index') continue;
      const django = audit.django(pkg.version);
      const status = django.series;
      if (status.status !== 'end-of-life' || !status.endOfExtendedSupport) continue;
      const unevaluated = django.unevaluated.length > 0 ? `; ${django.unevaluated.length} Django advisories published since were never checked against it` : '';
      context.report({
        file: pkg.file,
        line: pkg.line,
        message: `Django ${pkg.version}: the ${status.series} series reached end of life on ${isoDate(status.endOfExtendedSupport)} and gets no security fixes${unevaluated}`,
        fix: django.supportedUpgrade
          ? `Upgrade to a supported Django series: ${django.supportedUpgrade} is the smallest supported release without known advisories.`
          : 'Upgrade to a supported Django series (see the supported versions on djangoproject.com).',
        basis: `django@${pkg.version}:eol`,
      });
    }
  },
});
