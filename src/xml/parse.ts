import { SaxesParser } from 'saxes';
import type { Result } from '../model.js';
import { err, ok } from '../model.js';

/**
 * The strict XML gate. Every XML file kioku reads from outside (XLIFF, TMX, TBX) goes through here
 * before anything interprets it: a strict well-formedness parser (saxes) plus limits, producing a small
 * tree with positions. Rejected with file:line:column: truncated documents, two roots, mismatched or
 * unclosed tags, duplicate attributes, undefined entities (`&nbsp;`), any DOCTYPE that declares
 * entities, characters XML 1.0 forbids, and anything over the limits below. Entities are never
 * expanded beyond the five predefined ones and character references, so billion-laughs and external
 * entities cannot work.
 */

/** An element with its attributes (a null-prototype object, so `__proto__` is just a name). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Text (including CDATA) as strings, elements as objects; comments and PIs are dropped. */
  readonly children: ReadonlyArray<XmlElement | string>;
  /** Position of the end of the start tag (saxes reports it there), 1-based. */
  readonly line: number;
  readonly column: number;
}

export interface XmlLimits {
  /** Maximum element nesting depth. */
  readonly maxDepth: number;
  /** Maximum length of one attribute value, in characters. */
  readonly maxAttributeLength: number;
  /** Maximum length of one comment or processing instruction. */
  readonly maxCommentLength: number;
  /** Maximum length of one text node (between two tags). */
  readonly maxTextLength: number;
  /** Maximum number of elements. */
  readonly maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxDepth: 256,
  maxAttributeLength: 64 * 1024,
  maxCommentLength: 1024 * 1024,
  maxTextLength: 16 * 1024 * 1024,
  maxElements: 10_000_000,
};

export interface ParseXmlOptions {
  /** File name for error messages. */
  readonly file?: string;
  readonly limits?: Partial<XmlLimits>;
}

class GateError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Parses a whole XML document strictly. Pure: text in, tree or error out. */
export function parseXml(text: string, options: ParseXmlOptions = {}): Result<XmlElement> {
  const limits = { ...DEFAULT_XML_LIMITS, ...options.limits };
  const file = options.file;
  const precheck = precheckComments(text, limits.maxCommentLength);
  if (precheck) return err({ code: 'xml', message: precheck.message, file, line: precheck.line, column: precheck.column });

  const parser = new SaxesParser({ xmlns: false, position: true });
  type Building = { name: string; attributes: Record<string, string>; children: Array<XmlElement | string>; line: number; column: number };
  const stack: Building[] = [];
  let root: XmlElement | undefined;
  let elements = 0;
  let failure: GateError | undefined;

  const fail = (message: string, hint?: string): never => {
    throw new GateError(message, parser.line, parser.column + 1, hint);
  };

  parser.on('doctype', (doctype) => {
    // Internal subsets that declare entities are how billion-laughs and XXE work; refuse them all.
    if (/<!ENTITY/i.test(doctype) || /\bSYSTEM\b|\bPUBLIC\b/.test(doctype) && /\[/.test(doctype)) {
      fail('the DOCTYPE declares entities, which kioku never expands', 'remove the DOCTYPE');
    }
  });
  parser.on('opentag', (tag) => {
    if (++elements > limits.maxElements) fail(`more than ${limits.maxElements} elements`);
    if (stack.length >= limits.maxDepth) fail(`elements nested deeper than ${limits.maxDepth} levels`);
    if (stack.length === 0 && root !== undefined) fail('a second root element: an XML document has exactly one');
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) {
      if (value.length > limits.maxAttributeLength) fail(`attribute ${name} is longer than ${limits.maxAttributeLength} characters`);
      attributes[name] = value;
    }
    stack.push({ name: tag.name, attributes, children: [], line: parser.line, column: parser.column + 1 });
  });
  parser.on('closetag', () => {
    const done = stack.pop()!;
    const element: XmlElement = done;
    if (stack.length === 0) root = element;
    else stack[stack.length - 1]!.children.push(element);
  });
  const onText = (t: string) => {
    if (t.length > limits.maxTextLength) fail(`a text node longer than ${limits.maxTextLength} characters`);
    if (stack.length === 0) {
      // Only whitespace may stand outside the root; saxes reports other text as an error itself.
      return;
    }
    const children = stack[stack.length - 1]!.children;
    const last = children[children.length - 1];
    // saxes may deliver one text run in pieces (around entities and CDATA); keep it one string.
    if (typeof last === 'string') children[children.length - 1] = last + t;
    else children.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (e) => {
    // saxes messages look like "file:1:5: unclosed tag: x"; keep the reason, we format the position.
    const reason = e.message.replace(/^(?:[^:\n]*:)?\d+:\d+: /, '').replace(/\.$/, '');
    throw new GateError(reason, parser.line, parser.column + 1);
  });

  try {
    parser.write(text);
    parser.close();
  } catch (e) {
    failure = e instanceof GateError ? e : new GateError(e instanceof Error ? e.message : String(e), parser.line, parser.column + 1);
  }
  if (failure) {
    return err({ code: 'xml', message: `not accepted as XML: ${failure.message}`, file, line: failure.line, column: failure.column, ...(failure.hint ? { hint: failure.hint } : {}) });
  }
  if (!root) return err({ code: 'xml', message: 'not accepted as XML: no root element (empty or truncated file)', file, line: 1, column: 1 });
  return ok(root);
}

/**
 * Finds an over-long comment before the parser buffers it whole (a 50 MB comment would otherwise cost
 * gigabytes in some parsers; here it is a cheap indexOf scan).
 */
function precheckComments(text: string, max: number): { message: string; line: number; column: number } | undefined {
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open === -1) return undefined;
    const close = text.indexOf('-->', open + 4);
    const length = (close === -1 ? text.length : close) - open - 4;
    if (length > max) {
      const { line, column } = positionOf(text, open);
      return { message: `not accepted as XML: a comment longer than ${max} characters`, line, column };
    }
    if (close === -1) return undefined;
    from = close + 3;
  }
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
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
