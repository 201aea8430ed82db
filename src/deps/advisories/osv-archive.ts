/**
 * Reading OSV records out of an archive (OSV's `<ecosystem>/all.zip`: one record per `.json` entry) or a set of
 * texts, and checking each against what the build reads. Pure: bytes and texts in, records out.
 *
 * A damaged archive, a text that is not JSON and a record of another OSV schema major version are fatal (the whole
 * input is suspect: `OsvArchiveError`); a record whose shape the build cannot read is skipped and reported.
 */
import { unzipSync } from 'fflate';
import type { OsvAffected, OsvRecord, OsvSeverity } from './build.js';
import type { RangeEvent } from './types.js';

/** The OSV schema major version this build reads. */
export const OSV_SCHEMA_MAJOR = 1;

/** An entry larger than this is not a single OSV record; it is skipped unread. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
/** Entries inflated at a time, so that the archive's text is never all in memory at once. */
const BATCH = 1000;

export class OsvArchiveError extends Error {
  override name = 'OsvArchiveError';
}

/** A record that was skipped, and why. */
export interface SkippedRecord {
  /** Archive entry or file name. */
  entry: string;
  /** The record's id, when it has a string one. */
  id: string | null;
  problem: string;
}

export interface OsvReadResult {
  records: OsvRecord[];
  /** `.json` texts read. */
  entries: number;
  skipped: SkippedRecord[];
}

/** One text to read as a record. */
export interface OsvText {
  name: string;
  text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The records of a zip archive of OSV `.json` files (other entries are ignored). Throws `OsvArchiveError`. */
export function readOsvZip(bytes: Uint8Array): OsvReadResult {
  const names: string[] = [];
  const oversized: SkippedRecord[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (!file.name.toLowerCase().endsWith('.json')) return false;
        if (file.originalSize > MAX_ENTRY_BYTES) oversized.push({ entry: file.name, id: null, problem: `${file.originalSize} bytes is too large for one record` });
        else names.push(file.name);
        return false;
      },
    });
  } catch (error) {
    throw new OsvArchiveError(`not a valid zip archive (${(error as Error).message})`);
  }
  const result: OsvReadResult = { records: [], entries: 0, skipped: oversized };
  for (let start = 0; start < names.length; start += BATCH) {
    const batch = new Set(names.slice(start, start + BATCH));
    let files;
    try {
      files = unzipSync(bytes, { filter: (file) => batch.has(file.name) });
    } catch (error) {
      throw new OsvArchiveError(`damaged zip archive (${(error as Error).message})`);
    }
    for (const [name, data] of Object.entries(files)) {
      let text: string;
      try {
        text = utf8.decode(data);
      } catch {
        throw new OsvArchiveError(`${name}: not UTF-8 text`);
      }
      addText(result, { name, text });
    }
  }
  return result;
}

/** The records of a list of texts (the `.json` files of a directory). Throws `OsvArchiveError`. */
export function readOsvTexts(texts: Iterable<OsvText>): OsvReadResult {
  const result: OsvReadResult = { records: [], entries: 0, skipped: [] };
  for (const text of texts) addText(result, text);
  return result;
}

function addText(result: OsvReadResult, { name, text }: OsvText): void {
  result.entries++;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OsvArchiveError(`${name}: not JSON (${(error as Error).message})`);
  }
  const checked = checkOsvRecord(value);
  if ('record' in checked) {
    result.records.push(checked.record);
    return;
  }
  const id = typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;
  if (checked.schemaMismatch) throw new OsvArchiveError(`${name}${id ? ` (${id})` : ''}: ${checked.problem}`);
  result.skipped.push({ entry: name, id, problem: checked.problem });
}

type Checked = { record: OsvRecord } | { problem: string; schemaMismatch: boolean };

/**
 * Checks one parsed record against OSV schema 1.x as far as the build reads it, and returns a copy with only those
 * fields (ids, dates, aliases, summary, details, severities, affected packages with their ranges and versions,
 * references, `database_specific`). `schema_version`, when present, must have major version 1.
 */
