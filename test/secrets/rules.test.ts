import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../src/secrets/engine.js';
import { SECRET_RULE_IDS, SECRET_RULES } from '../../src/secrets/rules.js';
import { ALNUM, BASE64, DIGITS, Fake, HEX, LOWER, UPPER } from './fake.js';

const fake = new Fake(20261121);

function ids(text: string, path = 'project/settings.py'): string[] {
  return scanSecrets(text, path).map((m) => m.ruleId);
}

function only(text: string, path = 'project/settings.py'): { ruleId: string; secret: string } {
  const found = scanSecrets(text, path);
  expect(found.map((m) => m.ruleId)).toHaveLength(1);
  const first = found[0];
  if (!first) throw new Error('no match');
  return first;
}

describe('rule set', () => {
  it('has unique kebab-case ids, lower-case keywords and bounded regexes', () => {
    expect(new Set(SECRET_RULE_IDS).size).toBe(SECRET_RULE_IDS.length);
    for (const rule of SECRET_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(rule.keywords.length).toBeGreaterThan(0);
      for (const keyword of rule.keywords) expect(keyword).toBe(keyword.toLowerCase());
      // No unbounded repetition: every quantifier is {m,n} or ?; `+` / `*` only inside character classes or escaped.
      const outsideClasses = rule.regex.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
      expect(outsideClasses, rule.id).not.toMatch(/[+*](?!\?)/);
    }
  });
});

describe('Django SECRET_KEY', () => {
  it('finds a 50-character key with punctuation, in every common syntax', () => {
    const key = fake.djangoKey();
    for (const line of [
      `SECRET_KEY = '${key}'`,
      `SECRET_KEY = "${key}"`,
      `SECRET_KEY = r'${key}'`,
      `SECRET_KEY = os.environ.get("SECRET_KEY", "${key}")`,
      `SECRET_KEY = env("DJANGO_SECRET_KEY", default="${key}")`,
      `SECRET_KEY_FALLBACKS = ['${key}']`,
      `DJANGO_SECRET_KEY=${key}`,
      `secret_key: "${key}"`,
    ]) {
      const match = only(line);
      expect(match.ruleId, line).toBe('django-secret-key');
      expect(match.secret).toBe(key);
    }
  });

  it('finds django-insecure- keys', () => {
    const key = `django-insecure-${fake.djangoKey()}`;
    expect(only(`SECRET_KEY = '${key}'`)).toMatchObject({ ruleId: 'django-insecure-secret-key', secret: key });
    expect(only(`DJANGO_SECRET_KEY=${key}\n`, '.env')).toMatchObject({ ruleId: 'django-insecure-secret-key', secret: key });
  });

  it('stays silent on environment reads, generators and placeholders', () => {
    for (const line of [
      `SECRET_KEY = os.environ["SECRET_KEY"]`,
      `SECRET_KEY = get_random_secret_key()`,
      `SECRET_KEY = env("SECRET_KEY")`,
      `SECRET_KEY = "changeme"`,
      `SECRET_KEY = "${'x'.repeat(50)}"`,
      `SECRET_KEY = "django-insecure-changeme-changeme-changeme-changeme"`,
      `SECRET_KEY = 'django-insecure-...'`,
      `SECRET_KEY = "{{ secret_key }}"`,
      `SECRET_KEY = "\${SECRET_KEY}"`,
      `SECRET_KEY = "<your secret key>"`,
      `SECRET_KEY = "test"`,
    ]) {
      expect(ids(line), line).toEqual([]);
    }
  });
});

