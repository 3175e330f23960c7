import { describe, expect, it } from 'vitest';
import { prepareCheck } from '../../src/check/run.js';
import { ReferenceSourceIndex, SourceIndex, sourceKey, type SourceGroup } from '../../src/check/rules/consistency.js';
import { textFingerprint } from '../../src/text/hash.js';
import { rng } from '../support/rng.mjs';
import { mixedTexts } from '../support/mixed-text.js';
import { doc, unit } from './builders.js';

/**
 * Sources that share fingerprints without being equal: textFingerprint reads the length and nine
 * characters (0–3, n/4, n/2, 3n/4, n−2, n−1), so texts of one length that differ only elsewhere collide.
 */
function collidingSource(r: () => number): string {
  const base = 'The quick brown fox jumps over the lazy dog';
  const chars = [...base];
  chars[5] = 'aeiouxyz'[Math.floor(r() * 8)]!;
  if (r() < 0.5) chars[27] = '翻訳文字'[Math.floor(r() * 4)]!;
  let s = chars.join('');
  // Spaces and NFC that `normal` removes: different texts, the same key.
  if (r() < 0.15) s = s.replace(' ', '  ');
  if (r() < 0.15) s = ` ${s}\u3000`;
  if (r() < 0.1) s = s.replace('u', 'u\u0308').normalize('NFD');
  return s;
}

const view = (g: SourceGroup | undefined) => (g === undefined ? undefined : { key: g.key, first: g.first, units: g.units.map((cu) => cu.unit.id) });

describe('consistency rule: SourceIndex (open-addressing table of typed arrays)', () => {
  it('finds and groups as a Map by source on random files', () => {
    const r = rng(31_337);
    const mixed = mixedTexts(31_338, 5);
    for (let round = 0; round < 12; round++) {
      // A pool of sources, so that many repeat, several share a fingerprint, and some are alone.
      const pool = Array.from({ length: 5 + Math.floor(r() * 200) }, () => (r() < 0.5 ? collidingSource(r) : mixed()));
      const count = 50 + Math.floor(r() * 1500);
      const units = Array.from({ length: count }, (_, i) => unit(pool[Math.floor(r() * pool.length)]!, 'x', { id: `u${i}` }));
      const approved = prepareCheck({ files: [{ file: 'f.xlf', document: doc(units) }] }).units[0]!;
      // Sized as the rule sizes it, and far too small (so the table grows while units are added).
      const fast = new SourceIndex(approved, round % 2 === 0 ? count : 1);
      const reference = new ReferenceSourceIndex(approved);
      for (let n = 0; n < approved.length; n++) {
        const fingerprint = textFingerprint(sourceKey(approved[n]!));
        fast.add(fingerprint, n);
        reference.add(fingerprint, n);
      }
      // Lookups as the memory makes them: sources of the pool and others.
      const also = new Set<number>();
      for (let k = 0; k < 300; k++) {
        const probe = r() < 0.7 ? sourceKey(approved[Math.floor(r() * approved.length)]!) : r() < 0.5 ? collidingSource(r) : mixed();
        const found = fast.find(textFingerprint(probe), probe);
        expect(view(found), JSON.stringify(probe)).toEqual(view(reference.find(textFingerprint(probe), probe)));
        if (found !== undefined && r() < 0.3) also.add(found.first);
      }
      expect(fast.groups(also).map(view)).toEqual(reference.groups(also).map(view));
      expect(fast.groups(new Set()).map(view)).toEqual(reference.groups(new Set()).map(view));
    }
  });
});
