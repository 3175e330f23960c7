import { SaxesParser, type SaxesAttributeNS } from 'saxes';
import type { KiokuError, Result } from '../model.js';
import { err, ok } from '../model.js';
import { findIllegalXmlChar, isXmlChar, LineIndex } from './chars.js';
import { clip } from '../text/clip.js';

export { positionOf } from './chars.js';

/**
 * The strict XML gate. Every XML file kioku reads from outside (XLIFF, TMX, TBX) goes through here
 * before anything interprets it: a strict well-formedness parser (saxes, with namespaces) plus limits,
 * producing a small tree with positions. Rejected with file:line:column and one sentence saying what
 * is wrong: truncated documents, two roots, mismatched or unclosed tags, duplicate attributes, unbound
 * namespace prefixes, undefined entities (`&nbsp;`), any DOCTYPE with an internal subset (entities,
 * attribute defaults: see findDoctypeSubset), characters XML 1.0 forbids (raw or as `&#…;`) and lone surrogates, a declared encoding other than the one the
 * text was decoded with, and anything over the limits below.
 *
 * Entities are never expanded beyond the five predefined ones and character references, and nothing
 * is ever fetched (saxes has no resolver), so billion-laughs, quadratic blowup and external entities
 * cannot work. Work is linear in the input; memory is the tree (bounded through `maxElements` and the
 * size cap of the caller). For input that must not be able to exhaust the process, use
 * `parseXmlIsolated` in src/io/xml-worker.ts, which runs this in a worker with a memory limit and a
 * timeout.
 */

/** An element with its attributes (a null-prototype object, so `__proto__` is just a name). */
export interface XmlElement {
  /** Qualified name as written, e.g. `mtc:match`. */
  readonly name: string;
  /** Namespace URI of the element ('' when none). */
  readonly uri: string;
  /** Attributes by qualified name as written (`xml:lang`, `xmlns:mtc`), values normalised per XML. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Text (including CDATA) as strings, elements as objects; comments and PIs are dropped. */
  readonly children: ReadonlyArray<XmlElement | string>;
  /** Position of the `<` of the start tag, 1-based. */
  readonly line: number;
  readonly column: number;
}

export interface XmlLimits {
  /** Maximum element nesting depth. */
  readonly maxDepth: number;
  /** Maximum length of one attribute value, in characters. */
  readonly maxAttributeLength: number;
  /** Maximum number of attributes on one element. */
  readonly maxAttributes: number;
  /** Maximum length of one comment, processing instruction or DOCTYPE. */
  readonly maxCommentLength: number;
  /** Maximum length of one text node (between two tags). */
  readonly maxTextLength: number;
  /** Maximum number of elements (bounds the size of the tree). */
  readonly maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxDepth: 256,
  maxAttributeLength: 64 * 1024,
  maxAttributes: 256,
  maxCommentLength: 1024 * 1024,
  maxTextLength: 16 * 1024 * 1024,
  // A 64 MiB XLIFF of real sentences has well under a million elements; this stops a file of
  // millions of empty elements (`<a/><a/>…`) from building a tree of gigabytes.
  maxElements: 2_000_000,
};

export interface ParseXmlOptions {
  /** File name for error messages. */
  readonly file?: string;
  readonly limits?: Partial<XmlLimits>;
  /**
   * The encoding the text was decoded with (e.g. `shift_jis` with an explicit `--encoding`). A
   * declared `encoding` other than UTF-8/UTF-16/US-ASCII must match it; without it such a
   * declaration is refused, since the bytes were read as Unicode.
   */
  readonly decodedAs?: string;
}

/** How much of an element or attribute name a message quotes (names have no length limit in XML). */
const NAME_MAX = 100;

class GateError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const UNICODE_ENCODINGS = new Set(['utf-8', 'utf8', 'utf-16', 'utf-16le', 'utf-16be', 'us-ascii', 'ascii']);

