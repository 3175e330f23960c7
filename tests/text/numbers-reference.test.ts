import { describe, expect, it } from 'vitest';
import { referenceWordKind, wordKind } from '../../src/text/numbers.js';
import { rng } from '../support/rng.mjs';
import { mixedTexts } from '../support/mixed-text.js';

// Number words, months, scales and their near misses; the reader's own lists are not exported.
const VOCABULARY = (
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen ' +
  'eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion ' +
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth twentieth ninetieth ' +
  'hundredth thousandth millionth once twice thrice january february march april may june july august september ' +
  'october november december jan feb mar apr jun jul aug sep sept oct nov dec a an dozen ii iv vi xi xiv xx i v x ' +
  'the word at on in of is it'
).split(' ');

function randomWord(r: () => number): string {
  let w = VOCABULARY[Math.floor(r() * VOCABULARY.length)]!;
  const roll = r();
  // Near misses: one letter changed, one dropped, one added.
  if (roll < 0.1) {
    const k = Math.floor(r() * w.length);
    w = w.slice(0, k) + String.fromCharCode(0x61 + Math.floor(r() * 26)) + w.slice(k + 1);
  } else if (roll < 0.15) w = w.slice(0, -1) || w;
  else if (roll < 0.2) w += 's';
  else if (roll < 0.25) w = Array.from({ length: 1 + Math.floor(r() * 18) }, () => String.fromCharCode(0x61 + Math.floor(r() * 26))).join('');
  const c = r();
  if (c < 0.25) return w[0]!.toUpperCase() + w.slice(1);
  if (c < 0.35) return w.toUpperCase();
  if (c < 0.45) return [...w].map((ch) => (r() < 0.5 ? ch.toUpperCase() : ch)).join('');
  return w;
}

/** The words wordKind is asked about: runs of ASCII letters, as the English tokenizer finds them. */
function letterRuns(text: string): Array<[number, number]> {
  return [...text.matchAll(/[A-Za-z]+/g)].map((m) => [m.index, m.index + m[0].length]);
}

describe('wordKind (shape table)', () => {
  it('answers as the plain reference on every word of thousands of texts', () => {
    const r = rng(5_150);
    const mixed = mixedTexts(5_151, 6);
    const separators = [' ', ' ', ' ', '  ', ', ', '-', '3', ' 12 ', '.', '。', '１', 'é', '\u3000'];
    let candidates = 0;
    let words = 0;
    for (let n = 0; n < 4000; n++) {
      let text = r() < 0.2 ? mixed() : '';
      const count = 1 + Math.floor(r() * 6);
      for (let k = 0; k < count; k++) text += (k > 0 ? separators[Math.floor(r() * separators.length)] : '') + randomWord(r);
      for (const [from, to] of letterRuns(text)) {
        const kind = wordKind(text, from, to);
        expect(kind, `${JSON.stringify(text)} [${from}, ${to})`).toBe(referenceWordKind(text, from, to));
        words++;
        if (kind !== 0) candidates++;
      }
    }
    // Both answers came up often.
    expect(candidates).toBeGreaterThan(words / 10);
    expect(candidates).toBeLessThan(words * 0.9);
  });
});
