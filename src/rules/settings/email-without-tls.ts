import { defineProjectRule } from '../../core/rule.js';
import { checkSettings, unsetDefaults } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { display, pyRepr, truthy } from '../../settings/value.js';

const SMTP_BACKEND = 'django.core.mail.backends.smtp.EmailBackend';
/** django-celery-email sends through CELERY_EMAIL_BACKEND, which defaults to the SMTP backend. */
const CELERY_BACKEND = 'djcelery_email.backends.CeleryEmailBackend';

export default defineProjectRule({
  meta: {
    code: 'SET219',
    name: 'email-without-tls',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [319, 523],
    owasp: ['A02:2021-Cryptographic Failures', 'A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'Django sends mail to a remote SMTP server without TLS: EMAIL_USE_TLS and EMAIL_USE_SSL are both off.',
    fix: 'Set EMAIL_USE_TLS = True (STARTTLS, usually with EMAIL_PORT = 587) or EMAIL_USE_SSL = True (implicit TLS, usually with EMAIL_PORT = 465).',
    docs: {
      whatItDoes:
        'Reports a production settings module whose `EMAIL_HOST` is a remote host (anything but `localhost`, ' +
        '`127.0.0.0/8` or `::1`) while both `EMAIL_USE_TLS` and `EMAIL_USE_SSL` are false and Django sends mail ' +
        'with the SMTP backend (`EMAIL_BACKEND` unset or `django.core.mail.backends.smtp.EmailBackend`, also behind ' +
        'django-celery-email). The finding is at `EMAIL_USE_TLS` when the module sets it to a false value, else at ' +
        '`EMAIL_HOST`. Hosts, flags or backends ponyguard cannot evaluate are not judged.',
      whyItMatters:
        'Django\'s SMTP backend only encrypts the connection when one of the two flags is on. Without them it logs ' +
        'in with `EMAIL_HOST_USER` / `EMAIL_HOST_PASSWORD` using SMTP AUTH over plain TCP — the credentials are ' +
        'base64, not encrypted — and then sends every message in clear: password-reset links, e-mail confirmation ' +
        'links, one-time codes and error reports full of request data. Anyone on the path (the hosting network, a ' +
        'compromised router, the provider\'s neighbours) can read them, take over accounts with the reset links, and ' +
        'reuse the SMTP credentials to send mail as the site.',
      example: {
        bad: ['EMAIL_HOST = "smtp.mailgun.org"', 'EMAIL_PORT = 25', 'EMAIL_HOST_USER = "postmaster@example.com"', 'EMAIL_HOST_PASSWORD = os.environ["SMTP_PASSWORD"]'].join('\n'),
        good: [
          'EMAIL_HOST = "smtp.mailgun.org"',
          'EMAIL_PORT = 587',
          'EMAIL_USE_TLS = True',
          'EMAIL_HOST_USER = "postmaster@example.com"',
          'EMAIL_HOST_PASSWORD = os.environ["SMTP_PASSWORD"]',
        ].join('\n'),
      },
      howToFix:
        'Turn on one of the flags, matching what the provider offers: `EMAIL_USE_TLS = True` upgrades the connection ' +
        'with STARTTLS (submission port 587, sometimes 25); `EMAIL_USE_SSL = True` speaks TLS from the first byte ' +
        '(port 465). Set only one of them — Django refuses both. If the mail server is a relay on the same host or a ' +
        'sidecar reached over loopback, point `EMAIL_HOST` at `localhost`. Sending through a provider\'s HTTPS API ' +
        '(django-anymail, django-ses) avoids SMTP altogether.',
      references: [
        { title: 'Django settings: EMAIL_USE_TLS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#email-use-tls' },
        { title: 'Django settings: EMAIL_USE_SSL', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#email-use-ssl' },
        { title: 'Django: sending email (SMTP backend)', url: 'https://docs.djangoproject.com/en/stable/topics/email/#smtp-backend' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'RFC 8314: Cleartext Considered Obsolete (TLS for email submission)', url: 'https://datatracker.ietf.org/doc/html/rfc8314' },
      ],
      limitations:
        'A host name that resolves to the local machine (an `/etc/hosts` alias, a container on the same network ' +
        'namespace) is judged as remote. Custom e-mail backends are not judged, even when they subclass the SMTP ' +
        'backend.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!sendsWithSmtp(settings)) return;
      const host = settings.get('EMAIL_HOST');
      if (host.source !== 'assigned' || host.value.t !== 'str' || isLocalHost(host.value.v)) return;
      const tls = settings.get('EMAIL_USE_TLS');
      const ssl = settings.get('EMAIL_USE_SSL');
      if (tls.source === 'opaque' || ssl.source === 'opaque' || truthy(tls.value) !== false || truthy(ssl.value) !== false) return;

      const port = settings.get('EMAIL_PORT');
      const implicitTls = port.source === 'assigned' && (port.value.t === 'int' || port.value.t === 'str') && String(port.value.v) === '465';
      const remedy = implicitTls ? 'EMAIL_USE_SSL = True' : 'EMAIL_USE_TLS = True';
      const credentials = truthy(settings.get('EMAIL_HOST_PASSWORD').value) === true ? 'the SMTP login, ' : '';
      const consequence = `mail to the remote SMTP server ${pyRepr(host.value.v)} is not encrypted: ${credentials}password-reset links and every message cross the network in clear`;
      const portNote = implicitTls ? ' (EMAIL_PORT 465 expects implicit TLS)' : '';
      if (!implicitTls && tls.source === 'assigned') {
        // The module turns STARTTLS off itself: the fix is that line (or the environment default behind it).
        report({ setting: 'EMAIL_USE_TLS', message: `EMAIL_USE_TLS is ${display(tls.value)} and EMAIL_USE_SSL is off: ${consequence}`, lines: [remedy] });
        return;
      }
      if (implicitTls && ssl.source === 'assigned') {
        report({ setting: 'EMAIL_USE_SSL', message: `EMAIL_USE_SSL is ${display(ssl.value)}${portNote} and EMAIL_USE_TLS is off: ${consequence}`, lines: [remedy] });
        return;
      }
      // Otherwise report at EMAIL_HOST, where the remote server is configured.
      const hostFromDefault = unsetDefaults(host.value.env).length > 0;
      report({
        setting: 'EMAIL_HOST',
        message: `neither EMAIL_USE_TLS nor EMAIL_USE_SSL is on${portNote}: ${consequence}`,
        fix: `In ${settings.path}, add: ${remedy}${implicitTls ? '' : ' (and EMAIL_PORT = 587 if the provider expects submission with STARTTLS)'}`,
        ...(host.at ? { at: host.at } : {}),
        ...(hostFromDefault && !settings.environment.given ? { confidence: 'medium' as const } : {}),
      });
    });
  },
});

/** Does Django send with the SMTP backend? false when another backend is configured or the backend is unknown. */
function sendsWithSmtp(settings: SettingsSnapshot): boolean {
  const backend = settings.get('EMAIL_BACKEND');
  if (backend.source === 'default' || backend.source === 'absent') return true;
  if (backend.value.t !== 'str') return false;
  if (backend.value.v === SMTP_BACKEND) return true;
  if (backend.value.v !== CELERY_BACKEND) return false;
  const delegate = settings.get('CELERY_EMAIL_BACKEND');
  return delegate.source === 'default' || delegate.source === 'absent' || (delegate.value.t === 'str' && delegate.value.v === SMTP_BACKEND);
}

/** Loopback names and addresses (and the empty host, which never connects). */
function isLocalHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  return name === '' || name === 'localhost' || name.endsWith('.localhost') || name === 'localhost.localdomain' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}
