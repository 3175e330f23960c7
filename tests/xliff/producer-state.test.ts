/** The producers' states table (src/xliff/producer-state.ts) and how readXliff applies it. */
import { describe, expect, it } from 'vitest';
import type { BilingualUnit, KiokuError } from '../../src/model.js';
import { readXliff } from '../../src/xliff/read.js';
import { meaningOf, PRODUCER_STATES, producerState, resolveMeaning, stateFrom12, type Meaning, type Producer } from '../../src/xliff/producer-state.js';
import { parseXml } from '../../src/xml/parse.js';
import { prepareImport } from '../../src/memory/import.js';
import { charDiff } from '../../src/diff/index.js';
import { treeStates } from './producer-state-support.js';
import { allUnits, xliff20 } from './builders.js';

/** A 1.2 file whose root declares the vendor namespaces given. */
function vendor12(units: string, ns: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" ${ns}>\n<file original="a.txt" source-language="en" target-language="ja" datatype="plaintext">\n<body>\n${units}\n</body>\n</file>\n</xliff>\n`;
}

function units(text: string): BilingualUnit[] {
  const r = readXliff(text, { file: 'in.xlf' });
  if (!r.ok) throw new Error(r.error.message);
  return allUnits(r.value);
}

function failure(text: string): KiokuError {
  const r = readXliff(text, { file: 'in.xlf' });
  if (r.ok) throw new Error('accepted');
  return r.error;
}

const SDL = 'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"';
const MQ = 'xmlns:mq="MQXliff"';
const M = 'xmlns:m="http://www.memsource.com/mxlf/2.0"';
const AX = 'xmlns:ax="AcrossXliff"';

describe('the table', () => {
  it.each([
    ['sdl', undefined, 'untouched'],
    ['sdl', 'Unspecified', 'untouched'],
    ['sdl', 'Draft', 'needs-review'],
    ['sdl', 'Translated', 'translated'],
    ['sdl', 'RejectedTranslation', 'needs-review'],
    ['sdl', 'ApprovedTranslation', 'reviewed'],
    ['sdl', 'RejectedSignOff', 'needs-review'],
    ['sdl', 'ApprovedSignOff', 'final'],
    ['sdl', 'SomethingNew', 'needs-review'],
    ['memoq', 'NotStarted', 'initial'],
    ['memoq', 'Edited', 'unconfirmed'],
    ['memoq', 'PartiallyEdited', 'unconfirmed'],
    ['memoq', 'Pretranslated', 'unconfirmed'],
    ['memoq', 'MachineTranslated', 'unconfirmed'],
    ['memoq', 'AssembledFromFragments', 'unconfirmed'],
    ['memoq', 'Rejected', 'unconfirmed'],
    ['memoq', 'ManuallyConfirmed', 'translated'],
    ['memoq', 'Reviewer1Confirmed', 'reviewed'],
    ['memoq', 'Reviewer2Confirmed', 'final'],
    ['memoq', 'Proofread', 'final'],
    ['memoq', 'SomethingNew', 'unconfirmed'],
    ['memsource', '1', 'translated'],
    ['memsource', '0', 'unconfirmed'],
    ['across', 'Corrected', 'reviewed'],
    ['across', 'Translated', 'translated'],
    ['across', 'Whatever', 'unconfirmed'],
    ['xliff12', undefined, 'filled'],
    ['xliff12', 'new', 'untouched'],
    ['xliff12', 'needs-translation', 'untouched'],
    ['xliff12', 'needs-review-translation', 'needs-review'],
    ['xliff12', 'signed-off', 'reviewed'],
    ['xliff12', 'x-custom', 'needs-review'],
    ['xliff20', 'reviewed', 'reviewed'],
  ] as const)('%s %s → %s', (producer: Producer, value: string | undefined, meaning: Meaning) => {
    expect(meaningOf(producer, value)).toBe(meaning);
  });

  it('a value named like an Object.prototype member is an unknown value, not a lookup into the prototype', () => {
    expect(meaningOf('memoq', 'constructor')).toBe('unconfirmed');
    expect(meaningOf('sdl', '__proto__')).toBe('needs-review');
  });

  it.each([
    // meaning, has text, is a copy → state
    ['unconfirmed', true, false, 'needs-review'],
    ['unconfirmed', true, true, 'needs-review'],
    ['unconfirmed', false, false, 'initial'],
    ['untouched', true, false, 'needs-review'],
    ['untouched', true, true, 'initial'],
    ['untouched', false, false, 'initial'],
    ['filled', true, false, 'translated'],
    ['filled', true, true, 'initial'],
    ['filled', false, false, 'initial'],
    ['final', false, false, 'final'],
  ] as const)('%s with text=%s copy=%s → %s', (meaning, hasText, isCopy, state) => {
    expect(resolveMeaning(meaning, hasText, isCopy)).toBe(state);
  });

  it('every row names its word and has a meaning for absent and unknown values', () => {
    for (const row of Object.values(PRODUCER_STATES)) {
      expect(row.word).not.toBe('');
      expect(row.absent).toBeDefined();
      expect(row.unknown).toBeDefined();
    }
  });
});

