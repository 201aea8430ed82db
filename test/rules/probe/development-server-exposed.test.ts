import { describe, expect, it } from 'vitest';
import { exchange, expectCaptureFixture, runProbeRule, siteWith } from '../../probe/site/captures.js';

describe('WEB056 development-server-exposed', () => {
  it("reports runserver's Server banner", () => {
    const [finding] = expectCaptureFixture('WEB056', 'development-server-exposed.json');
    expect(finding!.message).toContain("is served by Django's development server (Server: WSGIServer/0.2 CPython/3.11.2)");
  });

  it('is quiet for gunicorn and other servers', () => {
    for (const server of ['gunicorn', 'nginx/1.22.1', 'WSGIServer']) {
      expect(runProbeRule('WEB056', siteWith({ main: exchange('https://shop.example/', { status: 200, headers: [['server', server]] }) }))).toEqual([]);
    }
  });
});
