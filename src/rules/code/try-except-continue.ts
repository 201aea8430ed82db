import { booleanOption } from '../../core/rule-options.js';
import { definePythonRule, type RuleOptionSpec } from '../../core/rule.js';
import { soleStatementHandlers } from '../../python/except-handlers.js';

const CHECK_TYPED_EXCEPTION = {
  name: 'check_typed_exception',
  type: 'boolean',
  default: false,
  description: 'Also report handlers of specific exception types (`except KeyError: continue`), as Bandit\'s `try_except_continue.check_typed_exception` does.',
} as const satisfies RuleOptionSpec;

export default definePythonRule({
  meta: {
    code: 'PY112',
    name: 'try-except-continue',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [703, 390],
    owasp: ['A09:2021-Security Logging and Monitoring Failures'],
    aliases: ['B112'],
    status: 'stable',
    summary: 'An exception handler in a loop catches every error and silently continues with the next item.',
    fix: 'Catch only the exceptions you expect for an item, and log the item that failed before continuing.',
    docs: {
      whatItDoes:
        'Reports `except` clauses whose whole body is `continue` (comments aside) and that catch every error: a bare ' +
        '`except:`, `except Exception:` or `except BaseException:` (with or without `as name`). Handlers of specific ' +
        'types are reported only with the `check_typed_exception` option, as in Bandit. Bandit does not count ' +
        '`BaseException` by default; ponyguard does, since it catches even more.',
      whyItMatters:
        'A loop that skips every failing item without a trace hides both bugs and attacks: records that were never ' +
        'imported, permissions never revoked, notifications never sent, a batch job that "succeeds" while doing ' +
        'nothing. Nobody learns that anything went wrong until the consequences show up.',
      example: {
        bad: ['for user in inactive_users:', '    try:', '        revoke_access(user)', '    except Exception:', '        continue'].join('\n'),
        good: [
          'for user in inactive_users:',
          '    try:',
          '        revoke_access(user)',
          '    except AccessServiceError:',
          '        logger.exception("could not revoke access of user %s", user.pk)',
          '        continue',
        ].join('\n'),
      },
      howToFix:
        'Catch the exceptions an item may legitimately raise, log which item failed and why, and let unexpected ' +
        'errors stop the loop (or collect them and fail at the end), so that a run that skipped work is visible.',
      references: [
        { title: 'Python: handling exceptions', url: 'https://docs.python.org/3/tutorial/errors.html#handling-exceptions' },
        { title: 'CWE-703: Improper Check or Handling of Exceptional Conditions', url: 'https://cwe.mitre.org/data/definitions/703.html' },
        { title: 'Bandit B112: try_except_continue', url: 'https://bandit.readthedocs.io/en/latest/plugins/b112_try_except_continue.html' },
      ],
      limitations: 'Only a body of exactly `continue` counts; a handler that logs nothing but does something else first is not reported.',
    },
    options: [CHECK_TYPED_EXCEPTION],
  },
  create(context) {
    const typed = booleanOption(context.options, CHECK_TYPED_EXCEPTION);
    return soleStatementHandlers(context, 'continue_statement', typed, 'continue silently skips the failed item; nothing is logged');
  },
});
