import { defineProjectRule } from '../../core/rule.js';
import { atLeast } from '../../settings/django-defaults.js';
import { checkSettings } from '../../settings/report.js';
import { pyRepr } from '../../settings/value.js';

const DJANGO_PICKLE = 'django.contrib.sessions.serializers.PickleSerializer';
const SIGNED_COOKIES = 'django.contrib.sessions.backends.signed_cookies';

export default defineProjectRule({
  meta: {
    code: 'SET210',
    name: 'session-serializer-pickle',
    family: 'settings',
    severity: 'high',
    confidence: 'high',
    cwe: [502],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: [],
    status: 'stable',
    summary: 'SESSION_SERIALIZER is a pickle serializer, so anyone who can forge or plant session data can run code on the server.',
    fix: "Set SESSION_SERIALIZER = 'django.contrib.sessions.serializers.JSONSerializer' (Django's default) and store only JSON-serialisable data in sessions.",
    docs: {
      whatItDoes:
        'Reports a production settings module whose `SESSION_SERIALIZER` is ' +
        '`django.contrib.sessions.serializers.PickleSerializer`, or a class of the same name (or with `Pickle` in ' +
        'its name) under another module path: Django 5.0 removed its PickleSerializer, and projects that relied on ' +
        'it often vendor a copy. The severity rises to critical when `SESSION_ENGINE` is ' +
        '`django.contrib.sessions.backends.signed_cookies`, where the pickled session travels in the cookie itself.',
      whyItMatters:
        'Unpickling data runs code chosen by whoever wrote the data. Django signs session data with ' +
        '`SECRET_KEY`, so the serializer is only as safe as that key: a key leaked through a repository, a log, an ' +
        'error page or a default value lets an attacker sign a session payload that executes commands when Django ' +
        'loads it. With cookie-based sessions the attacker simply sends that cookie; with database or cache ' +
        'sessions, write access to the session store (an exposed Redis or memcached, an SQL injection) is enough ' +
        'even without the key. JSON cannot carry code, which is why Django made it the default in 1.6.',
      example: {
        bad: ['SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"', 'SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"'].join('\n'),
        good: ['SESSION_ENGINE = "django.contrib.sessions.backends.db"', 'SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"'].join('\n'),
      },
      howToFix:
        'Remove the `SESSION_SERIALIZER` override (JSONSerializer is the default) and change the code that stores ' +
        'non-JSON objects in `request.session`: store primary keys instead of model instances, ISO strings instead ' +
        'of datetimes, lists instead of sets. Switching invalidates existing sessions that JSON cannot decode, so ' +
        'users may have to log in again. If the signed-cookie backend is used, also consider a server-side session ' +
        'engine, and rotate `SECRET_KEY` if it may ever have leaked.',
      references: [
        { title: 'Django: Session serialization', url: 'https://docs.djangoproject.com/en/stable/topics/http/sessions/#session-serialization' },
        { title: 'Django settings: SESSION_SERIALIZER', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-serializer' },
        { title: 'Django 5.0 release notes: PickleSerializer removed', url: 'https://docs.djangoproject.com/en/stable/releases/5.0/#features-removed-in-5-0' },
        { title: 'CWE-502: Deserialization of Untrusted Data', url: 'https://cwe.mitre.org/data/definitions/502.html' },
        { title: 'OWASP Deserialization Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html' },
      ],
      limitations:
        'A custom serializer that pickles under a name without "pickle" in it is not recognised. The rule does not ' +
        'check whether `SECRET_KEY` is actually exposed; other rules report weak or committed keys.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const serializer = settings.get('SESSION_SERIALIZER');
      if (serializer.source !== 'assigned' || serializer.value.t !== 'str') return;
      const dotted = serializer.value.v.trim();
      const className = dotted.split('.').pop() ?? '';
      if (!/pickle/i.test(className)) return;
      const exact = className === 'PickleSerializer';
      const engine = settings.get('SESSION_ENGINE').value;
      const cookies = engine.t === 'str' && engine.v === SIGNED_COOKIES;
      const where = cookies
        ? 'sessions are stored in signed cookies, so anyone who knows or guesses SECRET_KEY can send a cookie that runs code on the server'
        : 'anyone who knows SECRET_KEY, or can write to the session store, can plant session data that runs code on the server';
      const removed =
        dotted === DJANGO_PICKLE && settings.django.source === 'pin' && atLeast(settings.django.version, '5.0')
          ? ' (Django 5.0 removed this class, so sessions fail until a copy is vendored — which brings the risk back)'
          : '';
      report({
        setting: 'SESSION_SERIALIZER',
        message: `SESSION_SERIALIZER is ${pyRepr(dotted)}${removed}: session data is unpickled, and ${where}`,
        lines: ["SESSION_SERIALIZER = 'django.contrib.sessions.serializers.JSONSerializer'"],
        severity: cookies ? 'critical' : 'high',
        ...(exact ? {} : { confidence: 'medium' as const }),
      });
    });
  },
});
