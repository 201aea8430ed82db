import { defineProjectRule } from '../../core/rule.js';
import { ABSENT, djangoDefault } from '../../settings/django-defaults.js';
import { checkSettings } from '../../settings/report.js';

/** The request-body limits Django enforces, with the default each one should keep and what it bounds. */
const LIMITS: ReadonlyArray<{ setting: string; line: string; bounds: string }> = [
  {
    setting: 'DATA_UPLOAD_MAX_MEMORY_SIZE',
    line: 'DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440  # 2.5 MB, Django\'s default',
    bounds: 'the size of request bodies (excluding file uploads) is unlimited',
  },
  {
    setting: 'DATA_UPLOAD_MAX_NUMBER_FIELDS',
    line: 'DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000  # Django\'s default',
    bounds: 'the number of GET/POST parameters a request may carry is unlimited',
  },
  {
    setting: 'DATA_UPLOAD_MAX_NUMBER_FILES',
    line: 'DATA_UPLOAD_MAX_NUMBER_FILES = 100  # Django\'s default',
    bounds: 'the number of files a multipart request may carry is unlimited (the CVE-2023-24580 denial of service)',
  },
];

export default defineProjectRule({
  meta: {
    code: 'SET215',
    name: 'data-upload-limit-disabled',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [770, 400],
    owasp: ['A05:2021-Security Misconfiguration', 'A04:2021-Insecure Design'],
    aliases: [],
    status: 'stable',
    summary: 'A Django request-body limit (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS or DATA_UPLOAD_MAX_NUMBER_FILES) is disabled with None.',
    fix: 'Remove the None override so Django\'s default limit applies, or set a finite limit sized for the largest legitimate request.',
    docs: {
      whatItDoes:
        'Reports each of `DATA_UPLOAD_MAX_MEMORY_SIZE`, `DATA_UPLOAD_MAX_NUMBER_FIELDS` and `DATA_UPLOAD_MAX_NUMBER_FILES` ' +
        'that a production settings module sets to `None` (directly, or through the default of an environment read ' +
        'such as `env.int("MAX_FIELDS", default=None)`). Django treats `None` as "no limit": it stops raising ' +
        '`RequestDataTooBig` / `TooManyFieldsSent` / `TooManyFilesSent` for that dimension. One finding per setting.',
      whyItMatters:
        'These limits are Django\'s only built-in defence against oversized requests reaching Python. Without ' +
        '`DATA_UPLOAD_MAX_MEMORY_SIZE` a client can make `request.body` or `request.POST` read an arbitrarily large ' +
        'body into memory; without `DATA_UPLOAD_MAX_NUMBER_FIELDS` a request with hundreds of thousands of parameters ' +
        'burns CPU in parsing (hash-collision style attacks); without `DATA_UPLOAD_MAX_NUMBER_FILES` a multipart ' +
        'request with a huge number of tiny parts exhausts file handles and CPU — CVE-2023-24580, the reason Django ' +
        'added the files limit in 3.2.18, 4.0.10 and 4.1.7. A single client can tie up workers and take the site down.',
      example: {
        bad: ['# settings/production.py', 'DATA_UPLOAD_MAX_NUMBER_FIELDS = None  # the big admin form broke', 'DATA_UPLOAD_MAX_NUMBER_FILES = None'].join('\n'),
        good: ['# settings/production.py', 'DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000  # sized for the bulk-edit admin form', '# DATA_UPLOAD_MAX_NUMBER_FILES keeps Django\'s default of 100'].join('\n'),
      },
      howToFix:
        'Delete the override so Django\'s default applies (2.5 MB, 1000 fields, 100 files), or set a finite value ' +
        'just above the largest legitimate request — a bulk-edit form or a multi-file upload widget rarely needs ' +
        'more than a few thousand fields or a few hundred files. Views that stream large uploads should use ' +
        '`request.upload_handlers` or raise the limit for that view only, not globally. Keep a request-size limit in ' +
        'the web server (`client_max_body_size` in nginx, `LimitRequestBody` in Apache) as well.',
      references: [
        { title: 'Django settings: DATA_UPLOAD_MAX_MEMORY_SIZE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-memory-size' },
        { title: 'Django settings: DATA_UPLOAD_MAX_NUMBER_FIELDS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-number-fields' },
        { title: 'Django settings: DATA_UPLOAD_MAX_NUMBER_FILES', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-number-files' },
        { title: 'Django security releases (February 2023): CVE-2023-24580', url: 'https://www.djangoproject.com/weblog/2023/feb/14/security-releases/' },
        { title: 'CWE-770: Allocation of Resources Without Limits or Throttling', url: 'https://cwe.mitre.org/data/definitions/770.html' },
      ],
      limitations:
        'Only `None` is reported; a finite but very large value (say `10**12`) disables the limit just as well and is ' +
        'not judged. A web-server body limit in front of Django, invisible to this rule, bounds the memory size but ' +
        'not the number of fields or files in a body under that size.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      for (const { setting, line, bounds } of LIMITS) {
        const resolved = settings.get(setting);
        if (resolved.source !== 'assigned' || resolved.value.t !== 'none') continue;
        // Before the setting existed (DATA_UPLOAD_MAX_NUMBER_FILES before 3.2.18) the assignment changes nothing.
        if (djangoDefault(setting, settings.django.version) === ABSENT) continue;
        report({ setting, message: `${setting} is None: ${bounds}`, lines: [line] });
      }
    });
  },
});
