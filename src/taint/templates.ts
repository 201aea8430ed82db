/**
 * Templates as taint sinks: template names resolved against the project's template directories (as Django's
 * loaders do, first directory wins), the templates a render reaches through `{% extends %}` and `{% include %}`,
 * and the unsafe uses of context variables a taint rule looks for in them. Reads template files on demand.
 */
import type { TaintRule } from '../core/rule.js';
import { blockName, tokenize, type TemplateToken } from '../templates/lexer.js';
import type { UnsafeTemplateUse } from './spec.js';

export interface TemplateSource {
  /** Root-relative path. */
  path: string;
  read(): string | undefined;
}

export interface TemplateUseAt extends UnsafeTemplateUse {
  path: string;
}

const MAX_TEMPLATE_DEPTH = 12;

export class TemplateIndex {
  private readonly byName = new Map<string, TemplateSource>();
  private readonly tokens = new Map<string, TemplateToken[] | null>();
  private readonly uses = new Map<string, UnsafeTemplateUse[]>();

  /** `dirs`: template directories in lookup order; `files`: every template file under them. */
  constructor(dirs: readonly string[], files: readonly TemplateSource[]) {
    for (const dir of dirs) {
      const prefix = dir === '.' || dir === '' ? '' : `${dir}/`;
      for (const file of files) {
        if (!file.path.startsWith(prefix)) continue;
        const name = file.path.slice(prefix.length);
        if (!this.byName.has(name)) this.byName.set(name, file);
      }
    }
  }

  find(name: string): TemplateSource | undefined {
    return this.byName.get(name);
  }

  private tokensOf(file: TemplateSource): TemplateToken[] | null {
    if (!this.tokens.has(file.path)) {
      const text = file.read();
      this.tokens.set(file.path, text === undefined ? null : tokenize(text));
    }
    return this.tokens.get(file.path)!;
  }

  /** The template and every template it extends or includes by a literal name, transitively. */
  closure(name: string): TemplateSource[] {
    const out: TemplateSource[] = [];
    const seen = new Set<string>();
    const visit = (current: string, depth: number): void => {
      const file = this.find(current);
      if (!file || seen.has(file.path) || depth > MAX_TEMPLATE_DEPTH) return;
      seen.add(file.path);
      out.push(file);
      for (const token of this.tokensOf(file) ?? []) {
        const tag = blockName(token);
        if (tag !== 'extends' && tag !== 'include') continue;
        const literal = /^\w+\s+(["'])([^"']+)\1/.exec(token.contents);
        if (literal) visit(literal[2]!, depth + 1);
      }
    };
    visit(name, 0);
    return out;
  }

  /** The rule's unsafe uses of `variable` in the templates a render of `names` reaches. */
  unsafeUses(rule: TaintRule, names: readonly string[], variable: string): TemplateUseAt[] {
    if (!rule.unsafeTemplateUses) return [];
    const out: TemplateUseAt[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      for (const file of this.closure(name)) {
        if (seen.has(file.path)) continue;
        seen.add(file.path);
        const key = `${rule.meta.code}:${file.path}`;
        let uses = this.uses.get(key);
        if (!uses) {
          const tokens = this.tokensOf(file);
          uses = tokens ? rule.unsafeTemplateUses(tokens, file.path) : [];
          this.uses.set(key, uses);
        }
        for (const use of uses) if (use.variable === variable) out.push({ ...use, path: file.path });
      }
    }
    return out;
  }
}
