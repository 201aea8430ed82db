import type { Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import { ratelimitUse } from '../../hardening/auth-entry-points.js';
import { appInstalled, authSettings, cacheBackend } from '../../hardening/auth-settings.js';
import { checkSettings } from '../../settings/report.js';
import { pyRepr, truthy } from '../../settings/value.js';

const DUMMY = 'django.core.cache.backends.dummy.DummyCache';
const LOCMEM = 'django.core.cache.backends.locmem.LocMemCache';
const FILE = 'django.core.cache.backends.filebased.FileBasedCache';
const DATABASE = 'django.core.cache.backends.db.DatabaseCache';

/** What is wrong with a cache backend as the store of attempt counters, or undefined when it is shared and atomic enough. */
function problem(backend: string, atomicNeeded: boolean): { why: string; severity: Severity } | undefined {
  if (backend === DUMMY) return { why: 'DummyCache stores nothing, so no attempt is ever counted and the limit never triggers', severity: 'high' };
  if (backend === LOCMEM) return { why: 'LocMemCache is private to each worker process, so every process (and every server) keeps its own count and the real limit is the configured one times the number of processes', severity: 'medium' };
  if (backend === FILE && atomicNeeded) return { why: 'FileBasedCache has no atomic increment, so concurrent attempts overwrite each other\'s counts (django_ratelimit.E003)', severity: 'medium' };
  if (backend === DATABASE && atomicNeeded) return { why: 'DatabaseCache has no atomic increment, so concurrent attempts overwrite each other\'s counts (django_ratelimit.E003)', severity: 'medium' };
  return undefined;
}

export default defineProjectRule({
  meta: {
    code: 'HRD004',
    name: 'login-rate-limit-cache-unsuitable',
    family: 'hardening',
    severity: 'medium',
    confidence: 'high',
    cwe: [307, 770],
    owasp: ['A07:2021-Identification and Authentication Failures', 'A05:2021-Security Misconfiguration'],
    aliases: ['django_ratelimit.E003', 'axes.W001'],
    status: 'preview',
    summary: 'Login attempt counters (django-ratelimit, django-axes\' cache handler, django-defender) live in a cache that is not shared between processes or does not count at all.',
    fix: 'Point the counters at a shared cache with atomic increments (Redis through django-redis or Django\'s RedisCache, or Memcached) in CACHES.',
    docs: {
      whatItDoes:
        'Reports the cache a login limiter keeps its counters in, when it is unsuitable: for django-ratelimit (used ' +
        'anywhere in the project\'s code, or in `INSTALLED_APPS`) the cache named by `RATELIMIT_USE_CACHE` ' +
        '(`default`); for django-axes with `AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"` the cache named by ' +
        '`AXES_CACHE` (`default`); and django-defender\'s `DEFENDER_MOCK_REDIS = True`. A `DummyCache` is high ' +
        'severity (nothing is counted); a `LocMemCache` — Django\'s default when `CACHES` is not set — is medium (one ' +
        'count per process); `FileBasedCache` and `DatabaseCache` are medium for django-ratelimit, which needs an ' +
        'atomic increment (its own check `django_ratelimit.E003`). A cache alias that is not configured is reported ' +
        'too. The finding is at `CACHES` (or the setting at fault).',
      whyItMatters:
        'A rate limit or lockout is only as good as its counter. With a per-process cache, a site with 4 gunicorn ' +
        'workers on 3 servers lets an attacker make twelve times the attempts the limit allows, and a restart ' +
        'forgets them; with a dummy cache nothing is ever limited, while the code and the tests suggest otherwise.',
      example: {
        bad: ['# CACHES not set: Django uses a LocMemCache per process', 'RATELIMIT_USE_CACHE = "default"'].join('\n'),
        good: [
          'CACHES = {',
          '    "default": {',
          '        "BACKEND": "django.core.cache.backends.redis.RedisCache",',
          '        "LOCATION": "redis://cache.internal:6379/1",',
          '    }',
          '}',
        ].join('\n'),
      },
      howToFix:
        'Configure a shared cache with atomic increments: Redis (`django.core.cache.backends.redis.RedisCache` since ' +
        'Django 4.0, or django-redis) or Memcached (`PyMemcacheCache`). If the default cache must stay local, add a ' +
        'second alias for the limiter and point `RATELIMIT_USE_CACHE` / `AXES_CACHE` at it. For django-defender, ' +
        'set `DEFENDER_REDIS_URL` and leave `DEFENDER_MOCK_REDIS` off in production.',
      references: [
        { title: 'django-ratelimit: settings and cache requirements', url: 'https://django-ratelimit.readthedocs.io/en/stable/settings.html' },
        { title: 'django-axes: configuration (cache handler)', url: 'https://django-axes.readthedocs.io/en/latest/4_configuration.html' },
        { title: 'django-defender: settings', url: 'https://github.com/jazzband/django-defender#customizing-django-defender' },
        { title: "Django: cache framework (local-memory caching)", url: 'https://docs.djangoproject.com/en/stable/topics/cache/#local-memory-caching' },
        { title: 'CWE-307: Improper Restriction of Excessive Authentication Attempts', url: 'https://cwe.mitre.org/data/definitions/307.html' },
      ],
      limitations:
        'A single-process deployment (one worker) is not told apart: LocMemCache is then shared, but the counts are ' +
        'still lost at each restart. DRF throttles also keep counts in the default cache; DRF documents that as ' +
        'acceptable, and this rule does not report it.',
    },
  },
  check(context) {
    const ratelimitUsed = ratelimitUse(context.project) !== undefined;
    checkSettings(context, (snapshot, report) => {
      const settings = authSettings(snapshot);
      const limiters: Array<{ who: string; alias: string; atomic: boolean; setting: string }> = [];
      if ((ratelimitUsed || appInstalled(snapshot, 'django_ratelimit') === true) && settings.ratelimit.cacheAlias) {
        limiters.push({ who: 'django-ratelimit', alias: settings.ratelimit.cacheAlias, atomic: true, setting: 'RATELIMIT_USE_CACHE' });
      }
      const handler = snapshot.get('AXES_HANDLER').value;
      if (settings.axes.installed === true && handler.t === 'str' && handler.v === 'axes.handlers.cache.AxesCacheHandler') {
        const alias = snapshot.get('AXES_CACHE');
        const name = alias.source === 'assigned' ? (alias.value.t === 'str' ? alias.value.v : undefined) : 'default';
        if (name) limiters.push({ who: "django-axes' AxesCacheHandler", alias: name, atomic: false, setting: 'AXES_CACHE' });
      }
      const seen = new Set<string>();
      for (const limiter of limiters) {
        const cache = cacheBackend(snapshot, limiter.alias);
        if (cache.backend === undefined) continue;
        const key = `${limiter.alias}:${limiter.who}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (cache.backend === null) {
          report({
            setting: snapshot.get(limiter.setting).source === 'assigned' ? limiter.setting : 'CACHES',
            message: `${limiter.who} keeps its counters in the cache ${pyRepr(limiter.alias)}, which CACHES does not define`,
            fix: `Define the ${pyRepr(limiter.alias)} cache in CACHES (Redis or Memcached), or point ${limiter.setting} at a configured alias.`,
          });
          continue;
        }
        const found = problem(cache.backend, limiter.atomic);
        if (!found) continue;
        const backendName = cache.backend.split('.').pop() ?? cache.backend;
        report({
          setting: 'CACHES',
          message: `${limiter.who} keeps its counters in the ${pyRepr(limiter.alias)} cache, ${cache.isDefault ? "Django's default LocMemCache (CACHES is not set)" : `a ${backendName}`}: ${found.why}`,
          fix: `Configure the ${pyRepr(limiter.alias)} cache in ${snapshot.path} as a shared cache (for example "BACKEND": "django.core.cache.backends.redis.RedisCache" with a Redis LOCATION), or give ${limiter.who} its own shared alias through ${limiter.setting}.`,
          severity: found.severity,
          djangoId: limiter.atomic ? 'django_ratelimit.E003' : 'axes.W001',
        });
      }
      const mock = snapshot.get('DEFENDER_MOCK_REDIS');
      if (mock.source === 'assigned' && truthy(mock.value) === true && (settings.defender.middleware === true || settings.defender.installed === true)) {
        report({
          setting: 'DEFENDER_MOCK_REDIS',
          message: 'DEFENDER_MOCK_REDIS = True: django-defender keeps its counters in an in-process mock of Redis, private to each worker and lost at every restart',
          lines: ['DEFENDER_MOCK_REDIS = False  # and DEFENDER_REDIS_URL = "redis://…"'],
        });
      }
    });
  },
});
