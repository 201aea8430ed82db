/**
 * Reading and decoding a source file, with a precise error for every way that can go wrong. This is an edge of the
 * system (file I/O); analyzers only ever see decoded text.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { TextDecoder } from 'node:util';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export type ReadResult =
  | { ok: true; text: string; bytes: number }
  | { ok: false; line: number | null; message: string };

export interface ReadOptions {
  maxBytes: number;
  /** Honour a PEP 263 `# -*- coding: … -*-` declaration on line 1 or 2. */
  python: boolean;
}

/**
 * Synchronous on purpose: it runs on pool workers (or inline between files), where the promise API's per-call
 * overhead (about 1 ms a file here) would cost more than the blocking does.
 */
export function readSource(absPath: string, options: ReadOptions): ReadResult {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(absPath, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, line: null, message: 'not a regular file' };
    if (stat.size > options.maxBytes) {
      return {
        ok: false,
        line: null,
        message: `file too large (${formatBytes(stat.size)}; the limit is ${formatBytes(options.maxBytes)}), not scanned`,
      };
    }
    bytes = readFileSync(fd);
  } catch (error) {
    return { ok: false, line: null, message: describeFsError(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return decodeSource(bytes, options.python);
}

export function decodeSource(bytes: Uint8Array, python: boolean): ReadResult {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { ok: false, line: lineAtByte(bytes, nul), message: 'binary file (contains NUL bytes), not scanned' };
  }
  let body = bytes;
  let encoding = 'utf-8';
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasBom) body = bytes.subarray(3);
  else if (python) {
    const declared = pep263Encoding(bytes);
    if (declared) encoding = declared;
  }
  const decoder = makeDecoder(encoding);
  if (!decoder) return { ok: false, line: 1, message: `unknown source encoding ${JSON.stringify(encoding)} declared` };
  try {
    return { ok: true, text: decoder.decode(body), bytes: bytes.length };
  } catch {
    const offset = firstInvalidUtf8(body);
    const line = offset === -1 ? null : lineAtByte(body, offset);
    const what = decoder.encoding === 'utf-8' ? 'not valid UTF-8' : `not valid ${decoder.encoding}`;
    return {
      ok: false,
      line,
      message: offset === -1 ? `${what}, not scanned` : `${what} (byte 0x${body[offset]!.toString(16).padStart(2, '0')} at line ${line}), not scanned`,
    };
  }
}

/** Python codec names that differ from WHATWG encoding labels. */
const PYTHON_CODECS: Record<string, string> = {
  'latin-1': 'iso-8859-1',
  l1: 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  'iso-8859-1': 'iso-8859-1',
  cp1252: 'windows-1252',
  'euc-jp': 'euc-jp',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  gb2312: 'gbk',
  'euc-kr': 'euc-kr',
  'koi8-r': 'koi8-r',
};

function makeDecoder(encoding: string): TextDecoder | undefined {
  const normalized = encoding.toLowerCase().replace(/_/g, '-');
  const iso = /^iso(\d{4})-?(\d+)$/.exec(normalized.replace(/^iso-/, 'iso'));
  const candidates = [PYTHON_CODECS[normalized], iso ? `iso-${iso[1]}-${iso[2]}` : undefined, normalized, encoding];
  for (const label of candidates) {
    if (!label) continue;
    try {
      return new TextDecoder(label, { fatal: true, ignoreBOM: true });
    } catch {
      /* try the next spelling */
    }
  }
  return undefined;
}

/** PEP 263: `coding[:=]\s*([-\w.]+)` in a comment on one of the first two lines. */
function pep263Encoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').split(/\r\n|\r|\n/, 2);
  for (const line of head) {
    const match = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (match) {
      const name = match[1]!.toLowerCase();
      return name === 'utf-8' || name === 'utf8' || name.startsWith('utf-8-') ? 'utf-8' : name;
    }
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break;
  }
  return undefined;
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'cannot read file: permission denied';
    case 'ELOOP':
      return 'cannot read file: symbolic link loop';
    case 'ENOENT':
      return 'cannot read file: it does not exist (a broken symbolic link, or deleted during the scan)';
    case 'EISDIR':
      return 'cannot read file: it is a directory';
    case 'EMFILE':
    case 'ENFILE':
      return 'cannot read file: too many open files';
    default:
      return `cannot read file: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}
