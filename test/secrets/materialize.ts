/**
 * Secret fixtures are committed as templates: `@@name@@` tokens stand for test keys generated at run time (see
 * fake.ts), so that no live-looking secret is ever committed. `materialize` copies a fixture to a temporary
 * directory with every token replaced; the annotations (`# expect: CODE`) keep their lines.
 */
import { mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ALNUM, BASE64, BASE64URL, DIGITS, Fake, HEX } from './fake.js';

export type Tokens = Record<string, string>;

/** Every token a secrets fixture may use, generated from a seed (the same seed gives the same keys). */
export function secretTokens(seed = 11): Tokens {
  const fake = new Fake(seed);
  const hex = (n: number): string => fake.chars(HEX, n);
  const tokens: Tokens = {
    django_key: fake.djangoKey(),
    django_key_2: fake.djangoKey(),
    insecure_key: `django-insecure-${fake.djangoKey()}`,
    aws_id: fake.awsKeyId(),
    aws_id_2: fake.awsKeyId('ASIA'),
    aws_secret: fake.chars(BASE64, 40),
    gcp_api: `AIza${fake.chars(ALNUM + '_-', 35)}`,
    azure_account_key: `${fake.chars(BASE64, 86)}==`,
    stripe_live: `sk_live_${fake.chars(ALNUM, 24)}`,
    stripe_test: `sk_test_${fake.chars(ALNUM, 24)}`,
    slack_bot: `xoxb-${fake.chars(DIGITS, 12)}-${fake.chars(DIGITS, 12)}-${fake.chars(ALNUM, 24)}`,
    slack_webhook: `https://hooks.slack.com/services/T${fake.chars(ALNUM, 8)}/B${fake.chars(ALNUM, 8)}/${fake.chars(ALNUM, 24)}`,
    github_pat: `ghp_${fake.chars(ALNUM, 36)}`,
    gitlab_pat: `glpat-${fake.chars(ALNUM, 20)}`,
    sendgrid: `SG.${fake.chars(BASE64URL, 22)}.${fake.chars(BASE64URL, 43)}`,
    mailgun: `key-${hex(32)}`,
    twilio_token: hex(32),
    postmark: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    sentry_key: hex(32),
    jwt: fake.jwt(),
    db_password: `${fake.chars(ALNUM, 10)}${fake.chars('!%^*', 1)}${fake.chars(ALNUM, 8)}`,
    broker_password: fake.chars(ALNUM, 22),
    token: fake.chars(ALNUM, 28),
    token_2: fake.chars(ALNUM, 32),
    password: `${fake.chars(ALNUM, 12)}-${fake.chars(ALNUM, 9)}`,
  };
  tokens.pem_body = fake.pem('RSA PRIVATE KEY').split('\n').slice(1, -1).join('\n');
  tokens.openssh_body = fake.pem('OPENSSH PRIVATE KEY').split('\n').slice(1, -1).join('\n');
  return tokens;
}

export function fill(text: string, tokens: Tokens, file = 'template'): string {
  return text.replace(/@@(\w+)@@/g, (_, name: string) => {
    const value = tokens[name];
    if (value === undefined) throw new Error(`${file}: unknown secret token @@${name}@@`);
    return value;
  });
}

/** Copies a fixture (file or directory) into a new temporary directory, tokens filled; returns the copy's path. */
export async function materialize(fixture: string, tokens: Tokens = secretTokens()): Promise<string> {
  const target = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-secrets-'));
  const copy = async (from: string, to: string): Promise<void> => {
    const entries = await readdir(from, { withFileTypes: true }).catch(() => null);
    if (entries === null) {
      await writeFile(to, fill(await readFile(from, 'utf8'), tokens, from));
      return;
    }
    await mkdir(to, { recursive: true });
    for (const entry of entries) await copy(path.join(from, entry.name), path.join(to, entry.name));
  };
  const stat = await readdir(fixture).then(() => true).catch(() => false);
  if (stat) await copy(fixture, target);
  else await copy(fixture, path.join(target, path.basename(fixture)));
  return stat ? target : path.join(target, path.basename(fixture));
}
