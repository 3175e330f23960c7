/** kioku as a library: the domain types and the pure functions behind every command. */
export * from './model.js';
export { segment, detectLang, splitLines, splitParagraph, baseId, normaliseForId, assignIds } from './segment/index.js';
export type { SegmentOptions, SegmentResult, IdCollision, Span } from './segment/index.js';
export { decodeText } from './io/decode.js';
export { run } from './cli/main.js';
