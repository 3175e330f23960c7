import { NO_FINDINGS, finding, type CheckUnit, type UnitRule } from '../types.js';
import { TextFlag } from '../../text/script.js';
import type { InlineTag } from '../../model.js';

/**
 * Inline markup kept as text in a unit: XML/HTML-like tags (`<b>`, `</b>`, `<br/>`, XLIFF codes a
 * reader flattened to text), and placeholders of the usual formats (`{0}`, `{name}`, `{{name}}`,
 * `${name}`, printf `%s` / `%1$d` / `%(name)s`). Tags compare by name and kind (attributes may be
 * localised); placeholders compare verbatim.
 */
export interface InlineCode {
  readonly kind: 'open' | 'close' | 'empty' | 'placeholder';
  /** Comparable form: `<b>`, `</b>`, `<br/>`, `{0}`, `<g id="1">`. */
  readonly key: string;
  /** What pairs an open with its close: the close's name and id (`b`, `ept#1`). */
  readonly pair: string;
}

/** XLIFF pairs whose close element has another name than the open one. */
const XLIFF_CLOSE: Readonly<Record<string, string>> = { bx: 'ex', bpt: 'ept', sc: 'ec' };

/** The XLIFF inline codes a reader kept (BilingualUnit.sourceTags/targetTags) as comparable codes. */
export function xliffCodes(tags: readonly InlineTag[] | undefined): InlineCode[] {
  if (tags === undefined) return [];
  return tags.map((t) => {
    const id = t.id !== '' ? ` id="${t.id}"` : '';
    if (t.kind === 'open') return { kind: 'open', key: `<${t.name}${id}>`, pair: `${XLIFF_CLOSE[t.name] ?? t.name}#${t.id}` };
    if (t.kind === 'close') return { kind: 'close', key: `</${t.name}${id}>`, pair: `${t.name}#${t.id}` };
    return { kind: 'empty', key: `<${t.name}${id}/>`, pair: '' };
  });
}

/**
 * Tags and placeholders written as text. Placeholders: `{{ name }}` (Angular, Handlebars, Jinja),
 * `${name}`, ICU/.NET/Python braces (`{0}`, `{name}`, `{0, number}`, `{0:N2}`, `{name!r}`), printf
 * (`%s`, `%1$d`, `%.2f`, `%lld`), Apple `%@`/`%1$@`, Python `%(name)s`, Ruby `%{name}`/`%<name>s` and
 * Symfony `%name%`. A bare one-letter conversion followed by a letter is prose (`100%off`); a
 * positional or `@` conversion never is (`%1$@Uhr`).
 */
