/**
 * A quick NFC check so segment ids skip `String.prototype.normalize` (costly) for text that NFC cannot
 * change. A code unit is *unsafe* when NFC may change a string containing it: it has a canonical
 * decomposition or is excluded from composition (Ω, CJK compatibility ideographs…), it can be the
 * second part of a composition (combining marks, Hangul vowel and final jamo, ゙ ゚), it is a
 * combining mark that canonical reordering may move, or it is a surrogate (checked the slow way).
 * Text made only of safe code units is already NFC: ASCII, Latin-1, kana, kanji, CJK punctuation
 * and full-width forms are all safe.
 *
 * The ranges are generated from the Unicode data in Node's ICU; tests/segment/nfc.test.ts
 * recomputes them and fails if they drift.
 */
export const NFC_UNSAFE_RANGES =
  '300-36f 374 37e 387 483-489 591-5bd 5bf 5c1-5c2 5c4-5c5 5c7 610-61a 64b-65f 670 6d6-6dc 6df-6e4 ' +
  '6e7-6e8 6ea-6ed 711 730-74a 7a6-7b0 7eb-7f3 7fd 816-819 81b-823 825-827 829-82d 859-85b 897-89f ' +
  '8ca-8e1 8e3-903 93a-93c 93e-94f 951-95f 962-963 981-983 9bc 9be-9c4 9c7-9c8 9cb-9cd 9d7 9dc-9dd 9df ' +
  '9e2-9e3 9fe a01-a03 a33 a36 a3c a3e-a42 a47-a48 a4b-a4d a51 a59-a5b a5e a70-a71 a75 a81-a83 abc ' +
  'abe-ac5 ac7-ac9 acb-acd ae2-ae3 afa-aff b01-b03 b3c b3e-b44 b47-b48 b4b-b4d b55-b57 b5c-b5d b62-b63 ' +
  'b82 bbe-bc2 bc6-bc8 bca-bcd bd7 c00-c04 c3c c3e-c44 c46-c48 c4a-c4d c55-c56 c62-c63 c81-c83 cbc ' +
  'cbe-cc4 cc6-cc8 cca-ccd cd5-cd6 ce2-ce3 cf3 d00-d03 d3b-d3c d3e-d44 d46-d48 d4a-d4d d57 d62-d63 ' +
  'd81-d83 dca dcf-dd4 dd6 dd8-ddf df2-df3 e31 e34-e3a e47-e4e eb1 eb4-ebc ec8-ece f18-f19 f35 f37 f39 ' +
  'f3e-f3f f43 f4d f52 f57 f5c f69 f71-f84 f86-f87 f8d-f97 f99-fbc fc6 102b-103e 1056-1059 105e-1060 ' +
  '1062-1064 1067-106d 1071-1074 1082-108d 108f 109a-109d 1161-1175 11a8-11c2 135d-135f 1712-1715 ' +
  '1732-1734 1752-1753 1772-1773 17b4-17d3 17dd 180b-180d 180f 1885-1886 18a9 1920-192b 1930-193b ' +
  '1a17-1a1b 1a55-1a5e 1a60-1a7c 1a7f 1ab0-1add 1ae0-1aeb 1b00-1b04 1b34-1b44 1b6b-1b73 1b80-1b82 ' +
  '1ba1-1bad 1be6-1bf3 1c24-1c37 1cd0-1cd2 1cd4-1ce8 1ced 1cf4 1cf7-1cf9 1dc0-1dff 1f71 1f73 1f75 1f77 ' +
  '1f79 1f7b 1f7d 1fbb 1fbe 1fc9 1fcb 1fd3 1fdb 1fe3 1feb 1fee-1fef 1ff9 1ffb 1ffd 2000-2001 20d0-20f0 ' +
  '2126 212a-212b 2329-232a 2adc 2cef-2cf1 2d7f 2de0-2dff 302a-302f 3099-309a a66f-a672 a674-a67d ' +
  'a69e-a69f a6f0-a6f1 a802 a806 a80b a823-a827 a82c a880-a881 a8b4-a8c5 a8e0-a8f1 a8ff a926-a92d ' +
  'a947-a953 a980-a983 a9b3-a9c0 a9e5 aa29-aa36 aa43 aa4c-aa4d aa7b-aa7d aab0 aab2-aab4 aab7-aab8 ' +
  'aabe-aabf aac1 aaeb-aaef aaf5-aaf6 abe3-abea abec-abed d800-dfff f900-fa0d fa10 fa12 fa15-fa1e fa20 ' +
  'fa22 fa25-fa26 fa2a-fa6d fa70-fad9 fb1d-fb1f fb2a-fb36 fb38-fb3c fb3e fb40-fb41 fb43-fb44 fb46-fb4e ' +
  'fe00-fe0f fe20-fe2f';

function buildTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const r of NFC_UNSAFE_RANGES.split(' ')) {
    const [a, b] = r.split('-');
    const from = parseInt(a!, 16);
    const to = b === undefined ? from : parseInt(b, 16);
    t.fill(1, from, to + 1);
  }
  return t;
}

/** 1 for code units that NFC may change (see above). */
export const NFC_UNSAFE: Uint8Array = buildTable();

/** Whether NFC leaves `text` unchanged, decided without normalising when possible. */
export function isNfc(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300 && NFC_UNSAFE[c] === 1) return text.normalize('NFC') === text;
  }
  return true;
}
