import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kioku } from '../support/cli.js';
import { FIXTURES, missing, SHARED } from '../support/env.js';
import { execFileSync } from 'node:child_process';
import { exportWith, fillTargets } from './workflow.js';
import { readXliff } from '../../src/xliff/index.js';
import type { BilingualDocument } from '../../src/model.js';
import { EMPTY_CONTENT, planImport } from '../../src/memory/index.js';
import { charDiff } from '../../src/diff/chars.js';
import { snapshotTree } from '../support/tree.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kioku-import-'));
  writeFileSync(
    join(dir, 'a.txt'),
    '北朝鮮兵はロシアで戦っている。金正恩はその死を資産に変えようとしている。\n観客は拍手を送った。\n国家楽団の音楽がいっそう高まった。\n',
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const EN: Record<string, string> = {
  '北朝鮮兵はロシアで戦っている。': 'North Korean soldiers are fighting in Russia.',
  '金正恩はその死を資産に変えようとしている。': 'Kim Jong Un is trying to turn their deaths into an asset.',
  '観客は拍手を送った。': 'The audience applauded.',
};

describe.each(['1.2', '2.0'] as const)('import of XLIFF %s', (version) => {
  it('export → fill → import → export again gives 101 matches with the right states', async () => {
    await exportWith(dir, 'a.txt', 'a.xlf', { version, memory: 'memory' });
    fillTargets(join(dir, 'a.xlf'), (u) => (EN[u.source] ? { target: EN[u.source]!, state: 'translated' } : undefined));
    const r = await kioku(['import', 'a.xlf'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('a.xlf (a.txt): added 3, updated 0, unchanged 0, skipped 1, rejected 0\n');
    const again = await kioku(['import', 'a.xlf', '--json'], { cwd: dir });
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 3, skipped: 1, rejected: 0 });
    // The same text under another name: leverage alone (no carry-over from a.txt's last export);
    // the same neighbours make the matches in-context.
    copyFileSync(join(dir, 'a.txt'), join(dir, 'b.txt'));
    const second = await exportWith(dir, 'b.txt', 'b.xlf', { version, memory: 'memory', approveExact: true });
    const units = second.groups.flatMap((g) => g.units);
    expect(units.map((u) => [u.state, u.candidates[0]?.score])).toEqual([
      ['final', 101],
      ['final', 101],
      ['final', 101],
      ['initial', undefined],
    ]);
    // The same document again: its translations are carried from the last export; the memory holds
    // them as in-context matches, so those lead (101 shown, and --approve-exact makes them final).
    // (Until the MEM second round the carried entry hid the memory's: translated, no candidate.)
    const third = await exportWith(dir, 'a.txt', 'c.xlf', { version, memory: 'memory' });
    expect(third.groups.flatMap((g) => g.units).map((u) => [u.state, u.target, u.candidates[0]?.score])).toEqual([
      ...Object.values(EN).map((t) => ['translated', t, 101]),
      ['initial', undefined, undefined],
    ]);
    const fourth = await exportWith(dir, 'a.txt', 'e.xlf', { version, memory: 'memory', approveExact: true });
    expect(fourth.groups.flatMap((g) => g.units).map((u) => u.state)).toEqual(['final', 'final', 'final', 'initial']);
    const validate = missing({ shared: 'validate-xliff' }) ?? missing({ command: 'xmllint' });
    if (!validate) execFileSync(join(SHARED, 'validate-xliff'), [join(dir, 'b.xlf')]);
  });

  it('offers fuzzy candidates for an edited article', async () => {
    await exportWith(dir, 'a.txt', 'a.xlf', { version, memory: 'memory' });
    fillTargets(join(dir, 'a.xlf'), (u) => (EN[u.source] ? { target: EN[u.source]! } : undefined));
    expect((await kioku(['import', 'a.xlf'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'a.txt'), '北朝鮮兵はロシアで戦い続けている。\n');
    const doc = await exportWith(dir, 'a.txt', 'c.xlf', { version, memory: 'memory' });
    const u = doc.groups[0]!.units[0]!;
    expect(u).toMatchObject({ state: 'needs-review', target: EN['北朝鮮兵はロシアで戦っている。'] });
    // The same document: DIFF's carry-over offers the previous version (the memory's identical
    // candidate is shown once).
    expect(u.candidates.some((c) => c.target === EN['北朝鮮兵はロシアで戦っている。'] && c.score >= 75)).toBe(true);
    // Under another document name there is no previous version: the memory's fuzzy match leads.
    writeFileSync(join(dir, 'b.txt'), '北朝鮮兵はロシアで戦い続けている。\n');
    const other = await exportWith(dir, 'b.txt', 'd.xlf', { version, memory: 'memory' });
    expect(other.groups[0]!.units[0]).toMatchObject({ state: 'needs-review', candidates: [{ kind: 'fuzzy', origin: 'memory' }] });
    const xml = readFileSync(join(dir, 'c.xlf'), 'utf8');
    expect(xml).toMatch(version === '1.2' ? /<alt-trans match-quality="\d+"/ : /<mtc:match [^>]*similarity="\d+/);
    const validate = missing({ shared: 'validate-xliff' }) ?? missing({ command: 'xmllint' });
    if (!validate) execFileSync(join(SHARED, 'validate-xliff'), [join(dir, 'c.xlf')]);
  });

  it('rejects a source edited by the translator with exit 2, the unit id and a diff; memory byte-identical', async () => {
    await exportWith(dir, 'a.txt', 'a.xlf', { version, memory: 'memory' });
    const before = snapshotTree(join(dir, 'memory'));
    fillTargets(join(dir, 'a.xlf'), (u) =>
      EN[u.source] ? { target: EN[u.source]!, ...(u.source === '観客は拍手を送った。' ? { source: '観客は大きな拍手を送った。' } : {}) } : undefined,
    );
    const r = await kioku(['import', 'a.xlf'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^kioku: error: a\.xlf:\d+: the source was changed by the translator; diff \(exported → returned\): 観客は\{\+大きな\+\}拍手を送った。 \(unit [0-9a-f]{12}\)/m,
    );
    expect(r.stderr).toMatch(/1 unit rejected; nothing was imported/);
    expect(snapshotTree(join(dir, 'memory'))).toEqual(before);
  });

  it('rejects a wrong target language, duplicate ids and, with --strict, unknown ids', async () => {
    await exportWith(dir, 'a.txt', 'a.xlf', { version, memory: 'memory' });
    fillTargets(join(dir, 'a.xlf'), (u) => (EN[u.source] ? { target: EN[u.source]! } : undefined));
    const before = snapshotTree(join(dir, 'memory'));
    const text = readFileSync(join(dir, 'a.xlf'), 'utf8');
    writeFileSync(join(dir, 'de.xlf'), text.replace(/(target-language|trgLang)="en"/, '$1="de"'));
    const de = await kioku(['import', 'de.xlf'], { cwd: dir });
    expect(de.code).toBe(2);
    expect(de.stderr).toMatch(/target language is de, but a\.txt was exported for en/);
    const copy = join(dir, 'copy.xlf');
    copyFileSync(join(dir, 'a.xlf'), copy);
    const dup = await kioku(['import', 'a.xlf', 'copy.xlf'], { cwd: dir });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/copy\.xlf:\d+: the same unit id also comes from a\.xlf/);
    const doc = readXliff(text, {});
    const firstId = doc.ok ? doc.value.groups[0]!.units[0]!.id : '';
    writeFileSync(join(dir, 'unknown.xlf'), text.replace(new RegExp(`id="${firstId}"`), 'id="abcdefabcdef"'));
    const strict = await kioku(['import', '--strict', 'unknown.xlf'], { cwd: dir });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/unknown unit id: not in the exported revision of a\.txt \(unit abcdefabcdef\)/);
    expect(snapshotTree(join(dir, 'memory'))).toEqual(before);
    // Without --strict an unknown id is a unit like any other.
    expect((await kioku(['import', 'unknown.xlf'], { cwd: dir })).code).toBe(0);
  });
});

describe('import gate', () => {
  it('refuses truncated and UTF-16-without-BOM files with file:line:column and writes nothing', async () => {
    await exportWith(dir, 'a.txt', 'a.xlf', { memory: 'memory' });
    const before = snapshotTree(join(dir, 'memory'));
    const text = readFileSync(join(dir, 'a.xlf'), 'utf8');
    writeFileSync(join(dir, 't.xlf'), text.slice(0, Math.floor(text.length / 2)));
    const t = await kioku(['import', 't.xlf'], { cwd: dir });
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/^kioku: error: t\.xlf:\d+:\d+: /);
    writeFileSync(join(dir, 'u16.xlf'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    fillTargets(join(dir, 'a.xlf'), (u) => (EN[u.source] ? { target: EN[u.source]! } : undefined));
    writeFileSync(
      join(dir, 'u16.xlf'),
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(readFileSync(join(dir, 'a.xlf'), 'utf8').replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le'),
      ]),
    );
    const u = await kioku(['import', 'u16.xlf', '--json'], { cwd: dir });
    expect(u.stderr).toBe('');
    expect(JSON.parse(u.stdout)).toMatchObject({ added: 3 });
    expect(snapshotTree(join(dir, 'memory'))).not.toEqual(before);
  });
});

void FIXTURES;

describe('planImport: a unit the memory cannot hold faithfully is rejected, never stored in part', () => {
  const NOW = '2026-01-01T00:00:00Z';
  const doc12 = (units: string) =>
    `<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="job.txt" source-language="ja" target-language="en" datatype="plaintext">\n<body>\n${units}\n</body>\n</file>\n</xliff>\n`;
  const plan = (text: string, acceptUnreviewed = false) => {
    const d = readXliff(text, { file: 'job.xlf' });
    if (!d.ok) throw new Error(d.error.message);
    return planImport(EMPTY_CONTENT, [{ file: 'job.xlf', document: d.value }], { now: NOW, acceptUnreviewed }, charDiff);
  };

  it('inline codes in a stored unit reject the import: each unit named with its codes, all-or-nothing', () => {
    const r = plan(
      doc12(
        '<trans-unit id="u1"><source>クリック %s</source><target state="translated">Click <ph id="1">%s</ph></target></trans-unit>\n' +
          '<trans-unit id="u2"><source>改行</source><target state="translated">line<x id="2"/>break</target></trans-unit>\n' +
          '<trans-unit id="u3"><source><g id="1">太字</g><x id="2"/><x id="3"/><x id="4"/></source><target state="final">bold</target></trans-unit>\n' +
          '<trans-unit id="u4"><source>普通</source><target state="translated">plain</target></trans-unit>',
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejections.map((x) => [x.line, x.unit, x.reason, x.message])).toEqual([
      [5, 'u1', 'inline-codes', 'the target has inline codes (<ph id="1">); kioku cannot store inline codes yet, so nothing was imported'],
      [6, 'u2', 'inline-codes', 'the target has inline codes (<x id="2">); kioku cannot store inline codes yet, so nothing was imported'],
      [
        7,
        'u3',
        'inline-codes',
        'the source has inline codes (<g id="1">, <x id="2">, <x id="3"> and 1 more); kioku cannot store inline codes yet, so nothing was imported',
      ],
    ]);
    expect(r.rejections[0]!.hint).toMatch(/leave this unit untranslated/);
  });

  it('codes in a unit that is not stored (no target, not translated) lose nothing and reject nothing', () => {
    const r = plan(
      doc12(
        '<trans-unit id="u1"><source>クリック <ph id="1">%s</ph></source></trans-unit>\n' +
          '<trans-unit id="u2"><source>改行<x id="1"/></source><target state="needs-translation">改行<x id="1"/></target></trans-unit>\n' +
          '<trans-unit id="u3"><source>普通</source><target state="translated">plain</target></trans-unit>',
      ),
    );
    expect(r.ok && [r.report.added, r.report.skipped]).toEqual([1, 2]);
    // …unless --accept-unreviewed would store it.
    const accepted = plan(
      doc12('<trans-unit id="u1"><source>改行<x id="1"/></source><target state="needs-translation">line<x id="1"/>break</target></trans-unit>'),
      true,
    );
    expect(accepted.ok === false && accepted.rejections[0]!.message).toMatch(/^the source and the target have inline codes \(<x id="1">\)/);
  });

  it("a character XML 1.0 cannot carry is rejected in a stored unit (the wall behind the reader's forMemory)", () => {
    const d = readXliff(doc12('<trans-unit id="u1"><source>a</source><target state="translated">b</target></trans-unit>'), { file: 'job.xlf' });
    if (!d.ok) throw new Error(d.error.message);
    const unit = d.value.groups[0]!.units[0]!;
    const doc = { ...d.value, groups: [{ id: '', units: [{ ...unit, target: 'b\u001b[2J' }] }] };
    const r = planImport(EMPTY_CONTENT, [{ file: 'job.xlf', document: doc }], { now: NOW }, charDiff);
    expect(r.ok === false && r.rejections[0]).toMatchObject({
      unit: 'u1',
      reason: 'character',
      message: 'the target holds U+001B (ESC), which XLIFF 1.2 and TMX cannot carry',
    });
  });

  it('counts translate="no" units among the skipped', () => {
    const r = plan(
      doc12(
        '<trans-unit id="u1" translate="no"><source>a</source><target state="translated">b</target></trans-unit>\n<trans-unit id="u2"><source>普通</source><target state="translated">plain</target></trans-unit>',
      ),
    );
    expect(r.ok && r.report).toMatchObject({ added: 1, skipped: 1, notTranslatable: 1, files: [{ skipped: 1, notTranslatable: 1 }] });
  });
});

describe('planImport: the declared source language is checked against the script of the sources', () => {
  const NOW = '2026-12-08T00:00:00.000Z';
  const doc = (sourceLang: string, sources: readonly string[]): BilingualDocument => ({
    version: '1.2',
    sourceLang,
    targetLang: 'ja',
    original: 'messages.xlf',
    groups: [
      { id: '', units: sources.map((source, i) => ({ id: `u${i}`, source, target: `訳${i}`, state: 'translated', notes: [], candidates: [], line: 10 + i })) },
    ],
  });
  const EN_SOURCES = ['Welcome to Angular Japan User Group', 'Join the community', 'Upcoming events and meetups'];

  it('refuses English sources declared as ja, naming the first unit and the flag that overrides it', () => {
    const r = planImport(EMPTY_CONTENT, [{ file: 'm.xlf', document: doc('ja', EN_SOURCES) }], { now: NOW }, charDiff);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejections).toEqual([
      {
        file: 'm.xlf',
        line: 10,
        unit: 'u0',
        reason: 'source-language',
        message: 'the file declares the source language ja, but its sources are written in Latin letters (0% of 70 letters in Han characters or kana)',
        hint: "pass --source-lang with the language the sources are written in (e.g. --source-lang en), or fix the file's source-language",
      },
    ]);
  });

  it('files the units under the language --source-lang names', () => {
    const r = planImport(EMPTY_CONTENT, [{ file: 'm.xlf', document: doc('ja', EN_SOURCES) }], { now: NOW, sourceLang: 'en' }, charDiff);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.content.units.map((u) => [u.sourceLang, u.targetLang])).toEqual(Array(3).fill(['en', 'ja']));
    expect(r.report.added).toBe(3);
  });
});

describe('planImport --accept-unreviewed never downgrades an approved entry', () => {
  const NOW = '2026-12-08T00:00:00.000Z';
  const returned = (target: string): BilingualDocument => ({
    version: '1.2',
    sourceLang: 'ja',
    targetLang: 'en',
    original: 'a.txt',
    groups: [{ id: '', units: [{ id: 's1', source: '観客は拍手を送った。', target, state: 'initial', notes: [], candidates: [], line: 5 }] }],
  });

  it('keeps the approved record when the target is unchanged, and stores a changed one as needs-review', () => {
    const first = planImport(
      EMPTY_CONTENT,
      [
        {
          file: 'a.xlf',
          document: {
            ...returned('The audience applauded.'),
            groups: [{ id: '', units: [{ ...returned('The audience applauded.').groups[0]!.units[0]!, state: 'translated' }] }],
          },
        },
      ],
      { now: NOW },
      charDiff,
    );
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const same = planImport(
      first.content,
      [{ file: 'a.xlf', document: returned(' The audience applauded. ') }],
      { now: NOW, acceptUnreviewed: true },
      charDiff,
    );
    expect(same.ok && same.report).toMatchObject({ added: 0, updated: 0, unchanged: 1, acceptedUnreviewed: 0 });
    expect(same.ok && same.content.units.map((u) => u.state)).toEqual(['translated']);
    const changed = planImport(
      first.content,
      [{ file: 'a.xlf', document: returned('The spectators clapped.') }],
      { now: NOW, acceptUnreviewed: true },
      charDiff,
    );
    expect(changed.ok && changed.report).toMatchObject({ added: 0, updated: 1, acceptedUnreviewed: 1 });
    expect(changed.ok && changed.content.units.map((u) => [u.state, u.target])).toEqual([['needs-review', 'The spectators clapped.']]);
  });
});
