export { parseXml, positionOf, localName, childElements, firstChild, textContent, attr, DEFAULT_XML_LIMITS } from './parse.js';
export type { XmlElement, XmlLimits, ParseXmlOptions } from './parse.js';
export { findIllegalXmlChar, isXmlChar, isNmtoken, LineIndex } from './chars.js';
export type { IllegalChar } from './chars.js';
export { serializeXml, node, setAttribute, escapeText, escapeAttribute } from './serialize.js';
export type { XmlNode, SerializeOptions } from './serialize.js';
