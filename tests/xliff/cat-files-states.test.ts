/**
 * States read from real CAT-tool files (../shared/corpora/cat-files, see its README.md): the counts of
 * expected.json (xmllint's, independent of kioku) against what kioku makes of each status.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BilingualDocument, UnitState } from '../../src/model.js';
import { APPROVED_STATES } from '../../src/model.js';
import { readXliff } from '../../src/xliff/read.js';
import { parseXml } from '../../src/xml/parse.js';
import { prepareImport } from '../../src/memory/import.js';
import { charDiff } from '../../src/diff/index.js';
import { missing, SHARED } from '../support/env.js';
import { treeStates, type TreeUnit } from './producer-state-support.js';
import { allUnits } from './builders.js';

const reason = missing({ shared: 'corpora/cat-files/expected.json' });
const DIR = join(SHARED, 'corpora', 'cat-files');

interface Expected {
  readonly file: string;
  readonly units: number;
  readonly translatable: number;
  readonly withTarget: number;
  readonly states: Readonly<Record<string, number>>;
}

const expectedOf = (file: string): Expected => {
  const all = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Expected[];
  const e = all.find((x) => x.file === file);
  if (!e) throw new Error(`${file} is not in expected.json`);
  return e;
};

const text = (file: string) => readFileSync(join(DIR, 'files', file), 'utf8').replace(/^\uFEFF/, '');

function tree(file: string): TreeUnit[] {
  const t = parseXml(text(file), { file });
  if (!t.ok) throw new Error(t.error.message);
  return treeStates(t.value);
}

function read(file: string): BilingualDocument {
  const r = readXliff(text(file), { file });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** How many of `items` give each key. */
