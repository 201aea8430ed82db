import { describe, expect, it } from 'vitest';
import { pathPieces, placedValues, type PathSource } from '../../src/hardening/upload-paths.js';
import { bodyLimits, renderingMitigations } from '../../src/hardening/uploads.js';
import type { ProjectModel } from '../../src/project/model.js';
import type { PyNode } from '../../src/python/ast.js';
import { walk } from '../../src/python/ast.js';
import { parseModule } from '../helpers.js';

/** The values of the path returned by `f(instance, filename)`: `name@directory` or `name@file`. */
async function placed(body: string): Promise<string[]> {
  const module = await parseModule(`import os\nimport posixpath\nfrom pathlib import Path\n\ndef f(instance, filename):\n${body}\n`);
  let returned: PyNode | undefined;
  walk(module.root, (node) => {
    if (node.type === 'return_statement') returned = node.children[0];
    return undefined;
  });
  const leaf = (node: PyNode): PathSource<'v'> | undefined =>
    (node.type === 'identifier' && module.text(node) === 'filename') || (node.type === 'attribute' && module.text(node).startsWith('instance.')) ? { kind: 'v', node } : undefined;
  return placedValues(pathPieces(returned!, { module, leaf })).map((p) => `${module.text(p.source.node)}@${p.directory ? 'directory' : 'file'}`);
}

describe('pathPieces / placedValues', () => {
  it('tells directory parts from the final name in every way of building a path', async () => {
    expect(await placed('    return f"a/{instance.title}/{filename}"')).toEqual(['instance.title@directory', 'filename@file']);
    expect(await placed('    return "a/%s/%s" % (instance.title, filename)')).toEqual(['instance.title@directory', 'filename@file']);
    expect(await placed('    return "a/%(t)s-%(f)s" % {"t": instance.title, "f": filename}')).toEqual(['instance.title@file', 'filename@file']);
    expect(await placed('    return "{}/{name}".format(filename, name=instance.title)')).toEqual(['filename@directory', 'instance.title@file']);
    expect(await placed('    return os.path.join("a", instance.title, filename)')).toEqual(['instance.title@directory', 'filename@file']);
    expect(await placed('    return "/".join([instance.title, filename])')).toEqual(['instance.title@directory', 'filename@file']);
    expect(await placed('    return str(Path("a") / instance.title / filename)')).toEqual(['instance.title@directory', 'filename@file']);
    expect(await placed('    folder = instance.title.lower()\n    return folder + "/" + filename')).toEqual(['instance.title@directory', 'filename@file']);
  });

  it('does not follow numbers, other calls or replacements of the separator', async () => {
    expect(await placed('    return "a/%d/%s" % (instance.year, filename)')).toEqual(['filename@file']);
    expect(await placed('    return f"a/{instance.year:04d}/{filename}"')).toEqual(['filename@file']);
    expect(await placed('    return f"a/{slugify(instance.title)}/{filename}"')).toEqual(['filename@file']);
    expect(await placed('    return f"a/{instance.title.replace(\'/\', \'-\')}/{filename}"')).toEqual(['filename@file']);
    expect(await placed('    return "a/" + os.path.splitext(filename)[1]')).toEqual([]);
  });
});

describe('web-server directives', () => {
  const project = (files: Record<string, string>) => ({ textFiles: new Map(Object.entries(files)) }) as unknown as ProjectModel;

  it('finds body limits with their place, ignoring 0 and comments', () => {
    const limits = bodyLimits(project({ 'nginx.conf': 'server {\n  # client_max_body_size 1m;\n  client_max_body_size 0;\n  location / { client_max_body_size 8m; }\n}\n' }));
    expect(limits.map((l) => `${l.path}:${l.line}`)).toEqual(['nginx.conf:4']);
  });

  it('finds headers that keep uploads from rendering', () => {
    const found = renderingMitigations(project({ '.htaccess': 'Header set Content-Security-Policy "sandbox"\n', 'a.conf': 'add_header X-Frame-Options DENY;\n' }));
    expect(found.map((l) => `${l.path}:${l.line}`)).toEqual(['.htaccess:1']);
  });
});
