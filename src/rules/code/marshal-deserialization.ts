import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

export default definePythonRule({
  meta: {
    code: 'PY302',
    name: 'marshal-deserialization',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [502],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: ['B302'],
    status: 'stable',
    summary: 'Data is deserialized with marshal, a format that is not meant for untrusted input.',
    fix: 'Exchange data as JSON (json.loads, Django\'s signing) instead of marshal.',
    docs: {
      whatItDoes: 'Reports calls to `marshal.load()` and `marshal.loads()`, through any import or alias.',
      whyItMatters:
        '`marshal` is the format of `.pyc` files. Python\'s documentation warns that it is not secure against ' +
        'erroneous or maliciously constructed data: crafted bytes can crash the interpreter, and the code objects it ' +
        'returns run whatever the author of the bytes wrote as soon as they are executed. Its format also changes ' +
        'between Python versions, so it is a poor choice for anything stored or exchanged.',
      example: {
        bad: ['import marshal', '', 'def import_settings(upload):', '    return marshal.loads(upload.read())'].join('\n'),
        good: ['import json', '', 'def import_settings(upload):', '    return json.loads(upload.read())'].join('\n'),
      },
      howToFix:
        'Use `json` for data, validating its shape (a Django form or serializer) before using it. `marshal` has no ' +
        'place in application code; keep it for tools that handle your own bytecode.',
      references: [
        { title: 'Python: marshal', url: 'https://docs.python.org/3/library/marshal.html' },
        { title: 'CWE-502: Deserialization of Untrusted Data', url: 'https://cwe.mitre.org/data/definitions/502.html' },
        { title: 'Bandit B302: marshal', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b302-marshal' },
      ],
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode): void => {
      const name = module.qualifiedName(node) ?? 'marshal.loads';
      context.report({ node, message: `${name}() deserializes marshal data, which is unsafe on untrusted input` });
    };
    return { 'call:marshal.load': check, 'call:marshal.loads': check };
  },
});
