import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';

/** Loaders that construct only plain data (strings, numbers, lists, dicts, dates). */
const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
/** Loaders that construct Python objects from tags. */
const UNSAFE_LOADERS = new Set(['Loader', 'CLoader', 'UnsafeLoader', 'CUnsafeLoader', 'FullLoader', 'CFullLoader']);

/** Functions that always use an unsafe loader. */
const ALWAYS_UNSAFE = ['yaml.unsafe_load', 'yaml.unsafe_load_all', 'yaml.full_load', 'yaml.full_load_all'];
/** Functions whose safety depends on their `Loader` (keyword or second positional argument). */
const LOADER_CHOSEN = ['yaml.load', 'yaml.load_all'];

type Verdict = 'safe' | 'unsafe' | 'unknown';

export default definePythonRule({
  meta: {
    code: 'PY506',
    name: 'yaml-unsafe-load',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [20, 502],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: ['B506'],
    status: 'stable',
    summary: 'YAML is loaded with a loader that can construct arbitrary Python objects.',
    fix: 'Use yaml.safe_load() (or yaml.load(stream, Loader=yaml.SafeLoader)) for any YAML that is not fully trusted.',
    docs: {
      whatItDoes:
        'Reports `yaml.load()` and `yaml.load_all()` (PyYAML) unless the loader — the `Loader=` keyword or the ' +
        'second positional argument — is `SafeLoader`, `CSafeLoader`, `BaseLoader` or `CBaseLoader`, and always ' +
        'reports `yaml.unsafe_load()` and `yaml.full_load()` (and their `_all` forms). `FullLoader`, ' +
        '`UnsafeLoader` and `Loader` are unsafe. Quieter than Bandit, which accepts only `SafeLoader` and ' +
        '`CSafeLoader` written literally: `BaseLoader`, a class of the same file that derives from a safe loader, ' +
        'and `getattr(yaml, "CSafeLoader", yaml.SafeLoader)` (also through a module-level name) count as safe; a loader the rule cannot resolve (a ' +
        'parameter, an attribute) is reported with medium confidence. `yaml.safe_load()` is never reported.',
      whyItMatters:
        'PyYAML\'s full and unsafe loaders turn tags such as `!!python/object/apply:os.system` into calls: loading a ' +
        'document runs whatever it names, with the privileges of the Django process. FullLoader was meant to be a ' +
        'safer middle ground, yet has repeatedly allowed code execution (CVE-2020-1747, CVE-2020-14343). Any YAML ' +
        'that an attacker can influence — an uploaded fixture or import file, a configuration field stored in the ' +
        'database, a webhook body — becomes remote code execution.',
      example: {
        bad: [
          'import yaml',
          '',
          'def import_menu(request):',
          '    menu = yaml.load(request.FILES["menu"], Loader=yaml.FullLoader)',
        ].join('\n'),
        good: [
          'import yaml',
          '',
          'def import_menu(request):',
          '    menu = yaml.safe_load(request.FILES["menu"])',
        ].join('\n'),
      },
      howToFix:
        'Call `yaml.safe_load()` / `yaml.safe_load_all()`, or pass `Loader=yaml.SafeLoader` (`yaml.CSafeLoader` for ' +
        'speed when libyaml is available). If custom tags are needed, subclass `SafeLoader` and register ' +
        'constructors for exactly those tags. Validate the loaded structure before using it.',
      references: [
        { title: 'PyYAML: yaml.load(input) deprecation', url: 'https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation' },
        { title: 'PyYAML documentation: loading YAML', url: 'https://pyyaml.org/wiki/PyYAMLDocumentation' },
        { title: 'CWE-502: Deserialization of Untrusted Data', url: 'https://cwe.mitre.org/data/definitions/502.html' },
        { title: 'Bandit B506: yaml_load', url: 'https://bandit.readthedocs.io/en/latest/plugins/b506_yaml_load.html' },
      ],
      limitations:
        'Only PyYAML is covered (ruamel.yaml\'s `YAML(typ="unsafe")` is not). Loader classes are followed through ' +
        'imports, aliases and classes defined at the top level of the same file, not across modules.',
    },
  },
  create(context) {
    const { module } = context;
    let definitions: Map<string, PyNode> | undefined;
    /** Classes and assignments at the top level of the module, by name: the last one wins (built on first use). */
    const topLevelDefinition = (name: string): PyNode | undefined => {
      if (!definitions) {
        definitions = new Map();
        for (const statement of module.topLevelStatements()) {
          const definition = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
          if (definition?.type === 'class_definition') {
            const className = module.definitionName(definition);
            if (className) definitions.set(className, definition);
          } else if (statement.type === 'expression_statement' && statement.children[0]?.type === 'assignment') {
            const left = field(statement.children[0], 'left');
            const right = field(statement.children[0], 'right');
            if (left?.type === 'identifier' && right) definitions.set(module.text(left), right);
          }
        }
      }
      return definitions.get(name);
    };

    const verdict = (node: PyNode, depth = 0): Verdict => {
      if (depth > 8) return 'unknown';
      if (node.type === 'call' && module.qualifiedName(node) === 'getattr') {
        // getattr(yaml, "CSafeLoader", yaml.SafeLoader): the named attribute of yaml, or the fallback.
        const [owner, attribute, fallback] = module.positionalArgs(node);
        const name = attribute && module.literal(attribute);
        if (!owner || module.qualifiedName(owner) !== 'yaml' || name?.kind !== 'str') return 'unknown';
        const first = byName(name.value);
        const second = fallback ? verdict(fallback, depth + 1) : first;
        return first === 'unsafe' || second === 'unsafe' ? 'unsafe' : first === 'safe' && second === 'safe' ? 'safe' : 'unknown';
      }
      if (node.type !== 'identifier' && node.type !== 'attribute') return 'unknown';
      const qualified = module.qualifiedName(node);
      if (qualified) return /^yaml(\.\w+)*$/.test(qualified) ? byName(qualified.slice(qualified.lastIndexOf('.') + 1)) : 'unknown';
      const definition = node.type === 'identifier' ? topLevelDefinition(module.text(node)) : undefined;
      if (!definition) return 'unknown';
      if (definition.type !== 'class_definition') return verdict(definition, depth + 1); // `FastLoader = getattr(…)`
      const bases = field(definition, 'superclasses')?.children.filter((c) => c.type !== 'keyword_argument' && c.type !== 'comment') ?? [];
      const verdicts = bases.map((base) => verdict(base, depth + 1));
      if (verdicts.includes('unsafe')) return 'unsafe';
      return verdicts.includes('safe') ? 'safe' : 'unknown';
    };
    const byName = (name: string): Verdict => (SAFE_LOADERS.has(name) ? 'safe' : UNSAFE_LOADERS.has(name) ? 'unsafe' : 'unknown');

    const visitors: Record<string, (node: PyNode) => void> = {};
    for (const name of ALWAYS_UNSAFE) {
      visitors[`call:${name}`] = (node) => {
        context.report({ node, message: `${name}() constructs arbitrary Python objects from YAML tags; use yaml.safe_load()` });
      };
    }
    for (const name of LOADER_CHOSEN) {
      visitors[`call:${name}`] = (node) => {
        const loader = module.argument(node, 1, 'Loader');
        if (!loader) {
          const spread = field(node, 'arguments')?.children.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat');
          context.report({
            node,
            message: `${name}() without a Loader: older PyYAML versions fall back to a loader that constructs Python objects; use yaml.safe_load()`,
            ...(spread ? { confidence: 'medium' as const } : {}),
          });
          return;
        }
        const judged = verdict(loader);
        if (judged === 'safe') return;
        context.report({
          node,
          message:
            judged === 'unsafe'
              ? `${name}() with ${module.text(loader)} constructs arbitrary Python objects from YAML tags; use yaml.SafeLoader`
              : `${name}() with a loader that could not be resolved to SafeLoader; use yaml.safe_load()`,
          ...(judged === 'unknown' ? { confidence: 'medium' as const } : {}),
        });
      };
    }
    return visitors;
  },
});
