/**
 * What a terminal may act on beyond the C0 controls: DEL, C1 controls, bidi embeddings, overrides and
 * isolates. One list for JSON output (here) and plain-text output (`safeText` in src/cli/output.ts).
 */
export const TERMINAL_UNSAFE = '\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE_IN_JSON = new RegExp(`[${TERMINAL_UNSAFE}]`, 'g');

/**
 * JSON text that is safe to print: JSON.stringify escapes C0 controls but leaves DEL, C1 controls
 * (U+009B is a one-character CSI) and bidi overrides raw; they are escaped too. The JSON value is
 * the same, only its spelling differs, so a report piped to a terminal cannot act on it.
 */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
