import type { Command } from '@commander-js/extra-typings';
import type { CliContext, ExitCode } from './context.js';

/**
 * What the command modules share with the program that lists them, kept apart from main.ts so that a
 * command never imports the module that imports it (no import circle in src/).
 */
export const VERSION = '0.1.0';

/** What every command module exports: a function that adds its subcommand to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext, done: (code: ExitCode) => void) => void;

/** `run` of main.ts, handed to the commands that run other commands (the demo) instead of imported. */
export type RunCli = (argv: readonly string[], ctx: CliContext) => Promise<ExitCode>;
