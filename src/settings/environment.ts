/**
 * The environment settings are judged under: variables from `--env KEY=VALUE` and `--env-file FILE`. Every other
 * variable is unset, so reads fall back to their defaults — which is how insecure defaults are found.
 */
import { ConfigError, UsageError } from '../core/errors.js';

export interface Environment {
  /** Variables that are set, by name. */
  vars: ReadonlyMap<string, string>;
  /** True when the user gave any variable (the scan then judges that environment, not the defaults). */
  given: boolean;
}

export const EMPTY_ENVIRONMENT: Environment = { vars: new Map(), given: false };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `KEY=VALUE` from the command line. */
export function parseEnvAssignment(text: string): [string, string] {
  const index = text.indexOf('=');
  const name = index === -1 ? text : text.slice(0, index);
  if (index === -1 || !NAME.test(name)) throw new UsageError(`--env expects NAME=VALUE, got ${JSON.stringify(text)}`);
  return [name, text.slice(index + 1)];
}

/**
 * A dotenv file as python-dotenv, django-environ and docker --env-file read it: `KEY=VALUE`, optional `export `,
 * single- or double-quoted values (double quotes take `\n` escapes), `#` comments, blank lines.
 */
export function parseEnvFile(text: string, file: string): Map<string, string> {
  const vars = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*[=:]\s*(.*)$/.exec(line);
    if (!match) throw new ConfigError(file, i + 1, `expected NAME=VALUE, got ${JSON.stringify(raw.slice(0, 60))}`);
    const name = match[1]!;
    let value = match[2]!;
    const quote = value[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may span lines until the closing quote.
      let body = value.slice(1);
      let end = findClosingQuote(body, quote);
      while (end === -1 && i + 1 < lines.length) {
        body += `\n${lines[++i]!}`;
        end = findClosingQuote(body, quote);
      }
      if (end === -1) throw new ConfigError(file, i + 1, `unterminated ${quote === '"' ? 'double' : 'single'}-quoted value for ${name}`);
      value = body.slice(0, end);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\t/g, '\t').replace(/\\(["\\$])/g, '$1');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    vars.set(name, value);
  }
  return vars;
}

function findClosingQuote(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (body[i] === quote) return i;
  }
  return -1;
}
