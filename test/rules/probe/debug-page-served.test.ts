import { describe, expect, it } from 'vitest';
import { exchange, expectCaptureFixture, runProbeRule, siteWith } from '../../probe/site/captures.js';

describe('WEB050 debug-page-served', () => {
  it('reports the technical 404 and the DEBUG CSRF page of a real Django 3.2 site once', () => {
    const [finding] = expectCaptureFixture('WEB050', 'debug-page-served.json');
    expect(finding!.message).toMatch(/^DEBUG is on: the site serves Django's technical 404 page .*; the DEBUG variant of Django's CSRF failure page \(http:\/\/127\.0\.0\.1:\d+\/ponyguard-[0-9a-f]+\/ answered 404\)$/);
    expect(finding!.excerpt!.lines).toContain('Using the URLconf defined in demo.urls ,');
    expect(finding!.excerpt!.lines.some((line) => /^POST http:\/\/127\.0\.0\.1:\d+\/ → 403: the DEBUG variant/.test(line))).toBe(true);
  });

  it('reports a technical 500 page (HTML) first', () => {
    const [finding] = expectCaptureFixture('WEB050', 'debug-page-served.technical-500.json');
    expect(finding!.message).toContain("Django's technical 500 page (traceback, settings, request META)");
    expect(finding!.location.path).toMatch(/\/boom\/$/);
  });

  it('is quiet for the same site with DEBUG off (plain 404 and CSRF pages)', () => {
    expectCaptureFixture('WEB050', 'debug-page-served.pass.json');
  });

  it('recognises the plain-text technical 500 and the default urlconf page', () => {
    const text = 'RuntimeError at /boom/\ndeliberate\n\nRequest Method: GET\nDjango Version: 4.2.1\nPython Executable: /usr/bin/python3\n';
    const site = siteWith({ notFound: exchange('https://shop.example/boom/', { status: 500, headers: [['content-type', 'text/plain; charset=utf-8']], body: text }) });
    expect(runProbeRule('WEB050', site)[0]!.message).toContain('plain-text technical 500');
    const welcome = '<title>The install worked successfully! Congratulations!</title><p>You are seeing this page because DEBUG=True is in your settings file</p>';
    expect(runProbeRule('WEB050', siteWith({ main: exchange('https://shop.example/', { status: 200, body: welcome }) }))[0]!.message).toContain('The install worked successfully');
  });

  it('does not take a page that merely mentions DEBUG for a debug page', () => {
    const body = '<h1>Page not found</h1><p>Set DEBUG = True to see more (404)</p>';
    expect(runProbeRule('WEB050', siteWith({ notFound: exchange('https://shop.example/x/', { status: 404, body }) }))).toEqual([]);
    const csrf = '<h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p><p><small>More information is available with DEBUG=True.</small></p>';
    expect(runProbeRule('WEB050', siteWith({ csrfFailure: exchange('https://shop.example/', { status: 403, body: csrf }, { method: 'POST' }) }))).toEqual([]);
  });
});
