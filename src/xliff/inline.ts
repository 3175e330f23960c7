import type { InlineTag, XliffVersion } from '../model.js';
import { attr, localName, textContent, type XmlElement } from '../xml/parse.js';
import { isXmlChar } from '../xml/chars.js';
import { clip } from '../text/clip.js';

/**
 * XLIFF content (a `<source>` or `<target>`) as translatable text plus its inline codes.
 *
 * Text: the text nodes, including those inside `<g>`, `<pc>` and `<mrk>` (text inside a marker is
 * content); not the native code that 1.2 `<ph>`, `<bpt>`, `<ept>`, `<it>` carry (it is not
 * translatable; it goes to `InlineTag.code`). 2.0 `<cp hex="…"/>` becomes its character; `hex` must
 * name a Unicode scalar value (hex digits, at most U+10FFFF, not a surrogate). A `<cp>` is how XLIFF 2.0
 * carries characters XML 1.0 forbids as text (U+001B, NUL); those are also listed in `xmlForbidden`,
 * so a caller that stores the text can refuse what its other formats (XLIFF 1.2, TMX) cannot write.
 *
 * Codes (`InlineTag`, in document order, each with the text offset where it stands):
 * 1.2 `<g>` open+close, `<x/>` standalone, `<bx/>`/`<ex/>` open/close, `<ph>` standalone, `<bpt>`/`<ept>`
 * open/close, `<it>` standalone (isolated); 2.0 `<pc>` open+close, `<ph/>` standalone, `<sc/>`/`<ec/>`
 * open/close (standalone when `isolated="yes"`). Markers (`mrk`, 2.0 `sm`/`em`) are annotations, not
 * codes, and produce no tag. Pairs are matched by `rid` (1.2 bx/ex, bpt/ept) or `id`, and 2.0 `ec` by
 * `startRef`; `checkBalance` reports an open without its close or a close without its open (except
 * 1.2 bx/ex, whose other half may be in another unit).
 *
 * Tracked changes (1.2 markers: memoQ `<mrk mtype="x-mq-tc" mq:tctype="ins|del">`, Trados
 * `<mrk mtype="x-sdl-added">`/`x-sdl-deleted`): a deleted run is neither text nor codes, an inserted
 * one is content, so the text is what the reviser sees on accepting every change; `trackedChanges`
 * names the tool, so the reader can keep such a target from counting as approved and explain codes
 * that only balance once the changes are resolved.
 */

export interface InlineContent {
  readonly text: string;
  readonly tags: readonly LocatedTag[];
  /** Characters XML 1.0 forbids that a `<cp>` put into `text`, in order (usually none). */
  readonly xmlForbidden?: readonly CarriedChar[];
  /** The tool whose tracked-change markers the content holds (`memoQ`, `Trados Studio`); absent when none. */
  readonly trackedChanges?: string;
}

/** A character only a 2.0 `<cp>` could carry: its code point, `hex` as written, the element's position. */
export interface CarriedChar {
  readonly codePoint: number;
  readonly hex: string;
  readonly line: number;
  readonly column: number;
}

/** An InlineTag with the position of its element, for error messages. */
export interface LocatedTag extends InlineTag {
  readonly line: number;
  readonly column: number;
}

export interface InlineProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export type InlineResult = { ok: true; value: InlineContent } | { ok: false; error: InlineProblem };

/**
 * How each inline element is read: a code pair around content (`g`, `pc`), transparent markup whose
 * text is content (`mrk`), an empty marker to skip (`sm`, `em`), a code (`open`/`close`/`standalone`,
 * paired through `pairBy` when present, carrying native code from its content or its `equiv`/`disp`
 * attribute, standalone when `isolated="yes"` where allowed), or 2.0's `<cp>` character.
 */
type InlineRule =
  | { readonly read: 'pair' | 'transparent' | 'skip' | 'cp' }
  | { readonly read: InlineTag['kind']; readonly pairBy?: 'rid' | 'startRef'; readonly code?: 'content' | 'attribute'; readonly isolable?: boolean };

