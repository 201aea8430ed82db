import { defineSecretRule } from '../../core/rule.js';
import { HISTORY_NOTE, ROTATE, SECRET_REFERENCES } from '../support/secrets.js';

export default defineSecretRule({
  meta: {
    code: 'SEC005',
    name: 'credentials-in-connection-url',
    family: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: [798, 259],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'A database, cache or message-broker URL with a password (`postgres://user:pass@`, `redis://:pass@`, `amqp://user:pass@`) is committed in a file.',
    fix: 'Change the password on the server, and pass the URL (DATABASE_URL, CELERY_BROKER_URL, REDIS_URL) through the environment or a secret manager.',
    docs: {
      whatItDoes:
        'Reports connection URLs whose user-info part carries a password, for PostgreSQL, MySQL, MariaDB, Oracle, ' +
        'MongoDB, Redis, Memcached and AMQP/RabbitMQ, in settings, `.env` files, compose files, CI configuration and ' +
        'every other text file. Placeholders (`user:password@`, `${DB_PASSWORD}`, `<password>`, `changeme`) and URLs ' +
        'whose password equals the user name are not reported. ' +
        HISTORY_NOTE,
      whyItMatters:
        'dj-database-url, django-environ and Celery read the whole connection in one URL, so one line gives the host, ' +
        'the account and its password: a database password lets anyone who can reach the server read and change all ' +
        'data, a broker password lets them queue tasks (often code execution with pickle serialisers).',
      example: {
        bad: 'DATABASES = {"default": dj_database_url.parse("postgres://shop:Xk29…@db.internal/shop")}',
        good: 'DATABASES = {"default": dj_database_url.config(env="DATABASE_URL")}',
      },
      howToFix: ROTATE + ' In docker-compose files use `${DB_PASSWORD}` interpolation from an untracked `.env` file.',
      references: [
        { title: 'dj-database-url', url: 'https://github.com/jazzband/dj-database-url' },
        { title: 'Django settings: DATABASES', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#databases' },
        ...SECRET_REFERENCES,
      ],
      limitations:
        'In the production settings ponyguard judges, a database password reached through `DATABASES` is reported ' +
        'by SET218 instead, so each password is reported once.',
    },
  },
  detectors: {
    'database-url-credentials': 'database URL with a password',
    'broker-url-credentials': 'cache or broker URL with a password',
  },
});
