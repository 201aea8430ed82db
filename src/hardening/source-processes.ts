/**
 * The commands a deployment runs, as the repository declares them: Procfile processes, Dockerfile `CMD` /
 * `ENTRYPOINT`, docker compose `command` / `entrypoint`, systemd `ExecStart=` and supervisor `command=`. Each comes
 * with its line and whether the file (or Dockerfile stage) is plainly for development. Also the deployment paths a
 * Dockerfile copies the build context to (`WORKDIR /srv/app` + `COPY . .`), which tell where the checkout lives in
 * the image. Never throws: unreadable input yields nothing.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { DeploymentAnchor } from './webserver-model.js';
import { normalizeAbsolute } from './webserver-model.js';

export type ProcessSource = 'procfile' | 'dockerfile' | 'compose' | 'systemd' | 'supervisor';

export interface ProcessCommand {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  source: ProcessSource;
  /** The process, service or stage name, when the file gives one. */
  name?: string;
  command: string;
  /** The file or stage is named for development or tests (`Procfile.dev`, `docker-compose.override.yml`, `AS dev`). */
  development: boolean;
}

const DEV_NAME = /(^|[._-])(dev|develop|development|local|test|tests|testing|ci|debug|override)([._-]|$)/i;

/** Which kind of process file a path is, if any. */
export function processSource(file: string, text: string): ProcessSource | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (/^Procfile(\.[\w.-]+)?$/i.test(base)) return 'procfile';
  if (/^(Dockerfile|Containerfile)(\.[\w.-]+)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base)) return 'dockerfile';
  if (/^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i.test(base)) return 'compose';
  if (/\.service$/i.test(base)) return 'systemd';
  if (/\.conf$/i.test(base) && /^\s*\[program:[^\]]+\]/m.test(text)) return 'supervisor';
  return undefined;
}

/** The commands of a process file. */
export function processCommands(file: string, text: string): ProcessCommand[] {
  const source = processSource(file, text);
  if (!source) return [];
  const base = file.slice(file.lastIndexOf('/') + 1);
  const devFile = DEV_NAME.test(base.replace(/^(Procfile|Dockerfile|Containerfile|docker-compose|compose)/i, '').replace(/\.(ya?ml|service|conf)$/i, ''));
  try {
    switch (source) {
      case 'procfile':
        return procfile(file, text, devFile);
      case 'dockerfile':
        return dockerfile(file, text, devFile);
      case 'compose':
        return compose(file, text, devFile);
      case 'systemd':
        return keyed(file, text, 'systemd', /^\s*ExecStart\s*=\s*[-@:+!]*(.*)$/, devFile);
      case 'supervisor':
        return keyed(file, text, 'supervisor', /^\s*command\s*=\s*(.*)$/, devFile);
    }
  } catch {
    return [];
  }
}

function procfile(file: string, text: string, devFile: boolean): ProcessCommand[] {
  const out: ProcessCommand[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*([\w-]+)\s*:\s*(.+)$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) return;
    out.push({ file, line: index + 1, column: 1, endLine: index + 1, endColumn: line.length + 1, source: 'procfile', name: match[1]!, command: match[2]!.trim(), development: devFile });
  });
  return out;
}