// Most elements have no attributes or no children: share one frozen empty value instead of
// allocating one per element (the tree of a large file is mostly these).
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);
const NO_CHILDREN: Array<XmlElement | string> = Object.freeze([]) as unknown as Array<XmlElement | string>;

function addChild(parent: Building, child: XmlElement | string): void {
  if (parent.children === NO_CHILDREN) parent.children = [child];
  else parent.children.push(child);
}

type Building = {
  name: string;
  uri: string;
  attributes: Record<string, string>;
  children: Array<XmlElement | string>;
  line: number;
  column: number;
};

/** Parses a whole XML document strictly. Pure: text in, tree or error out. */
export function parseXml(text: string, options: ParseXmlOptions = {}): Result<XmlElement> {
  const limits = { ...DEFAULT_XML_LIMITS, ...options.limits };
  const file = options.file;
  const lines = new LineIndex(text);
  const failAt = (offset: number, message: string, hint?: string): Result<never> => {
    const { line, column } = lines.at(offset);
    const e: KiokuError = {
      code: 'xml',
      message: `not accepted as XML: ${message}`,
      line,
      column,
      ...(file !== undefined ? { file } : {}),
      ...(hint ? { hint } : {}),
    };
    return err(e);
  };

  const scanned = prescan(text, limits);
  if (scanned) return failAt(scanned.offset, scanned.message, scanned.hint);

  const parser = new SaxesParser({ xmlns: true, position: true, defaultXMLVersion: '1.0', forceXMLVersion: true });
  const stack: Building[] = [];
  let root: XmlElement | undefined;
  let elements = 0;
  let tagStart = 0;

  const fail = (message: string, hint?: string, offset = Math.max(0, parser.position - 1)): never => {
    throw new GateError(message, offset, hint);
  };

  parser.on('xmldecl', (decl) => {
    const encoding = decl.encoding?.toLowerCase();
    if (encoding !== undefined && !UNICODE_ENCODINGS.has(encoding) && encoding !== options.decodedAs?.toLowerCase()) {
      fail(
        `the XML declaration says encoding="${clip(decl.encoding ?? '', 40)}" but the text was read as ${options.decodedAs ?? 'UTF-8/UTF-16'}`,
        `convert the file to UTF-8 (e.g. iconv -f ${clip(decl.encoding ?? '', 40)} -t UTF-8) and fix the declaration`,
      );
    }
  });
  parser.on('doctype', (doctype) => {
    if (doctype.length > limits.maxCommentLength) fail(`a DOCTYPE longer than ${limits.maxCommentLength} characters`);
    // The prescan refuses any internal subset; this is the second wall for a DOCTYPE it did not see
    // in the prolog (the parser reports what stands before it on its own).
    const problem = doctypeProblem(`<!DOCTYPE${doctype}>`, 0, limits.maxCommentLength);
    if (problem) fail(problem.message, problem.hint);
  });
  parser.on('opentagstart', (tag) => {
    // saxes fires this after the name and the character after it: the '<' is name.length + 2 back.
    tagStart = Math.max(0, parser.position - tag.name.length - 2);
    if (++elements > limits.maxElements) fail(`more than ${limits.maxElements} elements`, 'split the file', tagStart);
    if (stack.length >= limits.maxDepth) fail(`elements nested deeper than ${limits.maxDepth} levels`, undefined, tagStart);
  });
  parser.on('opentag', (tag) => {
    let attributes = NO_ATTRIBUTES;
    let count = 0;
    for (const key in tag.attributes) {
      const a = tag.attributes[key] as SaxesAttributeNS;
      if (++count > limits.maxAttributes) fail(`more than ${limits.maxAttributes} attributes on <${clip(tag.name, NAME_MAX)}>`, undefined, tagStart);
      if (a.value.length > limits.maxAttributeLength)
        fail(`attribute ${clip(a.name, NAME_MAX)} is longer than ${limits.maxAttributeLength} characters`, undefined, tagStart);
      if (attributes === NO_ATTRIBUTES) attributes = Object.create(null) as Record<string, string>;
      attributes[a.name] = a.value;
    }
    const { line, column } = lines.at(tagStart);
    stack.push({ name: tag.name, uri: tag.uri ?? '', attributes, children: NO_CHILDREN, line, column });
  });
  parser.on('closetag', (tag) => {
    const element: XmlElement = stack.pop()!;
    if (!tag.isSelfClosing) {
      // saxes pops unmatched open tags (calling this) before it reports a mismatch; check the name
      // here so the message can say which tag was open.
      const at = text.lastIndexOf('</', parser.position - 1);
      const closing = /^<\/([^\s>]*)/.exec(text.slice(at, at + element.name.length + 3))?.[1] ?? '';
      if (closing !== element.name) {
        fail(`</${clip(closing, NAME_MAX)}> does not close the open <${clip(element.name, NAME_MAX)}> (line ${element.line})`, undefined, at);
      }
    }
    if (stack.length === 0) root = element;
    else addChild(stack[stack.length - 1]!, element);
  });
  const onText = (t: string) => {
    // Only whitespace may stand outside the root; saxes reports other text there itself.
    if (stack.length === 0) return;
    const parent = stack[stack.length - 1]!;
    const children = parent.children;
    const last = children[children.length - 1];
    // saxes may deliver one text run in pieces (around entities and CDATA); keep it one string.
    const merged = typeof last === 'string' ? last + t : t;
    if (merged.length > limits.maxTextLength) fail(`a text node longer than ${limits.maxTextLength} characters`);
    if (typeof last === 'string') children[children.length - 1] = merged;
    else addChild(parent, t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (e) => {
    throw explainSaxesError(e.message, parser.position, text, stack);
  });

  try {
    parser.write(text);
    parser.close();
  } catch (e) {
    if (e instanceof GateError) return failAt(e.offset, e.message, e.hint);
    return failAt(Math.max(0, parser.position - 1), e instanceof Error ? e.message : String(e));
  }
  if (!root) return failAt(text.length, 'no root element (empty or truncated file)');
  return ok(root);
}

/**
 * The cheap linear scans the parser runs first: characters XML 1.0 forbids (a precise message where
 * the parser's would be vague), comments/PIs over the limit (stopped before any parser buffers
 * them), a DOCTYPE with an internal subset, and the start-tag count. No allocation beyond the match;
 * `parseXmlIsolated` runs it before starting a worker.
 */
export function prescanXml(text: string, options: ParseXmlOptions = {}): Result<void> {
  const found = prescan(text, { ...DEFAULT_XML_LIMITS, ...options.limits });
  if (!found) return ok(undefined);
  const { line, column } = new LineIndex(text).at(found.offset);
  return err({
    code: 'xml',
    message: `not accepted as XML: ${found.message}`,
    line,
    column,
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(found.hint ? { hint: found.hint } : {}),
  });
}

function prescan(text: string, limits: XmlLimits): Found | undefined {
  const illegal = findIllegalXmlChar(text);
  if (illegal) {
    return {
      offset: illegal.index,
      message: `character ${illegal.label} is not allowed in XML 1.0`,
      hint: 'remove it or replace it; XML cannot carry it, not even as &#…;',
    };
  }
  return findLongConstruct(text, limits.maxCommentLength) ?? findDoctypeSubset(text, limits.maxCommentLength) ?? countStartTags(text, limits.maxElements);
}

type Found = { offset: number; message: string; hint?: string };

const XML_SPACE = /[ \t\r\n]/;

/**
 * A DOCTYPE in the prolog (after the XML declaration, comments and PIs) that has an internal subset.
 * Refused whatever it holds: entity declarations are how billion laughs, quadratic blowup and XXE
 * work, and the other declarations (`<!ATTLIST target state CDATA "needs-translation">`) give
 * attributes defaults that every validating or DTD-aware reader applies and kioku would not — the
 * same file would mean one thing to the translator's tool and another to kioku. A DOCTYPE that only
 * names an external DTD (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, which kioku's own TMX has) declares
 * nothing here and is never fetched, so it stays accepted.
 */
function findDoctypeSubset(text: string, max: number): Found | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && XML_SPACE.test(text[i]!)) i++;
    const close = text.startsWith('<?', i) ? '?>' : text.startsWith('<!--', i) ? '-->' : undefined;
    if (close === undefined) break;
    const end = text.indexOf(close, i + 2);
    if (end === -1) return undefined; // the parser reports the unterminated construct
    i = end + close.length;
  }
  return text.startsWith('<!DOCTYPE', i) ? doctypeProblem(text, i, max) : undefined;
}

