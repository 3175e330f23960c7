/**
 * Store paths come only from language tags (issue 11): pairDir refuses anything else, records' tags
 * are validated and read canonically, and folders no reader looks at are reported (pairFolderProblem).
 */
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeExport, encodeUnit, layoutStore, pairDir, pairFolder, pairFolderProblem, parseStore, StorePathError, unitPath } from '../../src/memory/codec.js';
import { upsertUnits } from '../../src/memory/content.js';
import { openStore } from '../../src/io/store.js';
import { parseLanguageTag } from '../../src/text/lang.js';
import { hashTree } from '../support/tree.js';
import { unit } from './builders.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('pairDir', () => {
  it('names a pair folder after two language tags', () => {
    expect(pairDir('ja', 'en')).toBe('ja_en');
    expect(pairDir('zh-Hant-TW', 'en-US')).toBe('zh-Hant-TW_en-US');
  });

  it('refuses what is not a language tag: a bug in a reader, stopped before any path exists', () => {
    for (const bad of [
      'ja_en/../ja',
      '../other/memory/ja',
      '../escaped/ja',
      'ja/..',
      '',
      ' ',
      'ja_JP',
      'ja.en',
      'ja\u0000',
      'ja\nen',
      'a'.repeat(65),
      '*all*',
      '..',
    ]) {
      expect(() => pairDir(bad, 'en'), JSON.stringify(bad)).toThrow(StorePathError);
      expect(() => pairDir('ja', bad), JSON.stringify(bad)).toThrow(StorePathError);
    }
  });

  it('writes only canonical folders: a unit in another spelling is refused by the layout', () => {
    // A derived cache written before may still name a pair en-us; comparing with it keeps working.
    expect(pairDir('ja', 'en-us')).toBe('ja_en-us');
    const spelled = unit('猫。', 'A cat.', { tgt: 'en-us' });
    expect(() => unitPath(spelled, false)).toThrow(/not in canonical form/);
    expect(() => layoutStore({ units: [spelled], exports: [] })).toThrow(StorePathError);
  });

  it("refuses a library caller's unit whose language is a path, leaving the memory as it was", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kioku-langpath-'));
    dirs.push(dir);
    const memory = join(dir, 'memory');
    const store = openStore(memory);
    expect(store.update((c) => ({ ok: true, value: upsertUnits(c, [unit('猫。', 'A cat.')]) })).ok).toBe(true);
    const before = hashTree(memory);
    const evil = unit('犬。', 'A dog.', { src: '../../escaped/ja' });
    // An error result (one line at the CLI), not a throw: nothing was written.
    const refused = /^refusing to write a pair folder named after "\.\.\/\.\.\/escaped\/ja" in the memory: not a file of the memory layout/;
    const r1 = store.update((c) => ({ ok: true, value: upsertUnits(c, [evil]) }));
    expect(!r1.ok && r1.error.message).toMatch(refused);
    const r2 = store.updateSelected(() => ({ ok: true, value: { units: [evil], apply: (c) => ({ ok: true, value: upsertUnits(c, [evil]) }) } }));
    expect(!r2.ok && r2.error.message).toMatch(refused);
    expect(hashTree(memory)).toBe(before);
    expect(readdirSync(dir)).toEqual(['memory']);
    expect(readdirSync(memory).sort()).toEqual(['.gitattributes', '.gitignore', 'ja_en']);
  });

  it('lays out any memory of valid tags inside the memory folder, one folder per pair (fixed seed)', () => {
    const raw = fc.constantFrom(
      'ja',
      'JA',
      'ja_JP',
      'en',
      'en-us',
      'EN_GB',
      'zh-hant-tw',
      'zh-Hans',
      'sr-Latn-RS',
      'de-CH-1901',
      'x-klingon',
      'i-klingon',
      'iw',
      'es-419',
      'en-US-u-ca-gregory',
    );
    const tag = raw.map((t) => {
      const r = parseLanguageTag(t);
      if (!r.ok) throw new Error(t);
      return r.value.tag;
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(tag, tag, fc.string({ minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 20 }), (rows) => {
        const units = rows.map(([s, t, text], i) => unit(`${text}${i}`, `T${i}`, { src: s, tgt: t, seg: `s${i}` }));
        const layout = layoutStore(upsertUnits({ units: [], exports: [] }, units).content, 3);
        for (const path of layout.keys()) {
          expect(path).toMatch(/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*_[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\/units(?:-[0-9a-f]{2})?\.jsonl$/);
          expect(pairFolder(path.split('/')[0]!).kind).toBe('pair');
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("records' languages", () => {
  const line = (src: string, tgt = 'en') => encodeUnit({ ...unit('猫。', 'A cat.'), sourceLang: src, targetLang: tgt });

  it('a record whose src or tgt is not a language tag is unusable, reported with file:line', () => {
    const good = line('ja');
    const parsed = parseStore([{ path: 'ja_en/units.jsonl', text: `${good}\n${line('../../escaped/ja')}\n${line('ja', 'en\u0000')}\n` }]);
    expect(parsed.problems).toEqual([
      {
        kind: 'invalid',
        file: 'ja_en/units.jsonl',
        line: 2,
        message: 'the record\'s "src" "../../escaped/ja" is not a language tag (BCP 47, such as ja, en or en-US)',
        id: expect.any(String),
      },
      {
        kind: 'invalid',
        file: 'ja_en/units.jsonl',
        line: 3,
        message: 'the record\'s "tgt" "en\\u0000" is not a language tag (BCP 47, such as ja, en or en-US)',
        id: expect.any(String),
      },
    ]);
    expect(parsed.content.units).toHaveLength(1);
  });

  it('a tag in another spelling (what older kioku stored) is read canonically and shows up as misplaced', () => {
    const parsed = parseStore([{ path: 'JA_en-us/units.jsonl', text: `${line('JA', 'en-us')}\n` }]);
    expect(parsed.content.units.map((u) => [u.sourceLang, u.targetLang])).toEqual([['ja', 'en-US']]);
    expect(parsed.problems.map((p) => p.kind).sort()).toEqual(['misplaced', 'noncanonical']);
    // The fix is a rewrite where the layout puts it.
    expect([...layoutStore(parsed.content).keys()]).toEqual(['ja_en-US/units.jsonl']);
  });

  it("export records' tags are checked and read the same way", () => {
    const revision = {
      lang: 'ja',
      paragraphs: [{ index: 0, line: 1, text: '猫。', segments: [0] }],
      segments: [{ id: 's1', paragraph: 0, start: 0, end: 2, text: '猫。' }],
    };
    const record = encodeExport({ document: 'a.txt', sourceLang: 'ja_JP', targetLang: 'EN', exported: '2026-01-01T00:00:00Z', revision });
    const bad = encodeExport({ document: 'b.txt', sourceLang: '../ja', targetLang: 'en', exported: '2026-01-01T00:00:00Z', revision });
    const parsed = parseStore([{ path: 'ja-JP_en/exports.jsonl', text: `${record}\n${bad}\n` }]);
    expect(parsed.content.exports.map((r) => [r.sourceLang, r.targetLang])).toEqual([['ja-JP', 'en']]);
    expect(parsed.problems.filter((p) => p.kind === 'invalid')).toEqual([
      {
        kind: 'invalid',
        file: 'ja-JP_en/exports.jsonl',
        line: 2,
        message: 'the record\'s "src" "../ja" is not a language tag (BCP 47, such as ja, en or en-US)',
      },
    ]);
  });
});

describe("pairFolder and pairFolderProblem (for the store's listing)", () => {
  it('reads a folder name as a pair folder, a misnamed one, or none', () => {
    expect(pairFolder('ja_en')).toEqual({ kind: 'pair', sourceLang: 'ja', targetLang: 'en' });
    expect(pairFolder('zh-Hant-TW_en-US')).toEqual({ kind: 'pair', sourceLang: 'zh-Hant-TW', targetLang: 'en-US' });
    expect(pairFolder('ja_JP_en_US')).toEqual({ kind: 'misnamed', canonical: 'ja-JP_en-US' });
    expect(pairFolder('JA_en')).toEqual({ kind: 'misnamed', canonical: 'ja_en' });
    expect(pairFolder('ja_en-us')).toEqual({ kind: 'misnamed', canonical: 'ja_en-US' });
    expect(pairFolder('ja_JP_en')).toEqual({ kind: 'misnamed' }); // ja-JP→en or ja→JP-en: ambiguous
    for (const other of ['.cache', '.git', 'notes', 'ja.en', 'ja_', '_en', 'ja_en/..', 'ja en_fr']) expect(pairFolder(other).kind, other).toBe('other');
  });

  it('reports a folder that holds store files where no reader looks, and nothing else', () => {
    expect(pairFolderProblem('ja_JP_en_US', ['units.jsonl', 'exports.jsonl'])).toEqual({
      kind: 'misnamed',
      file: 'ja_JP_en_US/',
      line: 0,
      message:
        'the folder holds 2 store files, but its name is not how kioku writes this language pair (ja-JP_en-US/), so no command reads it; move its files into ja-JP_en-US/ (merge them if that folder exists), then run kioku memory fsck --fix',
    });
    expect(pairFolderProblem('JA_en', ['units-3f.jsonl'])?.message).toMatch(/^the folder holds 1 store file, but .*\(ja_en\/\)/);
    expect(pairFolderProblem('backup', ['units.jsonl'])?.message).toMatch(/its name is not <source>_<target> of two language tags/);
    expect(pairFolderProblem('ja_en', ['units.jsonl'])).toBeUndefined();
    expect(pairFolderProblem('ja_JP_en_US', ['notes.txt'])).toBeUndefined();
    expect(pairFolderProblem('.cache', ['units.jsonl'])).toBeUndefined();
  });
});

describe('the store reports folders no reader looks at', () => {
  it('fsck names ja_JP_en_US/ with its store files, --fix leaves it alone, and nothing is lost', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kioku-misnamed-'));
    dirs.push(dir);
    const store = openStore(join(dir, 'memory'));
    expect(store.update(() => ({ ok: true, value: { content: upsertUnits({ units: [], exports: [] }, [unit('猫', 'cat')]).content, report: null } })).ok).toBe(
      true,
    );
    // An older kioku wrote POSIX tags as folder names: move the pair folder there by hand.
    renameSync(join(dir, 'memory', 'ja_en'), join(dir, 'memory', 'ja_JP_en_US'));
    const before = hashTree(join(dir, 'memory'));
    const report = store.fsck();
    expect(report.ok && report.value.problems.map((p) => [p.kind, p.file])).toEqual([['misnamed', 'ja_JP_en_US/']]);
    expect(report.ok && report.value.unresolved.length).toBe(1);
    const fixed = store.fsck({ fix: true });
    expect(fixed.ok && fixed.value.unresolved.map((p) => p.kind)).toEqual(['misnamed']);
    expect(hashTree(join(dir, 'memory'))).toEqual(before);
    expect(readdirSync(join(dir, 'memory', 'ja_JP_en_US')).sort()).toContain('units.jsonl');
  });
});
