/**
 * Issue 11 (content): what a file says is either stored faithfully or refused. Inline codes the memory
 * cannot hold yet (XLIFF and TMX), characters only XLIFF 2.0's `<cp>` can carry, DOCTYPE internal
 * subsets whose defaults kioku would not apply; and the low items: translate="no" in the counts, byte
 * offsets for broken UTF-16, one file named twice, a rejection line quoting a 1.5 MB source.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { BilingualDocument } from '../../src/model.js';
import { openStore } from '../../src/io/store.js';
import type { CaseContext, HostileCase } from './harness.js';
import { articleXliff, editFirstSource, encodeUtf16, tmx, tu } from './builders.js';

/** The article's first unit, translated in both exports (line 6 of the 1.2 file, line 5 of the 2.0 one). */
const FIRST = '8554b01a130b';
const FIRST_TARGET = 'International Affairs</target>';

/** The article as kioku exports it, with the first unit's target (or source) edited as another tool writes it. */
function edited(version: '1.2' | '2.0', from: string, to: string): () => string {
  return () => {
    const text = articleXliff(version);
    if (!text.includes(from)) throw new Error(`not in the article's XLIFF ${version}: ${from}`);
    return text.replace(from, to);
  };
}

/** The first unit's target with an inline code inside it, as a CAT tool writes a placeholder. */
const codes = (version: '1.2' | '2.0', inner: string) => edited(version, FIRST_TARGET, `International ${inner}Affairs</target>`);

/** The rejection line of an inline-code unit, and the summary after it. */
const codesLine = (file: string, line: number, what: string, code: string) =>
  new RegExp(
    `^kioku: error: ${file.replace('.', '\\.')}:${line}: ${what} inline codes \\(${code}\\); kioku cannot store inline codes yet, so nothing was imported \\(unit ${FIRST}\\); leave this unit untranslated`,
  );

const summaryLine = (o: { stderr: string }) =>
  expect(o.stderr.split('\n')[1]).toMatch(/^kioku: error: 1 unit rejected; nothing was imported \(memory unchanged\)/);

const cp = (hex: string) => edited('2.0', FIRST_TARGET, `International Affairs<cp hex="${hex}"/></target>`);

/** A translated first unit whose target carries no state: translated, unless a DTD default says otherwise. */
const stateless = () => articleXliff('1.2').replace('<target state="translated">International Affairs', '<target>International Affairs');
const withDoctype = (text: string, subset: string) => text.replace(/^(<\?xml[^>]*\?>\n)/, `$1<!DOCTYPE xliff [${subset}]>\n`);

/** The memory after a successful import or tmx import: still clean, with `added` more units. */
function grew(added: number) {
  return ({ memory }: CaseContext) => {
    const fsck = openStore(memory).fsck();
    expect(fsck.ok && fsck.value.problems).toEqual([]);
    const content = openStore(memory).read();
    expect(content.ok && content.value.units.length).toBe(58 + added);
  };
}

/** Edits the source of the first translated unit: 1.5 MB appended, as a paste gone wrong. */
const hugeSource = editFirstSource((source) => `${source}${'韓'.repeat(500_000)}`);

/** A TMX whose second unit has level-2 codes (`<bpt>`/`<ept>` around the bold word) in both languages. */
const LEVEL2 = tmx(
  [
    tu('猫が好きです。', 'I like cats.'),
    tu(
      '今日は<bpt i="1">&lt;b&gt;</bpt>晴れ<ept i="1">&lt;/b&gt;</ept>です。',
      'It is <bpt i="1">&lt;b&gt;</bpt>sunny<ept i="1">&lt;/b&gt;</ept> today.',
      ' tuid="bold"',
    ),
    tu('犬が好きです。', 'I like dogs.'),
  ].join('\n'),
);

/** The article as UTF-16 LE with a BOM, broken at a known code unit. */
function brokenUtf16(kind: 'lone surrogate' | 'odd byte'): () => Uint8Array {
  return () => {
    const text = articleXliff('1.2');
    if (kind === 'odd byte') {
      const bytes = encodeUtf16(text, 'le', true);
      const out = new Uint8Array(bytes.length + 1);
      out.set(bytes);
      out[bytes.length] = 0x41;
      return out;
    }
    const at = text.indexOf('International');
    return encodeUtf16(`${text.slice(0, at)}\ud800${text.slice(at)}`, 'le', true);
  };
}
/** Where brokenUtf16('lone surrogate') breaks: after the BOM, two bytes per code unit. */
const loneSurrogateAt = () => 2 + 2 * articleXliff('1.2').indexOf('International');

