import { describe, expect, it } from 'vitest';
import { exchange, expectCaptureFixture, runProbeRule, siteWith } from '../../probe/site/captures.js';

const at = (path: string, response: Parameters<typeof exchange>[1]) => siteWith({ exposures: { [path]: exchange(`https://shop.example${path}`, response) } });

describe('WEB053 sensitive-file-exposed', () => {
  it('reports the .env and the settings module a real site serves, and a .git/HEAD', () => {
    const findings = expectCaptureFixture('WEB053', 'sensitive-file-exposed.json');
    const byPath = new Map(findings.map((f) => [new URL(f.location.path).pathname, f]));
    expect(byPath.get('/.env')!.confidence).toBe('medium');
    expect(byPath.get('/.env')!.message).toContain('the probe did not read its binary-typed content');
    expect(byPath.get('/static/settings.py')!.severity).toBe('critical');
    expect(byPath.get('/static/settings.py')!.excerpt!.lines).toContain('SECRET_KEY = ********');
    expect(byPath.get('/.git/HEAD')!.severity).toBe('high');
    // Values never reach the finding.
    expect(JSON.stringify(findings)).not.toContain('throwaway-key');
  });

  it('is quiet when every path is a 404', () => {
    expectCaptureFixture('WEB053', 'sensitive-file-exposed.pass.json');
  });

  it('reads a text .env and masks its values', () => {
    const [finding] = runProbeRule('WEB053', at('/.env', { status: 200, headers: [['content-type', 'text/plain']], body: '# prod\nSECRET_KEY=abc\nexport DB_PASSWORD=hunter2\n' }));
    expect(finding!.excerpt!.lines.slice(1)).toEqual(['SECRET_KEY=********', 'DB_PASSWORD=********']);
    expect(finding!.confidence).toBeUndefined();
  });

  it('does not take a catch-all page or unrelated text for the file', () => {
    expect(runProbeRule('WEB053', at('/.env', { status: 200, headers: [['content-type', 'text/html']], body: '<!doctype html><div id="app"></div>' }))).toEqual([]);
    expect(runProbeRule('WEB053', at('/.git/HEAD', { status: 200, headers: [['content-type', 'text/plain']], body: 'Welcome to our shop' }))).toEqual([]);
    expect(runProbeRule('WEB053', at('/settings.py', { status: 200, headers: [['content-type', 'text/plain']], body: 'DEBUG = False\nprint("hi")\n' }))).toEqual([]);
    expect(runProbeRule('WEB053', at('/.env', { status: 404, headers: [['content-type', 'text/plain']], body: 'A=1' }))).toEqual([]);
    expect(runProbeRule('WEB053', at('/.env', { status: 200, headers: [['content-type', 'application/octet-stream']], body: '', bodyBytes: 0 }))).toEqual([]);
  });
});
