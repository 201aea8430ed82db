/** `PythonModule.importedNames`: the names an import brings in, which the engine's `import:` dispatch passes to rules. */
import { describe, expect, it } from 'vitest';
import type { PyNode } from '../../src/python/ast.js';
import { walk } from '../../src/python/ast.js';
import { isWithinModule } from '../../src/python/module.js';
import { parseModule, runRule } from '../helpers.js';

async function importsOf(source: string): Promise<unknown[]> {
  const module = await parseModule(source, 'shop.views');
  const out: unknown[] = [];
  walk(module.root, (node: PyNode) => {
    const names = module.importedNames(node);
    if (names.length > 0) out.push(names);
  });
  return out;
}

describe('importedNames', () => {
  it('lists the names of import statements, with their modules and aliases', async () => {
    expect(await importsOf('import os, xml.sax as sax\nfrom xml.dom import minidom as md, pulldom\nfrom pickle import *\n')).toEqual([
      [
        { module: 'os', qualified: 'os' },
        { module: 'xml.sax', alias: 'sax', qualified: 'xml.sax' },
      ],
      [
        { module: 'xml.dom', name: 'minidom', alias: 'md', qualified: 'xml.dom.minidom' },
        { module: 'xml.dom', name: 'pulldom', qualified: 'xml.dom.pulldom' },
      ],
      [{ module: 'pickle', name: '*', qualified: 'pickle.*' }],
    ]);
  });

  it('includes dynamic imports with a literal name, and leaves out relative imports', async () => {
    const source = 'import importlib\nimportlib.import_module("ftplib")\n__import__(name="telnetlib")\nimportlib.import_module(name)\nfrom . import models\nfrom .ftplib import FTP\n';
    expect(await importsOf(source)).toEqual([[{ module: 'importlib', qualified: 'importlib' }], [{ module: 'ftplib', qualified: 'ftplib' }], [{ module: 'telnetlib', qualified: 'telnetlib' }]]);
  });

  it('tells names within a module from look-alikes', () => {
    expect(isWithinModule('xml.sax', 'xml.sax')).toBe(true);
    expect(isWithinModule('xml.sax.saxutils', 'xml.sax')).toBe(true);
    expect(isWithinModule('xml.saxophone', 'xml.sax')).toBe(false);
  });

  it('feeds import rules every name of a statement, not only the first', async () => {
    // PY403 stays quiet for write-only names, and reports a statement once even when it imports two of its modules.
    const findings = await runRule('PY403', 'from pickle import dumps, loads\nfrom pickle import dumps\nimport dill, pickle\n');
    expect(findings.map((f) => [f.location.startLine, f.message.split(' ')[0]])).toEqual([
      [1, 'pickle.loads'],
      [3, 'dill'],
    ]);
  });
});
