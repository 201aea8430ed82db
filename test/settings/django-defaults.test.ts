/** ponyguard's table of Django defaults agrees with global_settings.py at every version in the reference data. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ABSENT, KNOWN_DEFAULTS, djangoDefault, parseDjangoVersion } from '../../src/settings/django-defaults.js';
import { display } from '../../src/settings/value.js';
import { SettingsEvaluator } from '../../src/settings/evaluator.js';
import { REPO_ROOT, parseModule } from '../helpers.js';

const DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'django-global-settings-defaults.json');

// Reference data of ../shared; skipped when it is not beside the repository.
describe.skipIf(!existsSync(DATA))('Django defaults', () => {
  it('match django/conf/global_settings.py for every setting and version in the reference data', async () => {
    const data = JSON.parse(readFileSync(DATA, 'utf8')) as Record<string, Record<string, string>>;
    const checked = KNOWN_DEFAULTS.filter((name) => name in data);
    expect(checked.length).toBeGreaterThanOrEqual(50);
    // Evaluate each default's Python source with ponyguard's own evaluator (no eval).
    const lines: string[] = [];
    const keys: Array<[string, string]> = [];
    for (const name of checked) {
      for (const [label, source] of Object.entries(data[name]!)) {
        if (source === '<absent>') continue;
        keys.push([name, label]);
        lines.push(`V${keys.length - 1} = ${source}`);
      }
    }
    const module = await parseModule(lines.join('\n'), 'reference', false);
    const evaluator = new SettingsEvaluator({ environment: { vars: new Map(), given: false }, modules: new Map([['reference', { path: 'reference.py', module }]]), root: '/' });
    const result = evaluator.evaluate('reference')!;
    const mismatches: string[] = [];
    for (const name of checked) {
      for (const [label, source] of Object.entries(data[name]!)) {
        const version = parseDjangoVersion(label === 'main' ? '6.1' : label)!;
        const ours = djangoDefault(name, version);
        if (source === '<absent>') {
          if (ours !== ABSENT) mismatches.push(`${name} @ ${label}: reference absent, ours ${ours === undefined ? 'undefined' : display(ours)}`);
          continue;
        }
        const index = keys.findIndex(([n, l]) => n === name && l === label);
        const expected = result.namespace.names.get(`V${index}`)!.value;
        const mine = ours === ABSENT || ours === undefined ? '<absent>' : display(ours);
        if (mine !== display(expected)) mismatches.push(`${name} @ ${label}: reference ${display(expected)}, ours ${mine}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
