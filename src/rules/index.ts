/**
 * The rule registry: every rule, explicitly, sorted by code. Adding a rule = writing its file and adding one line here
 * (the meta-test fails until both exist, with a test and a fixture).
 */
import type { ProjectRule, PythonRule, Rule, TemplateRule } from '../core/rule.js';
import evalUsed from './code/eval-used.js';
import importSubprocess from './code/import-subprocess.js';
import markSafeNonLiteral from './code/mark-safe-non-literal.js';
import sqlStringFormatting from './code/sql-string-formatting.js';
import adminDefaultUrl from './settings/admin-default-url.js';
import allowedHostsEmpty from './settings/allowed-hosts-empty.js';
import allowedHostsWildcard from './settings/allowed-hosts-wildcard.js';
import browserXssFilterDisabled from './settings/browser-xss-filter-disabled.js';
import clickjackingMiddlewareMissing from './settings/clickjacking-middleware-missing.js';
import contentSecurityPolicyMissing from './settings/content-security-policy-missing.js';
import contentSecurityPolicySettingInvalid from './settings/content-security-policy-setting-invalid.js';
import contentSecurityPolicyUnsafe from './settings/content-security-policy-unsafe.js';
import contentTypeNosniffDisabled from './settings/content-type-nosniff-disabled.js';
import corsAllowAllOrigins from './settings/cors-allow-all-origins.js';
import crossOriginOpenerPolicyInvalid from './settings/cross-origin-opener-policy-invalid.js';
import csrfCookieHttponlyDisabled from './settings/csrf-cookie-httponly-disabled.js';
import csrfCookieInsecure from './settings/csrf-cookie-insecure.js';
import csrfFailureViewMissing from './settings/csrf-failure-view-missing.js';
import csrfFailureViewSignatureInvalid from './settings/csrf-failure-view-signature-invalid.js';
import csrfMiddlewareMissing from './settings/csrf-middleware-missing.js';
import csrfTrustedOriginsInsecure from './settings/csrf-trusted-origins-insecure.js';
import csrfTrustedOriginsSchemeMissing from './settings/csrf-trusted-origins-scheme-missing.js';
import dataUploadLimitDisabled from './settings/data-upload-limit-disabled.js';
import debugEnabledInProduction from './settings/debug-enabled-in-production.js';
import debugPropagateExceptionsEnabled from './settings/debug-propagate-exceptions-enabled.js';
import defaultHashingAlgorithmInvalid from './settings/default-hashing-algorithm-invalid.js';
import developmentAppsInProduction from './settings/development-apps-in-production.js';
import emailWithoutTls from './settings/email-without-tls.js';
import fileUploadPermissionsUnsafe from './settings/file-upload-permissions-unsafe.js';
import hstsMaxAgeShort from './settings/hsts-max-age-short.js';
import hstsNotEnabled from './settings/hsts-not-enabled.js';
import hstsPreloadDisabled from './settings/hsts-preload-disabled.js';
import hstsPreloadWithoutSubdomains from './settings/hsts-preload-without-subdomains.js';
import hstsWithoutSubdomains from './settings/hsts-without-subdomains.js';
import loggingMailAdminsWithoutDebugFilter from './settings/logging-mail-admins-without-debug-filter.js';
import passwordSettingLiteral from './settings/password-setting-literal.js';
import passwordValidatorsEmpty from './settings/password-validators-empty.js';
import proxySslHeaderMisconfigured from './settings/proxy-ssl-header-misconfigured.js';
import referrerPolicyInvalid from './settings/referrer-policy-invalid.js';
import referrerPolicyMissing from './settings/referrer-policy-missing.js';
import samesiteNoneWithoutSecure from './settings/samesite-none-without-secure.js';
import secretKeyLiteral from './settings/secret-key-literal.js';
import securityMiddlewareMissing from './settings/security-middleware-missing.js';
import sessionCookieHttponlyDisabledSessionMiddleware from './settings/session-cookie-httponly-disabled-session-middleware.js';
import sessionCookieHttponlyDisabledSessionsApp from './settings/session-cookie-httponly-disabled-sessions-app.js';
import sessionCookieHttponlyDisabled from './settings/session-cookie-httponly-disabled.js';
import sessionCookieInsecureSessionMiddleware from './settings/session-cookie-insecure-session-middleware.js';
import sessionCookieInsecureSessionsApp from './settings/session-cookie-insecure-sessions-app.js';
import sessionCookieInsecure from './settings/session-cookie-insecure.js';
import sessionSerializerPickle from './settings/session-serializer-pickle.js';
import sslRedirectDisabled from './settings/ssl-redirect-disabled.js';
import weakPasswordHasher from './settings/weak-password-hasher.js';
import weakSecretKey from './settings/weak-secret-key.js';
import weakSecretKeyFallback from './settings/weak-secret-key-fallback.js';
import xFrameOptionsInvalid from './settings/x-frame-options-invalid.js';
import xFrameOptionsNotDeny from './settings/x-frame-options-not-deny.js';
import safeFilter from './templates/safe-filter.js';

