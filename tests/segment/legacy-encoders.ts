/**
 * Shift_JIS and EUC-JP encoders for tests, built by inverting Node's own decoders (TextDecoder decodes
 * these encodings but nothing encodes them). `encodable` tells whether a text survives the round trip.
 */
type Table = Map<string, number[]>;

function invert(label: string, ranges: Array<[number[], number[]]>, singles: Array<[number, number]>): Table {
  const decoder = new TextDecoder(label, { fatal: true });
  const table: Table = new Map();
  for (let b = 0; b < 0x80; b++) table.set(String.fromCharCode(b), [b]);
  for (const [from, to] of singles) {
    for (let b = from; b <= to; b++) add(table, decoder, [b]);
  }
  for (const [leads, trails] of ranges) {
    for (const lead of leads) for (const trail of trails) add(table, decoder, [lead, trail]);
  }
  return table;
}

function add(table: Table, decoder: InstanceType<typeof TextDecoder>, bytes: number[]): void {
  try {
    const ch = decoder.decode(Uint8Array.from(bytes));
    if (ch.length >= 1 && [...ch].length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, bytes);
  } catch {
    // not a valid sequence
  }
}

function span(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

let sjis: Table | undefined;
let eucjp: Table | undefined;

function tableFor(encoding: 'shift_jis' | 'euc-jp'): Table {
  if (encoding === 'shift_jis') {
    sjis ??= invert(
      'shift_jis',
      [
        [
          [...span(0x81, 0x9f), ...span(0xe0, 0xfc)],
          [...span(0x40, 0x7e), ...span(0x80, 0xfc)],
        ],
      ],
      [[0xa1, 0xdf]],
    );
    return sjis;
  }
  eucjp ??= invert(
    'euc-jp',
    [
      [span(0xa1, 0xfe), span(0xa1, 0xfe)],
      [[0x8e], span(0xa1, 0xdf)],
    ],
    [],
  );
  return eucjp;
}

export function encodable(text: string, encoding: 'shift_jis' | 'euc-jp'): boolean {
  const t = tableFor(encoding);
  for (const ch of text) if (!t.has(ch)) return false;
  return true;
}

export function encodeLegacy(text: string, encoding: 'shift_jis' | 'euc-jp'): Uint8Array {
  const t = tableFor(encoding);
  const out: number[] = [];
  for (const ch of text) {
    const bytes = t.get(ch);
    if (bytes === undefined) throw new Error(`${JSON.stringify(ch)} has no ${encoding} encoding`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

export function encodeUtf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let o = 0;
  const put = (c: number) => {
    out[o++] = endian === 'le' ? c & 0xff : c >>> 8;
    out[o++] = endian === 'le' ? c >>> 8 : c & 0xff;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return out;
}
