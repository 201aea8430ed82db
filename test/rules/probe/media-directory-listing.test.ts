import { describe, expect, it } from 'vitest';
import { exchange, expectCaptureFixture, runProbeRule, siteWith } from '../../probe/site/captures.js';

describe('WEB054 media-directory-listing', () => {
  it("reports Django's show_indexes listing of a real site with its entries", () => {
    const [finding] = expectCaptureFixture('WEB054', 'media-directory-listing.json');
    expect(finding!.message).toMatch(/\/media\/ lists its directory \(Django's static serve view \(show_indexes=True\)\): 2 entries such as invoice-0001\.pdf, avatar\.png$/);
  });

  it("reports nginx's autoindex, skipping the parent link", () => {
    const body = '<html><head><title>Index of /media/</title></head><body><h1>Index of /media/</h1><hr><pre><a href="../">../</a>\n<a href="passports/">passports/</a>\n</pre></body></html>';
    const [finding] = runProbeRule('WEB054', siteWith({ exposures: { '/media/': exchange('https://shop.example/media/', { status: 200, body }) } }));
    expect(finding!.message).toContain("(the web server's autoindex): 1 entries such as passports/");
  });

  it('is quiet for a 404 or a page that is not a listing', () => {
    const site = siteWith({ exposures: { '/media/': exchange('https://shop.example/media/', { status: 404, body: '<title>Not Found</title>' }), '/x/': exchange('https://shop.example/x/', { status: 200, body: '<title>Media library</title>' }) } });
    expect(runProbeRule('WEB054', site)).toEqual([]);
  });
});