/**
 * What is wrong with the DOCTYPE starting at `start` (`<!DOCTYPE`): entities declared or referenced
 * in its internal subset, or an internal subset at all. Quoted literals may hold `[`, `>` and `%`, so
 * they are skipped as a whole. Bounded by `max` characters (the DOCTYPE limit): a subset too long to
 * scan is refused as a subset.
 */
function doctypeProblem(text: string, start: number, max: number): Found | undefined {
  const limit = Math.min(text.length, start + max + 16);
  let i = start + '<!DOCTYPE'.length;
  for (; i < limit; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) return undefined; // unterminated literal: the parser's error
      i = end;
    } else if (c === '>') return undefined;
    else if (c === '[') break;
  }
  if (i >= limit) return undefined;
  const subset = i;
  const entities = (offset: number): Found => ({
    offset,
    message: 'the DOCTYPE declares entities, which kioku never expands',
    hint: 'remove the DOCTYPE (XLIFF and TMX need none)',
  });
  for (i = subset + 1; i < limit; i++) {
    const c = text[i];
    if (c === ']') break;
    if (c === '%') return entities(i); // a parameter-entity reference pulls declarations in
    if (text.startsWith('<!--', i) || text.startsWith('<?', i)) {
      const end = text.indexOf(text[i + 1] === '!' ? '-->' : '?>', i + 2);
      if (end === -1) break;
      i = end + 1;
    } else if (text.startsWith('<!ENTITY', i)) {
      return entities(i);
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) break;
      i = end;
    }
  }
  return {
    offset: subset,
    message: 'a DOCTYPE with an internal subset ([ … ]) can declare defaults kioku would not apply',
    hint: 'remove the internal subset (a DOCTYPE naming only an external DTD, such as <!DOCTYPE tmx SYSTEM "tmx14.dtd">, is fine)',
  };
}