describe('cloud providers', () => {
  it('AWS access key ids (AKIA, ASIA) but not documentation examples', () => {
    const id = fake.awsKeyId();
    expect(only(`AWS_ACCESS_KEY_ID = "${id}"`)).toMatchObject({ ruleId: 'aws-access-key-id', secret: id });
    expect(ids(`key = "${fake.awsKeyId('ASIA')}"`)).toEqual(['aws-access-key-id']);
    expect(ids(`AWS_ACCESS_KEY_ID = "AKIA${'IOSFODNN7'}EXAMPLE"`)).toEqual([]);
    expect(ids(`id = "AKIA${'q'.repeat(16)}"`)).toEqual([]);
  });

  it('AWS secret access keys only next to an AWS / secret name', () => {
    const secret = fake.chars(BASE64, 40);
    expect(only(`AWS_SECRET_ACCESS_KEY = '${secret}'`)).toMatchObject({ ruleId: 'aws-secret-access-key', secret });
    expect(ids(`aws_secret_access_key=${secret}\n`, 'credentials')).toEqual(['aws-secret-access-key']);
    expect(ids(`CHECKSUM = '${secret}'`)).toEqual([]);
  });

  it('GCP API keys and service-account JSON', () => {
    const key = 'AIza' + fake.chars(ALNUM + '-_', 35);
    expect(only(`GOOGLE_MAPS_KEY = "${key}"`)).toMatchObject({ ruleId: 'gcp-api-key', secret: key });
    expect(ids(`GOOGLE_MAPS_KEY = "AIza${'short'}"`)).toEqual([]);
    const pem = fake.pem('PRIVATE KEY', '\\n');
    const json = JSON.stringify({ type: 'service_account', project_id: 'pony', private_key_id: fake.chars(HEX, 40) })
      .replace('}', `,"private_key":"${pem}\\n","client_email":"a@pony.iam.gserviceaccount.com"}`)
      .replace('{"type":"service_account"', '{"type": "service_account"');
    expect(ids(json, 'keys/sa.json')).toEqual(['gcp-service-account-key']);
    // A PEM in a JSON that is not a service account is still a private key.
    expect(ids(json.replace('service_account', 'authorized_user'), 'keys/other.json')).toEqual(['private-key']);
  });

  it('Azure storage connection strings and account keys', () => {
    const key = fake.chars(BASE64, 86) + '==';
    const conn = `AZURE_CONNECTION_STRING = "DefaultEndpointsProtocol=https;AccountName=pony;AccountKey=${key};EndpointSuffix=core.windows.net"`;
    expect(only(conn)).toMatchObject({ ruleId: 'azure-storage-connection-string', secret: key });
    expect(only(`AZURE_ACCOUNT_KEY = "${key}"`)).toMatchObject({ ruleId: 'azure-storage-account-key', secret: key });
    expect(ids(`AZURE_ACCOUNT_KEY = os.environ["AZURE_ACCOUNT_KEY"]`)).toEqual([]);
  });
});

describe('payments, messaging, mail', () => {
  it('Stripe live keys are critical, test keys low', () => {
    const live = 'sk_' + 'live_' + fake.chars(ALNUM, 24);
    const restricted = 'rk_' + 'live_' + fake.chars(ALNUM, 24);
    const test = 'sk_' + 'test_' + fake.chars(ALNUM, 24);
    expect(only(`STRIPE_SECRET_KEY = "${live}"`).ruleId).toBe('stripe-live-secret-key');
    expect(only(`STRIPE_KEY = "${restricted}"`).ruleId).toBe('stripe-live-secret-key');
    expect(only(`STRIPE_SECRET_KEY = "${test}"`).ruleId).toBe('stripe-test-secret-key');
    const severity = (id: string): string | undefined => SECRET_RULES.find((r) => r.id === id)?.severity;
    expect(severity('stripe-live-secret-key')).toBe('critical');
    expect(severity('stripe-test-secret-key')).toBe('low');
    expect(ids(`STRIPE_PUBLISHABLE_KEY = "pk_live_${fake.chars(ALNUM, 24)}"`)).toEqual([]);
    expect(ids(`STRIPE_SECRET_KEY = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"`)).toEqual([]);
  });

  it('Slack tokens and webhook URLs', () => {
    const token = `xoxb-${fake.chars(DIGITS, 12)}-${fake.chars(DIGITS, 13)}-${fake.chars(ALNUM, 24)}`;
    expect(only(`SLACK_BOT_TOKEN = "${token}"`)).toMatchObject({ ruleId: 'slack-token', secret: token });
    const hook = `https://hooks.slack.com/services/T${fake.chars(UPPER + DIGITS, 8)}/B${fake.chars(UPPER + DIGITS, 10)}/${fake.chars(ALNUM, 24)}`;
    expect(only(`SLACK_WEBHOOK = "${hook}"`).ruleId).toBe('slack-webhook-url');
    expect(ids(`SLACK_WEBHOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"`)).toEqual([]);
  });

  it('SendGrid, Mailgun, Twilio, Postmark', () => {
    const sg = `SG.${fake.chars(ALNUM, 22)}.${fake.chars(ALNUM + '-_', 43)}`;
    expect(only(`EMAIL_HOST_PASSWORD = "${sg}"`)).toMatchObject({ ruleId: 'sendgrid-api-key', secret: sg });
    const mailgun = `key-${fake.chars(HEX, 32)}`;
    expect(only(`MAILGUN_API_KEY = "${mailgun}"`)).toMatchObject({ ruleId: 'mailgun-api-key', secret: mailgun });
    const sk = `SK${fake.chars(HEX, 32)}`;
    expect(only(`TWILIO_API_KEY = "${sk}"`)).toMatchObject({ ruleId: 'twilio-api-key', secret: sk });
    expect(ids(`BUILD_ID = "${sk}"`)).toEqual([]); // no "twilio" in the text
    const auth = fake.chars(HEX, 32);
    expect(only(`TWILIO_ACCOUNT_SID = "AC${fake.chars(HEX, 32)}"\nTWILIO_AUTH_TOKEN = "${auth}"`)).toMatchObject({
      ruleId: 'twilio-auth-token',
      secret: auth,
    });
    const uuid = [8, 4, 4, 4, 12].map((n) => fake.chars(HEX, n)).join('-');
    expect(only(`POSTMARK_SERVER_TOKEN = "${uuid}"`)).toMatchObject({ ruleId: 'postmark-server-token', secret: uuid });
    expect(ids(`REQUEST_ID = "${uuid}"`)).toEqual([]);
  });
});

