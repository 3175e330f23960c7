/**
 * A small deterministic XML writer for the documents kioku produces (XLIFF, TMX…).
 *
 * Why not xml-js's `js2xml` (what the `xliff` package uses): it writes attribute values raw except
 * for `"` (so `original="a&b"` comes out malformed), and it un-escapes `&amp;` in text before
 * escaping, so a literal `&amp;` in a sentence reads back as `&`. Both are data loss; this writer
 * escapes exactly what XML needs and nothing else.
 *
 * Layout: elements that hold only elements are indented one per line (so files diff well in git and
 * line numbers point at units); an element that holds text, and everything inside it, is written on
 * one run with no added whitespace, because whitespace there is content.
 */

/** A mutable element for building output. Attribute order is kept as given. */
export interface XmlNode {
  name: string;
  attributes: Array<[name: string, value: string]>;
  children: Array<XmlNode | string>;
}

export function node(name: string, attributes: Array<[string, string | undefined]> = [], children: Array<XmlNode | string> = []): XmlNode {
  const attrs: Array<[string, string]> = [];
  for (const [k, v] of attributes) if (v !== undefined) attrs.push([k, v]);
  return { name, attributes: attrs, children };
}

export function setAttribute(el: XmlNode, name: string, value: string): void {
  const existing = el.attributes.find(([k]) => k === name);
  if (existing) existing[1] = value;
  else el.attributes.push([name, value]);
}

export function escapeText(text: string): string {
  // `>` is escaped too so `]]>` can never appear; CR as a reference because a parser turns a raw CR
  // (and CRLF) into LF.
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function escapeAttribute(value: string): string {
  // Tab, LF and CR as references: attribute-value normalisation would turn them into spaces.
  return value.replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export interface SerializeOptions {
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` first (default true). */
  readonly declaration?: boolean;
  /** Indentation of element-only content (default two spaces). */
  readonly indent?: string;
  /**
   * Names of elements whose content is text, written inline even when they hold only elements (e.g.
   * `<target><x id="1"/></target>`): indenting their children would change the content.
   */
  readonly textElements?: ReadonlySet<string>;
}

/** Serialises a document: declaration, the root element, and a trailing newline. */
export function serializeXml(root: XmlNode, options: SerializeOptions = {}): string {
  const out: string[] = [];
  if (options.declaration !== false) out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  writeBlock(root, 0, options.indent ?? '  ', options.textElements ?? NONE, out);
  out.push('\n');
  return out.join('');
}

function startTag(el: XmlNode): string {
  let s = '<' + el.name;
  for (const [k, v] of el.attributes) s += ` ${k}="${escapeAttribute(v)}"`;
  return s;
}

const NONE: ReadonlySet<string> = new Set();

function hasText(el: XmlNode): boolean {
  return el.children.some((c) => typeof c === 'string' && c !== '');
}

function writeBlock(el: XmlNode, depth: number, indent: string, textElements: ReadonlySet<string>, out: string[]): void {
  const pad = indent.repeat(depth);
  if (textElements.has(el.name) || hasText(el)) {
    out.push(pad);
    writeInline(el, out);
    return;
  }
  const children = el.children.filter((c): c is XmlNode => typeof c !== 'string');
  if (children.length === 0) {
    out.push(pad + startTag(el) + '/>');
    return;
  }
  out.push(pad + startTag(el) + '>');
  for (const child of children) {
    out.push('\n');
    writeBlock(child, depth + 1, indent, textElements, out);
  }
  out.push('\n' + pad + `</${el.name}>`);
}

function writeInline(el: XmlNode, out: string[]): void {
  const content = el.children.filter((c) => c !== '');
  if (content.length === 0) {
    out.push(startTag(el) + '/>');
    return;
  }
  out.push(startTag(el) + '>');
  for (const c of content) {
    if (typeof c === 'string') out.push(escapeText(c));
    else writeInline(c, out);
  }
  out.push(`</${el.name}>`);
}