/**
 * Counts start tags (skipping comments, CDATA and PIs, where `<` is not markup) and stops at the
 * element limit, so a file of millions of tiny elements is refused before a tree is built.
 */
function countStartTags(text: string, max: number): { offset: number; message: string; hint?: string } | undefined {
  if (text.length / 3 <= max) return undefined; // `<a>` is the shortest element there is
  let count = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 0x21 /* ! */) {
      const end = text.startsWith('<!--', i) ? text.indexOf('-->', i + 4) : text.startsWith('<![CDATA[', i) ? text.indexOf(']]>', i + 9) : i;
      if (end === -1) return undefined;
      i = end;
    } else if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) return undefined;
      i = end;
    } else if (next !== 0x2f /* / */ && ++count > max) {
      return { offset: i, message: `more than ${max} elements`, hint: 'split the file' };
    }
  }
  return undefined;
}

/** Turns a saxes message into kioku's wording, with the position of what is actually wrong. */
function explainSaxesError(raw: string, position: number, text: string, stack: readonly Building[]): GateError {
  // saxes messages look like "1:5: unclosed tag: x."; keep the reason, we format the position.
  const reason = raw.replace(/^(?:[^:\n]*:)?\d+:\d+: /, '').replace(/\.$/, '');
  const here = Math.max(0, position - 1);
  const open = stack[stack.length - 1];
  const openAt = (b: Building) => `<${clip(b.name, NAME_MAX)}> (line ${b.line})`;
  if (/^unclosed tag/.test(reason) || (reason === 'document must contain a root element' && text.trim() !== '')) {
    if (open) {
      return new GateError(
        `the document ends inside ${openAt(open)}: the file is truncated or a closing tag is missing`,
        text.length,
        'restore the complete file',
      );
    }
  }
  if (reason === 'unexpected close tag' || reason.startsWith('unmatched closing tag')) {
    const close = /<\/([^\s>]*)\s*>?$/.exec(text.slice(Math.max(0, position - 300), position));
    const name = close?.[1] ?? '';
    const at = close ? position - close[0].length : here;
    return new GateError(open ? `</${clip(name, NAME_MAX)}> does not close the open ${openAt(open)}` : `</${clip(name, NAME_MAX)}> closes nothing`, at);
  }
  if (reason === 'undefined entity' || reason.startsWith('undefined entity')) {
    const m = /&([^\s;&<]{0,64});?$/.exec(text.slice(Math.max(0, position - 70), position));
    const name = m?.[1] ?? '';
    const at = m ? position - m[0].length : here;
    const hint = name === 'nbsp' ? 'write the character U+00A0 itself or &#160;' : 'write the character itself or a numeric reference &#…;';
    return new GateError(`undefined entity &${name}; (XML predefines only &amp; &lt; &gt; &quot; &apos;)`, at, hint);
  }
  if (/character entity|character reference/.test(reason)) {
    const m = /&#(x[0-9a-fA-F]+|[0-9]+);?$/.exec(text.slice(Math.max(0, position - 20), position));
    if (m) {
      const code = m[1]!.startsWith('x') ? parseInt(m[1]!.slice(1), 16) : parseInt(m[1]!, 10);
      if (!isXmlChar(code)) {
        return new GateError(`the character reference ${m[0].replace(/;?$/, ';')} names a character XML 1.0 forbids`, position - m[0].length, 'remove it');
      }
    }
  }
  if (reason === 'text data outside of root node') {
    return new GateError('text outside the root element', here);
  }
  if (reason === 'documents may contain only one root') {
    return new GateError('a second root element: an XML document has exactly one', here);
  }
  if (reason === 'document must contain a root element') {
    return new GateError('no root element (empty or truncated file)', here);
  }
  // saxes quotes names in some messages (`unclosed tag: …`): never a whole hostile name.
  return new GateError(clip(reason), here);
}