export const CODE_PATTERN =
  /<(\/?)([A-Za-z_][\w:.-]*)(?:\s[^<>]*?)?(\/?)>|\{\{\s*[\w.]+\s*\}\}|\$\{[\w.]+\}|\{(?:\d+|[A-Za-z_][\w.]*)(?:![rsa])?(?:[,:][^{}]*)?\}|%\d+\$[-+0# ']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[sdifuxXeEgGcpoaA@]|%[-+0#]?\d*(?:\.\d+)?(?:ll|l|z|h)?@|%[-+0#]?\d*(?:\.\d+)?(?:ll|l|z|h)?[sdifuxXeEgGcpo](?![A-Za-z])|%\([A-Za-z_]\w*\)[sdif]|%\{[A-Za-z_]\w*\}|%<[A-Za-z_]\w*>[sdif]|%[A-Za-z_][\w.-]*%/g;

/** HTML elements that never have a close tag: `<br>` is `<br/>`, so a target may write either. */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * ICU MessageFormat complex arguments (`{n, plural, =1 {map} other {maps}}`, `select`,
 * `selectordinal`) are one placeholder, `{n, plural}`: their branches are translated text, and a
 * language has its own plural categories (Japanese only `other`), so nothing inside is compared.
 */
const ICU_COMPLEX = /\{\s*([A-Za-z_][\w.]*|\d+)\s*,\s*(plural|select|selectordinal)\s*,/g;

/** A span of the text that is a code: [start, end) and its comparable form. */
export interface CodeSpan {
  readonly start: number;
  readonly end: number;
  readonly code: InlineCode;
}

/** The ICU complex arguments of a text whose braces close (an unclosed one is not a placeholder). */
function icuComplexSpans(text: string): CodeSpan[] {
  const out: CodeSpan[] = [];
  ICU_COMPLEX.lastIndex = 0;
  for (let m = ICU_COMPLEX.exec(text); m !== null; m = ICU_COMPLEX.exec(text)) {
    let depth = 0;
    let end = -1;
    for (let i = m.index; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x7b) depth++;
      else if (c === 0x7d && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) break;
    out.push({ start: m.index, end, code: { kind: 'placeholder', pair: '', key: `{${m[1]}, ${m[2]}}` } });
    ICU_COMPLEX.lastIndex = end;
  }
  return out;
}

function codeOf(m: RegExpMatchArray): InlineCode {
  const name = m[2];
  if (name === undefined) return { kind: 'placeholder', pair: '', key: m[0] };
  const kind = m[1] === '/' ? 'close' : m[3] === '/' || (m[1] !== '/' && VOID_ELEMENTS.has(name.toLowerCase())) ? 'empty' : 'open';
  return { kind, pair: name, key: kind === 'close' ? `</${name}>` : kind === 'empty' ? `<${name}/>` : `<${name}>` };
}

const MAY_HAVE_CODES = TextFlag.ANGLE | TextFlag.BRACE | TextFlag.PERCENT | TextFlag.DOLLAR;

/** Every code of a text with where it stands, in order (ICU complex arguments first claim their span). */
export function codeSpans(text: string, flags: number): CodeSpan[] {
  if ((flags & MAY_HAVE_CODES) === 0) return [];
  const complex = (flags & TextFlag.BRACE) !== 0 ? icuComplexSpans(text) : [];
  const out: CodeSpan[] = [];
  let from = 0;
  for (const span of [...complex, undefined]) {
    const to = span ? span.start : text.length;
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    for (const m of part.matchAll(CODE_PATTERN)) out.push({ start: from + m.index, end: from + m.index + m[0].length, code: codeOf(m) });
    if (span) {
      out.push(span);
      from = span.end;
    }
  }
  return out;
}

export function inlineCodes(text: string, flags: number): InlineCode[] {
  return codeSpans(text, flags).map((s) => s.code);
}

function counts(codes: readonly InlineCode[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of codes) m.set(c.key, (m.get(c.key) ?? 0) + 1);
  return m;
}

/** The first tag that does not nest, or undefined when every tag opens and closes in order. */
export function unbalancedTag(codes: readonly InlineCode[]): string | undefined {
  const stack: InlineCode[] = [];
  for (const c of codes) {
    if (c.kind === 'open') stack.push(c);
    else if (c.kind === 'close') {
      if (stack.pop()?.pair !== c.pair) return c.key;
    }
  }
  return stack.length > 0 ? stack[stack.length - 1]!.key : undefined;
}

/** Text codes, and the XLIFF codes that the reader kept apart from the text (text-based ones first). */
function codesOf(cu: CheckUnit): { src: InlineCode[]; tgt: InlineCode[] } | undefined {
  if (cu.translation === undefined) return undefined;
  const { sourceTags, targetTags } = cu.unit;
  if (((cu.sourceFlags | cu.targetFlags) & MAY_HAVE_CODES) === 0 && sourceTags === undefined && targetTags === undefined) return undefined;
  return {
    src: [...inlineCodes(cu.unit.source, cu.sourceFlags), ...xliffCodes(sourceTags)],
    tgt: [...inlineCodes(cu.translation, cu.targetFlags), ...xliffCodes(targetTags)],
  };
}

export const tags: UnitRule = {
  scope: 'unit',
  id: 'tags',
  severity: 'error',
  category: 'markup',
  description:
    'Inline tags and placeholders ({0}, {name}, %s, %1$@, %(name)s, {{ name }}, an ICU {n, plural, …} as one, <b>…</b>, <br> = <br/>) differ between source and target: one is missing, added or duplicated.',
  check(cu) {
    const codes = codesOf(cu);
    if (codes === undefined || (codes.src.length === 0 && codes.tgt.length === 0)) return NO_FINDINGS;
    const a = counts(codes.src);
    const b = counts(codes.tgt);
    const missing: string[] = [];
    const extra: string[] = [];
    for (const [k, n] of a) for (let i = b.get(k) ?? 0; i < n; i++) missing.push(k);
    for (const [k, n] of b) for (let i = a.get(k) ?? 0; i < n; i++) extra.push(k);
    if (missing.length === 0 && extra.length === 0) return NO_FINDINGS;
    const parts = [missing.length > 0 ? `missing ${missing.join(' ')}` : '', extra.length > 0 ? `not in the source ${extra.join(' ')}` : ''].filter(
      (p) => p !== '',
    );
    return [
      finding(this, cu, `inline tags/placeholders differ: ${parts.join('; ')}`, {
        actual: codes.tgt.map((c) => c.key).join(' '),
        expected: codes.src.map((c) => c.key).join(' '),
      }),
    ];
  },
};

export const tagsUnbalanced: UnitRule = {
  scope: 'unit',
  id: 'tags-unbalanced',
  severity: 'error',
  category: 'markup',
  description: 'The inline tags of the target do not open and close in order although those of the source do.',
  check(cu) {
    if (cu.translation === undefined) return NO_FINDINGS;
    // No code in the target text and no XLIFF codes: nothing can be unbalanced.
    if ((cu.targetFlags & MAY_HAVE_CODES) === 0 && cu.unit.targetTags === undefined) return NO_FINDINGS;
    const problems: string[] = [];
    const textTarget = inlineCodes(cu.translation, cu.targetFlags);
    const a = unbalancedTag(textTarget);
    if (a !== undefined && unbalancedTag(inlineCodes(cu.unit.source, cu.sourceFlags)) === undefined) problems.push(a);
    const xliffTarget = xliffCodes(cu.unit.targetTags);
    const b = unbalancedTag(xliffTarget);
    if (b !== undefined && unbalancedTag(xliffCodes(cu.unit.sourceTags)) === undefined) problems.push(b);
    if (problems.length === 0) return NO_FINDINGS;
    return [
      finding(this, cu, `the inline tags of the target are not balanced at ${problems.join(' and ')}`, {
        actual: [...textTarget, ...xliffTarget].map((c) => c.key).join(' '),
      }),
    ];
  },
};
