import { defineSecretRule } from '../../core/rule.js';
import { HISTORY_NOTE, ROTATE, SECRET_REFERENCES } from '../support/secrets.js';

export default defineSecretRule({
  meta: {
    code: 'SEC003',
    name: 'service-token-in-source',
    family: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: [798],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'An API key or token of a third-party service (Stripe, Slack, GitHub, GitLab, SendGrid, Mailgun, Twilio, Postmark, Sentry) is committed in a file.',
    fix: 'Revoke the token at the service, issue a new one, and load it from the environment or a secret manager.',
    docs: {
      whatItDoes:
        'Reports the tokens of services Django sites commonly hold, recognised by their documented prefixes and shapes ' +
        '(`sk_live_`, `xoxb-`, `hooks.slack.com/services/…`, `ghp_`, `github_pat_`, `glpat-`, `SG.…`, `key-…`, ' +
        'Twilio `SK…` keys and auth tokens next to a Twilio name, Postmark server tokens, Sentry DSNs with a key) in ' +
        'every text file of the project. Stripe test keys and Sentry DSNs are reported at lower severity. ' +
        HISTORY_NOTE,
      whyItMatters:
        'Payment keys move money and read customer data, mail-provider keys send phishing from the site\'s domain, ' +
        'source-hosting tokens give write access to the code (and its CI secrets), chat webhooks post as the team. ' +
        'Tokens in a repository are found by automated scrapers within minutes of a push to a public remote.',
      example: {
        bad: 'STRIPE_SECRET_KEY = "sk_live_…"',
        good: 'STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]',
      },
      howToFix: ROTATE,
      references: [
        { title: 'Stripe: protecting API keys', url: 'https://docs.stripe.com/keys-best-practices' },
        { title: 'GitHub: token scanning and revocation', url: 'https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning' },
        ...SECRET_REFERENCES,
      ],
    },
  },
  detectors: {
    'stripe-live-secret-key': 'Stripe live secret key',
    'stripe-test-secret-key': 'Stripe test secret key',
    'slack-token': 'Slack token',
    'slack-webhook-url': 'Slack incoming-webhook URL',
    'github-pat': 'GitHub personal access token',
    'github-oauth-token': 'GitHub OAuth token',
    'github-app-token': 'GitHub App token',
    'github-refresh-token': 'GitHub refresh token',
    'github-fine-grained-pat': 'GitHub fine-grained personal access token',
    'gitlab-pat': 'GitLab personal access token',
    'sendgrid-api-key': 'SendGrid API key',
    'mailgun-api-key': 'Mailgun API key',
    'twilio-api-key': 'Twilio API key',
    'twilio-auth-token': 'Twilio auth token',
    'postmark-server-token': 'Postmark server token',
    'sentry-dsn': 'Sentry DSN with its key',
  },
});
