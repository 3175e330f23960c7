import { safeJson, TERMINAL_UNSAFE } from '../text/json.js';
import type { CliContext, OutputStream } from './context.js';

/** C0 controls, and what a terminal may act on beyond them. */
const UNSAFE_IN_TEXT = new RegExp(`[\\u0000-\\u001f${TERMINAL_UNSAFE}]`, 'g');

/**
 * Makes data safe to print on a terminal: C0/C1 control characters (ESC starts ANSI/OSC sequences),
 * DEL, every bidi control (embeddings, overrides, isolates, LRM/RLM/ALM) and the line and paragraph
 * separators are shown as visible escapes (`\x1b`, `\u202e`) instead of acting on the terminal. Tab
 * and newline are kept unless `singleLine`.
 */
export function safeText(text: string, options: { singleLine?: boolean } = {}): string {
  return text.replace(UNSAFE_IN_TEXT, (c) => {
    if (!options.singleLine && (c === '\n' || c === '\t')) return c;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Whether to colour a stream: only a TTY (and not TERM=dumb), never with NO_COLOR. FORCE_COLOR follows
 * the supports-color convention: `0` or `false` turns colour off even on a TTY; `1`, `2`, `3`, `true`
 * or empty turns it on even off a TTY; any other value is ignored.
 */
export function useColour(stream: OutputStream, env: CliContext['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR?.trim().toLowerCase();
  if (force === '0' || force === 'false') return false;
  if (force === '' || force === 'true' || force === '1' || force === '2' || force === '3') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export interface Palette {
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly inverse: (s: string) => string;
  readonly strike: (s: string) => string;
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function palette(enabled: boolean): Palette {
  if (!enabled) return { red: plain, green: plain, yellow: plain, blue: plain, dim: plain, bold: plain, inverse: plain, strike: plain };
  return {
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
    inverse: sgr(7, 27),
    strike: sgr(9, 29),
  };
}

/** JSON for scripts: one document, stable key order as built, trailing newline, terminal-safe. */
export function printJson(stream: OutputStream, value: unknown): void {
  stream.write(safeJson(value) + '\n');
}

/**
 * Progress on long work, on stderr and only on a TTY (a CI log or a pipe gets no progress noise).
 * Returns a function to call with done/total; call `end()` when finished.
 */
export function progress(ctx: CliContext, label: string): { update(done: number, total: number): void; end(): void } {
  const tty = ctx.stderr.isTTY === true && ctx.env.TERM !== 'dumb';
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      ctx.stderr.write(`\r${label}: ${done}/${total} (${pct}%)`);
    },
    end() {
      if (shown) ctx.stderr.write('\r\u001b[2K');
    },
  };
}
