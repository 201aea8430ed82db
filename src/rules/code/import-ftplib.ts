import { definePythonRule } from '../../core/rule.js';
import { riskyImportVisitors } from '../support/risky-import.js';

/** Names of ftplib that do not open a cleartext FTP session: the TLS client and the exceptions. */
const QUIET = new Set(['FTP_TLS', 'Error', 'error_reply', 'error_temp', 'error_perm', 'error_proto', 'all_errors'].map((n) => `ftplib.${n}`));

export default definePythonRule({
  meta: {
    code: 'PY402',
    name: 'import-ftplib',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [319],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B402'],
    status: 'stable',
    summary: 'ftplib is imported for plain FTP, which sends the password and every file in cleartext.',
    fix: 'Transfer files over SFTP (paramiko) or HTTPS, or at least use ftplib.FTP_TLS and call prot_p() before any transfer.',
    docs: {
      whatItDoes:
        'Reports imports of `ftplib` (`import ftplib`, `from ftplib import FTP`, dynamic imports through ' +
        '`importlib.import_module` or `__import__`). Unlike Bandit, a `from ftplib import …` that takes only the ' +
        'TLS client `FTP_TLS` and the exception classes is not reported, since it does not give the module access to ' +
        'cleartext FTP.',
      whyItMatters:
        'Plain FTP sends the login, the password and the file contents unencrypted, on a control connection and ' +
        'separate data connections. Anyone on the network path can read the credentials — often the same ones that ' +
        'protect a partner\'s server or your backups — and read or replace the files in transit. Django projects meet ' +
        'FTP in exports to partners, invoice drops and media imports; those files usually hold personal data.',
      example: {
        bad: [
          'from ftplib import FTP',
          '',
          'def upload_export(path):',
          '    with FTP("ftp.partner.example", "shop", settings.PARTNER_FTP_PASSWORD) as ftp, open(path, "rb") as f:',
          '        ftp.storbinary("STOR export.csv", f)',
        ].join('\n'),
        good: [
          'from ftplib import FTP_TLS',
          '',
          'def upload_export(path):',
          '    with FTP_TLS("ftp.partner.example", "shop", settings.PARTNER_FTP_PASSWORD) as ftp, open(path, "rb") as f:',
          '        ftp.prot_p()  # encrypt the data connection too',
          '        ftp.storbinary("STOR export.csv", f)',
        ].join('\n'),
      },
      howToFix:
        'Prefer SFTP (SSH file transfer, e.g. paramiko\'s `SFTPClient`) or an HTTPS upload API. If the other side only ' +
        'offers FTP, use `ftplib.FTP_TLS` (FTPS): it encrypts the control connection on login, and `prot_p()` ' +
        'encrypts the data connections as well; pass an `ssl.create_default_context()` so the certificate is checked.',
      references: [
        { title: 'Python: ftplib.FTP_TLS', url: 'https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS' },
        { title: 'Paramiko: SFTP client', url: 'https://docs.paramiko.org/en/stable/api/sftp.html' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'Bandit B402: import_ftplib', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b402-import-ftplib' },
      ],
      limitations:
        '`import ftplib` is reported even when the module only uses `ftplib.FTP_TLS`; import the class by name to say ' +
        'so. Whether `FTP_TLS` is then used with `prot_p()` is not checked.',
    },
  },
  create: (context) =>
    riskyImportVisitors(context, {
      modules: ['ftplib'],
      harmless: (name) => QUIET.has(name),
      message: (name) => `${name} imported: plain FTP sends the password and the files unencrypted`,
    }),
});
