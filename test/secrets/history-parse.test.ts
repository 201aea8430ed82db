/** The incremental parser of `git log -p` output, on hand-written logs. */
import { describe, expect, it } from 'vitest';
import { COMMIT_MARKER, HistoryParser, parseHistory, parseHunkHeader, parseNewPath, unquoteCString, type AddedLine } from '../../src/secrets/history-parse.js';

const c = (hash: string, date = '2024-01-01T00:00:00Z', author = 'Ada Lovelace') => `${COMMIT_MARKER}${hash}\x1f${date}\x1f${author}`;

const LOG = [
  c('c3', '2024-03-01T00:00:00+01:00', 'Mérge Person'),
  'diff --cc conf.py',
  'index b71176e,2df9c9a..594cdf7',
  '--- a/conf.py',
  '+++ b/conf.py',
  '@@@ -2,1 -2,1 +2,2 @@@ one',
  '- V=3',
  ' -V=2',
  '++V=SECRET_MARKER_3',
  ' +from_second_parent',
  '',
  c('c2'),
  'diff --git a/settings.py b/settings.py',
  'index 1111111..2222222 100644',
  '--- a/settings.py',
  '+++ b/settings.py',
  '@@ -3 +2,0 @@ B = 2',
  '-TOKEN = "SECRET_MARKER_1"',
  '@@ -10,2 +9,3 @@ def f():',
  '-old1',
  '-old2',
  '+new9',
  '+++ looks like a header but is content',
  '+new11\r',
  '@@ -20,0 +22 @@',
  '+last line without newline',
  '\\ No newline at end of file',
  'diff --git a/gone.py b/gone.py',
  'deleted file mode 100644',
  'index 3333333..0000000',
  '--- a/gone.py',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-x',
  '-y',
  'diff --git a/img.png b/img.png',
  'index 4444444..5555555 100644',
  'Binary files a/img.png and b/img.png differ',
  'diff --git a/legacy.py b/renamed.py',
  'similarity index 100%',
  'rename from legacy.py',
  'rename to renamed.py',
  'diff --git a/old name.py b/new name.py',
  'similarity index 80%',
  'rename from old name.py',
  'rename to new name.py',
  'index 6666666..7777777 100644',
  '--- a/old name.py\t',
  '+++ b/new name.py\t',
  '@@ -1 +1 @@',
  '-a',
  '+b SECRET_MARKER_2',
  '',
  c('c1', '2024-01-01T00:00:00Z', 'Ada\x1fWeird'),
  'diff --git "a/caf\\303\\251 \\"x\\".py" "b/caf\\303\\251 \\"x\\".py"',
  'new file mode 100644',
  'index 0000000..8888888',
  '--- /dev/null',
  '+++ "b/caf\\303\\251 \\"x\\".py"',
  '@@ -0,0 +1,2 @@',
  '+# é',
  `+${COMMIT_MARKER}not a commit`,
  'diff --git a/empty.py b/empty.py',
  'new file mode 100644',
  'index 0000000..e69de29',
  '',
].join('\n');

const key = (a: AddedLine) => `${a.commit} ${a.path}:${a.line} ${JSON.stringify(a.text)}`;