export const TRUST_CONTENT_CASES: readonly HostileCase[] = [
  // --- Inline codes: the memory holds plain text, so a unit with codes is refused, not stored in part.
  {
    category: 'semantics',
    name: 'a <ph> in a 1.2 target (Click <ph id="1">%s</ph>) → import',
    files: { 'a.xlf': codes('1.2', '<ph id="1">%s</ph>') },
    args: ['import', 'a.xlf'],
    exit: 2,
    errorLines: 2,
    error: codesLine('a.xlf', 6, 'the target has', '<ph id="1">'),
    check: summaryLine,
  },
  {
    category: 'semantics',
    name: 'a <x/> in a 1.2 target (line<x/>break) → import',
    files: { 'a.xlf': edited('1.2', FIRST_TARGET, 'International<x id="1"/>Affairs</target>') },
    args: ['import', 'a.xlf'],
    exit: 2,
    errorLines: 2,
    error: codesLine('a.xlf', 6, 'the target has', '<x id="1">'),
    check: summaryLine,
  },
  {
    category: 'semantics',
    name: 'a <ph/> in a 2.0 target → import',
    files: { 'a.xlf': codes('2.0', '<ph id="1" equiv="%s"/>') },
    args: ['import', 'a.xlf'],
    exit: 2,
    errorLines: 2,
    error: codesLine('a.xlf', 5, 'the target has', '<ph id="1">'),
    check: summaryLine,
  },
  {
    category: 'semantics',
    name: 'a 1.2 <x/> in a 2.0 target → import',
    // XLIFF 2.0 has no <x>: the reader refuses the element itself, where it stands.
    files: { 'a.xlf': codes('2.0', '<x/>') },
    args: ['import', 'a.xlf'],
    exit: 2,
    error: new RegExp(`^kioku: error: a\\.xlf:8:\\d+: unexpected <x> inside <target> \\(unit ${FIRST}\\)$`),
  },
  {
    category: 'semantics',
    name: 'inline codes in the source only (<g> around it) → import',
    files: { 'a.xlf': edited('1.2', '<source>国際問題</source>', '<source><g id="1">国際問題</g></source>') },
    args: ['import', 'a.xlf'],
    exit: 2,
    errorLines: 2,
    error: codesLine('a.xlf', 6, 'the source has', '<g id="1">'),
    check: summaryLine,
  },
  {
    category: 'semantics',
    name: 'inline codes in a target → check (reads, stores nothing)',
    files: { 'a.xlf': codes('1.2', '<ph id="1">%s</ph>') },
    args: ['check', 'a.xlf', '--no-memory', '--format', 'json'],
    exit: 1,
    why: "check only reads: the file is checked like any other (exit 1 for the unfinished job's findings), and its tags rule sees the code the source lacks",
    check: (o) => {
      const findings = (JSON.parse(o.stdout) as { findings: Array<{ unit: string; rule: string }> }).findings;
      expect(findings.filter((f) => f.unit === FIRST).map((f) => f.rule)).toContain('tags');
    },
  },
  {
    category: 'semantics',
    name: 'TMX level 2: <bpt>/<ept> in a unit → tmx import',
    files: { 'codes.tmx': LEVEL2 },
    args: ['tmx', 'import', 'codes.tmx'],
    exit: 2,
    error:
      /^kioku: error: codes\.tmx:6:\d+: a translation unit has inline codes \(<bpt>, <ept>\); kioku cannot store inline codes yet, so nothing was imported \(unit bold\); pass --strip-codes to import their text without the codes/,
  },
  {
    category: 'semantics',
    name: 'TMX level 2 with --strip-codes → tmx import',
    files: { 'codes.tmx': LEVEL2 },
    args: ['tmx', 'import', 'codes.tmx', '--strip-codes'],
    exit: 0,
    why: 'the user asked for the text without the codes (a lossy import, named so); the output says how many units lost their codes',
    memory: grew(3),
    check: (o) => {
      expect(o.stdout).toMatch(/added 3, updated 0, unchanged 0, skipped 0, inline codes dropped from 1\n$/);
    },
  },

  // --- Characters only XLIFF 2.0's <cp> can carry: the memory could not write them back.
  {
    category: 'semantics',
    name: 'a <cp hex="1B"/> (ESC) in a 2.0 target → import',
    files: { 'a.xlf': cp('1B') },
    args: ['import', 'a.xlf'],
    exit: 2,
    error: new RegExp(
      `^kioku: error: a\\.xlf:8:\\d+: the target holds U\\+001B \\(ESC\\) as <cp hex="1B"/>, which XLIFF 1\\.2 and TMX cannot carry \\(unit ${FIRST}\\); remove it`,
    ),
  },
  {
    category: 'semantics',
    name: 'a <cp hex="0"/> (NUL) in a 2.0 target → import',
    files: { 'a.xlf': cp('0') },
    args: ['import', 'a.xlf'],
    exit: 2,
    error: new RegExp(
      `^kioku: error: a\\.xlf:8:\\d+: the target holds U\\+0000 \\(NUL\\) as <cp hex="0"/>, which XLIFF 1\\.2 and TMX cannot carry \\(unit ${FIRST}\\); remove it`,
    ),
  },
  {
    category: 'semantics',
    name: 'a <cp hex="1B"/> in a 2.0 target → check (reads, stores nothing)',
    files: { 'a.xlf': cp('1B') },
    args: ['check', 'a.xlf', '--no-memory'],
    exit: 1,
    why: "check only reads: the character is part of the text (XLIFF 2.0 allows it through <cp>) and is shown escaped; exit 1 for the unfinished job's findings",
  },
  {
    category: 'semantics',
    name: 'a <cp hex="D800"/> (a surrogate) → import',
    files: { 'a.xlf': cp('D800') },
    args: ['import', 'a.xlf'],
    exit: 2,
    error: new RegExp(
      `^kioku: error: a\\.xlf:8:\\d+: <cp hex="D800"/> names a surrogate \\(U\\+D800\\), which is half of a UTF-16 pair, not a character \\(unit ${FIRST}\\)$`,
    ),
  },
  {
    category: 'semantics',
    name: 'a <cp hex="110000"/> (beyond Unicode) → import',
    files: { 'a.xlf': cp('110000') },
    args: ['import', 'a.xlf'],
    exit: 2,
    error: new RegExp(`^kioku: error: a\\.xlf:8:\\d+: <cp hex="110000"/> is beyond U\\+10FFFF, the last Unicode code point \\(unit ${FIRST}\\)$`),
  },
  {
    category: 'semantics',
    name: 'a <cp hex="zz"/> (not hex) → import',
    files: { 'a.xlf': cp('zz') },
    args: ['import', 'a.xlf'],
    exit: 2,
    error: new RegExp(
      `^kioku: error: a\\.xlf:8:\\d+: <cp hex="zz"/> is not a code point: hex must be hexadecimal digits, e\\.g\\. hex="1B" \\(unit ${FIRST}\\)$`,
    ),
  },

  // --- DOCTYPE internal subsets: defaults every DTD-aware reader applies and kioku would not.
  {
    category: 'xml',
    name: 'a DOCTYPE whose ATTLIST defaults the target state to needs-translation (XLIFF) → import',
    // Without the gate the first unit would be stored as translated; to the translator's tool it is not.
    files: { 'a.xlf': () => withDoctype(stateless(), ' <!ATTLIST target state CDATA "needs-translation"> ') },
    args: ['import', 'a.xlf'],
    exit: 2,
    error:
      /^kioku: error: a\.xlf:2:17: not accepted as XML: a DOCTYPE with an internal subset \(\[ … \]\) can declare defaults kioku would not apply; remove the internal subset/,
  },
  {
    category: 'xml',
    name: 'a DOCTYPE with an ATTLIST default in a TMX → tmx import',
    files: { 'a.tmx': tmx(tu('猫が好きです。', 'I like cats.')).replace(/^(<\?xml[^>]*\?>\n)/, '$1<!DOCTYPE tmx [<!ATTLIST prop type CDATA "x-state">]>\n') },
    args: ['tmx', 'import', 'a.tmx'],
    exit: 2,
    error:
      /^kioku: error: a\.tmx:2:15: not accepted as XML: a DOCTYPE with an internal subset \(\[ … \]\) can declare defaults kioku would not apply; remove the internal subset/,
  },
  {
    category: 'xml',
    name: 'a DOCTYPE whose internal subset holds only a comment → check',
    files: { 'a.xlf': () => withDoctype(articleXliff('1.2'), '<!-- nothing here -->') },
    args: ['check', 'a.xlf', '--no-memory'],
    exit: 2,
    error: /^kioku: error: a\.xlf:2:17: not accepted as XML: a DOCTYPE with an internal subset \(\[ … \]\)/,
  },

  // --- Low items.
  {
    category: 'semantics',
    name: 'translate="no" units are counted among the skipped → import',
    files: {
      'a.xlf': () =>
        articleXliff('1.2').replace(/<trans-unit id="([0-9a-f]{12})">/g, (m, id: string, at: number) =>
          at > 3000 ? `<trans-unit id="${id}" translate="no">` : m,
        ),
    },
    args: ['import', 'a.xlf'],
    exit: 0,
    why: 'units marked translate="no" are not for translation: nothing to store, but the counts must add up to every unit of the file (issue 11: they were missing)',
    check: (o) => {
      const m =
        /^a\.xlf \(article\.ja\.txt\): added 0, updated 0, unchanged (\d+), skipped (\d+), rejected 0\n(\d+) of the skipped units are marked translate="no" \(not for translation\)\n$/.exec(
          o.stdout,
        );
      expect(m, o.stdout).not.toBeNull();
      const [unchanged, skipped, no] = [Number(m![1]), Number(m![2]), Number(m![3])];
      expect(unchanged + skipped).toBe(58);
      expect(no).toBeGreaterThan(10);
    },
  },
  {
    category: 'semantics',
    name: 'translate="no" units in --json → import --json',
    files: {
      'a.xlf': () =>
        articleXliff('2.0').replace(/<unit id="([0-9a-f]{12})">/g, (m, id: string, at: number) => (at > 3000 ? `<unit id="${id}" translate="no">` : m)),
    },
    args: ['import', 'a.xlf', '--json'],
    exit: 0,
    why: 'the JSON report counts translate="no" units (notTranslatable, also inside skipped), so a script sees every unit of the file',
    check: (o) => {
      const r = JSON.parse(o.stdout) as { unchanged: number; skipped: number; notTranslatable: number; files: Array<{ notTranslatable: number }> };
      expect(r.unchanged + r.skipped).toBe(58);
      expect(r.notTranslatable).toBeGreaterThan(10);
      expect(r.files[0]!.notTranslatable).toBe(r.notTranslatable);
    },
  },
  {
    category: 'bytes',
    name: 'invalid UTF-16 (a lone surrogate after a BOM) → import',
    files: { 'u16.xlf': brokenUtf16('lone surrogate') },
    args: ['import', 'u16.xlf'],
    exit: 2,
    error: /^kioku: error: u16\.xlf: the bytes are not valid utf-16le: a lone high surrogate U\+D800 at byte offset (\d+); check the --encoding value$/,
    check: (o) => expect(Number(/byte offset (\d+)/.exec(o.stderr)![1])).toBe(loneSurrogateAt()),
  },
  {
    category: 'bytes',
    name: 'invalid UTF-16 (an odd number of bytes) → import',
    files: { 'u16.xlf': brokenUtf16('odd byte') },
    args: ['import', 'u16.xlf'],
    exit: 2,
    error: /^kioku: error: u16\.xlf: the bytes are not valid utf-16le: an odd number of bytes, half a character at byte offset \d+; /,
    check: (o) => expect(Number(/byte offset (\d+)/.exec(o.stderr)![1])).toBe(encodeUtf16(articleXliff('1.2'), 'le', true).length),
  },
  {
    category: 'paths',
    name: 'the same file twice (import a.xlf a.xlf)',
    files: { 'a.xlf': articleXliff('1.2') },
    args: ['import', 'a.xlf', 'a.xlf'],
    exit: 0,
    why: 'one file named twice is one file: read once (its units would otherwise all "also come from" itself, 59 lines)',
    check: (o) =>
      expect(o.stdout).toBe('a.xlf: the same file as a.xlf, read once\na.xlf (article.ja.txt): added 0, updated 0, unchanged 5, skipped 53, rejected 0\n'),
  },
  {
    category: 'paths',
    name: 'the same file by two names (import a.xlf ./a.xlf)',
    files: { 'a.xlf': articleXliff('1.2') },
    args: ['import', 'a.xlf', './a.xlf'],
    exit: 0,
    why: 'the names resolve to one file: read once, under the first name',
    check: (o) =>
      expect(o.stdout).toBe('./a.xlf: the same file as a.xlf, read once\na.xlf (article.ja.txt): added 0, updated 0, unchanged 5, skipped 53, rejected 0\n'),
  },
  {
    category: 'paths',
    name: 'the same file through a symlink (import link.xlf a.xlf)',
    files: { 'a.xlf': articleXliff('1.2') },
    setup: ({ dir }) => symlinkSync('a.xlf', join(dir, 'link.xlf')),
    args: ['import', 'link.xlf', 'a.xlf'],
    exit: 0,
    why: 'a link and its target are one file (compared by real path): read once, under the first name given',
    check: (o) =>
      expect(o.stdout).toBe(
        'a.xlf: the same file as link.xlf, read once\nlink.xlf (article.ja.txt): added 0, updated 0, unchanged 5, skipped 53, rejected 0\n',
      ),
  },
  {
    category: 'output',
    name: 'a 1.5 MB edited source → import (the rejection line is capped)',
    files: { 'a.xlf': () => articleXliff('1.2', hugeSource) },
    args: ['import', 'a.xlf'],
    exit: 2,
    errorLines: 2,
    error:
      /^kioku: error: a\.xlf:6: the source was changed by the translator; diff \(exported → returned\): 国際問題\{\+韓+… \(\d+ more characters\)\+\} \(unit 8554b01a130b\)$/,
    check: (o) => {
      expect(o.stderr.split('\n')[0]!.length).toBeLessThan(2000);
      summaryLine(o);
    },
  },
];