export function checkOsvRecord(value: unknown): Checked {
  const bad = (problem: string): Checked => ({ problem, schemaMismatch: false });
  if (!isObject(value)) return bad('not a JSON object');
  const schema = value['schema_version'];
  if (schema !== undefined) {
    if (typeof schema !== 'string') return bad('schema_version is not a string');
    const major = /^(\d+)(?:\.|$)/.exec(schema)?.[1];
    if (major === undefined || Number(major) !== OSV_SCHEMA_MAJOR) {
      return { problem: `OSV schema version ${JSON.stringify(schema)}; this ponyguard reads schema ${OSV_SCHEMA_MAJOR}.x`, schemaMismatch: true };
    }
  }
  const id = value['id'];
  if (typeof id !== 'string' || id.trim() === '') return bad('no id');
  const record: OsvRecord = { id };
  for (const key of ['modified', 'published', 'withdrawn', 'summary', 'details'] as const) {
    const field = value[key];
    if (field === undefined || field === null) continue;
    if (typeof field !== 'string') return bad(`${key} is not a string`);
    record[key] = field;
  }
  const aliases = value['aliases'];
  if (aliases !== undefined && aliases !== null) {
    if (!isStringArray(aliases)) return bad('aliases is not a list of strings');
    record.aliases = aliases;
  }
  const severity = severities(value['severity']);
  if (severity === false) return bad('severity is not a list of {type, score} strings');
  if (severity) record.severity = severity;
  const specific = value['database_specific'];
  if (isObject(specific)) record.database_specific = specific;
  const references = value['references'];
  if (references !== undefined && references !== null) {
    if (!Array.isArray(references) || !references.every(isObject)) return bad('references is not a list of objects');
    record.references = references.map((r) => ({
      ...(typeof r['type'] === 'string' ? { type: r['type'] } : {}),
      ...(typeof r['url'] === 'string' ? { url: r['url'] } : {}),
    }));
  }
  const affected = value['affected'];
  if (affected !== undefined && affected !== null) {
    if (!Array.isArray(affected)) return bad('affected is not a list');
    const entries: OsvAffected[] = [];
    for (const [index, entry] of affected.entries()) {
      const checked = checkAffected(entry);
      if (typeof checked === 'string') return bad(`affected[${index}]: ${checked}`);
      entries.push(checked);
    }
    record.affected = entries;
  }
  return { record };
}

/** One `affected` entry, or what is wrong with it. */
function checkAffected(entry: unknown): OsvAffected | string {
  if (!isObject(entry)) return 'not an object';
  const out: OsvAffected = {};
  const pkg = entry['package'];
  if (pkg !== undefined && pkg !== null) {
    if (!isObject(pkg) || typeof pkg['ecosystem'] !== 'string' || typeof pkg['name'] !== 'string') return 'package lacks its ecosystem or name';
    out.package = { ecosystem: pkg['ecosystem'], name: pkg['name'] };
  }
  const ranges = entry['ranges'];
  if (ranges !== undefined && ranges !== null) {
    if (!Array.isArray(ranges)) return 'ranges is not a list';
    out.ranges = [];
    for (const [index, range] of ranges.entries()) {
      if (!isObject(range) || typeof range['type'] !== 'string' || !Array.isArray(range['events'])) return `ranges[${index}] lacks its type or events`;
      const events: RangeEvent[] = [];
      for (const event of range['events'] as unknown[]) {
        const checked = checkEvent(event);
        if (checked === null) return `ranges[${index}] has an event without introduced, fixed, last_affected or limit`;
        events.push(checked);
      }
      out.ranges.push({ type: range['type'], events });
    }
  }
  const versions = entry['versions'];
  if (versions !== undefined && versions !== null) {
    if (!isStringArray(versions)) return 'versions is not a list of strings';
    out.versions = versions;
  }
  const severity = severities(entry['severity']);
  if (severity === false) return 'severity is not a list of {type, score} strings';
  if (severity) out.severity = severity;
  const specific = entry['database_specific'];
  if (isObject(specific)) out.database_specific = specific;
  return out;
}

/** An event with its one version key, or null when it has no string one. */
function checkEvent(event: unknown): RangeEvent | null {
  if (!isObject(event)) return null;
  for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
    const version = event[kind];
    if (typeof version === 'string') return { [kind]: version };
  }
  return null;
}

/** A severity list; undefined when absent; false when malformed. */
function severities(value: unknown): OsvSeverity[] | undefined | false {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return false;
  const out: OsvSeverity[] = [];
  for (const item of value) {
    if (!isObject(item) || typeof item['type'] !== 'string' || typeof item['score'] !== 'string') return false;
    out.push({ type: item['type'], score: item['score'] });
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
