import { defineProbeRule } from '../../core/rule.js';
import { leakedUrlPatterns, patternPath } from '../../probe/django/signals.js';

export default defineProbeRule({
  meta: {
    code: 'WEB051',
    name: 'url-patterns-leaked',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [200, 215],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'preview',
    summary: 'A DEBUG 404 page lists the site\'s URL patterns, the admin\'s path among them.',
    fix: 'Turn DEBUG off in production; a renamed admin path is no protection once a debug page has listed it.',
    docs: {
      whatItDoes:
        'Reads the list under "Django tried these URL patterns, in this order:" on the technical 404 page the probe ' +
        'got for a random path, and reports the patterns it discloses together with the root URLconf. It names where the ' +
        'admin is: an include prefix that says admin (`admin/`, `secret-admin/`) or a prefix under which the admin\'s own ' +
        'URL names (`login`, `logout`, `password_change`…) are listed — so a renamed admin is reported by its new path.',
      whyItMatters:
        'The pattern list is a map of the application: every endpoint, API and converter, internal tools and the ' +
        'admin. Renaming the admin to keep scanners away is undone the moment this page lists it; hidden endpoints ' +
        'become targets for brute force, IDOR and injection testing.',
      example: {
        bad: ['Using the URLconf defined in <code>shop.urls</code>,', 'Django tried these URL patterns, in this order:', '<ol>', '  <li>api/orders/&lt;int:pk&gt;/</li>', '  <li>staff-7f3a-admin/</li>', '</ol>'].join('\n'),
        good: ['<title>Not Found</title>', '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>'].join('\n'),
        language: 'html',
      },
      howToFix:
        'Set `DEBUG = False` for the deployment. Since the list has been public, treat the admin path as known: protect ' +
        'the admin by more than its name (an allow-list of networks at the proxy, single sign-on or two-factor ' +
        'authentication, a lockout such as django-axes) and review the endpoints it revealed.',
      references: [
        { title: 'Django settings: DEBUG', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#debug' },
        { title: 'Django: URL dispatcher', url: 'https://docs.djangoproject.com/en/stable/topics/http/urls/' },
        { title: 'CWE-200: Exposure of Sensitive Information to an Unauthorized Actor', url: 'https://cwe.mitre.org/data/definitions/200.html' },
      ],
      limitations:
        'The page lists only the top level of included URLconfs for a path outside them, so an admin under a prefix ' +
        'whose name does not say admin (`backoffice/`) is listed among the patterns but not named as the admin.',
    },
  },
  check(context) {
    const { site } = context;
    const leaks = leakedUrlPatterns(site);
    const first = leaks[0];
    if (!first) return;
    const paths: string[] = [];
    for (const leak of leaks) {
      for (const { pattern, name } of leak.patterns) {
        const shown = `${patternPath(pattern) ?? pattern}${name ? ` [name='${name}']` : ''}`;
        if (!paths.includes(shown)) paths.push(shown);
      }
    }
    const admin = [...new Set(leaks.flatMap((leak) => leak.adminPaths))];
    const adminText = admin.length === 0 ? '' : `; the admin is at ${admin.join(', ')}${admin.some((p) => p !== '/admin/') ? ' (renamed, and disclosed here)' : ''}`;
    const listed = paths.length > 8 ? `${paths.slice(0, 8).join(', ')} and ${paths.length - 8} more` : paths.join(', ');
    context.report({
      url: first.url,
      message: `the DEBUG 404 page lists ${paths.length} URL pattern${paths.length === 1 ? '' : 's'}${first.urlconf ? ` of ${first.urlconf}` : ''}: ${listed}${adminText}`,
      key: `url-patterns\n${admin.join(' ')}`,
      evidence: [`GET ${first.url}`, ...(first.urlconf ? [`Using the URLconf defined in ${first.urlconf},`] : []), 'Django tried these URL patterns, in this order:', ...paths.slice(0, 20).map((p) => `  ${p}`)],
    });
  },
});
