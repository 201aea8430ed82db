import { defineSecretRule } from '../../core/rule.js';
import { HISTORY_NOTE, ROTATE, SECRET_REFERENCES } from '../support/secrets.js';

export default defineSecretRule({
  meta: {
    code: 'SEC002',
    name: 'cloud-credential-in-source',
    family: 'secrets',
    severity: 'critical',
    confidence: 'high',
    cwe: [798],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'A cloud provider credential (AWS, Google Cloud, Azure) is committed in a file.',
    fix: 'Revoke the credential in the provider console, issue a new one with the least privilege needed, and give it to the application through the environment, an instance role or a secret manager.',
    docs: {
      whatItDoes:
        'Reports AWS access key ids (`AKIA…`, `ASIA…`) and secret access keys assigned to AWS-like names, Google API ' +
        'keys (`AIza…`) and service-account JSON files with their private key, and Azure Storage connection strings ' +
        'and account keys, in every text file of the project. ' +
        HISTORY_NOTE,
      whyItMatters:
        'Django sites keep media on S3 or GCS, send mail through SES and back up databases to buckets: the keys they ' +
        'use usually open much more than one bucket. Leaked cloud keys are harvested from public repositories within ' +
        'minutes and used for data theft and crypto-mining billed to the owner.',
      example: {
        bad: ['AWS_ACCESS_KEY_ID = "AKIA…"', 'AWS_SECRET_ACCESS_KEY = "wJal…"'].join('\n'),
        good: ['# django-storages picks the credentials from the instance role or the environment', 'AWS_STORAGE_BUCKET_NAME = os.environ["MEDIA_BUCKET"]'].join('\n'),
      },
      howToFix:
        ROTATE +
        ' On AWS prefer an instance or task role (no long-term key at all); django-storages and boto3 find the ' +
        'credentials themselves when `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` are not set in settings.',
      references: [
        { title: 'AWS: what to do if you inadvertently expose an access key', url: 'https://aws.amazon.com/blogs/security/what-to-do-if-you-inadvertently-expose-an-aws-access-key/' },
        { title: 'Google Cloud: best practices for managing service account keys', url: 'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys' },
        ...SECRET_REFERENCES,
      ],
    },
  },
  detectors: {
    'aws-access-key-id': 'AWS access key id',
    'aws-secret-access-key': 'AWS secret access key',
    'gcp-api-key': 'Google API key',
    'gcp-service-account-key': 'Google Cloud service-account private key',
    'azure-storage-connection-string': 'Azure Storage connection string with its account key',
    'azure-storage-account-key': 'Azure Storage account key',
  },
});