function count<T>(items: readonly T[], key: (t: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) {
    const k = key(i);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

const states = (d: BilingualDocument) => count(allUnits(d), (u) => u.state);
const stored = (d: BilingualDocument) =>
  allUnits(d).filter((u) => (APPROVED_STATES as readonly UnitState[]).includes(u.state) && u.target !== undefined && u.target.trim() !== '').length;

describe.skipIf(reason)(`states of real CAT-tool files${reason ? ` (${reason})` : ''}`, () => {
  it('Trados Studio, statuses and a lock: five sdl:seg records, one paragraph at its least advanced segment', () => {
    const file = 'trados-studio_statuses-locked_txt_en-fr.sdlxliff';
    const e = expectedOf(file);
    const segments = tree(file).flatMap((u) => [...(u.segments ?? new Map()).values()]);
    expect(count(segments, (s) => s.producerState)).toEqual({ 'sdl conf="Translated"': 2, 'sdl conf="Draft"': 1, 'sdl conf="ApprovedSignOff"': 2 });
    expect(e.states).toMatchObject({ 'sdl:seg conf=Translated': 2, 'sdl:seg conf=Draft': 1, 'sdl:seg conf=ApprovedSignOff': 2, 'sdl:seg locked=true': 1 });
    expect(count(segments, (s) => s.state)).toEqual({ translated: 2, 'needs-review': 1, final: 2 });
    expect(segments.filter((s) => s.locked).length).toBe(e.states['sdl:seg locked=true']);
    const d = read(file);
    expect(allUnits(d).length).toBe(e.translatable);
    expect(allUnits(d)[0]).toMatchObject({ state: 'needs-review', locked: true, producerState: 'sdl conf="Draft" (segment mid="3", least advanced of 5)' });
    expect(stored(d)).toBe(0);
  });

  it('Trados Studio, Apache doc: Draft and Translated records as expected.json counts them; segments without a record are not translated', () => {
    const file = 'trados-studio_apache-doc_html_en-de.sdlxliff';
    const e = expectedOf(file);
    const segments = tree(file).flatMap((u) => [...(u.segments ?? new Map()).values()]);
    const words = count(segments, (s) => s.producerState);
    expect(words['sdl conf="Draft"']).toBe(e.states['sdl:seg conf=Draft']);
    expect(words['sdl conf="Translated"']).toBe(e.states['sdl:seg conf=Translated']);
    const perState = count(segments, (s) => s.state);
    expect(perState.translated).toBe(e.states['sdl:seg conf=Translated']);
    // Draft ones are needs-review; a segment without status is needs-review only with a translation in it.
    expect(perState['needs-review']! >= e.states['sdl:seg conf=Draft']!).toBe(true);
    const d = read(file);
    expect(allUnits(d).length).toBe(e.translatable);
    expect(d.notTranslatable).toBe(e.units - e.translatable);
    // No unit of the read file is approved unless all its segments are Translated.
    for (const u of allUnits(d)) if (u.state === 'translated') expect(u.producerState).toBe('sdl conf="Translated"');
  });

  it('Trados Studio 2019, tracked changes: the four revised targets are needs-review, read as accepted', () => {
    const d = read('trados-studio2019_trackchanges_html_en-ja.sdlxliff');
    expect(states(d)).toEqual({ translated: 1, 'needs-review': 4 });
    expect(allUnits(d)[1]).toMatchObject({ target: '#1.', producerState: 'sdl conf="Translated" with unresolved Trados Studio tracked changes' });
    expect(stored(d)).toBe(1);
  });

  it('memoQ 9, a lock and comments: two ManuallyConfirmed units translated, the locked PartiallyEdited one not for translation', () => {
    const file = 'memoq9_locked-comments_idml_de-en.mqxliff';
    const e = expectedOf(file);
    const units = tree(file);
    expect(count(units, (u) => u.producerState)).toEqual({ 'mq:status="ManuallyConfirmed"': 2, 'mq:status="PartiallyEdited"': 1 });
    expect(e.states).toEqual({ 'mq:status=ManuallyConfirmed': 2, 'mq:status=PartiallyEdited': 1, 'mq:locked=locked': 1 });
    expect(units.filter((u) => u.locked).map((u) => [u.id, u.state, u.translate])).toEqual([['2', 'needs-review', false]]);
    const d = read(file);
    expect(states(d)).toEqual({ translated: 2 });
    expect(d.notTranslatable).toBe(1);
  });

  it('memoQ 8.6.6, tracked changes: all PartiallyEdited (needs-review), and the file is refused naming the tracked changes', () => {
    const file = 'memoq866_trackchanges_html_en-ja.mqxliff';
    const e = expectedOf(file);
    const units = tree(file);
    expect(units.length).toBe(e.units);
    expect(count(units, (u) => u.state)).toEqual({ 'needs-review': 5 });
    expect(units.filter((u) => u.producerState!.includes('tracked changes')).length).toBe(4);
    // memoQ numbers the codes of its revisions apart (rid 14 opens, rid 17 closes): they pair only
    // once the changes are resolved, so even the accepted text cannot be read.
    const r = readXliff(text(file), { file });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('the target holds unresolved memoQ tracked changes');
    expect(r.error.hint).toBe('accept or reject all tracked changes in memoQ and export the file again');
  });

  it('Phrase/Memsource mxliff: the 214 confirmed units of 274 are the only ones stored', async () => {
    const file = 'phrase-memsource_mxliff_html_en-fr.mxliff';
    const e = expectedOf(file);
    const d = read(file);
    const words = count(allUnits(d), (u) => u.producerState);
    expect(words['m:confirmed="1"']).toBe(e.states['m:confirmed=1']);
    expect(words['m:confirmed="0"']).toBe(e.states['m:confirmed=0']);
    expect(allUnits(d).filter((u) => u.locked).length).toBe(0); // m:locked="false" ×274
    expect(states(d).translated).toBe(214);
    const p = prepareImport({ exports: [] }, [{ file, document: d }], { now: '2026-01-01T00:00:00Z' }, charDiff);
    if (!p.ok) throw new Error(p.rejections.map((x) => x.message).join('; '));
    expect(p.value.incoming.length).toBe(214);
    expect(p.value.incoming.every((u) => u.state === 'translated')).toBe(true);
  });

  it('Across: Corrected is proofread, reviewed (the reader refuses the file for a duplicate unit id the test writers left)', () => {
    const file = 'across_placeables_en-sl.xliff';
    const e = expectedOf(file);
    const units = tree(file);
    expect(count(units, (u) => u.producerState)).toEqual({ 'ax:state-name="Corrected"': e.states['ax:state-name=Corrected'] });
    expect(count(units, (u) => u.state)).toEqual({ reviewed: 11 });
  });

  it('Okapi Rainbow kit written back by OmegaT: no states; the copies of the source are not translations', () => {
    const file = 'okapi-rainbow142-omegat432_html_en-ja.xlf';
    const e = expectedOf(file);
    const units = tree(file);
    expect(units.length).toBe(e.units);
    expect(e.states).toEqual({});
    const copies = units.filter((u) => u.target === u.source);
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every((u) => u.state === 'initial')).toBe(true);
    const translated = units.filter((u) => u.state === 'translated');
    expect(translated.every((u) => u.target !== u.source && u.target!.trim() !== '')).toBe(true);
    expect(translated.length).toBe(units.filter((u) => u.target !== undefined && u.target.trim() !== '' && u.target !== u.source).length);
    expect(translated.length).toBeLessThan(e.withTarget);
  });

  it('.NET xliff-tasks: translated 177, new (English copies) 27, needs-review-translation 2', () => {
    const file = 'dotnet-xliff-tasks_templating-cli_resx_en-ja.xlf';
    const e = expectedOf(file);
    expect(e.states).toEqual({ 'state=translated': 177, 'state=new': 27, 'state=needs-review-translation': 2 });
    const d = read(file);
    expect(states(d)).toEqual({ translated: 177, initial: 27, 'needs-review': 2 });
    expect(stored(d)).toBe(177);
  });

  it('Angular XLIFF 2.0 with state on <target>: the 779 stated translated are translated, and say where the state was', () => {
    const file = 'angular-xlf2-fastxmlparser_toolscentral_fr-ja.xlf';
    const e = expectedOf(file);
    const d = read(file);
    expect(count(allUnits(d), (u) => u.state).translated).toBe(e.states['target state=translated']);
    expect(allUnits(d).filter((u) => u.producerState?.startsWith('<target state="translated">')).length).toBe(e.states['target state=translated']);
  });
});
