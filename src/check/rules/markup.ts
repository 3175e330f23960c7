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

export const CODE_PATTERN =
  /<(\/?)([A-Za-z_][\w:.-]*)(?:\s[^<>]*?)?(\/?)>|\{\{\s*[\w.]+\s*\}\}|\$\{[\w.]+\}|\{\d+\}|\{[A-Za-z_][\w.]*(?:,[^{}]*)?\}|%(?:\d+\$)?[-+0#]?\d*(?:\.\d+)?[sdifuxXeEgGcpo@](?![A-Za-z])|%\([A-Za-z_]\w*\)[sdif]/g;

const MAY_HAVE_CODES = TextFlag.ANGLE | TextFlag.BRACE | TextFlag.PERCENT | TextFlag.DOLLAR;

export function inlineCodes(text: string, flags: number): InlineCode[] {
  if ((flags & MAY_HAVE_CODES) === 0) return [];
  const out: InlineCode[] = [];
  for (const m of text.matchAll(CODE_PATTERN)) {
    const name = m[2];
    if (name !== undefined) {
      const kind = m[1] === '/' ? 'close' : m[3] === '/' ? 'empty' : 'open';
      out.push({ kind, pair: name, key: kind === 'close' ? `</${name}>` : kind === 'empty' ? `<${name}/>` : `<${name}>` });
    } else {
      out.push({ kind: 'placeholder', pair: '', key: m[0] });
    }
  }
  return out;
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
  description: 'Inline tags and placeholders ({0}, %s, <b>…</b>) differ between source and target: one is missing, added or duplicated.',
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
