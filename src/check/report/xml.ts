import { isXmlChar } from '../../xml/chars.js';
import { escapeAttribute, escapeText } from '../../xml/serialize.js';

/** Replaces characters XML 1.0 cannot carry (control characters, lone surrogates) with U+FFFD. */
export function xmlSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += isXmlChar(cp) && !(cp >= 0xd800 && cp <= 0xdfff) ? ch : '\ufffd';
  }
  return out;
}

export const xmlText = (s: string): string => escapeText(xmlSafe(s));
export const xmlAttr = (s: string): string => escapeAttribute(xmlSafe(s));