const RULES: Record<XliffVersion, Readonly<Record<string, InlineRule>>> = {
  '1.2': {
    g: { read: 'pair' },
    mrk: { read: 'transparent' },
    x: { read: 'standalone' },
    bx: { read: 'open', pairBy: 'rid' },
    ex: { read: 'close', pairBy: 'rid' },
    ph: { read: 'standalone', code: 'content' },
    it: { read: 'standalone', code: 'content' },
    bpt: { read: 'open', pairBy: 'rid', code: 'content' },
    ept: { read: 'close', pairBy: 'rid', code: 'content' },
  },
  '2.0': {
    pc: { read: 'pair' },
    mrk: { read: 'transparent' },
    sm: { read: 'skip' },
    em: { read: 'skip' },
    ph: { read: 'standalone', code: 'attribute' },
    sc: { read: 'open', code: 'attribute', isolable: true },
    ec: { read: 'close', pairBy: 'startRef', code: 'attribute', isolable: true },
    cp: { read: 'cp' },
  },
};

/** Reads the content of a source or target element. */
export function readInline(el: XmlElement, version: XliffVersion): InlineResult {
  const rules = RULES[version];
  let text = '';
  const tags: LocatedTag[] = [];
  const xmlForbidden: CarriedChar[] = [];
  let trackedChanges: string | undefined;
  const tag = (e: XmlElement, kind: InlineTag['kind'], id: string, code?: string) => {
    tags.push({ name: localName(e.name), kind, id, offset: text.length, ...(code !== undefined ? { code } : {}), line: e.line, column: e.column });
  };
  const walk = (parent: XmlElement): InlineProblem | undefined => {
    for (const c of parent.children) {
      if (typeof c === 'string') {
        text += c;
        continue;
      }
      const name = localName(c.name);
      const rule = Object.prototype.hasOwnProperty.call(rules, name) ? rules[name]! : undefined;
      if (!rule) return { message: `unexpected <${clip(c.name)}> inside <${clip(localName(parent.name))}>`, line: c.line, column: c.column };
      const id = attr(c, 'id') ?? '';
      switch (rule.read) {
        case 'pair': {
          tag(c, 'open', id);
          const p = walk(c);
          if (p) return p;
          tag(c, 'close', id);
          break;
        }
        case 'transparent': {
          const revision = version === '1.2' ? revisionOf(c) : undefined;
          if (revision) trackedChanges ??= revision.tool;
          if (revision?.deleted) break;
          const p = walk(c);
          if (p) return p;
          break;
        }
        case 'skip':
          break;
        case 'cp': {
          const hex = attr(c, 'hex') ?? '';
          const code = codePointOf(hex);
          if (typeof code === 'string') return { message: code, line: c.line, column: c.column };
          text += String.fromCodePoint(code);
          if (!isXmlChar(code)) xmlForbidden.push({ codePoint: code, hex, line: c.line, column: c.column });
          break;
        }
        default: {
          const kind = rule.isolable && attr(c, 'isolated') === 'yes' ? 'standalone' : rule.read;
          const key = (rule.pairBy && attr(c, rule.pairBy)) ?? id;
          const code = rule.code === 'content' ? textContent(c) : rule.code === 'attribute' ? (attr(c, 'equiv') ?? attr(c, 'disp')) : undefined;
          tag(c, kind, key, code);
        }
      }
    }
    return undefined;
  };
  const problem = walk(el);
  if (problem) return { ok: false, error: problem };
  return {
    ok: true,
    value: { text, tags, ...(xmlForbidden.length > 0 ? { xmlForbidden } : {}), ...(trackedChanges !== undefined ? { trackedChanges } : {}) },
  };
}

/**
 * A tracked-change marker: which tool, and whether it marks a deletion. memoQ's `tctype` is in its
 * `MQXliff` namespace; `mtype="x-mq-tc"` already says memoQ, so any prefix is taken.
 */
