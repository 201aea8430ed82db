import { describe, expect, it } from 'vitest';
import { redactSecret } from '../../src/engine/raw-finding.js';
import { MAX_LINE_LENGTH, isPlaceholder, redact, scanSecrets, shannonEntropy } from '../../src/secrets/engine.js';
import type { SecretRule } from '../../src/secrets/types.js';
import { ALNUM, BASE64, Fake, LOWER } from './fake.js';

const fake = new Fake(4242);

function rule(overrides: Partial<SecretRule> = {}): SecretRule {
  return {
    id: 'test-token',
    description: 'a test token',
    regex: /tok_(?<secret>[a-z0-9]{12})/,
    secretGroup: 'secret',
    keywords: ['tok_'],
    severity: 'high',
    confidence: 'high',
    ...overrides,
  };
}

/** Times one scan; prints the time so CI logs show it. */
function timed(label: string, text: string, path: string): { found: ReturnType<typeof scanSecrets> } {
  const start = performance.now();
  const found = scanSecrets(text, path);
  const ms = performance.now() - start;
  console.log(`${label}: ${(text.length / 1e6).toFixed(1)} MB scanned in ${ms.toFixed(0)} ms`);
  return { found };
}

describe('scanSecrets', () => {
  it('reports 1-based positions of the secret itself, across lines and CRLF', () => {
    const secret = fake.chars(LOWER, 12);
    const text = `first line\r\n  x = "tok_${secret}"\r\n`;
    expect(scanSecrets(text, 'a.py', [rule()])).toEqual([
      { ruleId: 'test-token', secret, line: 2, column: 12, endLine: 2, endColumn: 24, entropy: shannonEntropy(secret) },
    ]);
  });

  it('accepts numeric secret groups and 0 for the whole match', () => {
    const secret = fake.chars(LOWER, 12);
    expect(scanSecrets(`tok_${secret}`, 'a', [rule({ regex: /tok_([a-z]{12})/, secretGroup: 1 })])[0]?.secret).toBe(secret);
    expect(scanSecrets(`tok_${secret}`, 'a', [rule({ regex: /tok_[a-z]{12}/, secretGroup: 0 })])[0]?.secret).toBe(`tok_${secret}`);
  });

  it('runs a rule only when one of its keywords occurs, case-insensitively', () => {
    const secret = fake.chars(LOWER, 12);
    const upper = rule({ regex: /TOK_(?<secret>[a-z]{12})/i });
    expect(scanSecrets(`TOK_${secret}`, 'a', [upper])).toHaveLength(1);
    expect(scanSecrets(`TOK_${secret}`, 'a', [{ ...upper, keywords: ['nothere'] }])).toEqual([]);
  });

  it('applies entropy, path filters, rule allow-lists and the global placeholder list', () => {
    const secret = fake.chars(LOWER, 12);
    const text = `tok_${secret}`;
    expect(scanSecrets(text, 'a', [rule({ entropy: 5 })])).toEqual([]);
    expect(scanSecrets(text, 'a.py', [rule({ pathFilter: /\.env$/ })])).toEqual([]);
    expect(scanSecrets(text, 'prod.env', [rule({ pathFilter: /\.env$/ })])).toHaveLength(1);
    expect(scanSecrets(text, 'a', [rule({ allow: { regexes: [/^[a-z]+$/] } })])).toEqual([]);
    expect(scanSecrets(text, 'a', [rule({ allow: { stopwords: [secret.slice(2, 6)] } })])).toEqual([]);
    expect(scanSecrets(text, 'docs/x.md', [rule({ allow: { paths: [/^docs\//] } })])).toEqual([]);
    expect(scanSecrets('tok_aaaaaaaaaaaa', 'a', [rule()])).toEqual([]);
    expect(scanSecrets(text, 'package-lock.json', [rule()])).toEqual([]);
  });

  it('keeps the first of overlapping findings and sorts by position', () => {
    const a = fake.chars(LOWER, 12);
    const b = fake.chars(LOWER, 12);
    const rules = [rule({ id: 'first' }), rule({ id: 'second', regex: /(?<secret>tok_[a-z0-9]{12})/ })];
    const found = scanSecrets(`tok_${a}\n\ntok_${b}`, 'a', rules);
    expect(found.map((m) => [m.ruleId, m.line])).toEqual([
      ['first', 1],
      ['first', 3],
    ]);
  });

  it('silences the usual placeholders', () => {
    for (const value of ['changeme', 'CHANGEME', 'xxxxxxxxxxxx', '<password>', '${DB_PASSWORD}', '{{ secret }}', '%(password)s', 'example', 'my-example-key', 'dummy', 'test', 'testing', '************', 'aaaaaaaaaa', 'your_api_key_here', '$SECRET']) {
      expect(isPlaceholder(value), value).toBe(true);
    }
    for (const value of [fake.chars(ALNUM, 20), fake.djangoKey(), 'testosterone-' + fake.chars(ALNUM, 12)]) {
      expect(isPlaceholder(value), value).toBe(false);
    }
  });

  it('redacts through the engine helper', () => {
    expect(redact).toBe(redactSecret);
    expect(redact('sk_live_abcdefgh')).toBe('sk_l…');
    expect(redact('abcdef')).toBe('ab…');
  });

  it('computes Shannon entropy', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

describe('long lines and regex safety', () => {
  /** About 5 MB of single-line minified JavaScript that mentions every rule keyword many times. */
  function minified(size: number): string {
    const words = ['token', 'password', 'secret', 'api_key', 'aws', 'key-', 'eyJ', 'sentry', 'redis', 'postgres', 'SG.', 'AKIA', 'AIza', 'private key', 'twilio', 'storage', 'azure'];
    const parts: string[] = [];
    let length = 0;
    let i = 0;
    while (length < size) {
      const word = words[i % words.length] ?? 'x';
      const chunk = `function ${word}${i}(a,b){var c=a.${word}||"${fake.chars(BASE64, 24)}";return c==="${word}"?b:${word}_${i}(c,{${word}:"${fake.chars(ALNUM, 40)}"})};`;
      parts.push(chunk);
      length += chunk.length;
      i++;
    }
    return parts.join('');
  }

  it(`scans a 5 MB single-line minified file; context rules skip lines over ${MAX_LINE_LENGTH} characters`, () => {
    const token = 'ghp_' + fake.chars(ALNUM, 36);
    const body = minified(5_000_000);
    const middle = Math.floor(body.length / 2);
    const text = `${body.slice(0, middle)};var t="${token}";var password="${fake.chars(ALNUM, 20)}";${body.slice(middle)}`;
    expect(text.length).toBeGreaterThan(5_000_000);
    // Speed is the benchmark's business; here the scan must simply complete (a backtracking pattern would not).
    const { found } = timed('minified single line', text, 'static/app.min.js');
    // The token rule still sees the long line; the generic assignment rule does not.
    expect(found.map((m) => m.ruleId)).toContain('github-pat');
    expect(found.map((m) => m.ruleId)).not.toContain('generic-secret-assignment');
    expect(found.find((m) => m.ruleId === 'github-pat')).toMatchObject({ line: 1, column: middle + 9 });
  });

  it('completes on pathological inputs (no pattern backtracks on them)', () => {
    const cases: [string, string][] = [
      ['a × 5M', 'a'.repeat(5_000_000)],
      ['= × 5M after a keyword', 'password=' + '='.repeat(5_000_000)],
      ['quoted a × 5M after a keyword', 'token = "' + 'a'.repeat(5_000_000)],
      ['near-limit lines of a', `secret_key = "${'a'.repeat(MAX_LINE_LENGTH - 100)}\n`.repeat(500)],
      ['near-limit lines of keywords', `password=token=secret=aws_secret=AKIA${'='.repeat(40)}\n`.repeat(60_000)],
      ['base64 soup with prefixes', `eyJ${'A'.repeat(5000)}.eyJ${'B'.repeat(4000)}.\nsk_live_${'a'.repeat(9000)}\n`.repeat(250)],
    ];
    for (const [label, text] of cases) expect(Array.isArray(timed(label, text, 'x.py').found), label).toBe(true);
  });
});

describe('keyword prefilter', () => {
  it('finds keywords that overlap, nest or share a start, case-insensitively', () => {
    const token = fake.chars(ALNUM, 24);
    const rules = [
      rule({ id: 'xab', keywords: ['xab'], regex: /#1(?<secret>[A-Za-z0-9]{24})/, secretGroup: 'secret' }),
      rule({ id: 'abc', keywords: ['abc'], regex: /#2(?<secret>[A-Za-z0-9]{24})/, secretGroup: 'secret' }),
      rule({ id: 'ab', keywords: ['ab'], regex: /#3(?<secret>[A-Za-z0-9]{24})/, secretGroup: 'secret' }),
    ];
    const body = `#1${token}\n#2${token.slice(1)}Z\n#3${token.slice(2)}YZ`;
    // "XaBc" holds xab (at 0) and abc (at 1), which overlap, and ab inside both: every rule runs.
    expect(scanSecrets(`XaBc\n${body}`, 'a.txt', rules).map((m) => m.ruleId)).toEqual(['xab', 'abc', 'ab']);
    // Without them no rule runs, although their patterns would match.
    expect(scanSecrets(`nothing\n${body}`, 'a.txt', rules)).toEqual([]);
  });
});
