import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/taint/log-injection');

describe('TNT012 log-injection', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    const findings = await expectTaintFixture('TNT012', FIXTURE);
    const confidence = (file: string, text: string) => findings.find((f) => f.location.path === file && f.location.startLine === lineOf(file, text))?.confidence;
    // Loggers from logging.getLogger() (module-level, local or returned inline): high.
    expect(confidence('accounts/lib/audit.py', 'log.info(message)')).toBe('high');
    expect(confidence('accounts/api.py', 'logger.info("listing events since %s", since)')).toBe('high');
    expect(confidence('accounts/cbv.py', 'logging.getLogger(__name__).info("tag page %s", tag)')).toBe('high');
    // Receivers only named like a logger (self.logger, a logger returned by a project helper): medium.
    expect(confidence('accounts/cbv.py', 'self.logger.info("archiving %s", name)')).toBe('medium');
    expect(confidence('accounts/api.py', 'audit_log.info("created event %s"')).toBe('medium');
  });
});

function lineOf(file: string, text: string): number {
  const lines = readFileSync(path.join(FIXTURE, file), 'utf8').split('\n');
  return lines.findIndex((line) => line.includes(text)) + 1;
}
