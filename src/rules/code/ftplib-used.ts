import { definePythonRule } from '../../core/rule.js';

export default definePythonRule({
  meta: {
    code: 'PY321',
    name: 'ftplib-used',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [319],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B321'],
    status: 'stable',
    summary: 'A plain FTP connection sends its credentials and files in cleartext.',
    fix: 'Use SFTP (paramiko) or FTPS (ftplib.FTP_TLS with prot_p()) instead of ftplib.FTP.',
    docs: {
      whatItDoes:
        'Reports the creation of `ftplib.FTP` connections, through any import or alias. `ftplib.FTP_TLS` is not ' +
        'reported.',
      whyItMatters:
        'FTP sends the login and password in the clear, then every file, unauthenticated. Anyone on the network path ' +
        'can capture the credentials — often the same ones that give write access to the server — and read or alter ' +
        'the exports, backups or media files a Django task uploads.',
      example: {
        bad: [
          'from ftplib import FTP',
          '',
          'def upload_report(path, password):',
          '    with FTP("files.example.com", "reports", password) as ftp, open(path, "rb") as handle:',
          '        ftp.storbinary("STOR report.csv", handle)',
        ].join('\n'),
        good: [
          'from ftplib import FTP_TLS',
          '',
          'def upload_report(path, password):',
          '    with FTP_TLS("files.example.com", "reports", password) as ftp, open(path, "rb") as handle:',
          '        ftp.prot_p()  # encrypt the data channel too',
          '        ftp.storbinary("STOR report.csv", handle)',
        ].join('\n'),
      },
      howToFix:
        'Prefer SFTP (`paramiko.SFTPClient`) or an object store with an HTTPS API (S3 through `django-storages`). If ' +
        'the server only offers FTP over TLS, use `ftplib.FTP_TLS` and call `prot_p()` so the data channel is ' +
        'encrypted as well as the login.',
      references: [
        { title: 'Python: ftplib.FTP_TLS', url: 'https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS' },
        { title: 'Paramiko: SFTP', url: 'https://docs.paramiko.org/en/stable/api/sftp.html' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'Bandit B321: ftplib', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b321-ftplib' },
      ],
      limitations: 'Anonymous downloads of public files are reported too; suppress those lines if that is all they do.',
    },
  },
  create(context) {
    return {
      'call:ftplib.FTP': (node) => {
        context.report({ node, message: 'ftplib.FTP sends credentials and files in cleartext' });
      },
    };
  },
});
