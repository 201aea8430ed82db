/**
 * Fake secrets for the tests, generated at run time from a seeded PRNG: nothing live-looking is committed.
 */

/** mulberry32: small, deterministic. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const HEX = '0123456789abcdef';
export const BASE64 = ALNUM + '+/';
export const BASE64URL = ALNUM + '-_';
export const BASE32 = UPPER + '234567';
export const DJANGO_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';

export class Fake {
  private readonly next: () => number;
  constructor(seed = 7) {
    this.next = prng(seed);
  }
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)] ?? '';
    return out;
  }
  /** A Django key with at least one punctuation character among its 50. */
  djangoKey(): string {
    const key = this.chars(DJANGO_ALPHABET, 47);
    return `${key.slice(0, 10)}#$)${key.slice(10)}`;
  }
  awsKeyId(prefix = 'AKIA'): string {
    return prefix + this.chars(BASE32, 16);
  }
  jwt(): string {
    const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: this.chars(DIGITS, 8), name: 'Pony' })}.${this.chars(BASE64URL, 43)}`;
  }
  pem(kind = 'RSA PRIVATE KEY', eol = '\n'): string {
    const lines: string[] = [];
    for (let i = 0; i < 8; i++) lines.push(this.chars(BASE64, 64));
    return [`-----BEGIN ${kind}-----`, ...lines, `-----END ${kind}-----`].join(eol);
  }
}
