/**
 * Quoting file content in messages. A rejection or error line quotes what it found (a diff, an
 * attribute value, an element name); a hostile or just large file must not turn that one line into
 * megabytes, so quoted text is cut to a readable length and says how much was left out.
 */

/** How many characters of file content one message quotes. */
export const QUOTE_MAX = 200;

/** `text` if it fits in `max` characters, else its first `max` and `… (N more characters)`. */
export function clip(text: string, max = QUOTE_MAX): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in half: the message would hold a lone surrogate.
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}
