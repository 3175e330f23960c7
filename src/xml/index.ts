export { parseXml, positionOf, localName, childElements, firstChild, textContent, attr, DEFAULT_XML_LIMITS } from './parse.js';
export type { XmlElement, XmlLimits, ParseXmlOptions } from './parse.js';
export { findIllegalXmlChar, isXmlChar, LineIndex } from './chars.js';
export type { IllegalChar } from './chars.js';
