/** Documentation references the probe rules share. */
import type { RuleReference } from '../../core/rule.js';

export const OBSERVATORY_REFERENCE: RuleReference = { title: 'MDN HTTP Observatory: tests and scoring', url: 'https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring' };
export const OWASP_HEADERS_REFERENCE: RuleReference = { title: 'OWASP HTTP Security Response Headers Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html' };

export const HSTS_REFERENCES: readonly RuleReference[] = [
  { title: 'Django settings: SECURE_HSTS_SECONDS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-seconds' },
  { title: 'Django: HTTP Strict Transport Security', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security' },
  { title: 'MDN: Strict-Transport-Security', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security' },
  { title: 'OWASP HTTP Strict Transport Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Strict_Transport_Security_Cheat_Sheet.html' },
];

export const CSP_REFERENCES: readonly RuleReference[] = [
  { title: 'MDN: Content-Security-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy' },
  { title: 'Django: Content Security Policy (SECURE_CSP, Django 6.0+)', url: 'https://docs.djangoproject.com/en/dev/ref/csp/' },
  { title: 'django-csp (for Django before 6.0)', url: 'https://django-csp.readthedocs.io/' },
  { title: 'OWASP Content Security Policy Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html' },
  { title: 'Google: Strict CSP', url: 'https://csp.withgoogle.com/docs/strict-csp.html' },
];

export const COOKIE_REFERENCES: readonly RuleReference[] = [
  { title: 'MDN: Set-Cookie', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie' },
  { title: 'OWASP Session Management Cheat Sheet: cookies', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies' },
  { title: 'Django: deployment checklist (CSRF_COOKIE_SECURE, SESSION_COOKIE_SECURE)', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#csrf-cookie-secure' },
];

export const CORS_REFERENCES: readonly RuleReference[] = [
  { title: 'MDN: Cross-Origin Resource Sharing (CORS)', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS' },
  { title: 'django-cors-headers: configuration', url: 'https://github.com/adamchainz/django-cors-headers#configuration' },
  { title: 'PortSwigger: CORS vulnerabilities', url: 'https://portswigger.net/web-security/cors' },
  { title: 'OWASP Web Security Testing Guide: Testing Cross Origin Resource Sharing', url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/11-Client-side_Testing/07-Testing_Cross_Origin_Resource_Sharing' },
];

export const TLS_REFERENCES: readonly RuleReference[] = [
  { title: 'OWASP Transport Layer Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html' },
  { title: 'Mozilla: Server Side TLS recommended configurations', url: 'https://wiki.mozilla.org/Security/Server_Side_TLS' },
  { title: 'Django: deployment checklist (HTTPS)', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#https' },
];
