/**
 * JSON text that is safe to print: JSON.stringify escapes C0 controls but leaves DEL, C1 controls
 * (U+009B is a one-character CSI) and bidi overrides raw; they are escaped too. The JSON value is
 * the same, only its spelling differs, so a report piped to a terminal cannot act on it.
 */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
