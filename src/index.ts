/** kioku as a library: the domain types and the pure functions behind every command. */
export * from './model.js';
export { segment, detectLang, splitLines, splitParagraph, baseId, normaliseForId, assignIds } from './segment/index.js';
export type { SegmentOptions, SegmentResult, IdCollision, Span } from './segment/index.js';
export { extractNumbers, numberLang, sameNumber, writtenWithDigits, hasDigits } from './text/numbers.js';
export type { NumberToken, NumberKind, NumberLang } from './text/numbers.js';
export { foldWidth } from './text/width.js';
export { decodeText } from './io/decode.js';
export { run } from './cli/main.js';
