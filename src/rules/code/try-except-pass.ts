import { booleanOption } from '../../core/rule-options.js';
import { definePythonRule, type RuleOptionSpec } from '../../core/rule.js';
import { soleStatementHandlers } from '../../python/except-handlers.js';

const CHECK_TYPED_EXCEPTION = {
  name: 'check_typed_exception',
  type: 'boolean',
  default: false,
  description: 'Also report handlers of specific exception types (`except KeyError: pass`), as Bandit\'s `try_except_pass.check_typed_exception` does.',
} as const satisfies RuleOptionSpec;

export default definePythonRule({
  meta: {
    code: 'PY110',
    name: 'try-except-pass',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [703, 390],
    owasp: ['A09:2021-Security Logging and Monitoring Failures'],
    aliases: ['B110'],
    status: 'stable',
    summary: 'An exception handler that catches every error does nothing but pass.',
    fix: 'Catch only the exceptions you expect, and log (or handle) them instead of passing silently.',
    docs: {
      whatItDoes:
        'Reports `except` clauses whose whole body is `pass` (comments aside) and that catch every error: a bare ' +
        '`except:`, `except Exception:` or `except BaseException:` (with or without `as name`). Handlers of specific ' +
        'types (`except KeyError: pass`) are a deliberate choice and are reported only with the ' +
        '`check_typed_exception` option, as in Bandit. Bandit does not count `BaseException` by default; ponyguard ' +
        'does, since it catches even more.',
      whyItMatters:
        'Swallowing every exception hides failures that matter for security: a permission check that raised, a ' +
        'signature verification that failed, a database error half-way through a payment, an attack probing for ' +
        'errors. Nothing is logged, monitoring sees nothing, and the code goes on as if the operation had succeeded.',
      example: {
        bad: ['def notify(order):', '    try:', '        send_receipt(order)', '    except Exception:', '        pass'].join('\n'),
        good: [
          'import logging',
          '',
          'logger = logging.getLogger(__name__)',
          '',
          'def notify(order):',
          '    try:',
          '        send_receipt(order)',
          '    except SMTPException:',
          '        logger.exception("receipt for order %s not sent", order.pk)',
        ].join('\n'),
      },
      howToFix:
        'Name the exceptions the code expects (`except (KeyError, ValueError):`) and let the others propagate to ' +
        'Django\'s error handling. Where an error really may be ignored, log it (`logger.exception(...)` or at ' +
        'least `logger.debug`), or use `contextlib.suppress(SpecificError)`, which states the intent.',
      references: [
        { title: 'Python: handling exceptions', url: 'https://docs.python.org/3/tutorial/errors.html#handling-exceptions' },
        { title: 'Django: logging', url: 'https://docs.djangoproject.com/en/stable/topics/logging/' },
        { title: 'CWE-703: Improper Check or Handling of Exceptional Conditions', url: 'https://cwe.mitre.org/data/definitions/703.html' },
        { title: 'Bandit B110: try_except_pass', url: 'https://bandit.readthedocs.io/en/latest/plugins/b110_try_except_pass.html' },
      ],
      limitations:
        'Only a body of exactly `pass` counts: `...`, a docstring or a bare `return` in the handler is not reported.',
    },
    options: [CHECK_TYPED_EXCEPTION],
  },
  create(context) {
    const typed = booleanOption(context.options, CHECK_TYPED_EXCEPTION);
    return soleStatementHandlers(context, 'pass_statement', typed, 'pass silently drops the error; nothing is logged and the code goes on');
  },
});
