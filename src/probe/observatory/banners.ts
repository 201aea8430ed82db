/**
 * Server and framework banners: `Server`, `X-Powered-By` and kin, with the product versions they disclose and whether
 * the server is Django's development server (`manage.py runserver`: `WSGIServer/0.2 CPython/3.11.2`).
 */
import type { HeaderList } from '../model.js';

export const BANNER_HEADERS = ['server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator'];

export interface Banner {
  /** `Server: nginx/1.18.0 (Ubuntu)`, as received. */
  header: string;
  name: string;
  value: string;
  /** `nginx/1.18.0`, `CPython/3.11.2`: product tokens that carry a version. */
  versions: string[];
  developmentServer: boolean;
}

const PRODUCT_VERSION = /([A-Za-z][\w.+-]*)\/v?(\d+(?:\.\d+)*[\w.-]*)/g;

export function serverBanners(headers: HeaderList): Banner[] {
  const out: Banner[] = [];
  for (const [name, value] of headers) {
    if (!BANNER_HEADERS.includes(name)) continue;
    const versions = [...value.matchAll(PRODUCT_VERSION)].map((m) => `${m[1]}/${m[2]}`);
    // X-AspNet-Version: 4.0.30319 is a bare version.
    if (versions.length === 0 && /^\s*\d+(\.\d+)+\s*$/.test(value)) versions.push(value.trim());
    const displayName = name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
    out.push({ header: `${displayName}: ${value}`, name, value, versions, developmentServer: name === 'server' && /\bWSGIServer\/\S+\s+CPython\//.test(value) });
  }
  return out;
}
