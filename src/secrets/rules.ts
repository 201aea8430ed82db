/**
 * Built-in secret rules: provider tokens a Django site holds, credentials in URLs, private keys, JWTs, Django's
 * SECRET_KEY and a generic high-entropy assignment (issue 7).
 *
 * Order matters: when two rules find overlapping secrets the earlier one wins, so specific rules come first and the
 * generic assignment rule last. Every regex is linear in practice: it starts with a literal (or a short alternation
 * of literals), every repetition is bounded and no quantifier is nested.
 */
import type { SecretRule } from './types.js';

/** Characters of `django.core.management.utils.get_random_secret_key()`. */
const DJANGO_CHARS = String.raw`a-z0-9!@#$%^&*(\-_=+)`;
/**
 * An assignment on one line: `NAME = `, `NAME: `, `"NAME": `, `NAME := `, `NAME => `, or `"NAME", ` (a default in
 * os.environ.get / env / config), optionally `default=` and a Python string prefix.
 */
const ASSIGN = String.raw`(?:['"]?[ \t]{0,3}(?:=|:=|=>|:)|['"][ \t]{0,3},)[ \t]{0,5}(?:default[ \t]{0,2}=[ \t]{0,2})?(?:[rRbBuU]{1,2}(?=['"]))?`;
/** An optional quote captured as `q`, to be closed by `\k<q>`. */
const OPEN = String.raw`(?<q>['"]?)`;
const CLOSE = String.raw`\k<q>`;

function re(source: string, flags = ''): RegExp {
  return new RegExp(source, flags);
}

/** A URL's user equals its password (`guest:guest`, `postgres:postgres`) or its host is an example host. */
function credentialUrlReject(match: RegExpExecArray, secret: string): boolean {
  const user = match.groups?.user ?? '';
  const host = (match.groups?.host ?? '').toLowerCase();
  return user === secret || /(?:^|[.@])example\.(?:com|org|net)(?::|$)|^example(?::|$)/.test(host);
}

/** Names that hold something else than the secret itself (`TOKEN_URL`, `PRIVATE_KEY_ID`, `PASSWORD_RESET_TIMEOUT`…). */
const NOT_SECRET_NAME = /[_.-](?:id|ids|url|uri|urls|endpoint|path|file|filename|dir|name|type|length|prefix|suffix|header|field|backend|class|timeout|expiry|lifetime|age|algorithm|format|validators?)$/i;

/** Generic assignments: drop names that are not secrets, and values that are code, names or paths rather than literals. */
function genericReject(match: RegExpExecArray, secret: string): boolean {
  if (NOT_SECRET_NAME.test(match.groups?.name ?? '')) return true;
  // Unquoted code: attribute access (`self.password`), a regex literal (`/token|secret/i`).
  if (match.groups?.q === '' && /[A-Za-z_]\.[A-Za-z_]|^\/|\|/.test(secret)) return true;
  return CODE_LIKE_VALUES.some((pattern) => pattern.test(secret));
}

/** Values that are names, paths or words rather than secrets (quoted or not). */
const CODE_LIKE_VALUES: readonly RegExp[] = [
  /^[A-Za-z_][A-Za-z0-9_]{0,60}(?:\.[A-Za-z_][A-Za-z0-9_]{0,60}){1,10}$/, // django.contrib.auth.hashers.X, hmac.compare_digest
  /^[a-z][a-z0-9]{0,30}(?:_[a-z0-9]{1,30}){1,10}$/, // snake_case
  /^[A-Z][A-Z0-9]{0,30}(?:_[A-Z0-9]{1,30}){1,10}$/, // CONSTANT_CASE
  /^[a-z]{1,30}(?:-[a-z]{1,30}){2,10}$/, // kebab-case words: content-security-policy
  /^(?:[A-Z0-9]{1,8}[a-z]{2,30}){2,8}[A-Z0-9]{0,8}$/, // CamelCase: ScryptPasswordHasher
  /^\/[A-Za-z0-9_./-]{0,200}$/, // /accounts/password/reset/
  /^[a-z][a-z0-9+.-]{1,20}:\/\/[^@\s]{0,200}$/, // a URL without credentials
];

const URL_CREDENTIALS = String.raw`(?:\+[a-z0-9]{1,20})?://(?<user>[^\s:@/'"\x60<>]{0,128}):(?<secret>[^\s@/'"\x60<>]{1,256})@(?<host>[^\s/'"\x60<>?#@]{1,255})`;