describe('XLIFF 1.2 without vendor attributes', () => {
  it('a target identical to its source with no state is a copy (Okapi/OmegaT kits), not a translation', () => {
    expect(stateFrom12({ source: 'Hello', target: 'Hello' })).toBe('initial');
    expect(stateFrom12({ source: 'Hello', target: 'Bonjour' })).toBe('translated');
    // approved="yes" says somebody approved the copy (a name, a code); approved="no" stays needs-review.
    expect(stateFrom12({ source: 'Kioku', target: 'Kioku', approved: 'yes' })).toBe('translated');
    expect(stateFrom12({ source: 'Kioku', target: 'Kioku', approved: 'no' })).toBe('needs-review');
  });

  it('a rejected state-qualifier keeps the unit below translated', () => {
    expect(stateFrom12({ source: 'a', target: 'b', state: 'translated', stateQualifier: 'rejected-inaccurate' })).toBe('needs-review');
    expect(stateFrom12({ source: 'a', target: 'b', state: 'translated', stateQualifier: 'leveraged-tm' })).toBe('translated');
  });

  it('reads no producerState and no locked flag for plain XLIFF (kioku’s own files read as before)', () => {
    const [u] = units(vendor12('<trans-unit id="u"><source>a</source><target state="needs-translation">b</target></trans-unit>', ''));
    expect(u).toMatchObject({ state: 'needs-review' });
    expect(u).not.toHaveProperty('producerState');
    expect(u).not.toHaveProperty('locked');
  });
});

describe('Trados Studio sdlxliff', () => {
  const paragraph = (defs: string) =>
    vendor12(
      '<trans-unit id="p"><source>One. Two. Three.</source>' +
        '<seg-source><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk> <mrk mtype="seg" mid="3">Three.</mrk></seg-source>' +
        '<target><mrk mtype="seg" mid="1">Un.</mrk> <mrk mtype="seg" mid="2">Deux.</mrk> <mrk mtype="seg" mid="3">Three.</mrk></target>' +
        `<sdl:seg-defs>${defs}</sdl:seg-defs></trans-unit>`,
      SDL,
    );

  it('a unit of several segments takes the least advanced one, names it, and is locked when one is', () => {
    const [u] = units(paragraph('<sdl:seg id="1" conf="ApprovedSignOff" locked="true"/><sdl:seg id="2" conf="Draft"/><sdl:seg id="3" conf="Translated"/>'));
    expect(u).toMatchObject({ state: 'needs-review', locked: true, producerState: 'sdl conf="Draft" (segment mid="2", least advanced of 3)' });
  });

  it('one word for every segment names no segment', () => {
    const [u] = units(paragraph('<sdl:seg id="1" conf="Translated"/><sdl:seg id="2" conf="Translated"/><sdl:seg id="3" conf="Translated"/>'));
    expect(u).toMatchObject({ state: 'translated', producerState: 'sdl conf="Translated"' });
    expect(u).not.toHaveProperty('locked');
  });

  it('exposes each segment’s own state by mid; a segment without <sdl:seg> whose target is the source copy is initial', () => {
    const tree = parseXml(paragraph('<sdl:seg id="1" conf="ApprovedTranslation"/><sdl:seg id="2" conf="RejectedSignOff" locked="true"/>'));
    if (!tree.ok) throw new Error(tree.error.message);
    const p = treeStates(tree.value)[0]!;
    expect(p.state).toBe('initial');
    expect([...p.segments!].map(([mid, s]) => [mid, s.state, s.locked ?? false, s.producerState])).toEqual([
      ['1', 'reviewed', false, 'sdl conf="ApprovedTranslation"'],
      ['2', 'needs-review', true, 'sdl conf="RejectedSignOff"'],
      ['3', 'initial', false, 'sdl: no <sdl:seg> status'],
    ]);
  });

  it('a segment without status but with a translation is needs-review (somebody typed it, nobody confirmed)', () => {
    const [u] = units(
      vendor12(
        '<trans-unit id="p"><source>One.</source><seg-source><mrk mtype="seg" mid="1">One.</mrk></seg-source><target><mrk mtype="seg" mid="1">Un.</mrk></target></trans-unit>',
        SDL,
      ),
    );
    expect(u).toMatchObject({ state: 'needs-review', producerState: 'sdl: no <sdl:seg> status' });
  });

  it('tracked changes: the deleted run is not content, the inserted one is, and the unit is at most needs-review', () => {
    const [u] = units(
      vendor12(
        '<trans-unit id="p"><source>Paragraph #1.</source><seg-source><mrk mtype="seg" mid="1">Paragraph #1.</mrk></seg-source>' +
          '<target><mrk mtype="seg" mid="1"><mrk mtype="x-sdl-deleted" sdl:revid="a">PARAGRAPH </mrk>#1<mrk mtype="x-sdl-added" sdl:revid="b"> NEW</mrk>.</mrk></target>' +
          '<sdl:seg-defs><sdl:seg id="1" conf="ApprovedSignOff"/></sdl:seg-defs></trans-unit>',
        SDL,
      ),
    );
    expect(u).toMatchObject({
      target: '#1 NEW.',
      state: 'needs-review',
      producerState: 'sdl conf="ApprovedSignOff" with unresolved Trados Studio tracked changes',
    });
  });
});

