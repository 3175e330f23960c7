/**
 * A cheap fingerprint of a text for grouping equal texts without hashing every character: its length
 * and nine characters spread over it. Equal texts have equal fingerprints; different texts usually
 * differ (whoever groups by it still compares the texts that share one). A small non-negative integer,
 * so a Map keyed by it never reads the strings.
 */
export function textFingerprint(text: string): number {
  const n = text.length;
  let h = Math.imul(n, 0x9e3779b1);
  if (n === 0) return h >>> 2;
  // The first characters and the last ones (where sentences that share a template differ), and the middle.
  const at = (i: number): number => text.charCodeAt(i < n ? i : n - 1);
  h = Math.imul(h ^ at(0), 0x85ebca6b);
  h = Math.imul(h ^ at(1), 0xc2b2ae35);
  h = Math.imul(h ^ at(2), 0x27d4eb2f);
  h = Math.imul(h ^ at(3), 0x165667b1);
  h = Math.imul(h ^ at(n >> 2), 0x85ebca6b);
  h = Math.imul(h ^ at(n >> 1), 0xc2b2ae35);
  h = Math.imul(h ^ at((3 * n) >> 2), 0x27d4eb2f);
  h = Math.imul(h ^ text.charCodeAt(n > 1 ? n - 2 : 0), 0x165667b1);
  h = Math.imul(h ^ text.charCodeAt(n - 1), 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 2;
}