export const SECRET_RULES: readonly SecretRule[] = [
  // --- Django -------------------------------------------------------------------------------------------------
  {
    id: 'django-insecure-secret-key',
    description: 'A Django development key (`django-insecure-` prefix, written by startproject) is committed.',
    regex: re(String.raw`(?<secret>django-insecure-[${DJANGO_CHARS}]{20,80})(?![${DJANGO_CHARS}])`),
    secretGroup: 'secret',
    keywords: ['django-insecure-'],
    entropy: 3,
    longLines: true,
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'django-secret-key',
    description: "A SECRET_KEY literal of Django's real shape (50 characters of get_random_secret_key's alphabet).",
    regex: re(String.raw`(?:SECRET_KEY|secret_key|SecretKey)[A-Za-z0-9_]{0,20}${ASSIGN}(?:\[\s{0,20})?${OPEN}(?<secret>[${DJANGO_CHARS}]{50})${CLOSE}(?:(?<=['"])|(?![${DJANGO_CHARS}]))`),
    secretGroup: 'secret',
    keywords: ['secret_key', 'secretkey'],
    entropy: 3.5,
    severity: 'critical',
    confidence: 'high',
  },
  // --- Cloud providers ----------------------------------------------------------------------------------------
  {
    id: 'aws-access-key-id',
    description: 'An AWS access key id (AKIA… long-term, ASIA… temporary).',
    regex: re(String.raw`\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Z0-9])`),
    secretGroup: 'secret',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    entropy: 3,
    longLines: true,
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'aws-secret-access-key',
    description: 'An AWS secret access key (40 base64 characters) assigned to an AWS / secret-access-key name.',
    regex: re(String.raw`(?:aws[A-Za-z0-9_.-]{0,30}(?:secret|key)|secret_?access_?key)[A-Za-z0-9_.-]{0,20}${ASSIGN}${OPEN}(?<secret>[A-Za-z0-9/+]{40})${CLOSE}(?![A-Za-z0-9/+=])`, 'i'),
    secretGroup: 'secret',
    keywords: ['aws', 'secretaccess', 'secret_access'],
    entropy: 3.5,
    severity: 'critical',
    confidence: 'high',
  },
  {
    id: 'gcp-api-key',
    description: 'A Google / GCP API key (AIza…).',
    regex: re(String.raw`\b(?<secret>AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])`),
    secretGroup: 'secret',
    keywords: ['aiza'],
    entropy: 3,
    longLines: true,
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'gcp-service-account-key',
    description: 'A GCP service-account JSON key (`"type": "service_account"` with a `private_key`).',
    regex: re(String.raw`"private_key"\s{0,3}:\s{0,3}"(?<secret>-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY-----[^"]{64,32768})"`),
    secretGroup: 'secret',
    keywords: ['service_account'],
    requires: /"type"\s{0,3}:\s{0,3}"service_account"/,
    longLines: true,
    severity: 'critical',
    confidence: 'high',
  },
  {
    id: 'azure-storage-connection-string',
    description: 'An Azure storage connection string with its AccountKey.',
    regex: re(String.raw`AccountKey=(?<secret>[A-Za-z0-9+/]{80,100}={0,2})`, 'i'),
    secretGroup: 'secret',
    keywords: ['accountkey='],
    entropy: 4,
    longLines: true,
    severity: 'critical',
    confidence: 'high',
  },
  {
    id: 'azure-storage-account-key',
    description: 'An Azure storage account key (88 base64 characters) assigned to an Azure / storage key name (AZURE_ACCOUNT_KEY).',
    regex: re(String.raw`(?:azure|storage)[A-Za-z0-9_.-]{0,30}key[A-Za-z0-9_.-]{0,10}${ASSIGN}${OPEN}(?<secret>[A-Za-z0-9+/]{86}==)${CLOSE}`, 'i'),
    secretGroup: 'secret',
    keywords: ['azure', 'storage'],
    entropy: 4,
    severity: 'critical',
    confidence: 'high',
  },
  // --- Payment, messaging, mail -------------------------------------------------------------------------------
  {
    id: 'stripe-live-secret-key',
    description: 'A Stripe live secret or restricted key (sk_live_, rk_live_).',
    regex: re(String.raw`\b(?<secret>(?:sk|rk)_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9])`),
    secretGroup: 'secret',
    keywords: ['sk_live_', 'rk_live_'],
    entropy: 3,
    longLines: true,
    severity: 'critical',
    confidence: 'high',
  },
  {
    id: 'stripe-test-secret-key',
    description: 'A Stripe test-mode secret or restricted key (sk_test_, rk_test_): no money at stake, still account access.',
    regex: re(String.raw`\b(?<secret>(?:sk|rk)_test_[A-Za-z0-9]{20,247})(?![A-Za-z0-9])`),
    secretGroup: 'secret',
    keywords: ['sk_test_', 'rk_test_'],
    entropy: 3,
    longLines: true,
    severity: 'low',
    confidence: 'high',
  },
  {
    id: 'slack-token',
    description: 'A Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-).',
    regex: re(String.raw`\b(?<secret>xox[baprs]-[0-9]{6,16}-[A-Za-z0-9-]{10,250})(?![A-Za-z0-9-])`),
    secretGroup: 'secret',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-'],
    entropy: 3,
    longLines: true,
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'slack-webhook-url',
    description: 'A Slack incoming-webhook URL (anyone holding it can post to the channel).',
    regex: re(String.raw`https://hooks\.slack\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9+/_-]{20,200})`),
    secretGroup: 'secret',
    keywords: ['hooks.slack.com'],
    entropy: 3,
    longLines: true,
    severity: 'medium',
    confidence: 'high',
  },
  {
    id: 'sendgrid-api-key',
    description: 'A SendGrid API key (SG.<22>.<43>).',
    regex: re(String.raw`\b(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`),
    secretGroup: 'secret',
    keywords: ['sg.'],
    entropy: 3,
    longLines: true,
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'mailgun-api-key',
    description: 'A Mailgun private API key (key-<32 hex>).',
    regex: re(String.raw`\b(?<secret>key-[0-9a-f]{32})(?![0-9a-zA-Z])`),
    secretGroup: 'secret',
    keywords: ['key-'],
    entropy: 3,
    longLines: true,
    severity: 'high',
    confidence: 'medium',
  },
  {
    id: 'twilio-api-key',
    description: 'A Twilio API key SID (SK<32 hex>) in a file that mentions Twilio.',
    regex: re(String.raw`\b(?<secret>SK[0-9a-f]{32})(?![0-9a-zA-Z])`),
    secretGroup: 'secret',
    keywords: ['twilio'],
    entropy: 3,
    longLines: true,
    severity: 'medium',
    confidence: 'medium',
  },
  {
    id: 'twilio-auth-token',
    description: 'A Twilio auth token (32 hex) assigned to a Twilio token name.',
    regex: re(String.raw`twilio[A-Za-z0-9_.-]{0,30}(?:token|secret)[A-Za-z0-9_.-]{0,10}${ASSIGN}${OPEN}(?<secret>[0-9a-f]{32})${CLOSE}(?![0-9a-zA-Z])`, 'i'),
    secretGroup: 'secret',
    keywords: ['twilio'],
    entropy: 3,
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'postmark-server-token',
    description: 'A Postmark server token (a UUID assigned to a Postmark name).',
    regex: re(String.raw`postmark[A-Za-z0-9_.-]{0,30}${ASSIGN}${OPEN}(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})${CLOSE}(?![0-9a-zA-Z])`, 'i'),
    secretGroup: 'secret',
    keywords: ['postmark'],
    entropy: 3,
    severity: 'high',
    confidence: 'high',
  },
  // --- Source hosting -----------------------------------------------------------------------------------------
  ...(
    [
      ['github-pat', 'ghp', 'A GitHub personal access token (ghp_).'],
      ['github-oauth-token', 'gho', 'A GitHub OAuth access token (gho_).'],
      ['github-app-token', 'gh[us]', 'A GitHub App user-to-server or server-to-server token (ghu_, ghs_).'],
      ['github-refresh-token', 'ghr', 'A GitHub refresh token (ghr_).'],
    ] as const
  ).map(
    ([id, prefix, description]): SecretRule => ({
      id,
      description,
      regex: re(String.raw`\b(?<secret>${prefix}_[A-Za-z0-9]{36})(?![A-Za-z0-9])`),
      secretGroup: 'secret',
      keywords: prefix === 'gh[us]' ? ['ghu_', 'ghs_'] : [`${prefix}_`],
      entropy: 3,
      longLines: true,
      severity: 'high',
      confidence: 'high',
    }),
  ),
  {
    id: 'github-fine-grained-pat',
    description: 'A GitHub fine-grained personal access token (github_pat_).',
    regex: re(String.raw`\b(?<secret>github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])`),
    secretGroup: 'secret',
    keywords: ['github_pat_'],
    entropy: 3,
    longLines: true,
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'gitlab-pat',
    description: 'A GitLab personal access token (glpat-).',
    regex: re(String.raw`\b(?<secret>glpat-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])`),
    secretGroup: 'secret',
    keywords: ['glpat-'],
    entropy: 3,
    longLines: true,
    severity: 'high',
    confidence: 'high',
  },
  // --- Monitoring -----------------------------------------------------------------------------------------------
  {
    id: 'sentry-dsn',
    description: 'A Sentry DSN with its key (https://<key>@…/<project>): lets anyone send events to the project.',
    regex: re(String.raw`https?://(?<secret>[0-9a-f]{32})(?::[0-9a-f]{32})?@[A-Za-z0-9.-]{1,200}(?::[0-9]{1,5})?/[0-9]{1,20}(?![0-9A-Za-z])`),
    secretGroup: 'secret',
    keywords: ['sentry'],
    entropy: 3,
    longLines: true,
    severity: 'medium',
    confidence: 'high',
  },
  // --- Keys and tokens --------------------------------------------------------------------------------------------
  {
    id: 'private-key',
    description: 'A PEM or OpenSSH private key block.',
    regex: re(String.raw`-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]{64,32768}?)-----END`),
    secretGroup: 'secret',
    keywords: ['private key'],
    entropy: 3.5,
    longLines: true,
    severity: 'critical',
    confidence: 'high',
  },
  {
    id: 'jwt',
    description: 'A JSON Web Token (three base64url parts, `eyJ` header and payload).',
    regex: re(String.raw`\b(?<secret>eyJ[A-Za-z0-9_-]{10,4096}\.eyJ[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{10,4096})(?![A-Za-z0-9_-])`),
    secretGroup: 'secret',
    keywords: ['eyj'],
    entropy: 3,
    longLines: true,
    severity: 'medium',
    confidence: 'medium',
  },
  // --- Credentials in URLs ------------------------------------------------------------------------------------------
  {
    id: 'database-url-credentials',
    description: 'A database URL with a password (postgres://user:pass@…, mysql://, mongodb(+srv)://…).',
    regex: re(String.raw`\b(?:postgres(?:ql)?|postgis|mysql2?|mariadb|mssql|sqlserver|oracle|cockroachdb|mongodb(?:\+srv)?)${URL_CREDENTIALS}`, 'i'),
    secretGroup: 'secret',
    keywords: ['postgres', 'postgis', 'mysql', 'mariadb', 'mssql', 'sqlserver', 'oracle', 'cockroachdb', 'mongodb'],
    longLines: true,
    reject: credentialUrlReject,
    severity: 'high',
    confidence: 'high',
  },
  {
    id: 'broker-url-credentials',
    description: 'A cache or message-broker URL with a password (redis://:pass@…, amqp://user:pass@…).',
    regex: re(String.raw`\b(?:rediss?|amqps?|pyamqp|librabbitmq|sqs)${URL_CREDENTIALS}`, 'i'),
    secretGroup: 'secret',
    keywords: ['redis', 'amqp', 'librabbitmq', 'sqs://'],
    longLines: true,
    reject: credentialUrlReject,
    severity: 'high',
    confidence: 'high',
  },
  // --- Generic (last) -------------------------------------------------------------------------------------------------
  {
    id: 'generic-secret-assignment',
    description: 'A high-entropy literal assigned to a secret-like name (password, secret, token, api_key…).',
    regex: re(
      String.raw`(?<name>(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]{0,30})${ASSIGN}${OPEN}(?<secret>[^'"\s\\(){}\[\]<>,;\x60]{8,200})${CLOSE}(?![^'"\s,;)\]}])`,
      'i',
    ),
    secretGroup: 'secret',
    keywords: ['password', 'passwd', 'pwd', 'secret', 'token', 'api_key', 'apikey', 'api-key', 'access_key', 'accesskey', 'access-key', 'auth_key', 'authkey', 'private_key', 'privatekey', 'credential'],
    entropy: 3.5,
    reject: genericReject,
    severity: 'medium',
    confidence: 'medium',
  },
];

export const SECRET_RULE_IDS: readonly string[] = SECRET_RULES.map((rule) => rule.id);
