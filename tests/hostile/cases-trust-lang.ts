/**
 * Issue 11 (lang): language tags from files, flags and memory records are folder names of the memory
 * (`<src>_<tgt>/`). A tag that is not a language (a path, an empty value, a NUL, a newline, 300
 * characters) is refused where it is read, naming the attribute, the file and the line; POSIX-style
 * tags (`ja_JP`) are read as `ja-JP`, so their units land where every reader looks.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openStore } from '../../src/io/store.js';
import { checksum } from '../../src/memory/codec.js';
import { unitId } from '../../src/memory/content.js';
import { spawnKioku } from '../support/spawn.js';
import { listTree } from '../support/tree.js';
import type { CaseContext, HostileCase } from './harness.js';
import { articleXliff, tbx, termEntry, tmx, tu, xliff12, xliff20 } from './builders.js';

/** The article's 2.0 job (as kioku exported it) with its root's language attributes replaced. */
const job20 = (attrs: string) => () => articleXliff('2.0').replace('srcLang="ja" trgLang="en"', attrs);
/** The article's 1.2 job with the `<file>` language attributes replaced. */
const job12 = (attrs: string) => () => articleXliff('1.2').replace('source-language="ja" target-language="en"', attrs);

/** `xml:lang` on the first `<target>` of the article's job. */
const targetLang = (version: '1.2' | '2.0', value: string) => () => {
  const xml = articleXliff(version);
  return version === '2.0'
    ? xml.replace('<target>', `<target xml:lang="${value}">`)
    : xml.replace('<target state="translated">', `<target xml:lang="${value}" state="translated">`);
};

/** A shard line re-sealed after an edit, as a tool that knows the format (or an attacker) would write it. */
function reseal(line: string): string {
  const body = line.replace(/,"sum":"[0-9a-f]{8}"\}$/, '}');
  return `${body.slice(0, -1)},"sum":"${checksum(body)}"}`;
}