describe('memoQ mqxliff', () => {
  it('mq:status with any prefix bound to MQXliff; mq:locked; the historical copies are ignored', () => {
    const us = units(
      vendor12(
        '<trans-unit id="1" q:status="PartiallyEdited" q:locked="locked"><source>a</source><target>b</target>' +
          '<q:historical-unit q:status="ManuallyConfirmed"><source>a</source><target>old</target></q:historical-unit></trans-unit>' +
          '<trans-unit id="2" q:status="Reviewer1Confirmed"><source>c</source><target>d</target></trans-unit>' +
          '<trans-unit id="3" q:status="Edited"><source>e</source><target></target></trans-unit>',
        'xmlns:q="MQXliff"',
      ),
    );
    expect(us.map((u) => [u.id, u.state, u.locked ?? false, u.producerState])).toEqual([
      ['1', 'needs-review', true, 'mq:status="PartiallyEdited"'],
      ['2', 'reviewed', false, 'mq:status="Reviewer1Confirmed"'],
      ['3', 'initial', false, 'mq:status="Edited"'],
    ]);
  });

  it('an mq: prefix bound to another namespace is not memoQ', () => {
    const [u] = units(
      vendor12(
        '<trans-unit id="1" mq:status="ManuallyConfirmed"><source>a</source><target state="needs-review-translation">b</target></trans-unit>',
        'xmlns:mq="urn:other"',
      ),
    );
    expect(u!.state).toBe('needs-review');
    expect(u).not.toHaveProperty('producerState');
  });

  it('a deleted run that holds codes is left out; codes that balance only after resolving say so', () => {
    const e = failure(
      vendor12(
        '<trans-unit id="4" mq:status="ManuallyConfirmed"><source><bpt id="1" rid="1">&lt;b&gt;</bpt>A<ept id="2" rid="1">&lt;/b&gt;</ept></source>' +
          '<target><mrk mtype="x-mq-tc" mq:tctype="del"><bpt id="1" rid="3">&lt;b&gt;</bpt>X<ept id="2" rid="3">&lt;/b&gt;</ept></mrk>' +
          '<mrk mtype="x-mq-tc" mq:tctype="ins"><bpt id="3" rid="14">&lt;b&gt;</bpt>A</mrk><mrk mtype="x-mq-tc" mq:tctype="ins"><ept id="4" rid="17">&lt;/b&gt;</ept></mrk></target></trans-unit>',
        MQ,
      ),
    );
    expect(e.message).toBe(
      'in the target: <ept id="17"> closes a code that was never opened (unbalanced inline tags); the target holds unresolved memoQ tracked changes',
    );
    expect(e.hint).toBe('accept or reject all tracked changes in memoQ and export the file again');
    expect(e.unit).toBe('4');
  });

  it('a tracked change whose codes balance reads as the accepted text, needs-review', () => {
    const [u] = units(
      vendor12(
        '<trans-unit id="1" mq:status="ManuallyConfirmed"><source>Paragraph #2.</source><target>PARAGRAPH #2<mrk mtype="x-mq-tc" mq:tctype="ins"> INSERTED</mrk><mrk mtype="x-mq-tc" mq:tctype="del"> GONE</mrk>.</target></trans-unit>',
        MQ,
      ),
    );
    expect(u).toMatchObject({
      target: 'PARAGRAPH #2 INSERTED.',
      state: 'needs-review',
      producerState: 'mq:status="ManuallyConfirmed" with unresolved memoQ tracked changes',
    });
  });
});

