import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';

/** Download functions and the library their qualified name must come from (Bandit's table). */
const FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['from_pretrained', 'transformers'],
  ['load_dataset', 'datasets'],
  ['hf_hub_download', 'huggingface_hub'],
  ['snapshot_download', 'huggingface_hub'],
]);
/** Name lengths of FUNCTIONS: most calls are rejected without reading their name. */
const CALLEE_LENGTHS = new Set([...FUNCTIONS.keys()].map((name) => name.length));
/** A commit hash: Bandit accepts seven or more hexadecimal characters. */
const COMMIT = /^[0-9a-fA-F]{7,}$/;
/** A path on disk rather than a Hub repository id. */
const LOCAL_PATH = /^(?:[/~\\]|\.{1,2}[/\\]|[A-Za-z]:[/\\])/;
/** `load_dataset()` builders that read local or given files, with no repository to pin. */
const PACKAGED_BUILDERS = new Set(['csv', 'json', 'parquet', 'text', 'arrow', 'pandas', 'imagefolder', 'audiofolder', 'videofolder', 'webdataset', 'sql', 'generator', 'xml']);
/** Calls that build a path on disk. */
const PATH_CALLS = new Set(['os.path.join', 'os.path.abspath', 'os.path.expanduser', 'pathlib.Path', 'pathlib.PurePath']);

export default definePythonRule({
  meta: {
    code: 'PY615',
    name: 'huggingface-unpinned-download',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [494],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: ['B615'],
    status: 'stable',
    summary: 'A Hugging Face Hub model or dataset is downloaded without pinning a commit, so its content can change under you.',
    fix: 'Pass revision= a full commit hash of the repository (and prefer safetensors weights).',
    docs: {
      whatItDoes:
        'Reports `from_pretrained()` on `transformers` classes, `datasets.load_dataset()`, and ' +
        '`huggingface_hub.hf_hub_download()` / `snapshot_download()` when no `revision=` (or `commit_id=`) names a ' +
        'commit hash: the argument is missing, or a branch or tag such as `"main"` or `"v1.0"`. A revision held in a ' +
        'variable is reported with low confidence. Unlike Bandit, loads that cannot reach the Hub are left alone: a ' +
        'local path (`"./models/bert"`, `os.path.join(…)`, `Path(…)`), `local_files_only=True`, and `load_dataset()` ' +
        'with a file builder such as `"csv"` or `"json"`.',
      whyItMatters:
        'A repository name points at whatever its owner (or whoever takes over the account) pushed last. Model files ' +
        'can contain pickled code (`pytorch_model.bin`), and `trust_remote_code=True` runs the repository\'s Python ' +
        'directly, so an unpinned download lets a changed or hijacked repository run code in your Django process on ' +
        'the next deploy or cache miss. Even without code, the model you tested is not the one you serve.',
      example: {
        bad: [
          'from transformers import AutoModelForSequenceClassification',
          '',
          'model = AutoModelForSequenceClassification.from_pretrained("acme/review-spam-detector")',
        ].join('\n'),
        good: [
          'from transformers import AutoModelForSequenceClassification',
          '',
          'model = AutoModelForSequenceClassification.from_pretrained(',
          '    "acme/review-spam-detector",',
          '    revision="4f3c9a1e2b7d8c6f5a4e3d2c1b0a9f8e7d6c5b4a",',
          '    use_safetensors=True,',
          ')',
        ].join('\n'),
      },
      howToFix:
        'Find the commit you validated on the repository\'s "Files and versions" page and pass its full hash as ' +
        '`revision=`. Prefer `use_safetensors=True`, avoid `trust_remote_code=True`, and for production consider ' +
        'downloading the files once at build time (`snapshot_download(..., revision=…)`) and loading them from disk.',
      references: [
        { title: 'Hugging Face Hub: download files (revision)', url: 'https://huggingface.co/docs/huggingface_hub/guides/download' },
        { title: 'Transformers: from_pretrained', url: 'https://huggingface.co/docs/transformers/main_classes/model#transformers.PreTrainedModel.from_pretrained' },
        { title: 'CWE-494: Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
        { title: 'Bandit B615: huggingface_unsafe_download', url: 'https://bandit.readthedocs.io/en/latest/plugins/b615_huggingface_unsafe_download.html' },
      ],
      limitations:
        'A short hexadecimal tag name would pass for a commit, as in Bandit. Repository ids held in settings or ' +
        'variables are assumed to be on the Hub.',
    },
  },
  create(context) {
    const { module } = context;
    return {
      call(node) {
        const fn = field(node, 'function');
        const nameNode = fn?.type === 'attribute' ? field(fn, 'attribute') : fn?.type === 'identifier' ? fn : undefined;
        if (!nameNode || !CALLEE_LENGTHS.has(nameNode.end - nameNode.start)) return;
        const callee = module.text(nameNode);
        const library = FUNCTIONS.get(callee);
        if (!library) return;
        const qualified = module.qualifiedName(node);
        if (!qualified || !qualified.split('.').includes(library)) return;
        const localOnly = module.keywordArg(node, 'local_files_only');
        const localValue = localOnly && module.literal(localOnly);
        if (localValue && localValue.kind === 'bool' && localValue.value) return;
        const repo = module.argument(node, 0, callee === 'from_pretrained' ? 'pretrained_model_name_or_path' : callee === 'load_dataset' ? 'path' : 'repo_id');
        if (repo && isLocal(repo, callee)) return;
        const revision = module.keywordArg(node, 'revision') ?? module.keywordArg(node, 'commit_id');
        if (revision) {
          const value = module.literal(revision);
          if (value?.kind === 'str' && COMMIT.test(value.value)) return;
          if (!value) {
            context.report({ node, message: `${callee}() with a revision that is not a literal: make sure it is a commit hash`, confidence: 'low' });
            return;
          }
          context.report({ node, message: `${callee}() pins ${module.text(revision)}, a branch or tag that can move: pass a commit hash` });
          return;
        }
        context.report({ node, message: `${callee}() downloads from the Hugging Face Hub without revision=<commit hash>: the repository can change under you` });
      },
    };

    function isLocal(repo: PyNode, callee: string): boolean {
      const value = module.literal(repo);
      if (value?.kind === 'str') return LOCAL_PATH.test(value.value) || (callee === 'load_dataset' && PACKAGED_BUILDERS.has(value.value));
      if (repo.type === 'binary_operator' && repo.ops?.[0] === '/') return true; // BASE_DIR / "models" / "bert"
      if (repo.type === 'call') {
        const qualified = module.qualifiedName(repo);
        return qualified !== null && PATH_CALLS.has(qualified);
      }
      return false;
    }
  },
});