/** Replaces the first record of memory/ja_en/units.jsonl by `edit(record)`, re-sealed. */
function editFirstRecord(edit: (line: string) => string) {
  return ({ memory }: CaseContext) => {
    const path = join(memory, 'ja_en', 'units.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[0] = reseal(edit(lines[0]!));
    writeFileSync(path, lines.join('\n'));
  };
}

/** A record id as kioku computes it (from the canonical tags, so only the folder and the record's spelling are off). */
const LEGACY_ID = unitId('ja', 'en', 'old.txt', '0123456789ab', '猫が窓辺で眠っている。');

/** `memory/JA_en/units.jsonl` holding one record with `"src":"JA"`: what an older kioku wrote for source-language="JA". */
function legacyUpperCaseFolder({ memory }: CaseContext): void {
  mkdirSync(join(memory, 'JA_en'));
  const record = {
    id: LEGACY_ID,
    src: 'JA',
    tgt: 'en',
    source: '猫が窓辺で眠っている。',
    target: 'A cat is asleep by the window.',
    state: 'translated',
    doc: 'old.txt',
    seg: '0123456789ab',
    created: '2025-01-01T00:00:00.000Z',
    changed: '2025-01-01T00:00:00.000Z',
    sum: '00000000',
  };
  writeFileSync(join(memory, 'JA_en', 'units.jsonl'), `${reseal(JSON.stringify(record))}\n`);
}

/** A new document (no export record: the file's own languages decide the pair) with one translated unit. */
const CAT = '<unit id="u1"><segment state="translated"><source>猫が窓辺で眠っている。</source><target>A cat is asleep by the window.</target></segment></unit>';

const TBX_BAD = () => tbx(termEntry('c1', '平壌', 'Pyongyang').replace('<langSec xml:lang="en">', '<langSec xml:lang="../../neighbour/en">'));

export const TRUST_LANG_CASES: readonly HostileCase[] = [
  // --- XLIFF: a path where a language belongs ------------------------------------------------------
  {
    category: 'paths',
    name: 'srcLang="ja_en/../ja" (2.0: the pair folder would be ja_en itself, shrunk to the new units) → import',
    files: { 'job.xlf': job20('srcLang="ja_en/../ja" trgLang="en"') },
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: job\.xlf:2:1: srcLang="ja_en\/\.\.\/ja" is not a language tag \(BCP 47, such as ja, en or en-US\); fix the attribute in the file$/,
  },
  {
    category: 'paths',
    name: 'source-language="../other/memory/ja" (1.2: another project\'s memory) → import',
    files: { 'job.xlf': job12('source-language="../other/memory/ja" target-language="en"') },
    args: ['import', 'job.xlf'],
    exit: 2,
    error:
      /^kioku: error: job\.xlf:3:3: source-language="\.\.\/other\/memory\/ja" is not a language tag \(BCP 47, such as ja, en or en-US\); fix the attribute in the file$/,
  },
  {
    category: 'paths',
    name: 'target-language="../../neighbour/memory/en" (1.2, aimed at the neighbouring project) → import',
    files: { 'job.xlf': job12('source-language="ja" target-language="../../neighbour/memory/en"') },
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: job\.xlf:3:3: target-language="\.\.\/\.\.\/neighbour\/memory\/en" is not a language tag/,
  },
  {
    category: 'paths',
    name: 'trgLang="../../neighbour/memory/ja" (2.0, aimed at the neighbouring project) → import',
    files: { 'job.xlf': job20('srcLang="ja" trgLang="../../neighbour/memory/ja"') },
    args: ['import', 'job.xlf'],
    exit: 2,
    error:
      /^kioku: error: job\.xlf:2:1: trgLang="\.\.\/\.\.\/neighbour\/memory\/ja" is not a language tag \(BCP 47, such as ja, en or en-US\); fix the attribute in the file$/,
  },
  {
    category: 'paths',
    name: '<target xml:lang="../../neighbour/memory/en"> (2.0) → import',
    files: { 'job.xlf': targetLang('2.0', '../../neighbour/memory/en') },
    args: ['import', 'job.xlf'],
    exit: 2,
    error:
      /^kioku: error: job\.xlf:8:\d+: xml:lang="\.\.\/\.\.\/neighbour\/memory\/en" is not a language tag \(BCP 47, such as ja, en or en-US\) \(unit 8554b01a130b\); fix the attribute in the file$/,
  },
  {
    category: 'paths',
    name: '<target xml:lang="en/../../x"> (1.2) → import',
    files: { 'job.xlf': targetLang('1.2', 'en/../../x') },
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: job\.xlf:8:\d+: xml:lang="en\/\.\.\/\.\.\/x" is not a language tag .*\(unit 8554b01a130b\)/,
  },
  {
    category: 'paths',
    name: '1.2 without target-language: the first <target xml:lang> is a path → import',
    files: { 'job.xlf': () => targetLang('1.2', '../escaped/en')().replace(' target-language="en"', '') },
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: job\.xlf:8:\d+: xml:lang="\.\.\/escaped\/en" is not a language tag/,
  },
  {
    category: 'paths',
    name: 'srcLang with a path → check (the same reader: nothing gets past it)',
    files: { 'job.xlf': job20('srcLang="../ja" trgLang="en"') },
    args: ['check', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: job\.xlf:2:1: srcLang="\.\.\/ja" is not a language tag/,
  },
  {
    category: 'paths',
    name: 'srcLang="" (an empty language attribute) → import',
    files: { 'job.xlf': job20('srcLang="" trgLang="en"') },
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: job\.xlf:2:1: srcLang="" is empty: a language tag is needed \(BCP 47, such as ja, en or en-US\); fix the attribute in the file$/,
  },
  {
    category: 'paths',
    name: 'trgLang with a newline (&#10;) inside → import',
    files: { 'job.xlf': job20('srcLang="ja" trgLang="en&#10;../../x"') },
    args: ['import', 'job.xlf'],
    exit: 2,
    // The newline is shown escaped; the one error line stays one line.
    error: /^kioku: error: job\.xlf:2:1: trgLang="en\\n\.\.\/\.\.\/x" is not a language tag/,
  },
  {
    category: 'paths',
    name: 'a 300-character srcLang (well-formed subtags, too long for a folder name) → import',
    files: { 'job.xlf': job20(`srcLang="ja${'-abcdefgh'.repeat(33)}" trgLang="en"`) },
    args: ['import', 'job.xlf'],
    exit: 2,
    // The value is quoted cut to 40 characters, so the line stays short.
    error: /^kioku: error: job\.xlf:2:1: srcLang="ja-abcdefgh-abcdefgh-abcdefgh-abcdefgh-a…" is 299 characters long, more than the 64 of a language tag/,
    check: (o) => expect(o.stderr.length).toBeLessThan(300),
  },
  {
    category: 'paths',
    name: 'a POSIX locale with a codeset (srcLang="ja_JP.UTF-8") → import',
    files: { 'job.xlf': job20('srcLang="ja_JP.UTF-8" trgLang="en"') },
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: job\.xlf:2:1: srcLang="ja_JP\.UTF-8" is a POSIX locale, not a language tag; write ja-JP; fix the attribute in the file$/,
  },
  {
    category: 'paths',
    name: 'POSIX-style srcLang="ja_JP" trgLang="en_US" (a new document) → import',
    files: { 'job.xlf': xliff20(CAT, 'srcLang="ja_JP" trgLang="en_US"') },
    args: ['import', 'job.xlf', '--json'],
    exit: 0,
    why: '`_` is read as `-`: the units are stored under ja-JP_en-US/, where every reader looks (an older kioku wrote ja_JP_en_US/, which no reader lists: units silently invisible)',
    memory: ({ memory }) => {
      expect(listTree(memory)).toContain('ja-JP_en-US/units.jsonl');
      expect(listTree(memory).some((p) => p.includes('_JP_') || p.includes('en_US'))).toBe(false);
      const fsck = openStore(memory).fsck();
      expect(fsck.ok && fsck.value.problems).toEqual([]);
      const content = openStore(memory).read();
      expect(content.ok && content.value.units.filter((u) => u.sourceLang === 'ja-JP' && u.targetLang === 'en-US').map((u) => u.target)).toEqual([
        'A cat is asleep by the window.',
      ]);
    },
    check: (o, ctx) => {
      expect(JSON.parse(o.stdout)).toMatchObject({ ok: true, added: 1 });
      // Another real process finds the unit, with the POSIX spelling of the language or without one.
      for (const args of [
        ['lookup', '猫が窓辺で眠っている。'],
        ['lookup', '猫が窓辺で眠っている。', '--source-lang', 'ja_JP', '--target-lang', 'en'],
      ]) {
        const r = spawnKioku(args, { cwd: ctx.dir });
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toContain('A cat is asleep by the window.');
      }
    },
  },
  {
    category: 'paths',
    name: 'POSIX-style 1.2 source-language="ja_JP" target-language="EN_us" of the exported article → import',
    files: { 'job.xlf': job12('source-language="ja_JP" target-language="EN_us"') },
    args: ['import', 'job.xlf', '--json'],
    exit: 0,
    why: 'ja-JP → en-US is the language pair the article was exported for (region aside), so the units are those of ja_en/ and no new folder appears',
    memory: ({ memory }) => {
      expect(listTree(memory).filter((p) => p.endsWith('.jsonl'))).toEqual(['ja_en/exports.jsonl', 'ja_en/units.jsonl']);
      const fsck = openStore(memory).fsck();
      expect(fsck.ok && fsck.value.problems).toEqual([]);
    },
    check: (o) => expect(JSON.parse(o.stdout)).toMatchObject({ ok: true, added: 0 }),
  },
  // --- TMX --------------------------------------------------------------------------------------------
  {
    category: 'paths',
    name: 'TMX header srclang="../escaped/ja" → tmx import',
    files: { 'x.tmx': tmx(tu('猫が窓辺で眠っている。', 'A cat is asleep by the window.'), 'srclang="../escaped/ja"') },
    args: ['tmx', 'import', 'x.tmx', '--source-lang', 'ja', '--target-lang', 'en'],
    exit: 2,
    error:
      /^kioku: error: x\.tmx:3:1: srclang="\.\.\/escaped\/ja" is not a language tag \(BCP 47, such as ja, en or en-US\); fix the attribute in the file, or rename the tag with --map FROM=TO$/,
  },
  {
    category: 'paths',
    name: 'TMX <tuv xml:lang="../escaped/ja"> → tmx import',
    files: {
      'x.tmx': tmx(
        tu('猫が窓辺で眠っている。', 'A cat is asleep by the window.', ' tuid="t1"').replace('<tuv xml:lang="ja">', '<tuv xml:lang="../escaped/ja">'),
      ),
    },
    args: ['tmx', 'import', 'x.tmx'],
    exit: 2,
    error: /^kioku: error: x\.tmx:5:\d+: xml:lang="\.\.\/escaped\/ja" is not a language tag .*\(unit t1\); fix the attribute in the file/,
  },
  {
    category: 'paths',
    name: 'TMX 1.1 <tuv lang="../../neighbour/memory/en"> (OmegaT\'s attribute) → tmx import',
    files: {
      'x.tmx': tmx(
        '<tu><tuv lang="JA"><seg>猫が窓辺で眠っている。</seg></tuv><tuv lang="../../neighbour/memory/en"><seg>A cat is asleep by the window.</seg></tuv></tu>',
        'srclang="JA"',
      ).replace('<tmx version="1.4">', '<tmx version="1.1">'),
    },
    args: ['tmx', 'import', 'x.tmx'],
    exit: 2,
    error: /^kioku: error: x\.tmx:5:\d+: lang="\.\.\/\.\.\/neighbour\/memory\/en" is not a language tag/,
  },
  {
    category: 'paths',
    name: 'TMX adminlang that is no tag → tmx import',
    files: { 'x.tmx': () => tmx(tu('猫が窓辺で眠っている。', 'A cat is asleep by the window.')).replace('adminlang="en"', 'adminlang="en/.."') },
    args: ['tmx', 'import', 'x.tmx'],
    exit: 2,
    error: /^kioku: error: x\.tmx:3:1: adminlang="en\/\.\." is not a language tag/,
  },
  {
    category: 'paths',
    name: 'TMX srclang="*all*" with POSIX and upper-case tags → tmx import',
    files: {
      'x.tmx': tmx(
        '<tu><tuv xml:lang="JA_jp"><seg>猫が窓辺で眠っている。</seg></tuv><tuv xml:lang="en_us"><seg>A cat is asleep by the window.</seg></tuv></tu>',
        'srclang="*all*"',
      ),
    },
    args: ['tmx', 'import', 'x.tmx', '--source-lang', 'ja', '--target-lang', 'en', '--json'],
    exit: 0,
    why: "*all* is TMX's own value for the header; the variants' tags are read canonically and fit ja→en, so the unit joins the memory's ja_en/",
    memory: ({ memory }) => {
      expect(listTree(memory).filter((p) => p.endsWith('.jsonl'))).toEqual(['ja_en/exports.jsonl', 'ja_en/units.jsonl']);
      const content = openStore(memory).read();
      expect(content.ok && content.value.units.length).toBe(59);
    },
    check: (o) => expect(JSON.parse(o.stdout)).toMatchObject({ added: 1, sourceLang: 'ja', targetLang: 'en' }),
  },
  {
    category: 'paths',
    name: '--map EN=../x (a mapping onto a path) → tmx import',
    files: { 'x.tmx': tmx(tu('猫が窓辺で眠っている。', 'A cat is asleep by the window.')) },
    args: ['tmx', 'import', 'x.tmx', '--map', 'EN=../x'],
    exit: 2,
    usage: true,
    error:
      /^kioku: error: option '--map <from=to>' argument 'EN=\.\.\/x' is invalid\. expected a language tag \(BCP 47\) such as ja, en or en-US\. \(run kioku tmx import --help for usage\)$/,
  },
  // --- TBX and CSV glossaries ---------------------------------------------------------------------------
  {
    category: 'paths',
    name: 'a TBX glossary with xml:lang="../../neighbour/en" → check --glossary',
    files: { 'a.xlf': () => articleXliff('2.0'), 'terms.tbx': TBX_BAD },
    args: ['check', 'a.xlf', '--glossary', 'terms.tbx', '--no-memory'],
    exit: 2,
    error:
      /^kioku: error: terms\.tbx:4:\d+: xml:lang="\.\.\/\.\.\/neighbour\/en" is not a language tag \(BCP 47, such as ja, en or en-US\); fix the attribute in the file$/,
  },
  {
    category: 'paths',
    name: 'a CSV glossary whose language column holds a NUL → check --glossary',
    files: { 'a.xlf': () => articleXliff('2.0'), 'terms.csv': 'ja,en\u0000\n北朝鮮,North Korea\n' },
    args: ['check', 'a.xlf', '--glossary', 'terms.csv', '--no-memory'],
    exit: 2,
    // The input layer refuses a NUL in any text before a header is read (a CSV header "en/../x" is an unknown column).
    error: /^kioku: error: terms\.csv: not UTF-8 text: found binary data \(a NUL byte\) at byte 5; give a text file$/,
  },
  {
    category: 'paths',
    name: 'a CSV glossary with POSIX-style language columns (ja_JP,en_US) → check --glossary',
    files: { 'a.xlf': () => articleXliff('2.0'), 'terms.csv': 'ja_JP,en_US\n北朝鮮,Pyongyang\n' },
    args: ['check', 'a.xlf', '--glossary', 'terms.csv', '--no-memory', '--format', 'json'],
    exit: 1,
    why: 'the columns are read as ja-JP and en-US, which fit the ja→en job (region aside), so the glossary applies: exit 1 is "findings" (北朝鮮 translated without "Pyongyang")',
    check: (o) => expect(JSON.parse(o.stdout).findings.some((f: { rule: string }) => f.rule === 'glossary-term')).toBe(true),
  },
  // --- flags ----------------------------------------------------------------------------------------
  {
    category: 'paths',
    name: "--target-lang 'en/../..' (the default output name holds the language) → export",
    files: { 'article.ja.txt': 'クレムリンは動いている。\n' },
    args: ['export', 'article.ja.txt', '--target-lang', 'en/../..'],
    exit: 2,
    usage: true,
    error: /^kioku: error: option '--target-lang <lang>' argument 'en\/\.\.\/\.\.' is invalid\. expected a language tag \(BCP 47\) such as ja, en or en-US\. /,
  },
  {
    category: 'paths',
    name: '--source-lang ../x → export',
    files: { 'article.ja.txt': 'クレムリンは動いている。\n' },
    args: ['export', 'article.ja.txt', '--source-lang', '../x', '--target-lang', 'en'],
    exit: 2,
    usage: true,
    error: /^kioku: error: option '--source-lang <lang>' argument '\.\.\/x' is invalid\. expected a language tag/,
  },
  {
    category: 'paths',
    name: "--target-lang 'en/../..' → import",
    files: { 'job.xlf': () => articleXliff('2.0') },
    args: ['import', 'job.xlf', '--target-lang', 'en/../..'],
    exit: 2,
    usage: true,
    error: /^kioku: error: option '--target-lang <lang>' argument 'en\/\.\.\/\.\.' is invalid\. expected a language tag/,
  },
  {
    category: 'paths',
    name: '--source-lang ../x and --target-lang ja_JP.UTF-8 → tmx import',
    files: { 'x.tmx': tmx(tu('猫が窓辺で眠っている。', 'A cat is asleep by the window.')) },
    args: ['tmx', 'import', 'x.tmx', '--target-lang', 'ja_JP.UTF-8', '--source-lang', '../x'],
    exit: 2,
    usage: true,
    error:
      /^kioku: error: option '--target-lang <lang>' argument 'ja_JP\.UTF-8' is invalid\. expected a language tag \(BCP 47\) such as ja, en or en-US \("ja_JP\.UTF-8" is a POSIX locale, not a language tag; write ja-JP\)\. /,
  },
  {
    category: 'paths',
    name: '--srclang ../../neighbour → tmx import',
    files: { 'x.tmx': tmx(tu('猫が窓辺で眠っている。', 'A cat is asleep by the window.')) },
    args: ['tmx', 'import', 'x.tmx', '--srclang', '../../neighbour'],
    exit: 2,
    usage: true,
    error: /^kioku: error: option '--srclang <lang>' argument '\.\.\/\.\.\/neighbour' is invalid\. expected a language tag/,
  },
  // --- memory records -----------------------------------------------------------------------------
  {
    category: 'paths',
    name: 'a record whose "src" is a path (re-sealed: the checksum fits) → lookup',
    setup: editFirstRecord((l) => l.replace('"src":"ja"', '"src":"../../neighbour/memory/ja"')),
    args: ['lookup', 'クレムリンは北朝鮮との関係を深めるために迅速に動いている。'],
    exit: 2,
    error:
      /^kioku: error: memory\/ja_en\/units\.jsonl:1: the memory is damaged: the record's "src" "\.\.\/\.\.\/neighbour\/memory\/ja" is not a language tag \(BCP 47, such as ja, en or en-US\); run kioku memory fsck/,
  },
  {
    category: 'paths',
    name: 'a record whose "tgt" holds a NUL (re-sealed) → import',
    setup: editFirstRecord((l) => l.replace('"tgt":"en"', '"tgt":"en\\u0000"')),
    files: { 'job.xlf': () => articleXliff('2.0') },
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/units\.jsonl:1: the memory is damaged: the record's "tgt" "en\\u0000" is not a language tag/,
  },
  {
    category: 'paths',
    name: 'a record whose "src" is a path → memory fsck',
    setup: editFirstRecord((l) => l.replace('"src":"ja"', '"src":"ja_en/../ja"')),
    args: ['memory', 'fsck'],
    exit: 1,
    why: 'fsck exit 1 means problems found: the record is reported with file:line as invalid (and left alone without --fix)',
    check: (o) => expect(o.stdout).toMatch(/ja_en\/units\.jsonl:1: invalid: the record's "src" "ja_en\/\.\.\/ja" is not a language tag/),
  },
  {
    category: 'paths',
    name: 'a pair folder an older kioku wrote in another case (JA_en/, records "JA") → lookup',
    setup: legacyUpperCaseFolder,
    args: ['lookup', '猫が窓辺で眠っている。'],
    exit: 0,
    why: 'its tags are read canonically (JA → ja), so its units are found; the folder is reported by fsck (next case) and moved by fsck --fix',
    check: (o) => expect(o.stdout).toContain('A cat is asleep by the window.'),
  },
  {
    category: 'paths',
    name: 'a pair folder an older kioku wrote in another case (JA_en/) → memory fsck',
    setup: legacyUpperCaseFolder,
    args: ['memory', 'fsck'],
    exit: 1,
    why: 'fsck exit 1 means problems found: the record is where no canonical writer puts it',
    check: (o) => {
      expect(o.stdout).toMatch(new RegExp(`JA_en/units\\.jsonl:1: misplaced: record ${LEGACY_ID} belongs in ja_en/units`));
      expect(o.stdout).toMatch(/JA_en\/units\.jsonl:1: noncanonical: /);
    },
  },
  {
    category: 'paths',
    name: 'a pair folder an older kioku wrote in another case (JA_en/) → memory fsck --fix',
    setup: legacyUpperCaseFolder,
    args: ['memory', 'fsck', '--fix'],
    exit: 0,
    why: "the repair: the record is rewritten, canonically, into ja_en/ beside the article's units",
    memory: ({ memory }) => {
      expect(listTree(memory).filter((p) => p.endsWith('.jsonl'))).toEqual(['ja_en/exports.jsonl', 'ja_en/units.jsonl']);
      const fsck = openStore(memory).fsck();
      expect(fsck.ok && fsck.value.problems).toEqual([]);
      const content = openStore(memory).read();
      expect(content.ok && content.value.units.find((u) => u.id === LEGACY_ID)).toMatchObject({
        sourceLang: 'ja',
        targetLang: 'en',
        target: 'A cat is asleep by the window.',
      });
    },
  },
  {
    category: 'paths',
    name: "the article's units in a folder an older kioku named with POSIX tags (ja_JP_en_US/) → memory fsck",
    setup: ({ memory }) => renameSync(join(memory, 'ja_en'), join(memory, 'ja_JP_en_US')),
    args: ['memory', 'fsck', '--fix'],
    exit: 1,
    why: 'no reader looks in that folder, so its 58 units would be invisible: fsck names it and where its files belong, and --fix moves nothing it did not write',
    check: (o) => {
      expect(o.stdout).toMatch(
        /ja_JP_en_US\/: misnamed: the folder holds 2 store files, but its name is not how kioku writes this language pair \(ja-JP_en-US\/\)/,
      );
      expect(o.stdout).toContain('1 problem(s) left for you to resolve');
    },
  },
];
