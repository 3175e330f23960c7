import type { TranslationUnit, UnitState } from '../../src/model.js';
import { unitId } from '../../src/memory/content.js';

/** A memory unit with sensible defaults; override what the test is about. */
export function unit(
  source: string,
  target: string,
  extra: { seg?: string; doc?: string; state?: UnitState; prev?: string; next?: string; changed?: string; src?: string; tgt?: string } = {},
): TranslationUnit {
  const src = extra.src ?? 'ja';
  const tgt = extra.tgt ?? 'en';
  const doc = extra.doc ?? 'doc.txt';
  const seg = extra.seg ?? `s-${source.length}-${target.length}`;
  return {
    id: unitId(src, tgt, doc, seg, source),
    sourceLang: src,
    targetLang: tgt,
    source,
    target,
    state: extra.state ?? 'translated',
    provenance: {
      document: doc,
      segment: seg,
      ...(extra.prev !== undefined ? { prev: extra.prev } : {}),
      ...(extra.next !== undefined ? { next: extra.next } : {}),
      created: '2026-01-01T00:00:00Z',
      changed: extra.changed ?? '2026-01-01T00:00:00Z',
    },
  };
}
