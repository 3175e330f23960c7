/**
 * What a terminal, a browser or a CI log viewer may act on beyond the C0 controls: DEL, C1 controls,
 * every bidi control (the embeddings and overrides U+202A–202E, the isolates U+2066–2069, and the marks
 * LRM U+200E, RLM U+200F and ALM U+061C, which reorder neutral text around them: a file name or a
 * number can be made to read backwards), and the line and paragraph separators U+2028/U+2029 (a line
 * break to some renderers and editors, nothing to a line-based reader, and a line terminator to
 * JavaScript before ES2019: a line that is not where it seems). One list for JSON output (here), plain-text output (`safeText` in src/cli/output.ts),
 * XML reports and the HTML diff report. A regular-expression character class body.
 */
export const TERMINAL_UNSAFE = '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE_IN_JSON = new RegExp(`[${TERMINAL_UNSAFE}]`, 'g');

/**
 * JSON text that is safe to print: JSON.stringify escapes C0 controls but leaves DEL, C1 controls
 * (U+009B is a one-character CSI), bidi controls and U+2028/2029 raw; they are escaped too. The JSON
 * value is the same, only its spelling differs, so a report piped to a terminal cannot act on it.
 */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