function revisionOf(mrk: XmlElement): { tool: string; deleted: boolean } | undefined {
  const mtype = attr(mrk, 'mtype');
  if (mtype === 'x-sdl-added' || mtype === 'x-sdl-deleted') return { tool: 'Trados Studio', deleted: mtype === 'x-sdl-deleted' };
  if (mtype !== 'x-mq-tc') return undefined;
  const tctype = Object.entries(mrk.attributes).find(([name]) => name === 'tctype' || name.endsWith(':tctype'))?.[1];
  return { tool: 'memoQ', deleted: tctype === 'del' };
}

/** The code point a `<cp hex="…"/>` names, or why it names none. */
function codePointOf(hex: string): number | string {
  const quoted = `<cp hex="${clip(hex, 20)}"/>`;
  if (!/^[0-9a-fA-F]+$/.test(hex)) return `${quoted} is not a code point: hex must be hexadecimal digits, e.g. hex="1B"`;
  const digits = hex.replace(/^0+(?=.)/, '');
  const code = digits.length <= 6 ? parseInt(digits, 16) : Infinity;
  if (code > 0x10ffff) return `${quoted} is beyond U+10FFFF, the last Unicode code point`;
  if (code >= 0xd800 && code <= 0xdfff) return `${quoted} names a surrogate (U+${digits.toUpperCase()}), which is half of a UTF-16 pair, not a character`;
  return code;
}

/** Concatenates the content of several segments, shifting tag offsets. */
export function joinInline(parts: readonly InlineContent[]): InlineContent {
  let text = '';
  const tags: LocatedTag[] = [];
  const xmlForbidden: CarriedChar[] = [];
  let trackedChanges: string | undefined;
  for (const p of parts) {
    for (const t of p.tags) tags.push({ ...t, offset: t.offset + text.length });
    if (p.xmlForbidden) xmlForbidden.push(...p.xmlForbidden);
    trackedChanges ??= p.trackedChanges;
    text += p.text;
  }
  return { text, tags, ...(xmlForbidden.length > 0 ? { xmlForbidden } : {}), ...(trackedChanges !== undefined ? { trackedChanges } : {}) };
}

const PAIRS: Record<string, string> = { bx: 'ex', bpt: 'ept', sc: 'ec', g: 'g', pc: 'pc' };

/**
 * 1.2 `<bx/>`/`<ex/>` are the codes XLIFF 1.2 defines for a pair whose other half may be in another
 * unit (a paragraph's `<b>` opened in one trans-unit, closed in the next: Okapi's HTML filter writes
 * them so), so one alone is not out of balance. `<it>` and 2.0 `isolated="yes"` are read as standalone.
 */
const MAY_BE_UNPAIRED: ReadonlySet<string> = new Set(['bx', 'ex']);

/**
 * The first open code without its close, or close without its open; undefined when balanced. `<bx/>`
 * and `<ex/>` are not checked (MAY_BE_UNPAIRED); g/bpt/ept and 2.0 pc/sc/ec are.
 */
export function checkBalance(tags: readonly LocatedTag[]): InlineProblem | undefined {
  const open = new Map<string, LocatedTag[]>();
  const key = (closeName: string, id: string) => `${closeName}\u0000${id}`;
  for (const t of tags) {
    if (MAY_BE_UNPAIRED.has(t.name)) continue;
    if (t.kind === 'open') {
      const k = key(PAIRS[t.name] ?? t.name, t.id);
      const list = open.get(k) ?? [];
      list.push(t);
      open.set(k, list);
    } else if (t.kind === 'close') {
      const list = open.get(key(t.name, t.id));
      if (!list || list.length === 0) {
        return {
          message: `<${t.name}${t.id ? ` id="${clip(t.id, 40)}"` : ''}> closes a code that was never opened (unbalanced inline tags)`,
          line: t.line,
          column: t.column,
        };
      }
      list.pop();
    }
  }
  for (const list of open.values()) {
    const t = list[0];
    if (t) return { message: `<${t.name}${t.id ? ` id="${clip(t.id, 40)}"` : ''}> is never closed (unbalanced inline tags)`, line: t.line, column: t.column };
  }
  return undefined;
}

/** Drops the positions: the public InlineTag shape. */
export function publicTags(tags: readonly LocatedTag[]): InlineTag[] {
  return tags.map(({ line: _l, column: _c, ...t }) => t);
}
