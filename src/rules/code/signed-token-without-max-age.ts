import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import { knownValues } from '../../python/scope.js';

const SIGNING_LOADS = ['django.core.signing.loads'];
const TIMESTAMP_SIGNERS = new Set(['django.core.signing.TimestampSigner']);
const UNSIGN_METHODS = new Set(['unsign', 'unsign_object']);

export default definePythonRule({
  meta: {
    code: 'PY812',
    name: 'signed-token-without-max-age',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [613],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'A signed value is verified without max_age, so the token it carries never expires.',
    fix: 'Pass max_age (seconds or a timedelta) to signing.loads() / TimestampSigner.unsign(), e.g. max_age=timedelta(hours=1).',
    docs: {
      whatItDoes:
        'Finds `django.core.signing.loads(value)` called without `max_age` (or with `max_age=None`), and ' +
        '`TimestampSigner(...).unsign(value)` / `.unsign_object(value)` without `max_age` — on a signer created in the ' +
        'same expression or held in a variable assigned from `TimestampSigner(...)`.',
      whyItMatters:
        'Signed values are how Django applications build stateless links and tokens: e-mail confirmations, ' +
        'password-less logins, unsubscribe links, invitations, API tokens. The signature proves the server issued the ' +
        'value, but without `max_age` it proves nothing about *when*: a token leaked through a forwarded e-mail, a ' +
        'browser history, a log file or a proxy stays valid forever (or until `SECRET_KEY` changes). ' +
        '`TimestampSigner` exists precisely to bound that window, and `signing.dumps()` embeds a timestamp for the ' +
        'same purpose; both are only checked when `max_age` is passed.',
      example: {
        bad: [
          'from django.core import signing',
          '',
          'def confirm_email(request, token):',
          '    data = signing.loads(token, salt="email-confirm")',
          '    User.objects.filter(pk=data["user"]).update(email_verified=True)',
        ].join('\n'),
        good: [
          'from datetime import timedelta',
          'from django.core import signing',
          '',
          'def confirm_email(request, token):',
          '    data = signing.loads(token, salt="email-confirm", max_age=timedelta(days=2))',
          '    User.objects.filter(pk=data["user"]).update(email_verified=True)',
        ].join('\n'),
      },
      howToFix:
        'Decide how long each kind of token may live and pass it as `max_age` when verifying; catch ' +
        '`signing.SignatureExpired` (a subclass of `BadSignature`) to show a "link expired" page. Use a distinct ' +
        '`salt` per purpose so a token issued for one feature cannot be replayed in another. For one-time actions, ' +
        'also make the token single-use (store a nonce or check a field that the action changes, as Django\'s ' +
        'password-reset tokens do).',
      references: [
        { title: 'Django: Cryptographic signing — verifying timestamp values', url: 'https://docs.djangoproject.com/en/stable/topics/signing/#verifying-timestamped-values' },
        { title: 'Django: signing.loads()', url: 'https://docs.djangoproject.com/en/stable/topics/signing/#django.core.signing.loads' },
        { title: 'OWASP Forgot Password Cheat Sheet (token expiry)', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html' },
        { title: 'CWE-613: Insufficient Session Expiration', url: 'https://cwe.mitre.org/data/definitions/613.html' },
      ],
      limitations:
        'Some signed values are meant to be permanent (a signed primary key in a long-lived unsubscribe link); ' +
        'suppress the finding there. A `TimestampSigner` stored on `self` or built in another function is not ' +
        'recognised, and plain `Signer` (which has no timestamp at all) is not reported.',
    },
  },
  create(context) {
    const { module } = context;
    const visitors: Record<string, (node: PyNode) => void> = {
      call(node) {
        const fn = field(node, 'function');
        if (fn?.type !== 'attribute') return;
        const method = field(fn, 'attribute');
        const length = method ? method.end - method.start : 0;
        if (length !== 6 && length !== 13) return;
        const name = module.text(method!);
        if (!UNSIGN_METHODS.has(name)) return;
        const receiver = field(fn, 'object');
        if (!receiver || !isTimestampSigner(receiver, module)) return;
        const maxAge = module.keywordArg(node, 'max_age') ?? (name === 'unsign' ? module.positionalArgs(node)[1] : undefined);
        if (maxAge && module.literal(maxAge)?.kind !== 'none') return;
        context.report({ node, message: `TimestampSigner.${name}() without max_age accepts the signed value however old it is: the token never expires`, confidence: 'high' });
      },
    };
    for (const name of SIGNING_LOADS) {
      visitors[`call:${name}`] = (node) => {
        const maxAge = module.argument(node, 4, 'max_age');
        if (maxAge && module.literal(maxAge)?.kind !== 'none') return;
        context.report({ node, message: 'signing.loads() without max_age accepts the signed value however old it is: the token never expires' });
      };
    }
    return visitors;
  },
});

/** A `TimestampSigner(...)` call, or a name only ever assigned one (in its function, or at module level). */
function isTimestampSigner(receiver: PyNode, module: PythonModule): boolean {
  const values = receiver.type === 'identifier' ? knownValues(receiver, module) : [receiver];
  return values !== undefined && values.every((value) => value.type === 'call' && TIMESTAMP_SIGNERS.has(module.qualifiedName(value) ?? ''));
}
