import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

export default definePythonRule({
  meta: {
    code: 'PY614',
    name: 'torch-load-without-weights-only',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [502],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: ['B614'],
    status: 'stable',
    summary: 'torch.load() unpickles the file without weights_only=True, so loading it can run arbitrary code.',
    fix: 'Pass weights_only=True to torch.load(), or store tensors in the safetensors format.',
    docs: {
      whatItDoes:
        'Reports calls to `torch.load()` and `torch.serialization.load()` (through any import or alias) that do not ' +
        'pass `weights_only=True`: the argument is missing, `False`, or a value that is not a literal (reported with ' +
        'medium confidence).',
      whyItMatters:
        'PyTorch checkpoints are pickle files. Without `weights_only=True`, `torch.load()` runs the full unpickler, ' +
        'and a crafted file runs any Python code it likes while loading: in a Django app that accepts model uploads ' +
        'or downloads checkpoints from a shared bucket or a model hub, that is remote code execution on the server. ' +
        'PyTorch 2.6 made `weights_only=True` the default, but older versions and explicit `False` still unpickle.',
      example: {
        bad: ['import torch', '', 'def load_classifier(upload):', '    return torch.load(upload.temporary_file_path(), map_location="cpu")'].join('\n'),
        good: ['import torch', '', 'def load_classifier(upload):', '    return torch.load(upload.temporary_file_path(), map_location="cpu", weights_only=True)'].join('\n'),
      },
      howToFix:
        'Pass `weights_only=True`, which only accepts tensors, primitive types and the classes you allow with ' +
        '`torch.serialization.add_safe_globals()`. Prefer the `safetensors` format (`safetensors.torch.load_file()`), ' +
        'which contains no code at all. Only load full pickled models from files you produced yourself and stored ' +
        'where nobody else can write.',
      references: [
        { title: 'PyTorch: torch.load', url: 'https://pytorch.org/docs/stable/generated/torch.load.html' },
        { title: 'Python: pickle — security warning', url: 'https://docs.python.org/3/library/pickle.html' },
        { title: 'CWE-502: Deserialization of Untrusted Data', url: 'https://cwe.mitre.org/data/definitions/502.html' },
        { title: 'Bandit B614: pytorch_load', url: 'https://bandit.readthedocs.io/en/latest/plugins/b614_pytorch_load.html' },
      ],
      limitations:
        'The installed PyTorch version is not checked: since 2.6 a call without `weights_only` is safe, but the ' +
        'explicit argument keeps it safe on every version and documents the intent.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode): void => {
      const weightsOnly = module.keywordArg(node, 'weights_only');
      const value = weightsOnly && module.literal(weightsOnly);
      if (value?.kind === 'bool' && value.value) return;
      if (weightsOnly && !value) {
        context.report({ node, message: 'torch.load() with a weights_only value that is not a literal: unless it is True, the file is unpickled and can run code', confidence: 'medium' });
        return;
      }
      context.report({
        node,
        message: weightsOnly ? 'torch.load() with weights_only disabled: the file is unpickled and can run code' : 'torch.load() without weights_only=True: on PyTorch before 2.6 the file is unpickled and can run code',
      });
    };
    return { 'call:torch.load': check, 'call:torch.serialization.load': check };
  },
});
