import { InvalidArgumentError } from '@commander-js/extra-typings';
import { EXPLICIT_ENCODINGS, type Encoding } from '../io/decode.js';
import { parseLanguageTag, quoteTag } from '../text/lang.js';

/** Parsers for option values shared by several commands. */
export function parseByteSize(value: string): number {
  const m = /^(\d+)\s*([kmg]i?b?)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 64MiB, 500k or 1048576.');
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(m[1]) * mult;
}

export function parseEncoding(value: string): Encoding {
  const v = value
    .toLowerCase()
    .replace(/^(sjis|shift-jis|cp932|windows-31j)$/, 'shift_jis')
    .replace(/^(eucjp|euc_jp)$/, 'euc-jp')
    .replace(/^utf8$/, 'utf-8');
  if (!(EXPLICIT_ENCODINGS as readonly string[]).includes(v)) {
    throw new InvalidArgumentError(`expected one of ${EXPLICIT_ENCODINGS.join(', ')}.`);
  }
  return v as Encoding;
}

/**
 * A language flag (--source-lang, --target-lang, --lang, --srclang…) as its canonical tag (`ja_JP` →
 * `ja-JP`, `EN` → `en`); anything else is a usage error. The rule is src/text/lang.ts's, the same as
 * for the files' attributes: tags become folder names of the memory and parts of output file names.
 */
export function parseLang(value: string): string {
  const tag = parseLanguageTag(value);
  if (!tag.ok) {
    // commander has already quoted the value; a refusal with more to say than "malformed" says it.
    const why = tag.error.kind === 'malformed' ? '' : ` (${quoteTag(value)} ${tag.error.reason})`;
    throw new InvalidArgumentError(`expected a language tag (BCP 47) such as ja, en or en-US${why}.`);
  }
  return tag.value.tag;
}

/**
 * The read options of `--max-bytes` and `--encoding`, for readText. `--max-bytes 0` is a limit like
 * any other (only an empty file passes it), so the test is `!== undefined`, never truthiness.
 */
export function readOptions(opts: { readonly maxBytes?: number | undefined; readonly encoding?: Encoding | undefined }): {
  maxBytes?: number;
  encoding?: Encoding;
} {
  return { ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}), ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}) };
}

/** A match score in percent (`--threshold`): a whole number from 1 to 100. */
export function parseScore(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('expected a whole number from 1 to 100.');
  return n;
}

export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}
