import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { segment } from '../../src/segment/index.js';
import { carryForward, combinePrefill, diffRevisions } from '../../src/diff/index.js';
import { readXliff, writeXliff } from '../../src/xliff/index.js';
import type { BilingualDocument, XliffVersion } from '../../src/model.js';
import { kioku } from '../support/cli.js';
import { FIXTURES, missing, SHARED } from '../support/env.js';
import { Reviser } from './revision-builder.js';

describe('carryForward', () => {
  const old = segment('One sentence here. Two sentences here, and more. Three is gone.\nFour stays put.\n', { lang: 'en' });
  const next = segment('One  sentence here. Two sentences here. And more. Four stays put.\nA new one.\n', { lang: 'en' });
  const changes = diffRevisions(old, next);
  const tr = (i: number) => ({ target: ['Un.', 'Deux.', 'Trois.', 'Quatre.'][i]!, state: 'final' as const });

  it('keeps, reviews and reports as the table in carry.ts says', () => {
    expect(changes.map((c) => [c.kind, c.old, c.new])).toEqual([
      ['whitespace', [0], [0]],
      ['split', [1], [1, 2]],
      ['removed', [2], []],
      ['unchanged', [3], [3]],
      ['added', [], [4]],
    ]);
    const plan = carryForward(changes, old, next, tr);
    expect(plan.prefill[0]).toMatchObject({ target: 'Un.', state: 'needs-review' });
    expect(plan.prefill[0]!.notes![0]).toContain('whitespace only (light review)');
    expect(plan.prefill[1]).toMatchObject({ target: 'Deux.', state: 'needs-review' });
    expect(plan.prefill[2]).toMatchObject({ state: 'initial' });
    expect(plan.prefill[2]!.target).toBeUndefined();
    expect(plan.prefill[1]!.candidates).toEqual([
      { kind: 'previous-version', score: expect.any(Number), source: 'Two sentences here, and more.', target: 'Deux.', origin: 'previous-version' },
    ]);
    expect(plan.prefill[3]).toEqual({ target: 'Quatre.', state: 'final', candidates: [] });
    expect(plan.prefill[4]).toBeUndefined();
    expect(plan.needsWork).toEqual([true, true, true, false, true]);
    expect(plan.report).toEqual({ kept: 1, light: 1, review: 2, untranslated: 1, removed: [2] });
  });

  it('keeps the state of light changes when asked', () => {
    const plan = carryForward(changes, old, next, tr, { lightChanges: 'keep' });
    expect(plan.prefill[0]).toMatchObject({ target: 'Un.', state: 'final' });
    expect(plan.needsWork[0]).toBe(false);
  });

  it('joins the translations of merged segments and offers each previous version', () => {
    const a = segment('The audience applauded. The music swelled.\n', { lang: 'en' });
    const b = segment('The audience applauded as the music swelled.\n', { lang: 'en' });
    const ch = diffRevisions(a, b);
    expect(ch.map((c) => c.kind)).toEqual(['merged']);
    const plan = carryForward(ch, a, b, (i) => ({ target: ['観客は拍手した。', '音楽が高まった。'][i]!, state: 'translated' }), { targetJoiner: '' });
    expect(plan.prefill[0]!.target).toBe('観客は拍手した。音楽が高まった。');
    expect(plan.prefill[0]!.candidates.map((c) => c.source)).toEqual([
      'The audience applauded. The music swelled.',
      'The audience applauded.',
      'The music swelled.',
    ]);
  });

  it('lets an exact memory match of the new text win over the carried translation, keeping the previous version', () => {
    const carried = {
      target: 'old',
      state: 'needs-review' as const,
      candidates: [{ kind: 'previous-version' as const, score: 80, source: 's0', target: 'old', origin: 'previous-version' }],
      notes: ['n'],
    };
    const exact = {
      target: 'new',
      state: 'translated' as const,
      candidates: [{ kind: 'exact' as const, score: 100, source: 's1', target: 'new', origin: 'memory' }],
    };
    expect(combinePrefill(carried, exact)).toEqual({
      target: 'new',
      state: 'translated',
      candidates: [exact.candidates[0], carried.candidates[0]],
      notes: ['n'],
    });
    const fuzzy = {
      target: 'f',
      state: 'needs-review' as const,
      candidates: [{ kind: 'fuzzy' as const, score: 80, source: 's0', target: 'old', origin: 'memory' }],
    };
    expect(combinePrefill(carried, fuzzy)).toEqual(carried);
  });

  it("takes the memory's approved exact match for an unchanged segment when it holds the carried target (101 shown, --approve-exact applies)", () => {
    const carried = { target: 't', state: 'translated' as const, candidates: [] };
    const final = {
      target: 't',
      state: 'final' as const,
      candidates: [{ kind: 'in-context' as const, score: 101, source: 's', target: 't', origin: 'memory' }],
    };
    expect(combinePrefill(carried, final)).toEqual(final);
    // Never below the carried state; another target, or an unapproved match, keeps the carried one.
    expect(combinePrefill({ ...carried, state: 'reviewed' }, { ...final, state: 'translated' })).toEqual({ ...final, state: 'reviewed' });
    expect(combinePrefill(carried, { ...final, target: 'other' })).toEqual(carried);
    expect(combinePrefill(carried, { ...final, state: 'needs-review' })).toEqual(carried);
  });
});

