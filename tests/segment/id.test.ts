import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignIds, baseId, baseIdOfNormalised, chainedAssigner, hash64, idAssigner, normaliseForId } from '../../src/segment/id.js';
import { segment, segmentWith } from '../../src/segment/index.js';

const ID = /^[0-9a-f]{12}(?:~\d+)?(?:\.\d+)?$/;

function ids(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of segment(text, { lang: 'ja' }).segments) out.set(s.text, [...(out.get(s.text) ?? []), s.id]);
  return out;
}

describe('segment ids', () => {
  it('are 12 hex digits from the normalised text, plus .N for the N-th repeat', () => {
    const r = segment('同じ文。違う文。同じ文。\n同じ文。', { lang: 'ja' });
    const [a, b, c, d] = r.segments.map((s) => s.id);
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(b).not.toBe(a);
    expect(c).toBe(`${a}.2`);
    expect(d).toBe(`${a}.3`);
    expect(a).toBe(baseId('同じ文。'));
  });

  it('keep the values of the documented scheme (other areas store them)', () => {
    expect(hash64('')).toBe('1aee8d83488bdcb8');
    expect(baseId('国際問題')).toBe('8554b01a130b');
    expect(baseId('国際問題')).toBe(hash64('国際問題').slice(0, 12));
  });

  it('ignore whitespace runs, NFC differences and surrounding space, nothing else', () => {
    expect(baseId('A  b\tc')).toBe(baseId('A b c'));
    expect(baseId('  A b  ')).toBe(baseId('A b'));
    expect(baseId('A\u3000b')).toBe(baseId('A b'));
    expect(baseId('caf\u0065\u0301')).toBe(baseId('caf\u00e9'));
    expect(baseId('か\u3099')).toBe(baseId('が'));
    expect(baseId('\ufa10')).toBe(baseId('\u585a')); // compatibility ideograph → unified
    expect(baseId('A b')).not.toBe(baseId('A b.'));
    expect(baseId('ａ')).not.toBe(baseId('a')); // width is content, not normalisation (NFC, not NFKC)
  });

  it('take the fast path only when it gives the same id as normalising', () => {
    const arb = fc.array(
      fc.oneof(
        fc.constantFrom(' ', '  ', '\t', '\u3000', '\u00a0', 'e\u0301', 'か\u3099', '\ufa10', 'Ω', '\u2126', '\ud842\udfb7', 'a', 'あ', '漢', '。'),
        fc.string({ unit: 'binary', maxLength: 2 }),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (parts) => {
        const text = parts.join('');
        expect(idAssigner().next(text)).toBe(baseIdOfNormalised(normaliseForId(text)));
      }),
      { seed: 42, numRuns: 5000 },
    );
  });

  it('stay the same for an unchanged sentence when others are edited, inserted, removed or moved', () => {
    const sentence = fc.stringMatching(/^[一-龥][あ-んア-ン一-龥]{1,11}。$/);
    const doc = fc.uniqueArray(sentence, { minLength: 3, maxLength: 12 });
    type Edit = { op: 'edit' | 'insert' | 'remove' | 'move'; at: number; to: number; text: string };
    const edit = fc.record({
      op: fc.constantFrom<Edit['op']>('edit', 'insert', 'remove', 'move'),
      at: fc.nat(),
      to: fc.nat(),
      text: sentence,
    });
    fc.assert(
      fc.property(doc, fc.array(edit, { minLength: 1, maxLength: 5 }), (sentences, edits) => {
        const before = ids(sentences.join(''));
        const after = [...sentences];
        const touched = new Set<string>();
        for (const e of edits) {
          if (after.length === 0) break;
          const i = e.at % after.length;
          if (e.op === 'edit') {
            touched.add(after[i]!);
            after[i] = after[i]!.replace('。', 'だ。');
          } else if (e.op === 'insert') {
            after.splice(i, 0, e.text);
            touched.add(e.text);
          } else if (e.op === 'remove') {
            touched.add(after[i]!);
            after.splice(i, 1);
          } else {
            const [moved] = after.splice(i, 1);
            after.splice(e.to % (after.length + 1), 0, moved!);
          }
        }
        // Spread over paragraphs, too: ids do not depend on lines either.
        const next = ids(after.map((s, k) => (k % 3 === 2 ? `${s}\n` : s)).join(''));
        for (const s of sentences) {
          if (touched.has(s) || !after.includes(s) || after.filter((x) => x === s).length !== 1) continue;
          expect(next.get(s), s).toEqual(before.get(s));
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('renumber only the later copies of a repeated sentence when an earlier copy is removed', () => {
    const a = segment('前文。繰り返し。中文。繰り返し。後文。', { lang: 'ja' }).segments;
    const b = segment('前文。中文。繰り返し。後文。', { lang: 'ja' }).segments;
    expect(b.map((s) => s.id)).toEqual([a[0]!.id, a[2]!.id, a[1]!.id, a[4]!.id]);
  });

  it('are unique in a document', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('甲。', '乙。', '丙。', '甲 。', '甲  。', 'A.', 'B!', '\n'), { maxLength: 60 }), (parts) => {
        const r = segment(parts.join(''), { lang: 'ja' });
        const all = r.segments.map((s) => s.id);
        expect(new Set(all).size).toBe(all.length);
        for (const id of all) expect(id).toMatch(ID);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('segment id collisions', () => {
  /** A hash that sends everything to one id: every distinct text collides. */
  const constant = () => 'c0111de0c0de';

  it('are detected, reported once per text and disambiguated with ~N', () => {
    const r = segmentWith('一つ目。二つ目。一つ目。三つ目。二つ目。', { lang: 'ja' }, constant);
    expect(r.segments.map((s) => s.id)).toEqual(['c0111de0c0de', 'c0111de0c0de~2', 'c0111de0c0de.2', 'c0111de0c0de~3', 'c0111de0c0de~2.2']);
    expect(r.collisions).toEqual([
      { id: 'c0111de0c0de', texts: ['一つ目。', '二つ目。'] },
      { id: 'c0111de0c0de', texts: ['一つ目。', '三つ目。'] },
    ]);
  });

  it('are detected by the default id path too, when two texts share all 48 bits', () => {
    // Lanes that agree on the first 32 bits and on bits 32–47 for 甲 and 乙 (a real 48-bit collision),
    // and differ in bits 32–47 only for 丙 (same chain, different id).
    const lanes = (norm: string): readonly [number, number] =>
      norm.startsWith('丙') ? [0xdeadbeef, 0x12350000] : [0xdeadbeef, norm.startsWith('甲') ? 0x1234aaaa : 0x1234bbbb];
    const ids = chainedAssigner(lanes);
    expect(['甲。', '乙。', '丙。', '甲。', '乙。', '丁。'].map((t) => ids.next(t))).toEqual([
      'deadbeef1234',
      'deadbeef1234~2',
      'deadbeef1235',
      'deadbeef1234.2',
      'deadbeef1234~2.2',
      'deadbeef1234~3',
    ]);
    expect(ids.collisions).toEqual([
      { id: 'deadbeef1234', texts: ['甲。', '乙。'] },
      { id: 'deadbeef1234', texts: ['甲。', '丁。'] },
    ]);
  });

  it('do not involve texts that are equal after normalisation', () => {
    const r = assignIds(['A  b', 'A b', 'A\tb'], constant);
    expect(r.ids).toEqual(['c0111de0c0de', 'c0111de0c0de.2', 'c0111de0c0de.3']);
    expect(r.collisions).toEqual([]);
  });

  it('are found with a realistic hash cut short too', () => {
    // Keep only 4 bits of the real hash: 40 sentences must collide somewhere.
    const short = (norm: string) => baseIdOfNormalised(norm).slice(0, 1).padEnd(12, '0');
    const texts = Array.from({ length: 40 }, (_, i) => `文${i}。`);
    const r = assignIds(texts, short);
    expect(r.collisions.length).toBeGreaterThan(0);
    expect(new Set(r.ids).size).toBe(texts.length);
    for (const c of r.collisions) expect(c.texts[0]).not.toBe(c.texts[1]);
  });

  it('do not happen in the article', () => {
    const r = segment('見出し。\n本文。', { lang: 'ja' });
    expect(r.collisions).toEqual([]);
  });
});
