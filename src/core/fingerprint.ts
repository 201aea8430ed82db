import { createHash } from 'node:crypto';

/**
 * A finding's identity for baselines and SARIF `partialFingerprints`: rule, file and the code (or key) it is about,
 * but not its line, so it survives code moving within the file.
 */
export function fingerprint(ruleId: string, path: string, basis: string): string {
  const normalized = basis.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${ruleId}\0${path}\0${normalized}`).digest('hex').slice(0, 32);
}
