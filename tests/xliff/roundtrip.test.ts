/** writeXliff → readXliff is exact, for both versions, over arbitrary text (fixed seeds). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BilingualDocument, BilingualUnit, UnitState } from '../../src/model.js';
import { readXliff } from '../../src/xliff/read.js';
import { writeXliff } from '../../src/xliff/write.js';
import { findIllegalXmlChar } from '../../src/xml/chars.js';
import { allUnits, doc, unit } from './builders.js';

const TRICKY = [
  ' ',
  '   ',
  '\n',
  'line\n',
  '\t',
  '\r\n',
  '\r',
  ' lead',
  'trail ',
  '😀',
  '👩‍👩‍👧',
  'e\u0301',
  '\u304b\u3099',
  '\u05e9\u05dc\u05d5\u05dd',
  '\u202eabc\u202c',
  '\u2066x\u2069',
  '\u200b',
  '\u200d',
  '\ufeff',
  '<b>bold</b>',
  '<x id="1"/>',
  '&amp;',
  '&nbsp;',
  '&#1;',
  ']]>',
  '<![CDATA[x]]>',
  '<!-- c -->',
  '"\'',
  '<?pi x?>',
  '\u3000',
  '\u00a0',
];

const text = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.array(fc.constantFrom(...TRICKY, '猫', 'a', '。', ' '), { maxLength: 6 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => findIllegalXmlChar(s) === undefined),
);

const arbUnit = fc.record({
  source: text,
  target: fc.option(text, { nil: undefined }),
  state: fc.constantFrom<UnitState>('initial', 'needs-review', 'translated', 'reviewed', 'final'),
  notes: fc.array(text, { maxLength: 2 }),
  candidates: fc.array(
    fc.record({
      kind: fc.constantFrom('in-context', 'exact', 'fuzzy', 'previous-version' as const),
      score: fc.integer({ min: 0, max: 99 }),
      source: text,
      target: text,
      origin: fc.constantFrom('memory', 'previous-version', 'a & <b>'),
    }),
    { maxLength: 2 },
  ),
});

const arbId = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '10', '2', '0', 'a.b', 'x-y_z:1'),
  fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}$/),
);

const arbDoc = fc
  .array(fc.array(fc.tuple(arbId, arbUnit), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 })
  .map((groups): BilingualDocument => {
    const seen = new Set<string>();
    const out: Record<string, BilingualUnit[]> = {};
    groups.forEach((units, g) => {
      out[`p${g}`] = units
        .filter(([id]) => !seen.has(id) && seen.add(id))
        .map(([id, u]) =>
          unit(id, u.source, {
            ...(u.target !== undefined ? { target: u.target } : {}),
            state: u.state,
            notes: u.notes,
            candidates: u.candidates.map((c) => ({ ...c, score: scoreOf(c.kind, c.score) })),
          }),
        );
    });
    return doc(Object.fromEntries(Object.entries(out).filter(([, u]) => u.length > 0)));
  })
  .filter((d) => d.groups.length > 0);

function scoreOf(kind: string, score: number): number {
  return kind === 'in-context' ? 101 : kind === 'exact' ? 100 : score;
}

/**
 * What must come back: NFC text, and the state where there is a target to carry it; in 1.2 an initial
 * unit whose target is not a copy of the source reads as needs-review (see src/xliff/state.ts).
 */
function expected(u: BilingualUnit, version: '1.2' | '2.0') {
  const nfc = (s: string) => s.normalize('NFC');
  const foreignTarget = u.target !== undefined && u.target.trim() !== '' && nfc(u.target) !== nfc(u.source);
  return {
    id: u.id,
    source: nfc(u.source),
    target: u.target === undefined ? undefined : nfc(u.target),
    state: u.target === undefined ? 'initial' : version === '1.2' && u.state === 'initial' && foreignTarget ? 'needs-review' : u.state,
    notes: u.notes.map(nfc),
    candidates: u.candidates.map((c) => ({ ...c, source: nfc(c.source), target: nfc(c.target), origin: nfc(c.origin) })),
  };
}

function actual(u: BilingualUnit) {
  return { id: u.id, source: u.source, target: u.target, state: u.state, notes: u.notes, candidates: u.candidates };
}

describe('writeXliff → readXliff round trip', () => {
  for (const version of ['1.2', '2.0'] as const) {
    it(`is exact in XLIFF ${version}: ids, sources, targets, states, notes, candidates`, () => {
      fc.assert(
        fc.property(arbDoc, (d) => {
          const xml = writeXliff(d, { version });
          if (!xml.ok) throw new Error(`${xml.error.message} (${xml.error.unit})`);
          const back = readXliff(xml.value, { file: 'rt.xlf', version });
          if (!back.ok) throw new Error(`${back.error.message} at ${back.error.line}`);
          expect(back.value.groups.map((g) => g.id)).toEqual(d.groups.map((g) => g.id));
          expect(allUnits(back.value).map(actual)).toEqual(allUnits(d).map((u) => expected(u, version)));
          expect(back.value.original).toBe(d.original);
        }),
        { seed: 42, numRuns: 300 },
      );
    });
  }

  it('keeps whitespace-only and trailing-newline targets exactly (where the xliff package loses them)', () => {
    const d = doc({
      p0: [
        unit('a', '猫', { target: '   ', state: 'translated' }),
        unit('b', '犬', { target: 'Dog\n', state: 'translated' }),
        unit('c', ' x ', { target: '\r\n', state: 'final' }),
      ],
    });
    for (const version of ['1.2', '2.0'] as const) {
      const xml = writeXliff(d, { version });
      const back = xml.ok ? readXliff(xml.value, { version }) : xml;
      if (!back.ok) throw new Error(back.error.message);
      expect(allUnits(back.value).map((u) => u.target)).toEqual(['   ', 'Dog\n', '\r\n']);
      expect(xml.ok && xml.value).toContain('xml:space="preserve"');
    }
  });

  it('gives every read unit the line of its element', () => {
    const xml = writeXliff(doc({ p0: [unit('a', 'x'), unit('b', 'y')], p1: [unit('c', 'z')] }), { version: '1.2' });
    const back = xml.ok ? readXliff(xml.value) : xml;
    if (!back.ok || !xml.ok) throw new Error('failed');
    const lines = xml.value.split('\n');
    for (const u of allUnits(back.value)) expect(lines[u.line - 1]).toContain(`<trans-unit id="${u.id}"`);
  });
});