/** Dockerfile instructions with their continuation lines joined. */
function instructions(text: string): Array<{ keyword: string; args: string; line: number; endLine: number; endColumn: number }> {
  const lines = text.split(/\r?\n/);
  const out: Array<{ keyword: string; args: string; line: number; endLine: number; endColumn: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!;
    if (/^\s*(#|$)/.test(first)) continue;
    const start = i;
    let joined = first;
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) {
      i++;
      if (/^\s*#/.test(lines[i]!)) continue;
      joined = joined.replace(/\\\s*$/, ' ') + lines[i]!;
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(joined);
    if (match) out.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: start + 1, endLine: i + 1, endColumn: lines[i]!.length + 1 });
  }
  return out;
}

/** The shell form or the JSON exec form of CMD / ENTRYPOINT as one command line. */
function commandText(args: string): string {
  if (args.startsWith('[')) {
    try {
      const parsed = JSON.parse(args) as unknown;
      if (Array.isArray(parsed)) return parsed.map(String).join(' ');
    } catch {
      return args;
    }
  }
  return args;
}

function dockerfile(file: string, text: string, devFile: boolean): ProcessCommand[] {
  const out: ProcessCommand[] = [];
  let stage: string | undefined;
  for (const instruction of instructions(text)) {
    if (instruction.keyword === 'FROM') {
      stage = /\bAS\s+([\w.-]+)\s*$/i.exec(instruction.args)?.[1];
      continue;
    }
    if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
    out.push({
      file,
      line: instruction.line,
      column: 1,
      endLine: instruction.endLine,
      endColumn: instruction.endColumn,
      source: 'dockerfile',
      ...(stage ? { name: stage } : {}),
      command: commandText(instruction.args),
      development: devFile || (stage !== undefined && DEV_NAME.test(stage)),
    });
  }
  return out;
}

function compose(file: string, text: string, devFile: boolean): ProcessCommand[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const top = doc.contents;
  if (!isMap(top)) return [];
  const services = top.items.find((pair) => isScalar(pair.key) && pair.key.value === 'services')?.value;
  if (!isMap(services)) return [];
  const out: ProcessCommand[] = [];
  for (const service of services.items) {
    if (!isScalar(service.key) || !isMap(service.value)) continue;
    const key = service.key.value;
    if (typeof key !== 'string' && typeof key !== 'number') continue;
    const name = String(key);
    for (const pair of service.value.items) {
      if (!isScalar(pair.key) || (pair.key.value !== 'command' && pair.key.value !== 'entrypoint')) continue;
      const value = pair.value as YamlNode | null;
      let command: string | undefined;
      if (isScalar(value) && typeof value.value === 'string') command = value.value;
      else if (isSeq(value)) command = value.items.map((item) => (isScalar(item) ? String(item.value as string | number) : '')).join(' ');
      if (!command || !value?.range) continue;
      const start = counter.linePos(value.range[0]);
      const end = counter.linePos(value.range[1]);
      out.push({ file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col, source: 'compose', name, command, development: devFile || DEV_NAME.test(name) });
    }
  }
  return out;
}

/** `Key=value` commands (systemd ExecStart=, supervisor command=), with `\` continuations. */
function keyed(file: string, text: string, source: 'systemd' | 'supervisor', pattern: RegExp, devFile: boolean): ProcessCommand[] {
  const out: ProcessCommand[] = [];
  const lines = text.split(/\r?\n/);
  let section: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[([^\]]+)\]/.exec(lines[i]!);
    if (header) {
      section = header[1]!.replace(/^program:/, '');
      continue;
    }
    const match = pattern.exec(lines[i]!);
    if (!match) continue;
    const start = i;
    let command = match[1]!;
    while (/\\\s*$/.test(command) && i + 1 < lines.length) command = command.replace(/\\\s*$/, ' ') + lines[++i]!.trim();
    out.push({
      file,
      line: start + 1,
      column: 1,
      endLine: i + 1,
      endColumn: lines[i]!.length + 1,
      source,
      ...(source === 'supervisor' && section ? { name: section } : {}),
      command: command.trim(),
      development: devFile,
    });
  }
  return out;
}

/** Django's development server in a command: `manage.py runserver`, `django-admin runserver`, `runserver_plus`. */
export function runserverIn(command: string): { plus: boolean; insecure: boolean } | undefined {
  const match = /(?:\bmanage\.py|\bdjango-admin(?:\.py)?|(?:^|\s)-m\s+django)\s+(?:[^&|;]*?\s)?(runserver(?:_plus)?)\b([^&|;]*)/.exec(command);
  if (!match) return undefined;
  return { plus: match[1] === 'runserver_plus', insecure: /(^|\s)--insecure\b/.test(match[2] ?? '') };
}

/**
 * Where a Dockerfile puts the build context: `COPY . /srv/app` or `WORKDIR /srv/app` + `COPY . .` (the context is
 * taken to be the Dockerfile's directory). Copies from other stages (`--from=`) are ignored.
 */
export function dockerfileAnchors(file: string, text: string): DeploymentAnchor[] {
  if (processSource(file, text) !== 'dockerfile') return [];
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const out: DeploymentAnchor[] = [];
  let workdir = '/';
  try {
    for (const instruction of instructions(text)) {
      if (instruction.keyword === 'FROM') workdir = '/';
      if (instruction.keyword === 'WORKDIR') {
        const target = instruction.args.replace(/^["']|["']$/g, '');
        if (/[$]/.test(target)) workdir = '';
        else if (workdir !== '') workdir = target.startsWith('/') ? normalizeAbsolute(target) : normalizeAbsolute(`${workdir}/${target}`);
        continue;
      }
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const words = commandText(instruction.args).split(/\s+/).filter((w) => w && !w.startsWith('--'));
      if (/--from=/.test(instruction.args) || words.length !== 2) continue;
      const [from, to] = words as [string, string];
      if (from !== '.' && from !== './') continue;
      if (/[$]/.test(to) || (!to.startsWith('/') && workdir === '')) continue;
      const target = to.startsWith('/') ? normalizeAbsolute(to) : normalizeAbsolute(`${workdir}/${to}`);
      out.push({
        at: { file, line: instruction.line, column: 1, endLine: instruction.endLine, endColumn: instruction.endColumn },
        directive: `${instruction.keyword} ${instruction.args}`,
        path: { kind: 'absolute', path: target },
        kind: 'python-dir',
        rel: dir,
      });
    }
  } catch {
    return out;
  }
  return out;
}
