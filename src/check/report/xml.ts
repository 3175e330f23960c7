import { isXmlChar } from '../../xml/chars.js';
import { escapeAttribute, escapeText } from '../../xml/serialize.js';
import { TERMINAL_UNSAFE } from '../../text/json.js';

/** Replaces characters XML 1.0 cannot carry (control characters, lone surrogates) with U+FFFD. */
export function xmlSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += isXmlChar(cp) && !(cp >= 0xd800 && cp <= 0xdfff) ? ch : '\ufffd';
  }
  return out;
}

const UNSAFE_IN_XML = new RegExp(`[${TERMINAL_UNSAFE}]`, 'g');

/**
 * DEL, C1 controls, bidi controls and U+2028/2029 spelled as character references (`&#x202E;`): the
 * same XML value for a reader, but a JUnit report printed to a terminal or shown raw in a CI log
 * cannot act on them (as safeJson does for JSON).
 */
const terminalSafe = (xml: string): string => xml.replace(UNSAFE_IN_XML, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);

export const xmlText = (s: string): string => terminalSafe(escapeText(xmlSafe(s)));
export const xmlAttr = (s: string): string => terminalSafe(escapeAttribute(xmlSafe(s)));