describe('Memsource/Phrase mxliff and Across', () => {
  it('m:confirmed 1 is translated, 0 needs review (initial without text); m:locked="true" is locked', () => {
    const us = units(
      vendor12(
        '<trans-unit id="a" m:confirmed="1" m:locked="true"><source>a</source><target>b</target></trans-unit>' +
          '<trans-unit id="b" m:confirmed="0" m:locked="false"><source>c</source><target>d</target></trans-unit>' +
          '<trans-unit id="c" m:confirmed="0"><source>e</source><target/></trans-unit>',
        M,
      ),
    );
    expect(us.map((u) => [u.state, u.locked ?? false, u.producerState])).toEqual([
      ['translated', true, 'm:confirmed="1"'],
      ['needs-review', false, 'm:confirmed="0"'],
      ['initial', false, 'm:confirmed="0"'],
    ]);
  });

  it('ax:state-name Corrected is proofread: reviewed; an unknown word is needs-review', () => {
    const us = units(
      vendor12(
        '<trans-unit id="a" ax:state-name="Corrected"><source>a</source><target>b</target></trans-unit><trans-unit id="b" ax:state-name="Pending"><source>c</source><target>d</target></trans-unit>',
        AX,
      ),
    );
    expect(us.map((u) => [u.state, u.producerState])).toEqual([
      ['reviewed', 'ax:state-name="Corrected"'],
      ['needs-review', 'ax:state-name="Pending"'],
    ]);
  });
});

describe('XLIFF 2.0 with state on <target>', () => {
  it('is read as the producer meant it when the segment has no state, and says so', () => {
    const us = units(
      xliff20(
        '<unit id="a"><segment><source>a</source><target state="translated">b</target></segment></unit>' +
          '<unit id="b"><segment state="initial"><source>c</source><target state="translated">d</target></segment></unit>',
      ),
    );
    expect(us.map((u) => [u.state, u.producerState])).toEqual([
      ['translated', '<target state="translated"> (XLIFF 2.0 puts state on <segment>; read as its producer meant it)'],
      ['initial', undefined],
    ]);
  });
});

describe('import', () => {
  it('a locked unit is imported like any other (the lock is recorded, not enforced); unconfirmed ones are counted by the tool’s word', () => {
    const r = readXliff(
      vendor12(
        '<trans-unit id="a" mq:status="ManuallyConfirmed" mq:locked="locked"><source>a</source><target>b</target></trans-unit>' +
          '<trans-unit id="b" mq:status="PartiallyEdited"><source>c</source><target>d</target></trans-unit>',
        MQ,
      ),
    );
    if (!r.ok) throw new Error(r.error.message);
    const p = prepareImport({ exports: [] }, [{ file: 'in.mqxliff', document: r.value }], { now: '2026-01-01T00:00:00Z' }, charDiff);
    if (!p.ok) throw new Error('rejected');
    expect(p.value.incoming.map((u) => [u.target, u.state])).toEqual([['b', 'translated']]);
    expect(p.value.files[0]).toMatchObject({ skipped: 1, unreviewed: 1, unreviewedAs: { 'mq:status="PartiallyEdited"': 1 } });
  });
});

describe('producerState without a reader', () => {
  it('a 2.0 segment without a target is initial whatever it claims', () => {
    const tree = parseXml('<segment xmlns="urn:oasis:names:tc:xliff:document:2.0" state="final"><source>a</source></segment>');
    if (!tree.ok) throw new Error(tree.error.message);
    expect(producerState({ version: '2.0', segment: tree.value })).toEqual({ state: 'initial' });
  });
});