export const ALL_RULES: readonly Rule[] = [
  evalUsed, // PY307
  importSubprocess, // PY404
  sqlStringFormatting, // PY608
  markSafeNonLiteral, // PY703
  securityMiddlewareMissing, // SET001
  clickjackingMiddlewareMissing, // SET002
  csrfMiddlewareMissing, // SET003
  hstsNotEnabled, // SET004
  hstsWithoutSubdomains, // SET005
  contentTypeNosniffDisabled, // SET006
  browserXssFilterDisabled, // SET007
  sslRedirectDisabled, // SET008
  weakSecretKey, // SET009
  sessionCookieInsecureSessionsApp, // SET010
  sessionCookieInsecureSessionMiddleware, // SET011
  sessionCookieInsecure, // SET012
  sessionCookieHttponlyDisabledSessionsApp, // SET013
  sessionCookieHttponlyDisabledSessionMiddleware, // SET014
  sessionCookieHttponlyDisabled, // SET015
  csrfCookieInsecure, // SET016
  csrfCookieHttponlyDisabled, // SET017
  debugEnabledInProduction, // SET018
  xFrameOptionsNotDeny, // SET019
  allowedHostsEmpty, // SET020
  hstsPreloadDisabled, // SET021
  referrerPolicyMissing, // SET022
  referrerPolicyInvalid, // SET023
  crossOriginOpenerPolicyInvalid, // SET024
  weakSecretKeyFallback, // SET025
  contentSecurityPolicySettingInvalid, // SET026
  csrfTrustedOriginsSchemeMissing, // SET040
  defaultHashingAlgorithmInvalid, // SET100
  csrfFailureViewSignatureInvalid, // SET101
  csrfFailureViewMissing, // SET102
  allowedHostsWildcard, // SET200
  secretKeyLiteral, // SET201
  hstsMaxAgeShort, // SET202
  hstsPreloadWithoutSubdomains, // SET203
  proxySslHeaderMisconfigured, // SET204
  samesiteNoneWithoutSecure, // SET205
  csrfTrustedOriginsInsecure, // SET206
  corsAllowAllOrigins, // SET207
  weakPasswordHasher, // SET208
  passwordValidatorsEmpty, // SET209
  sessionSerializerPickle, // SET210
  contentSecurityPolicyMissing, // SET211
  contentSecurityPolicyUnsafe, // SET212
  xFrameOptionsInvalid, // SET213
  fileUploadPermissionsUnsafe, // SET214
  dataUploadLimitDisabled, // SET215
  developmentAppsInProduction, // SET216
  debugPropagateExceptionsEnabled, // SET217
  passwordSettingLiteral, // SET218
  emailWithoutTls, // SET219
  adminDefaultUrl, // SET220
  loggingMailAdminsWithoutDebugFilter, // SET221
  safeFilter, // TPL001
];

export function pythonRules(): PythonRule[] {
  return ALL_RULES.filter((rule): rule is PythonRule => rule.kind === 'python');
}

export function projectRules(): ProjectRule[] {
  return ALL_RULES.filter((rule): rule is ProjectRule => rule.kind === 'project');
}

export function templateRules(): TemplateRule[] {
  return ALL_RULES.filter((rule): rule is TemplateRule => rule.kind === 'template');
}

/** A rule by code, name or alias (case-insensitive), as `ponyguard explain` accepts them. */
export function findRule(query: string): Rule | undefined {
  const wanted = query.trim().toLowerCase();
  return ALL_RULES.find(
    (rule) =>
      rule.meta.code.toLowerCase() === wanted ||
      rule.meta.name === wanted ||
      rule.meta.aliases.some((alias) => alias.toLowerCase() === wanted),
  );
}
