/**
 * What the taint engine knows about library calls: which make any value safe (numbers, UUIDs, slugs), which pass
 * their arguments' data on (text conversions, path and URL building, parsing), which methods mutate their receiver.
 * Everything else a project calls without a summary wraps its arguments (see `kinds.ts`, `wrapper`).
 */

/** Calls whose result never carries attacker text, whatever goes in. */
/** Calls that, true in a condition, leave their first argument one of a fixed set of safe values, for every rule. */
export const UNIVERSAL_GUARDS = new Set([
  // A language code of settings.LANGUAGES: `[a-z]{1,8}(-[a-z0-9]{1,8})*` and configured.
  'django.utils.translation.check_for_language',
  'django.utils.translation.trans_real.check_for_language',
]);

export const UNIVERSAL_SANITIZERS = new Set([
  'int',
  'float',
  'bool',
  'complex',
  'len',
  'abs',
  'round',
  'hash',
  'id',
  'ord',
  'isinstance',
  'issubclass',
  'callable',
  'hasattr',
  'sum',
  'any',
  'all',
  'range',
  'uuid.UUID',
  'decimal.Decimal',
  'fractions.Fraction',
  'math.floor',
  'math.ceil',
  'math.trunc',
  'datetime.date',
  'datetime.datetime',
  'datetime.date.fromisoformat',
  'datetime.datetime.fromisoformat',
  'datetime.datetime.strptime',
  'ipaddress.ip_address',
  'ipaddress.ip_network',
  'ipaddress.IPv4Address',
  'ipaddress.IPv6Address',
  'django.utils.dateparse.parse_date',
  'django.utils.dateparse.parse_datetime',
  'django.utils.dateparse.parse_time',
  'django.utils.dateparse.parse_duration',
  'django.utils.text.slugify',
  'django.urls.reverse',
  'django.urls.reverse_lazy',
  'django.core.urlresolvers.reverse',
  'hashlib.sha256',
  'hashlib.sha1',
  'hashlib.md5',
  'secrets.compare_digest',
  'hmac.compare_digest',
]);

/** Calls whose result is their first argument made into text. */
export const TEXT_OF_FIRST = new Set([
  'str',
  'repr',
  'ascii',
  'format',
  'bytes',
  'bytearray',
  'html.unescape',
  'urllib.parse.unquote',
  'urllib.parse.unquote_plus',
  'urllib.parse.unquote_to_bytes',
  'urllib.parse.quote',
  'urllib.parse.quote_plus',
  'base64.b64decode',
  'base64.b64encode',
  'base64.urlsafe_b64decode',
  'base64.urlsafe_b64encode',
  'base64.b32decode',
  'base64.b16decode',
  'base64.b85decode',
  'binascii.unhexlify',
  'binascii.a2b_base64',
  'codecs.decode',
  'bytes.fromhex',
  'zlib.decompress',
  'gzip.decompress',
  'bz2.decompress',
  'lzma.decompress',
  'json.dumps',
  'textwrap.dedent',
  'textwrap.indent',
  'unicodedata.normalize',
  // Escapers for one language: for any other sink class the result is still attacker text.
  're.escape',
  'regex.escape',
  'ldap.filter.escape_filter_chars',
  'ldap.dn.escape_dn_chars',
  'ldap3.utils.conv.escape_filter_chars',
  'ldap3.utils.dn.escape_rdn',
  'django.utils.encoding.force_str',
  'django.utils.encoding.smart_str',
  'django.utils.encoding.force_bytes',
  'django.utils.encoding.smart_bytes',
  'django.utils.encoding.force_text',
  'django.utils.encoding.smart_text',
  'django.utils.encoding.iri_to_uri',
  'django.utils.encoding.uri_to_iri',
  'django.utils.http.urlsafe_base64_decode',
  'django.utils.http.urlunquote',
  'django.utils.http.urlquote',
  'django.utils.html.strip_tags',
  'os.path.abspath',
  'os.path.normpath',
  'os.path.realpath',
  'os.path.expanduser',
  'os.path.expandvars',
  'os.path.dirname',
  'os.fsencode',
  'os.fsdecode',
  'posixpath.normpath',
  'posixpath.abspath',
  'os.path.basename',
  'os.path.relpath',
  'os.path.normcase',
  'posixpath.basename',
  'posixpath.dirname',
  'ntpath.basename',
]);

/** Calls whose result is text built from all their arguments (paths, URLs). */
export const TEXT_OF_ALL = new Set([
  'os.path.join',
  'posixpath.join',
  'ntpath.join',
  'pathlib.Path',
  'pathlib.PurePath',
  'pathlib.PosixPath',
  'pathlib.PurePosixPath',
  'urllib.parse.urljoin',
  'urllib.parse.urlunparse',
  'urllib.parse.urlunsplit',
  'urllib.parse.urlencode',
  'django.utils.http.urlencode',
  'string.Template',
  'ldap.filter.filter_format',
]);

/** Calls whose result holds the first argument's data as it is (containers, copies, iterators). */
export const SAME_AS_FIRST = new Set([
  'list',
  'tuple',
  'set',
  'frozenset',
  'dict',
  'sorted',
  'reversed',
  'iter',
  'next',
  'enumerate',
  'copy.copy',
  'copy.deepcopy',
  'collections.OrderedDict',
  'collections.deque',
  'django.utils.safestring.SafeString',
  'django.utils.functional.lazy',
  'typing.cast',
]);

/** Calls whose result is structured data parsed from the first argument (its items are attacker data). */
export const PARSED_FROM_FIRST = new Set([
  'json.loads',
  'json.load',
  'urllib.parse.urlparse',
  'urllib.parse.urlsplit',
  'urllib.parse.parse_qs',
  'urllib.parse.parse_qsl',
  'shlex.split',
  'os.path.split',
  'os.path.splitext',
  'posixpath.split',
  'posixpath.splitext',
  'csv.reader',
  'csv.DictReader',
  'email.message_from_string',
  'email.message_from_bytes',
  'io.StringIO',
  'io.BytesIO',
  'django.http.QueryDict',
  'ast.literal_eval',
]);

/** `re` functions: the subject is the second argument (the pattern the first). */
export const REGEX_SUBJECT_SECOND = new Set(['re.match', 're.search', 're.fullmatch', 're.findall', 're.finditer', 're.split']);

/** Methods that build text from their arguments, whatever the receiver (`"…".format(x)`, `", ".join(xs)`). */
export const TEXT_METHODS = new Set(['format', 'format_map', 'join', 'replace', 'encode', 'decode', 'ljust', 'rjust', 'center', 'zfill']);

/** Methods that return a value stored in the receiver (`d.get(k, default)` can return the default). */
export const LOOKUP_METHODS = new Set(['get', 'setdefault', 'pop', 'getlist', 'popitem', 'copy', 'dict', 'items', 'values', 'keys', 'lists']);

/** Methods that put their arguments into the receiver. */
export const MUTATORS = new Set(['append', 'extend', 'insert', 'add', 'update', 'appendleft', 'extendleft', 'setdefault', 'setlist', 'appendlist']);
