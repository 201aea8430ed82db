import { defineProjectRule } from '../../core/rule.js';
import { authSettings } from '../../hardening/auth-settings.js';
import { checkSettings } from '../../settings/report.js';

export default defineProjectRule({
  meta: {
    code: 'HRD009',
    name: 'login-lockout-permanent',
    family: 'hardening',
    severity: 'info',
    confidence: 'high',
    cwe: [645],
    owasp: ['A07:2021-Identification and Authentication Failures', 'A04:2021-Insecure Design'],
    aliases: [],
    status: 'preview',
    summary: 'The login lockout never expires (django-axes without AXES_COOLOFF_TIME, django-defender with a cool-off of 0), so anyone can lock users out until an administrator resets them.',
    fix: 'Set AXES_COOLOFF_TIME (for example 1 hour, or a timedelta) or a non-zero DEFENDER_COOLOFF_TIME.',
    docs: {
      whatItDoes:
        'Reports a production settings module where django-axes is installed and enabled with `AXES_COOLOFF_TIME` not ' +
        'set or `None` (axes\' default: a permanent lockout) and no `AXES_LOCKOUT_TIERS`, and where django-defender is ' +
        'installed with `DEFENDER_COOLOFF_TIME` or `DEFENDER_LOCKOUT_COOLOFF_TIME` set to `0` (never expires). ' +
        'Informational: the lockout still stops password guessing.',
      whyItMatters:
        'A permanent lockout turns brute-force protection into a denial-of-service tool: by sending a few wrong ' +
        'passwords for a username, an attacker locks its owner out until someone runs `axes_reset` or clears the ' +
        'record — for every user whose username they know or guess, and again after each reset. Depending on ' +
        '`AXES_LOCKOUT_PARAMETERS`, the lock may instead hit an address shared by many users (an office, a mobile ' +
        'carrier\'s NAT).',
      example: {
        bad: ['INSTALLED_APPS += ["axes"]', 'AXES_FAILURE_LIMIT = 5', '# AXES_COOLOFF_TIME not set: locked out until reset'].join('\n'),
        good: ['INSTALLED_APPS += ["axes"]', 'AXES_FAILURE_LIMIT = 5', 'AXES_COOLOFF_TIME = 1  # hour', 'AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]'].join('\n'),
      },
      howToFix:
        'Set `AXES_COOLOFF_TIME` to a number of hours or a `timedelta` (or use `AXES_LOCKOUT_TIERS` for escalating ' +
        'lockouts), and lock by username and address together (`AXES_LOCKOUT_PARAMETERS = [["username", ' +
        '"ip_address"]]`) so that a stranger cannot lock a user out from elsewhere. For django-defender, keep ' +
        '`DEFENDER_COOLOFF_TIME` at a few minutes (the default is 300 seconds).',
      references: [
        { title: 'django-axes: configuration (AXES_COOLOFF_TIME)', url: 'https://django-axes.readthedocs.io/en/latest/4_configuration.html' },
        { title: 'django-defender: settings', url: 'https://github.com/jazzband/django-defender#customizing-django-defender' },
        { title: 'OWASP Authentication Cheat Sheet: account lockout', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#account-lockout' },
        { title: 'CWE-645: Overly Restrictive Account Lockout Mechanism', url: 'https://cwe.mitre.org/data/definitions/645.html' },
      ],
    },
  },
  check(context) {
    checkSettings(context, (snapshot, report) => {
      const settings = authSettings(snapshot);
      if (settings.axes.installed === true && settings.axes.enabled !== false) {
        const cooloff = snapshot.get('AXES_COOLOFF_TIME');
        const tiers = snapshot.get('AXES_LOCKOUT_TIERS');
        const permanent = cooloff.source === 'default' || cooloff.source === 'absent' || (cooloff.source === 'assigned' && cooloff.value.t === 'none');
        if (permanent && tiers.source !== 'assigned' && tiers.source !== 'opaque') {
          const assigned = cooloff.source === 'assigned';
          report({
            setting: assigned ? 'AXES_COOLOFF_TIME' : 'INSTALLED_APPS',
            message: `${assigned ? 'AXES_COOLOFF_TIME is None' : 'AXES_COOLOFF_TIME is not set'}: a django-axes lockout never expires, so a few wrong passwords lock a user out until an administrator resets them`,
            fix: `In ${snapshot.path}, ${assigned ? 'change AXES_COOLOFF_TIME to' : 'add'}: AXES_COOLOFF_TIME = 1  # hours; a timedelta works too`,
          });
        }
      }
      if (settings.defender.middleware === true || settings.defender.installed === true) {
        for (const name of ['DEFENDER_COOLOFF_TIME', 'DEFENDER_LOCKOUT_COOLOFF_TIME']) {
          const value = snapshot.get(name);
          if (value.source === 'assigned' && value.value.t === 'int' && value.value.v === 0) {
            report({
              setting: name,
              message: `${name} is 0: a django-defender lockout never expires, so a few wrong passwords lock a user out until an administrator unblocks them`,
              lines: [`${name} = 300  # seconds`],
            });
          }
        }
      }
    });
  },
});