/** A CAT tool's work: every unit of the file translated with `translate(source)`. */
function translateFile(path: string, version: XliffVersion, translate: (source: string, id: string) => string): void {
  const doc = readXliff(readFileSync(path, 'utf8'), { file: path });
  if (!doc.ok) throw new Error(doc.error.message);
  const done: BilingualDocument = {
    ...doc.value,
    groups: doc.value.groups.map((g) => ({
      ...g,
      units: g.units.map((u) => ({ ...u, target: translate(u.source, u.id), state: 'translated' as const, candidates: [] })),
    })),
  };
  const xml = writeXliff(done, { version });
  if (!xml.ok) throw new Error(xml.error.message);
  writeFileSync(path, xml.value);
}

describe('a translated article, revised and re-exported (acceptance)', () => {
  const validator = join(SHARED, 'validate-xliff');
  const noValidator = missing({ shared: 'validate-xliff', command: 'xmllint' });

  for (const version of ['1.2', '2.0'] as const) {
    it(`XLIFF ${version}: unchanged units arrive translated, changed ones with the previous version; --changed-only holds just those`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kioku-carry-'));
      const ja = readFileSync(join(FIXTURES, 'article.ja.txt'), 'utf8');
      const en = segment(readFileSync(join(FIXTURES, 'article.en.txt'), 'utf8'), { lang: 'en' });
      const jaRev = segment(ja, { lang: 'ja' });
      expect(jaRev.segments.length).toBe(en.segments.length);
      copyFileSync(join(FIXTURES, 'article.ja.txt'), join(dir, 'article.ja.txt'));
      const run = (args: string[]) => kioku(args, { cwd: dir });

      // 1. Export, translate (sentence i of the English article), import.
      expect((await run(['export', 'article.ja.txt', '--target-lang', 'en', '--xliff', version, '--memory', 'mem'])).code).toBe(0);
      const byText = new Map(jaRev.segments.map((s, i) => [s.text, en.segments[i]!.text]));
      translateFile(join(dir, 'article.en.xlf'), version, (source) => byText.get(source)!);
      const imported = await run(['import', 'article.en.xlf', '--memory', 'mem', '--json']);
      expect(imported.code, imported.stderr).toBe(0);

      // 2. The source is revised: every kind of edit.
      const r = new Reviser(ja, 'ja');
      r.replace('少なくとも600人', '600人', '1200人', 'minor');
      r.edit(
        r.find('韓国情報当局によると、ロシアはすでに'),
        '韓国の情報機関は、ロシアが兵力の見返りとして北朝鮮へ重要な軍事技術の移転を始めたと分析している。',
        'major',
      );
      r.replace('しかし、習得の壁は高く', 'しかし、習得', 'しかし習得', 'punctuation');
      r.split(r.find('ウクライナ軍は昨年8月'), [
        'ウクライナ軍は昨年8月、クルスク州で領土を奪ってロシアを驚かせた。',
        'これが、北朝鮮が10月にそこに軍隊を派遣する原因となった。',
      ]);
      r.merge(r.find('観客は拍手を送った。'), 2, '観客は拍手を送り、国家楽団の音楽がいっそう高まった。');
      r.insert(r.find('少なくとも1200人'), '韓国政府はこの数字を確認していない。');
      r.remove(r.find('文化交流団も行き来'));
      const revised = r.build('acceptance', '');
      writeFileSync(join(dir, 'article.ja.txt'), revised.new);

      // 3. What changed since the export, with one argument.
      const since = await run(['diff', '--since-last', 'article.ja.txt', '--memory', 'mem', '--json']);
      expect(since.code, since.stderr).toBe(0);
      const changes = JSON.parse(since.stdout).changes as Array<{ kind: string; old: number[]; new: number[] }>;
      const kinds = changes
        .filter((c) => c.kind !== 'unchanged')
        .map((c) => c.kind)
        .sort();
      expect(kinds).toEqual(['added', 'major', 'merged', 'minor', 'punctuation', 'removed', 'split']);

      // 4. Full export: unchanged units translated, changed ones for review with the previous version.
      const full = await run(['export', 'article.ja.txt', '--target-lang', 'en', '--xliff', version, '--memory', 'mem', '-o', 'full.xlf']);
      expect(full.code, full.stderr).toBe(0);
      expect(full.stdout).toMatch(/1 removed \(their translations stay in the memory\)/);
      const next = segment(revised.new, { lang: 'ja' });
      const doc = readXliff(readFileSync(join(dir, 'full.xlf'), 'utf8'), { file: 'full.xlf' });
      expect(doc.ok).toBe(true);
      const units = doc.ok ? doc.value.groups.flatMap((g) => g.units) : [];
      const changedNew = new Set(changes.filter((c) => c.kind !== 'unchanged').flatMap((c) => c.new));
      units.forEach((u, i) => {
        expect(u.id).toBe(next.segments[i]!.id);
        if (!changedNew.has(i)) {
          expect(u.state).toBe('translated');
          expect(u.target).toBe(byText.get(u.source));
        }
      });
      const minor = units.find((u) => u.source.includes('1200人'))!;
      expect(minor.state).toBe('needs-review');
      expect(minor.target).toBe(byText.get(minor.source.replace('1200人', '600人')));
      expect(minor.candidates).toContainEqual(
        expect.objectContaining({ kind: 'previous-version', source: minor.source.replace('1200人', '600人'), target: minor.target }),
      );
      expect(minor.notes.some((n) => n.includes('[-600-]{+1200+}'))).toBe(true);
      const split2 = units.find((u) => u.source.startsWith('これが、北朝鮮が10月'))!;
      expect(split2.candidates.some((c) => c.kind === 'previous-version' && c.source.startsWith('ウクライナ軍は昨年8月'))).toBe(true);
      const added = units.find((u) => u.source === '韓国政府はこの数字を確認していない。')!;
      expect(added.target).toBeUndefined();

      // 5. --changed-only: just the units that need work.
      const small = await run([
        'export',
        'article.ja.txt',
        '--target-lang',
        'en',
        '--xliff',
        version,
        '--memory',
        'mem',
        '--changed-only',
        '-o',
        'changed.xlf',
      ]);
      expect(small.code, small.stderr).toBe(0);
      const smallDoc = readXliff(readFileSync(join(dir, 'changed.xlf'), 'utf8'), { file: 'changed.xlf' });
      const smallIds = smallDoc.ok ? smallDoc.value.groups.flatMap((g) => g.units.map((u) => u.id)).sort() : [];
      expect(smallIds).toEqual([...changedNew].map((i) => next.segments[i]!.id).sort());

      if (!noValidator) {
        execFileSync(validator, [join(dir, 'full.xlf'), join(dir, 'changed.xlf')], { stdio: 'pipe' });
      }

      // 6. The translator's work comes back; a re-export is complete.
      translateFile(join(dir, 'changed.xlf'), version, (source) => `EN: ${source}`);
      const back = await run(['import', 'changed.xlf', '--memory', 'mem']);
      expect(back.code, back.stderr).toBe(0);
      const again = await run(['export', 'article.ja.txt', '--target-lang', 'en', '--xliff', version, '--memory', 'mem', '-o', 'again.xlf']);
      expect(again.code).toBe(0);
      const againDoc = readXliff(readFileSync(join(dir, 'again.xlf'), 'utf8'), { file: 'again.xlf' });
      const againUnits = againDoc.ok ? againDoc.value.groups.flatMap((g) => g.units) : [];
      expect(againUnits.length).toBe(next.segments.length);
      expect(againUnits.every((u) => u.state === 'translated' && u.target !== undefined)).toBe(true);
      // The removed sentence's translation is still in the memory.
      const info = await run(['lookup', '文化交流団も行き来を繰り返している。', '--memory', 'mem', '--json']);
      expect(info.stdout).toContain('Cultural delegations travel back and forth as well.');
    });
  }

  it('diff --since-last explains a document never exported, and refuses a second file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kioku-since-'));
    copyFileSync(join(FIXTURES, 'article.ja.txt'), join(dir, 'article.ja.txt'));
    expect((await kioku(['export', 'article.ja.txt', '--target-lang', 'en', '--memory', 'mem'], { cwd: dir })).code).toBe(0);
    copyFileSync(join(FIXTURES, 'article.ja.txt'), join(dir, 'other.txt'));
    const never = await kioku(['diff', '--since-last', 'other.txt', '--memory', 'mem'], { cwd: dir });
    expect(never.code).toBe(2);
    expect(never.stderr).toMatch(
      /^kioku: error: other\.txt: other\.txt was never exported with the memory at mem; run kioku export other\.txt --memory mem first/,
    );
    const two = await kioku(['diff', '--since-last', 'article.ja.txt', 'other.txt', '--memory', 'mem'], { cwd: dir });
    expect(two.code).toBe(2);
    const same = await kioku(['diff', '--since-last', 'article.ja.txt', '--memory', 'mem', '--exit-code'], { cwd: dir });
    expect(same.code).toBe(0);
    const noMemory = await kioku(['export', 'article.ja.txt', '--target-lang', 'en', '--changed-only', '--memory', 'nowhere'], { cwd: dir });
    expect(noMemory.code).toBe(2);
  });
});

