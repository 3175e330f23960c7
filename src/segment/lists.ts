/**
 * English list items written on one line ("1) The first item 2) The second item", "a. … b. …",
 * "• 9. … • 10. …"): when a sentence opens with a list marker, the next marker in sequence opens the
 * next sentence even without a full stop before it.
 */
import { isSpaceCode } from './chars.js';

interface Marker {
  /** Bullet code unit (•, ⁃…) or 0. */
  readonly bullet: number;
  /** 0 none (bullet only), 1 number, 2 lower-case letter, 3 lower-case roman numeral. */
  readonly kind: 0 | 1 | 2 | 3;
  readonly value: number;
  /** ".", ".)", ")" or "" (bullet only). */
  readonly suffix: string;
  /** Index after the marker. */
  readonly end: number;
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'];

const BULLETS = new Set([0x2022, 0x2023, 0x25e6, 0x2043, 0x25aa, 0x25cf, 0x25a0, 0x2219]);

/** How far ahead to look for the next marker: list items are short, and this keeps the scan linear. */
const LOOKAHEAD = 1000;

export function parseMarker(line: string, i: number): Marker | undefined {
  const n = line.length;
  let j = i;
  let bullet = 0;
  const c = line.charCodeAt(j);
  if (BULLETS.has(c)) {
    bullet = c;
    j++;
    while (j < n && isSpaceCode(line.charCodeAt(j))) j++;
  }
  let kind: 0 | 1 | 2 | 3 = 0;
  let value = 0;
  const d = line.charCodeAt(j);
  if (d >= 0x30 && d <= 0x39) {
    const s = j;
    while (j < n && j - s < 4 && line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x39) j++;
    if (j - s > 3) return undefined;
    kind = 1;
    value = Number(line.slice(s, j));
  } else if (d >= 0x61 && d <= 0x7a) {
    const s = j;
    while (j < n && j - s < 5 && /[ivx]/.test(line[j]!)) j++;
    const roman = line.slice(s, j);
    if (j > s && ROMAN.includes(roman) && (line.charCodeAt(j) === 0x2e || line.charCodeAt(j) === 0x29)) {
      kind = 3;
      value = ROMAN.indexOf(roman) + 1;
    } else if (line.charCodeAt(s + 1) === 0x2e || line.charCodeAt(s + 1) === 0x29) {
      j = s + 1;
      kind = 2;
      value = d;
    } else {
      return undefined;
    }
  }
  let suffix = '';
  if (kind !== 0) {
    if (line.startsWith('.)', j)) suffix = '.)';
    else if (line.charCodeAt(j) === 0x2e) suffix = '.';
    else if (line.charCodeAt(j) === 0x29) suffix = ')';
    else return undefined;
    j += suffix.length;
  } else if (bullet === 0) {
    return undefined;
  }
  if (j >= n || !isSpaceCode(line.charCodeAt(j))) return undefined;
  return { bullet, kind, value, suffix, end: j };
}

/** Index of the marker that follows the one opening the sentence at `start`, or -1. */
export function nextListMarker(line: string, start: number): number {
  const first = parseMarker(line, start);
  if (first === undefined) return -1;
  const limit = Math.min(line.length, first.end + LOOKAHEAD);
  const want = first.kind === 0 ? 0 : first.value + 1;
  for (let i = first.end + 1; i < limit; i++) {
    if (!isSpaceCode(line.charCodeAt(i - 1))) continue;
    const c = line.charCodeAt(i);
    if (
      first.bullet !== 0 ? c !== first.bullet : first.kind === 1 ? c < 0x31 || c > 0x39 : first.kind === 3 ? c !== 0x69 && c !== 0x76 && c !== 0x78 : c !== want
    )
      continue;
    const m = parseMarker(line, i);
    if (m !== undefined && m.bullet === first.bullet && m.kind === first.kind && m.suffix === first.suffix && m.value === want) return i;
  }
  return -1;
}
