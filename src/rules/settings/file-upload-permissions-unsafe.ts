import { defineProjectRule } from '../../core/rule.js';
import { field } from '../../python/ast.js';
import { checkSettings } from '../../settings/report.js';
import type { Origin } from '../../settings/value.js';

const SETTINGS = [
  { name: 'FILE_UPLOAD_PERMISSIONS', kind: 'uploaded files', safe: '0o644' },
  { name: 'FILE_UPLOAD_DIRECTORY_PERMISSIONS', kind: 'the directories created for uploads', safe: '0o755' },
] as const;

const octal = (mode: number): string => `0o${mode.toString(8)}`;

/** `ls -l`-style rendering of a mode, with setuid/setgid/sticky shown as s/S and t/T, for messages. */
function symbolic(mode: number): string {
  const special = [(mode & 0o4000) !== 0, (mode & 0o2000) !== 0, (mode & 0o1000) !== 0];
  return [(mode >> 6) & 7, (mode >> 3) & 7, mode & 7]
    .map((bits, index) => {
      const mark = index === 2 ? 't' : 's';
      const execute = special[index] ? (bits & 1 ? mark : mark.toUpperCase()) : bits & 1 ? 'x' : '-';
      return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${execute}`;
    })
    .join('');
}

/**
 * A mode someone would choose on purpose: the owner can read; each class has no access or at least read; and
 * group and others never have more than the class before them (0o644, 0o640, 0o755, 0o2775 …).
 */
function sensibleMode(mode: number): boolean {
  if (mode < 0 || mode > 0o7777) return false;
  const owner = (mode >> 6) & 7;
  const group = (mode >> 3) & 7;
  const other = mode & 7;
  const readable = (bits: number) => bits === 0 || (bits & 4) !== 0;
  return (owner & 4) !== 0 && readable(group) && readable(other) && (group & ~owner) === 0 && (other & ~group) === 0;
}

/** The integer literal the assignment wrote (`644`, `0o644`), or undefined when the value is not a plain literal. */
function literalText(at: Origin | undefined): string | undefined {
  if (!at) return undefined;
  let node = at.node.type === 'assignment' ? at.node : at.node.children.find((child) => child.type === 'assignment');
  while (node?.type === 'assignment') {
    const right = field(node, 'right');
    if (right?.type !== 'assignment') return right?.type === 'integer' ? at.module.text(right) : undefined;
    node = right;
  }
  return undefined;
}

/**
 * A mode written in decimal by mistake: its decimal digits are all octal digits, it has three or more of them, and
 * the number itself is not a mode anyone would pick (644 is 0o1204: the owner cannot read the file).
 */
function decimalMistake(value: number, literal: string | undefined): boolean {
  if (literal !== undefined && /^0[oOxXbB]/.test(literal)) return false; // the author chose the base
  return value >= 100 && /^[0-7]+$/.test(String(value)) && !sensibleMode(value);
}

export default defineProjectRule({
  meta: {
    code: 'SET214',
    name: 'file-upload-permissions-unsafe',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [732, 276],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'FILE_UPLOAD_PERMISSIONS or FILE_UPLOAD_DIRECTORY_PERMISSIONS is written in decimal by mistake or makes uploads world-writable.',
    fix: 'Write the mode as an octal literal with the 0o prefix and without the world-write bit: FILE_UPLOAD_PERMISSIONS = 0o644, FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755.',
    docs: {
      whatItDoes:
        'Checks the modes Django applies to uploaded files (`FILE_UPLOAD_PERMISSIONS`) and to the directories it ' +
        'creates for them (`FILE_UPLOAD_DIRECTORY_PERMISSIONS`) in each production settings module. It reports a ' +
        'mode written in decimal by mistake — `644` instead of `0o644`, recognised because every decimal digit is ' +
        '0–7, the number has at least three digits, and read as a mode it makes no sense (644 is `0o1204`, which ' +
        'leaves the owner unable to read the file) — and a mode that lets any local user write (`0o666`, `0o777`, ' +
        'any mode with the `o+w` bit). The source text of the assignment decides how the number was written; a ' +
        'value read from the environment is judged by its number. The fix gives the octal literal that was meant.',
      whyItMatters:
        'Python 3 reads `644` as the decimal number 644, and Django passes it to `os.chmod` unchanged: uploads get ' +
        'mode `0o1204`, and `755` gives directories `0o1363`, which is writable by everyone. Django\'s documentation ' +
        'warns that forgetting the `0o` prefix leads to "totally incorrect behavior". World-writable uploads and ' +
        'upload directories let any other account or compromised service on the host replace files that your site ' +
        'serves to users (planting HTML or scripts on your domain) or that your code later reads back.',
      example: {
        bad: ['FILE_UPLOAD_PERMISSIONS = 644', 'FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o777'].join('\n'),
        good: ['FILE_UPLOAD_PERMISSIONS = 0o644', 'FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755'].join('\n'),
      },
      howToFix:
        'Always write modes with the `0o` prefix. Use `0o644` (or `0o640` when only the web server\'s group should ' +
        'read) for files and `0o755` (or `0o750`) for directories; `FILE_UPLOAD_PERMISSIONS = 0o644` is Django\'s ' +
        'default since 3.0, so the override can often simply be removed. If several processes must write the ' +
        'uploads, give them a shared group and use `0o664` / `0o2775` rather than opening the files to everyone. ' +
        'Files uploaded while the wrong mode was in force keep it: fix them with `chmod` on the media directory.',
      references: [
        { title: 'Django settings: FILE_UPLOAD_PERMISSIONS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#file-upload-permissions' },
        { title: 'Django settings: FILE_UPLOAD_DIRECTORY_PERMISSIONS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#file-upload-directory-permissions' },
        { title: 'Django: Security in user-uploaded content', url: 'https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content' },
        { title: 'CWE-732: Incorrect Permission Assignment for Critical Resource', url: 'https://cwe.mitre.org/data/definitions/732.html' },
        { title: 'OWASP File Upload Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html' },
      ],
      limitations:
        'Only the two settings are read; `FileSystemStorage(file_permissions_mode=…, directory_permissions_mode=…)` ' +
        'in code is not checked. A decimal number that happens to be a sensible mode (`420` is `0o644`) is taken as ' +
        'intended. Uploads stored on object storage (S3 and the like) ignore these settings altogether.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      for (const { name, kind, safe } of SETTINGS) {
        const resolved = settings.get(name);
        if (resolved.source !== 'assigned' || resolved.value.t !== 'int') continue;
        const value = resolved.value.v;
        if (value <= 0) continue;
        const literal = literalText(resolved.at);
        if (decimalMistake(value, literal)) {
          const intended = parseInt(String(value), 8);
          const openActual = (value & 0o002) !== 0;
          const openIntended = (intended & 0o002) !== 0;
          const written = literal ?? String(value);
          report({
            setting: name,
            message:
              `${name} is ${written}, a decimal number: Django applies mode ${octal(value)} (${symbolic(value)}) to ${kind}, not the ${octal(intended)} that was meant` +
              (openActual ? ' — and that mode lets every local user write them' : '') +
              (openIntended ? `; ${octal(intended)} itself would make them world-writable` : ''),
            lines: [openIntended ? `${name} = ${safe}  # not ${octal(intended)}: keep other users from writing` : `${name} = ${octal(intended)}`],
            severity: openActual || openIntended ? 'medium' : 'low',
          });
          continue;
        }
        if ((value & 0o002) === 0 || value > 0o7777) continue;
        report({
          setting: name,
          message: `${name} is ${octal(value)} (${symbolic(value)}): ${kind} are writable by every user on the host, who can replace what the site serves or reads back`,
          lines: [`${name} = ${safe}`],
        });
      }
    });
  },
});