describe('exporting the same revision again', () => {
  it('carries from the same base: the same file, the memory untouched, --changed-only still holds the changed units', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kioku-reexport-'));
    const memory = join(dir, 'memory');
    copyFileSync(join(FIXTURES, 'article.ja.txt'), join(dir, 'article.ja.txt'));
    expect((await kioku(['export', 'article.ja.txt', '--target-lang', 'en', '--memory', 'memory'], { cwd: dir })).code).toBe(0);
    const translated = readFileSync(join(dir, 'article.en.xlf'), 'utf8').replace(
      /<segment id="s1" state="initial">\s*<source>([^<]*)<\/source>/g,
      '<segment id="s1" state="translated"><source>$1</source><target>EN $1</target>',
    );
    writeFileSync(join(dir, 'article.en.xlf'), translated);
    expect((await kioku(['import', 'article.en.xlf', '--memory', 'memory'], { cwd: dir })).code).toBe(0);
    // The editor revises the article under the same name.
    copyFileSync(join(FIXTURES, 'article.rev2.ja.txt'), join(dir, 'article.ja.txt'));
    const first = await kioku(['export', 'article.ja.txt', '--target-lang', 'en', '--memory', 'memory', '-o', 'first.xlf'], { cwd: dir });
    const memoryAfterFirst = readFileSync(join(memory, 'ja_en', 'exports.jsonl'), 'utf8');
    const second = await kioku(['export', 'article.ja.txt', '--target-lang', 'en', '--memory', 'memory', '-o', 'second.xlf'], { cwd: dir });
    expect(first.stdout).toContain('52 kept, 1 for light review, 3 back to review, 1 new, 2 removed');
    expect(second.stdout.split('\n')[1]).toBe(first.stdout.split('\n')[1]);
    expect(readFileSync(join(dir, 'second.xlf'), 'utf8')).toBe(readFileSync(join(dir, 'first.xlf'), 'utf8'));
    expect(readFileSync(join(memory, 'ja_en', 'exports.jsonl'), 'utf8')).toBe(memoryAfterFirst);
    const changed = await kioku(['export', 'article.ja.txt', '--target-lang', 'en', '--memory', 'memory', '--changed-only', '-o', 'changed.xlf'], { cwd: dir });
    expect(changed.stdout).toMatch(/^wrote changed\.xlf \(5 units/);
    expect(readFileSync(join(dir, 'changed.xlf'), 'utf8')).toContain('kioku:previous-version');
  });
});
