/**
 * The rule registry: every rule, explicitly, sorted by code. Adding a rule = writing its file and adding one line here
 * (the meta-test fails until both exist, with a test and a fixture).
 */
import djangoEndOfLife from './dependencies/django-end-of-life.js';
import djangoOutdatedPatch from './dependencies/django-outdated-patch.js';
import unauditableDependency from './dependencies/unauditable-dependency.js';
import vulnerableDependency from './dependencies/vulnerable-dependency.js';
import vulnerableVersionRange from './dependencies/vulnerable-version-range.js';
import cloudCredentialInSource from './secrets/cloud-credential-in-source.js';
import credentialsInConnectionUrl from './secrets/credentials-in-connection-url.js';
import djangoSecretKeyInSource from './secrets/django-secret-key-in-source.js';
import envFileNotGitignored from './secrets/env-file-not-gitignored.js';
import genericSecretInSource from './secrets/generic-secret-in-source.js';
import privateKeyInSource from './secrets/private-key-in-source.js';
import secretDefaultInEnvironmentRead from './secrets/secret-default-in-environment-read.js';
import secretFileTracked from './secrets/secret-file-tracked.js';
import serviceTokenInSource from './secrets/service-token-in-source.js';
import type { CorrelationRule, DependencyRule, ProbeRule, ProjectRule, PythonRule, Rule, SecretRule, TaintRule, TemplateRule } from '../core/rule.js';
import assertUsed from './code/assert-used.js';
import bidiControlCharacters from './code/bidi-control-characters.js';
import chmodPermissiveMode from './code/chmod-permissive-mode.js';
import csrfExemptPostView from './code/csrf-exempt-post-view.js';
import djangoExtraUsed from './code/django-extra-used.js';
import djangoRawsqlUsed from './code/django-rawsql-used.js';
import drfSerializerAllFields from './code/drf-serializer-all-fields.js';
import drfWriteViewAllowsAny from './code/drf-write-view-allows-any.js';
import ecbCipherMode from './code/ecb-cipher-mode.js';
import evalUsed from './code/eval-used.js';
import execUsed from './code/exec-used.js';
import flaskDebugTrue from './code/flask-debug-true.js';
import formatHtmlPreformatted from './code/format-html-preformatted.js';
import ftplibUsed from './code/ftplib-used.js';
import hardcodedBindAllInterfaces from './code/hardcoded-bind-all-interfaces.js';
import hardcodedPasswordArgument from './code/hardcoded-password-argument.js';
import hardcodedPasswordDefault from './code/hardcoded-password-default.js';
import hardcodedPasswordString from './code/hardcoded-password-string.js';
import hardcodedTmpDirectory from './code/hardcoded-tmp-directory.js';
import htmlResponseFromFormattedString from './code/html-response-from-formatted-string.js';
import huggingfaceUnpinnedDownload from './code/huggingface-unpinned-download.js';
import importFtplib from './code/import-ftplib.js';
import importHttpoxy from './code/import-httpoxy.js';
import importPickle from './code/import-pickle.js';
import importPycrypto from './code/import-pycrypto.js';
import importPyghmi from './code/import-pyghmi.js';
import importSubprocess from './code/import-subprocess.js';
import importTelnetlib from './code/import-telnetlib.js';
import importXmlEtree from './code/import-xml-etree.js';
import importXmlExpat from './code/import-xml-expat.js';
import importXmlMinidom from './code/import-xml-minidom.js';
import importXmlPulldom from './code/import-xml-pulldom.js';
import importXmlSax from './code/import-xml-sax.js';
import importXmlrpc from './code/import-xmlrpc.js';
import insecureRandom from './code/insecure-random.js';
import jinja2AutoescapeFalse from './code/jinja2-autoescape-false.js';
import jsonResponseNotSafe from './code/json-response-not-safe.js';
import loggingConfigListenUnverified from './code/logging-config-listen-unverified.js';
import makoTemplatesUsed from './code/mako-templates-used.js';
import markSafeNonLiteral from './code/mark-safe-non-literal.js';
import markSafeUsed from './code/mark-safe-used.js';
import markupsafeMarkupNonLiteral from './code/markupsafe-markup-non-literal.js';
import marshalDeserialization from './code/marshal-deserialization.js';
import otherFunctionShellTrue from './code/other-function-shell-true.js';
import paramikoExecCommand from './code/paramiko-exec-command.js';
import pickleDeserialization from './code/pickle-deserialization.js';
import redirectToNonLiteral from './code/redirect-to-non-literal.js';
import requestWithoutTimeout from './code/request-without-timeout.js';
import requestsVerifyDisabled from './code/requests-verify-disabled.js';
import shellWildcardInjection from './code/shell-wildcard-injection.js';
import shortRandomString from './code/short-random-string.js';
import signedTokenWithoutMaxAge from './code/signed-token-without-max-age.js';
import snmpInsecureVersion from './code/snmp-insecure-version.js';
import snmpWeakCryptography from './code/snmp-weak-cryptography.js';
import sqlStringFormatting from './code/sql-string-formatting.js';
import sshHostKeyAutoAccept from './code/ssh-host-key-auto-accept.js';
import sslInsecureProtocolDefault from './code/ssl-insecure-protocol-default.js';
import sslInsecureProtocolVersion from './code/ssl-insecure-protocol-version.js';
import sslUnverifiedContext from './code/ssl-unverified-context.js';
import sslWrapSocketWithoutVersion from './code/ssl-wrap-socket-without-version.js';
import startProcessPartialPath from './code/start-process-partial-path.js';
import startProcessWithShell from './code/start-process-with-shell.js';
import startProcessWithoutShell from './code/start-process-without-shell.js';
import staticServeInUrls from './code/static-serve-in-urls.js';
import subprocessShellTrue from './code/subprocess-shell-true.js';
import subprocessWithoutShell from './code/subprocess-without-shell.js';
import tarfileUnsafeMembers from './code/tarfile-unsafe-members.js';
import telnetlibUsed from './code/telnetlib-used.js';
import tempfileMktemp from './code/tempfile-mktemp.js';
import templateAutoescapeDisabled from './code/template-autoescape-disabled.js';
import templateFromString from './code/template-from-string.js';
import torchLoadWithoutWeightsOnly from './code/torch-load-without-weights-only.js';
import tryExceptContinue from './code/try-except-continue.js';
import tryExceptPass from './code/try-except-pass.js';
import unsafeDeserializationInView from './code/unsafe-deserialization-in-view.js';
import urlopenUnrestrictedScheme from './code/urlopen-unrestricted-scheme.js';
import userCreatedWithLiteralPassword from './code/user-created-with-literal-password.js';
import weakCipher from './code/weak-cipher.js';
import weakCryptographicKey from './code/weak-cryptographic-key.js';
import weakHashCryptoLibrary from './code/weak-hash-crypto-library.js';
import weakHashHashlib from './code/weak-hash-hashlib.js';
import xmlCelementtreeParse from './code/xml-celementtree-parse.js';
import xmlElementtreeParse from './code/xml-elementtree-parse.js';
import xmlExpatbuilderParse from './code/xml-expatbuilder-parse.js';
import xmlExpatreaderParser from './code/xml-expatreader-parser.js';
import xmlMinidomParse from './code/xml-minidom-parse.js';
import xmlPulldomParse from './code/xml-pulldom-parse.js';
import xmlSaxParse from './code/xml-sax-parse.js';
import yamlUnsafeLoad from './code/yaml-unsafe-load.js';
import axesMisconfigured from './hardening/axes-misconfigured.js';
import drfThrottleRateMissing from './hardening/drf-throttle-rate-missing.js';
import drfThrottleSpoofableClientIp from './hardening/drf-throttle-spoofable-client-ip.js';
import drfThrottlingNotConfigured from './hardening/drf-throttling-not-configured.js';
import loginLockoutNotInstalled from './hardening/login-lockout-not-installed.js';
import loginLockoutPermanent from './hardening/login-lockout-permanent.js';
import loginProtectionDisabled from './hardening/login-protection-disabled.js';
import loginRateLimitCacheUnsuitable from './hardening/login-rate-limit-cache-unsuitable.js';
import loginWithoutBruteForceProtection from './hardening/login-without-brute-force-protection.js';
import mediaRootInsideSource from './hardening/media-root-inside-source.js';
import mediaRootOverlapsStaticRoot from './hardening/media-root-overlaps-static-root.js';
import mediaUrlUnderStaticUrl from './hardening/media-url-under-static-url.js';
import passwordResetWithoutRateLimit from './hardening/password-reset-without-rate-limit.js';
import runserverInProduction from './hardening/runserver-in-production.js';
import staticRootContainsSource from './hardening/static-root-contains-source.js';
import staticServeExposesSource from './hardening/static-serve-exposes-source.js';
import staticfilesDirsContainsSource from './hardening/staticfiles-dirs-contains-source.js';
import uploadAllowsActiveContent from './hardening/upload-allows-active-content.js';
import uploadExtensionOnlyValidation from './hardening/upload-extension-only-validation.js';
import uploadFieldWithoutValidation from './hardening/upload-field-without-validation.js';
import uploadToUserControlledName from './hardening/upload-to-user-controlled-name.js';
import uploadWithoutSizeLimit from './hardening/upload-without-size-limit.js';
import uploadedFilenameInPath from './hardening/uploaded-filename-in-path.js';
import webServerExposesDotfiles from './hardening/web-server-exposes-dotfiles.js';
import webServerServesSource from './hardening/web-server-serves-source.js';
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
import autoescapeOff from './templates/autoescape-off.js';
import csrfTokenMissing from './templates/csrf-token-missing.js';
import escapejsInHtmlAttribute from './templates/escapejs-in-html-attribute.js';
import codeInjection from './taint/code-injection.js';
import commandInjection from './taint/command-injection.js';
import headerInjection from './taint/header-injection.js';
import ldapInjection from './taint/ldap-injection.js';
import logInjection from './taint/log-injection.js';
import massAssignment from './taint/mass-assignment.js';
import openRedirect from './taint/open-redirect.js';
import pathTraversal from './taint/path-traversal.js';
import regexInjection from './taint/regex-injection.js';
import sqlInjection from './taint/sql-injection.js';
import ssrf from './taint/ssrf.js';
import templateInjection from './taint/template-injection.js';
import unsafeDeserialization from './taint/unsafe-deserialization.js';
import xpathInjection from './taint/xpath-injection.js';
import xssResponse from './taint/xss-response.js';
import xssTemplate from './taint/xss-template.js';
import safeFilter from './templates/safe-filter.js';
import safeseqFilter from './templates/safeseq-filter.js';
import variableInInlineScript from './templates/variable-in-inline-script.js';
import httpNotRedirectedToHttps from './probe/http-not-redirected-to-https.js';
import hstsMissing from './probe/hsts-missing.js';
import hstsShortMaxAge from './probe/hsts-short-max-age.js';
import hstsWithoutIncludeSubdomains from './probe/hsts-without-include-subdomains.js';
import hstsNotPreloadReady from './probe/hsts-not-preload-ready.js';
import cspMissing from './probe/csp-missing.js';
import cspInvalid from './probe/csp-invalid.js';
import cspUnsafeInline from './probe/csp-unsafe-inline.js';
import cspUnsafeEval from './probe/csp-unsafe-eval.js';
import cspBroadScriptSrc from './probe/csp-broad-script-src.js';
import cspObjectSrcUnrestricted from './probe/csp-object-src-unrestricted.js';
import cspBaseUriMissing from './probe/csp-base-uri-missing.js';
import cspMetaLimits from './probe/csp-meta-limits.js';
import clickjackingProtectionMissing from './probe/clickjacking-protection-missing.js';
import xContentTypeOptionsMissing from './probe/x-content-type-options-missing.js';
import referrerPolicyUnsafe from './probe/referrer-policy-unsafe.js';
import crossOriginPolicyInvalid from './probe/cross-origin-policy-invalid.js';
import coopMissing from './probe/coop-missing.js';
import permissionsPolicyMissing from './probe/permissions-policy-missing.js';
import cookieWithoutSecure from './probe/cookie-without-secure.js';
import sessionCookieWithoutHttponly from './probe/session-cookie-without-httponly.js';
import cookieSamesiteWeak from './probe/cookie-samesite-weak.js';
import corsReflectsOriginWithCredentials from './probe/cors-reflects-origin-with-credentials.js';
import corsWildcardWithCredentials from './probe/cors-wildcard-with-credentials.js';
import corsNullOriginAllowed from './probe/cors-null-origin-allowed.js';
import serverVersionBanner from './probe/server-version-banner.js';
import mixedContent from './probe/mixed-content.js';
import scriptWithoutSri from './probe/script-without-sri.js';
import tlsCertificateUntrusted from './probe/tls-certificate-untrusted.js';
import tlsCertificateExpiring from './probe/tls-certificate-expiring.js';
import tlsHostnameMismatch from './probe/tls-hostname-mismatch.js';
import tlsLegacyProtocol from './probe/tls-legacy-protocol.js';
import debugPageServed from './probe/debug-page-served.js';
import urlPatternsLeaked from './probe/url-patterns-leaked.js';
import adminLoginExposed from './probe/admin-login-exposed.js';
import sensitiveFileExposed from './probe/sensitive-file-exposed.js';
import mediaDirectoryListing from './probe/media-directory-listing.js';
import djangoVersionDisclosed from './probe/django-version-disclosed.js';
import developmentServerExposed from './probe/development-server-exposed.js';
import loginNotThrottled from './probe/login-not-throttled.js';
import hstsSettingNotServed from './probe/hsts-setting-not-served.js';
import secureCookieSettingNotServed from './probe/secure-cookie-setting-not-served.js';
import debugPageDespiteSettings from './probe/debug-page-despite-settings.js';
import sslRedirectSettingNotServed from './probe/ssl-redirect-setting-not-served.js';

