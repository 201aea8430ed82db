/** `except` clauses: what they catch and what their body does (PY110 try-except-pass, PY112 try-except-continue). */
import type { PythonRuleContext, PythonVisitors } from '../core/rule.js';
import type { PyNode } from './ast.js';
import { field } from './ast.js';
import type { PythonModule } from './module.js';

/** The only statement of an except clause's body (comments aside), or undefined when it has several. */
export function soleStatement(clause: PyNode): PyNode | undefined {
  const body = clause.children.find((c) => c.type === 'block');
  const statements = body?.children.filter((c) => c.type !== 'comment') ?? [];
  return statements.length === 1 ? statements[0] : undefined;
}

/** The exception type expression of a clause (`except ValueError as e:` → `ValueError`), or undefined for a bare `except:`. */
export function caughtType(clause: PyNode): PyNode | undefined {
  const value = field(clause, 'value');
  if (value?.type === 'as_pattern') return value.children.find((c) => c.type !== 'comment' && c.field !== 'alias');
  return value;
}

/**
 * Does the clause catch every error: a bare `except:`, `except Exception:` or `except BaseException:` (Bandit's
 * default scope, plus `BaseException`, which is wider still)? With `typed`, any clause counts.
 */
export function catchesEverything(clause: PyNode, module: PythonModule, typed: boolean): boolean {
  if (typed) return true;
  const type = caughtType(clause);
  if (!type) return true;
  return type.type === 'identifier' && ['Exception', 'BaseException'].includes(module.text(type));
}

/** `except X:` — the clause's header as written, for messages. */
export function clauseHeader(clause: PyNode, module: PythonModule): string {
  const type = caughtType(clause);
  return type ? `except ${module.text(type).replace(/\s+/g, ' ')}` : 'except';
}

/**
 * Visitors reporting the `except` clauses whose only statement has the given type (`pass_statement`,
 * `continue_statement`) and that catch every error (any clause, with `typed`), as `except X: <consequence>`.
 */
export function soleStatementHandlers(context: PythonRuleContext, statementType: string, typed: boolean, consequence: string): PythonVisitors {
  const { module } = context;
  return {
    except_clause(node) {
      if (soleStatement(node)?.type !== statementType || !catchesEverything(node, module, typed)) return;
      context.report({ node, message: `${clauseHeader(node, module)}: ${consequence}` });
    },
  };
}