describe('source hosting', () => {
  it('GitHub and GitLab tokens', () => {
    const cases: [string, string][] = [
      ['github-pat', 'ghp_' + fake.chars(ALNUM, 36)],
      ['github-oauth-token', 'gho_' + fake.chars(ALNUM, 36)],
      ['github-app-token', 'ghu_' + fake.chars(ALNUM, 36)],
      ['github-app-token', 'ghs_' + fake.chars(ALNUM, 36)],
      ['github-refresh-token', 'ghr_' + fake.chars(ALNUM, 36)],
      ['github-fine-grained-pat', `github_pat_${fake.chars(ALNUM, 22)}_${fake.chars(ALNUM, 59)}`],
      ['gitlab-pat', 'glpat-' + fake.chars(ALNUM + '-_', 20)],
    ];
    for (const [id, token] of cases) expect(only(`TOKEN = "${token}"`)).toMatchObject({ ruleId: id, secret: token });
    expect(ids(`TOKEN = "ghp_${'x'.repeat(36)}"`)).toEqual([]);
    expect(ids(`TOKEN = "ghp_${fake.chars(ALNUM, 20)}"`)).not.toContain('github-pat');
  });
});

describe('Sentry, private keys, JWTs', () => {
  it('Sentry DSNs with a key', () => {
    const key = fake.chars(HEX, 32);
    const dsn = `https://${key}@o${fake.chars(DIGITS, 6)}.ingest.sentry.io/${fake.chars(DIGITS, 7)}`;
    expect(only(`SENTRY_DSN = "${dsn}"`)).toMatchObject({ ruleId: 'sentry-dsn', secret: key });
    expect(ids(`SENTRY_DSN = os.environ.get("SENTRY_DSN")`)).toEqual([]);
    expect(ids(`SENTRY_DSN = "https://examplePublicKey@o0.ingest.sentry.io/0"`)).toEqual([]);
  });

  it('PEM and OpenSSH private key blocks, not public keys or elided docs', () => {
    for (const kind of ['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']) {
      const pem = fake.pem(kind);
      const [match] = scanSecrets(`${pem}\n`, 'deploy/key.pem');
      expect(match?.ruleId, kind).toBe('private-key');
      expect(match?.line).toBe(1);
      expect(match?.endLine).toBe(10);
    }
    expect(ids(fake.pem('PUBLIC KEY'), 'key.pub')).toEqual([]);
    expect(ids('-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n', 'README.md')).toEqual([]);
  });

  it('JWTs', () => {
    const jwt = fake.jwt();
    expect(only(`headers = {"Authorization": "Bearer ${jwt}"}`)).toMatchObject({ ruleId: 'jwt', secret: jwt });
    expect(ids(`prefix = "eyJhbGciOi"`)).toEqual([]);
  });
});

