import { Option, type Command } from '@commander-js/extra-typings';
import { resolve } from 'node:path';
import type { Decoded, Encoding } from '../io/decode.js';
import { readText } from '../io/files.js';
import type { CliContext } from './context.js';
import { unwrap } from './errors.js';
import { parseByteSize, parseEncoding, readOptions } from './options.js';

/** The options every command that reads text files takes: `--encoding NAME` and `--max-bytes SIZE`. */
export interface ReadFlags {
  readonly maxBytes?: number | undefined;
  readonly encoding?: Encoding | undefined;
}

/**
 * Adds `--encoding` (with the command's own words for what it decodes) and `--max-bytes` to a
 * command, last among its options as `--help` has always listed them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withReadFlags<Args extends any[], Opts extends Record<string, unknown>, Globals extends Record<string, unknown>>(
  command: Command<Args, Opts, Globals>,
  encodingHelp: string,
) {
  return command
    .addOption(new Option('--encoding <name>', encodingHelp).argParser(parseEncoding))
    .addOption(new Option('--max-bytes <size>', 'refuse inputs larger than this (default 64MiB)').argParser(parseByteSize));
}

/**
 * Reads and decodes an input file named as the user typed it (relative to the working directory),
 * under the command's `--encoding` / `--max-bytes`; a failure stops the command with one line.
 */
export function readInput(ctx: CliContext, file: string, flags: ReadFlags): Decoded {
  return unwrap(readText(resolve(ctx.cwd, file), { displayName: file, ...readOptions(flags) }));
}