describe('HistoryParser', () => {
  const whole = parseHistory(LOG);

  it('reports added lines with their new-file line numbers', () => {
    expect(whole.map(key)).toEqual([
      'c3 conf.py:2 "V=SECRET_MARKER_3"',
      'c2 settings.py:9 "new9"',
      'c2 settings.py:10 "++ looks like a header but is content"',
      'c2 settings.py:11 "new11"',
      'c2 settings.py:22 "last line without newline"',
      'c2 new name.py:1 "b SECRET_MARKER_2"',
      `c1 café "x".py:1 "# é"`,
      `c1 café "x".py:2 ${JSON.stringify(`${COMMIT_MARKER}not a commit`)}`,
    ]);
    expect(whole[0]).toMatchObject({ authorDate: '2024-03-01T00:00:00+01:00', author: 'Mérge Person' });
    expect(whole.at(-1)).toMatchObject({ author: 'Ada\x1fWeird', authorDate: '2024-01-01T00:00:00Z' });
  });

  it('counts commits and lines, and announces commits', () => {
    const commits: string[] = [];
    const parser = new HistoryParser(() => undefined, { onCommit: (info, n) => commits.push(`${n}:${info.commit}`) });
    parser.push(LOG);
    parser.end();
    expect(commits).toEqual(['1:c3', '2:c2', '3:c1']);
    expect(parser.lines).toBe(whole.length);
    expect(parser.commits).toBe(3);
  });

  it('gives the same result whatever the chunking, including split UTF-8 bytes', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const bytes = Buffer.from(LOG, 'utf8');
    for (let round = 0; round < 200; round++) {
      const out: AddedLine[] = [];
      const parser = new HistoryParser((a) => out.push(a));
      const decoder = new TextDecoder();
      const max = round < 20 ? 1 : 1 + Math.floor(random() * 64);
      for (let i = 0; i < bytes.length; ) {
        const n = 1 + Math.floor(random() * max);
        parser.push(decoder.decode(bytes.subarray(i, i + n), { stream: true }));
        i += n;
      }
      parser.push(decoder.decode());
      parser.end();
      expect(out).toEqual(whole);
    }
  });

  it('handles a last line without newline and a log of one string per character', () => {
    const text = `${c('x')}\ndiff --git a/a b/a\n--- /dev/null\n+++ b/a\n@@ -0,0 +1 @@\n+end`;
    expect(parseHistory(text).map(key)).toEqual(['x a:1 "end"']);
    const out: AddedLine[] = [];
    const parser = new HistoryParser((a) => out.push(a));
    for (const ch of text) parser.push(ch);
    parser.end();
    expect(out.map(key)).toEqual(['x a:1 "end"']);
  });

  it('cuts lines longer than maxLineLength and flags them', () => {
    const text = `${c('x')}\n--- /dev/null\n+++ b/a\n@@ -0,0 +1,2 @@\n+${'z'.repeat(100)}\n+short\n`;
    const out: AddedLine[] = [];
    const parser = new HistoryParser((a) => out.push(a), { maxLineLength: 80 });
    for (let i = 0; i < text.length; i += 7) parser.push(text.slice(i, i + 7));
    parser.end();
    expect(out.map((a) => [a.line, a.text.length, a.truncated])).toEqual([
      [1, 79, true],
      [2, 5, undefined],
    ]);
  });

  it('reports only lines new to every parent of an octopus merge', () => {
    const text = [c('m'), 'diff --cc f', '--- a/f', '+++ b/f', '@@@@ -1,1 -1,1 -1,0 +1,3 @@@@', '+++all new', '  +from two', '-  gone', '+ +from one and three', ''].join('\n');
    expect(parseHistory(text).map(key)).toEqual(['m f:1 "all new"']);
  });
});

describe('helpers', () => {
  it('parses hunk headers', () => {
    expect(parseHunkHeader('@@ -3 +2,0 @@ ctx')).toEqual({ parents: 1, next: 2, newLeft: 0, oldLeft: [1] });
    expect(parseHunkHeader('@@@ -2,1 -2 +2,2 @@@')).toEqual({ parents: 2, next: 2, newLeft: 2, oldLeft: [1, 1] });
    expect(parseHunkHeader('@@ garbage @@')).toBeUndefined();
    expect(parseHunkHeader('@@ -1 +1')).toBeUndefined();
  });

  it('unquotes paths', () => {
    expect(parseNewPath('b/a b.py\t')).toBe('a b.py');
    expect(parseNewPath('/dev/null')).toBeUndefined();
    expect(parseNewPath('"b/tab\\there\\\\\\303\\251"')).toBe('tab\there\\é');
    expect(parseNewPath('"b/日本.py"')).toBe('日本.py');
    expect(unquoteCString('"unterminated')).toBeUndefined();
    expect(unquoteCString('"bad \\q"')).toBeUndefined();
  });
});
