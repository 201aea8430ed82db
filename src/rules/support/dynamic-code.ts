/** The builtins that run a string as Python code: `eval()` (PY307) and `exec()` (PY102). */
import type { PythonRuleContext, PythonVisitors } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

export interface DynamicCodeMessages {
  /** For a literal source: low confidence, the code is fixed. */
  constant: string;
  /** For any other source: whatever reaches it runs. */
  dynamic: string;
}

/** Visitors that report every call of the builtin (also spelled `builtins.eval`), with a message for its kind of source. */
export function dynamicCodeVisitors(context: PythonRuleContext, builtin: 'eval' | 'exec', messages: DynamicCodeMessages): PythonVisitors {
  const { module } = context;
  const check = (node: PyNode): void => {
    const source = module.argument(node, 0, 'source');
    const constant = source !== undefined && module.literal(source) !== undefined;
    context.report({ node, message: constant ? messages.constant : messages.dynamic, ...(constant ? { confidence: 'low' as const } : {}) });
  };
  return { [`call:${builtin}`]: check, [`call:builtins.${builtin}`]: check };
}