describe('database and broker URLs', () => {
  it('finds passwords in database and broker URLs', () => {
    const pw = fake.chars(ALNUM, 16);
    const cases: [string, string][] = [
      [`DATABASE_URL=postgres://shop:${pw}@db.internal:5432/shop`, 'database-url-credentials'],
      [`DATABASE_URL = "postgresql://shop:${pw}@db.internal/shop"`, 'database-url-credentials'],
      [`DATABASE_URL = "postgresql+psycopg2://shop:${pw}@db/shop"`, 'database-url-credentials'],
      [`DATABASE_URL = "mysql://shop:${pw}@db/shop"`, 'database-url-credentials'],
      [`MONGO_URL = "mongodb+srv://shop:${pw}@cluster0.mongodb.net/shop"`, 'database-url-credentials'],
      [`REDIS_URL = "redis://:${pw}@cache:6379/0"`, 'broker-url-credentials'],
      [`CELERY_BROKER_URL = "amqp://shop:${pw}@rabbit:5672//"`, 'broker-url-credentials'],
    ];
    for (const [line, id] of cases) expect(only(line, '.env'), line).toMatchObject({ ruleId: id, secret: pw });
  });

  it('stays silent on URLs without passwords, placeholders and user == password', () => {
    for (const line of [
      'DATABASE_URL = "postgres://shop@db/shop"',
      'DATABASE_URL = "postgres://db.internal:5432/shop"',
      'REDIS_URL = "redis://localhost:6379/0"',
      'DATABASE_URL = "postgres://user:password@localhost/db"',
      'DATABASE_URL = "postgres://user:${DB_PASSWORD}@db/shop"',
      'DATABASE_URL = "postgres://user:<password>@db/shop"',
      'DATABASE_URL = "postgres://postgres:postgres@localhost/shop"',
      'CELERY_BROKER_URL = "amqp://guest:guest@localhost//"',
      'DATABASE_URL = "mysql://user:****@db/shop"',
      `DATABASE_URL = "postgres://app:${fake.chars(ALNUM, 12)}@db.example.com/shop"`,
    ]) {
      expect(ids(line), line).toEqual([]);
    }
  });
});

describe('generic secret assignment', () => {
  it('finds high-entropy values assigned to secret-like names', () => {
    const pw = fake.chars(ALNUM, 20);
    for (const line of [
      `EMAIL_HOST_PASSWORD = '${pw}'`,
      `"PASSWORD": "${pw}",`,
      `DB_PASSWORD=${pw}`,
      `API_TOKEN: "${pw}"`,
      `password = os.environ.get("DB_PASSWORD", "${pw}")`,
    ]) {
      expect(only(line), line).toMatchObject({ ruleId: 'generic-secret-assignment', secret: pw });
    }
  });

  it('stays silent on code, low entropy and placeholders', () => {
    for (const line of [
      'password = forms.CharField(widget=forms.PasswordInput)',
      "'PASSWORD': os.environ.get('DB_PASSWORD'),",
      'token = self.auth_token',
      'token = generate_auth_token',
      "PASSWORD = 'aaaaaaaabbbb'",
      "PASSWORD = 'changeme'",
      "PASSWORD = '%(db_password)s'",
      "PASSWORD = 'testing'",
      "PASSWORD = ''",
      'API_KEY = "{{ api_key }}"',
      'API_KEY = "your_api_key_here"',
      `API_KEY = "${LOWER.slice(0, 8)}"`,
      '{% csrf_token %}',
    ]) {
      expect(ids(line), line).toEqual([]);
    }
  });

  it('prefers a provider rule to the generic one', () => {
    const live = 'sk_' + 'live_' + fake.chars(ALNUM, 24);
    expect(ids(`api_key = "${live}"`)).toEqual(['stripe-live-secret-key']);
  });
});

describe('generic rule on code that is not a secret', () => {
  it('ignores names, paths, regex literals and list items on the next line', () => {
    for (const text of [
      'PASSWORD_HASHERS = [\n    "django.contrib.auth.hashers.PBKDF2PasswordHasher",\n    "django.contrib.auth.hashers.ScryptPasswordHasher",\n]',
      "STRONG = ['Argon2PasswordHasher', 'ScryptPasswordHasher', 'BCryptSHA256PasswordHasher']",
      'const TOKEN_LIKE = /token|secret|password|key|otp/i;',
      "password = '/accounts/password/reset/'",
      "token = 'https://auth.internal/token'",
      "TOKEN_ENV = 'EMAIL_HOST_PASSWORD'",
      "'access-control-allow-credentials': 'content-security-policy-report-only'",
      "MAKE_PASSWORD = 'django.contrib.auth.hashers.make_password'",
      'DATABASE_URL = env("DATABASE_URL", default="postgres://shop:change%40me@db/shop")',
    ]) {
      expect(ids(text), text).toEqual([]);
    }
  });
});