/**
 * Finds a comment, processing instruction or DOCTYPE longer than `max` before the parser buffers it
 * (a 50 MB comment would otherwise cost gigabytes in some parsers; here it is an indexOf scan).
 */
function findLongConstruct(text: string, max: number): { message: string; offset: number } | undefined {
  for (const [open, close, what] of [
    ['<!--', '-->', 'comment'],
    ['<?', '?>', 'processing instruction'],
  ] as const) {
    let from = 0;
    for (;;) {
      const start = text.indexOf(open, from);
      if (start === -1) break;
      const end = text.indexOf(close, start + open.length);
      const length = (end === -1 ? text.length : end) - start - open.length;
      if (length > max) return { message: `a ${what} longer than ${max} characters`, offset: start };
      if (end === -1) break;
      from = end + close.length;
    }
  }
  return undefined;
}

// --- Small helpers for readers of the tree --------------------------------------------------------

/** The part of a qualified name after the prefix: `mtc:match` → `match`. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (name === undefined || localName(c.name) === name)) out.push(c);
  return out;
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && localName(c.name) === name) return c;
  return undefined;
}

/** All text inside an element, inline markup flattened to its text. */
export function textContent(el: XmlElement): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textContent(c);
  return s;
}

export function attr(el: XmlElement, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(el.attributes, name) ? el.attributes[name] : undefined;
}