export const ALL_RULES: readonly Rule[] = [
  vulnerableDependency, // DEP001
  vulnerableVersionRange, // DEP002
  unauditableDependency, // DEP003
  djangoEndOfLife, // DEP004
  djangoOutdatedPatch, // DEP005
  loginWithoutBruteForceProtection, // HRD001
  loginLockoutNotInstalled, // HRD002
  axesMisconfigured, // HRD003
  loginRateLimitCacheUnsuitable, // HRD004
  loginProtectionDisabled, // HRD005
  drfThrottlingNotConfigured, // HRD006
  drfThrottleRateMissing, // HRD007
  drfThrottleSpoofableClientIp, // HRD008
  loginLockoutPermanent, // HRD009
  passwordResetWithoutRateLimit, // HRD010
  uploadFieldWithoutValidation, // HRD020
  uploadExtensionOnlyValidation, // HRD021
  uploadToUserControlledName, // HRD022
  uploadedFilenameInPath, // HRD023
  uploadAllowsActiveContent, // HRD024
  uploadWithoutSizeLimit, // HRD025
  staticRootContainsSource, // HRD040
  staticfilesDirsContainsSource, // HRD041
  mediaRootInsideSource, // HRD042
  mediaRootOverlapsStaticRoot, // HRD043
  mediaUrlUnderStaticUrl, // HRD044
  webServerServesSource, // HRD045
  webServerExposesDotfiles, // HRD046
  staticServeExposesSource, // HRD047
  runserverInProduction, // HRD048
  assertUsed, // PY101
  execUsed, // PY102
  chmodPermissiveMode, // PY103
  hardcodedBindAllInterfaces, // PY104
  hardcodedPasswordString, // PY105
  hardcodedPasswordArgument, // PY106
  hardcodedPasswordDefault, // PY107
  hardcodedTmpDirectory, // PY108
  tryExceptPass, // PY110
  tryExceptContinue, // PY112
  requestWithoutTimeout, // PY113
  flaskDebugTrue, // PY201
  tarfileUnsafeMembers, // PY202
  pickleDeserialization, // PY301
  marshalDeserialization, // PY302
  weakHashCryptoLibrary, // PY303
  weakCipher, // PY304
  ecbCipherMode, // PY305
  tempfileMktemp, // PY306
  evalUsed, // PY307
  markSafeUsed, // PY308
  urlopenUnrestrictedScheme, // PY310
  insecureRandom, // PY311
  telnetlibUsed, // PY312
  xmlCelementtreeParse, // PY313
  xmlElementtreeParse, // PY314
  xmlExpatreaderParser, // PY315
  xmlExpatbuilderParse, // PY316
  xmlSaxParse, // PY317
  xmlMinidomParse, // PY318
  xmlPulldomParse, // PY319
  ftplibUsed, // PY321
  sslUnverifiedContext, // PY323
  weakHashHashlib, // PY324
  importTelnetlib, // PY401
  importFtplib, // PY402
  importPickle, // PY403
  importSubprocess, // PY404
  importXmlEtree, // PY405
  importXmlSax, // PY406
  importXmlExpat, // PY407
  importXmlMinidom, // PY408
  importXmlPulldom, // PY409
  importXmlrpc, // PY411
  importHttpoxy, // PY412
  importPycrypto, // PY413
  importPyghmi, // PY415
  requestsVerifyDisabled, // PY501
  sslInsecureProtocolVersion, // PY502
  sslInsecureProtocolDefault, // PY503
  sslWrapSocketWithoutVersion, // PY504
  weakCryptographicKey, // PY505
  yamlUnsafeLoad, // PY506
  sshHostKeyAutoAccept, // PY507
  snmpInsecureVersion, // PY508
  snmpWeakCryptography, // PY509
  paramikoExecCommand, // PY601
  subprocessShellTrue, // PY602
  subprocessWithoutShell, // PY603
  otherFunctionShellTrue, // PY604
  startProcessWithShell, // PY605
  startProcessWithoutShell, // PY606
  startProcessPartialPath, // PY607
  sqlStringFormatting, // PY608
  shellWildcardInjection, // PY609
  djangoExtraUsed, // PY610
  djangoRawsqlUsed, // PY611
  loggingConfigListenUnverified, // PY612
  bidiControlCharacters, // PY613
  torchLoadWithoutWeightsOnly, // PY614
  huggingfaceUnpinnedDownload, // PY615
  jinja2AutoescapeFalse, // PY701
  makoTemplatesUsed, // PY702
  markSafeNonLiteral, // PY703
  markupsafeMarkupNonLiteral, // PY704
  csrfExemptPostView, // PY801
  htmlResponseFromFormattedString, // PY802
  formatHtmlPreformatted, // PY803
  templateFromString, // PY804
  templateAutoescapeDisabled, // PY805
  staticServeInUrls, // PY806
  redirectToNonLiteral, // PY807
  jsonResponseNotSafe, // PY808
  userCreatedWithLiteralPassword, // PY809
  shortRandomString, // PY810
  unsafeDeserializationInView, // PY811
  signedTokenWithoutMaxAge, // PY812
  drfWriteViewAllowsAny, // PY813
  drfSerializerAllFields, // PY814
  djangoSecretKeyInSource, // SEC001
  cloudCredentialInSource, // SEC002
  serviceTokenInSource, // SEC003
  privateKeyInSource, // SEC004
  credentialsInConnectionUrl, // SEC005
  genericSecretInSource, // SEC006
  secretDefaultInEnvironmentRead, // SEC007
  secretFileTracked, // SEC008
  envFileNotGitignored, // SEC009
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
  sqlInjection, // TNT001
  xssResponse, // TNT002
  xssTemplate, // TNT003
  openRedirect, // TNT004
  commandInjection, // TNT005
  codeInjection, // TNT006
  templateInjection, // TNT007
  pathTraversal, // TNT008
  ssrf, // TNT009
  unsafeDeserialization, // TNT010
  headerInjection, // TNT011
  logInjection, // TNT012
  massAssignment, // TNT013
  regexInjection, // TNT014
  xpathInjection, // TNT015
  ldapInjection, // TNT016
  safeFilter, // TPL001
  safeseqFilter, // TPL002
  autoescapeOff, // TPL003
  escapejsInHtmlAttribute, // TPL004
  variableInInlineScript, // TPL005
  csrfTokenMissing, // TPL006
  httpNotRedirectedToHttps, // WEB001
  hstsMissing, // WEB002
  hstsShortMaxAge, // WEB003
  hstsWithoutIncludeSubdomains, // WEB004
  hstsNotPreloadReady, // WEB005
  cspMissing, // WEB006
  cspInvalid, // WEB007
  cspUnsafeInline, // WEB008
  cspUnsafeEval, // WEB009
  cspBroadScriptSrc, // WEB010
  cspObjectSrcUnrestricted, // WEB011
  cspBaseUriMissing, // WEB012
  cspMetaLimits, // WEB013
  clickjackingProtectionMissing, // WEB014
  xContentTypeOptionsMissing, // WEB015
  referrerPolicyUnsafe, // WEB016
  crossOriginPolicyInvalid, // WEB017
  coopMissing, // WEB018
  permissionsPolicyMissing, // WEB019
  cookieWithoutSecure, // WEB020
  sessionCookieWithoutHttponly, // WEB021
  cookieSamesiteWeak, // WEB022
  corsReflectsOriginWithCredentials, // WEB023
  corsWildcardWithCredentials, // WEB024
  corsNullOriginAllowed, // WEB025
  serverVersionBanner, // WEB026
  mixedContent, // WEB027
  scriptWithoutSri, // WEB028
  tlsCertificateUntrusted, // WEB029
  tlsCertificateExpiring, // WEB030
  tlsHostnameMismatch, // WEB031
  tlsLegacyProtocol, // WEB032
  debugPageServed, // WEB050
  urlPatternsLeaked, // WEB051
  adminLoginExposed, // WEB052
  sensitiveFileExposed, // WEB053
  mediaDirectoryListing, // WEB054
  djangoVersionDisclosed, // WEB055
  developmentServerExposed, // WEB056
  loginNotThrottled, // WEB057
  hstsSettingNotServed, // WEB080
  secureCookieSettingNotServed, // WEB081
  debugPageDespiteSettings, // WEB082
  sslRedirectSettingNotServed, // WEB083
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

export function dependencyRules(): DependencyRule[] {
  return ALL_RULES.filter((rule): rule is DependencyRule => rule.kind === 'dependency');
}

export function secretRules(): SecretRule[] {
  return ALL_RULES.filter((rule): rule is SecretRule => rule.kind === 'secret');
}

export function probeRules(): ProbeRule[] {
  return ALL_RULES.filter((rule): rule is ProbeRule => rule.kind === 'probe');
}

export function correlationRules(): CorrelationRule[] {
  return ALL_RULES.filter((rule): rule is CorrelationRule => rule.kind === 'correlation');
}

export function taintRules(): TaintRule[] {
  return ALL_RULES.filter((rule): rule is TaintRule => rule.kind === 'taint');
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
