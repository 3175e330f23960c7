import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import type { CliContext, ExitCode } from './context.js';
import { formatError, KiokuFailure } from './errors.js';
import { commands } from './commands/index.js';
import { safeText } from './output.js';
import { VERSION } from './shared.js';

/**
 * Runs the CLI on `argv` (without node and script) and returns the exit code. The single place where
 * failures become exit codes: a KiokuFailure (bad input) → 2 with one line; a usage error → 2; an
 * unexpected exception → 2 with one line, and the stack only with --debug.
 */
export async function run(argv: readonly string[], ctx: CliContext): Promise<ExitCode> {
  let exitCode: ExitCode = 0;
  const program = new Command()
    .name('kioku')
    .description('記憶 kioku: a bilingual translation memory. Segment, export XLIFF, import, diff revisions, check, align, TMX.')
    .version(VERSION, '-V, --version')
    .addOption(new Option('--debug', 'print stack traces of internal errors').hideHelp());
  for (const register of commands(run)) {
    register(program as unknown as Command, ctx, (code) => {
      exitCode = code;
    });
  }
  configureErrors(program, [], ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof KiokuFailure) {
      ctx.stderr.write(formatError(e.error) + '\n');
      return 2;
    }
    const debug = argv.includes('--debug') || ctx.env.KIOKU_DEBUG === '1';
    const message = e instanceof Error ? e.message : String(e);
    ctx.stderr.write(
      safeText(`kioku: internal error: ${message}`, { singleLine: true }) + (debug ? '' : ' (run with --debug for details, and please report it)') + '\n',
    );
    if (debug && e instanceof Error && e.stack) ctx.stderr.write(safeText(e.stack) + '\n');
    return 2;
  }
}

/**
 * Every command and subcommand (nested ones too: `tmx export`, `memory fsck`) reports a usage error
 * in kioku's one-line form, with the help pointer for that command on the same line:
 * `kioku: error: unknown option '--x' (run kioku check --help for usage)`. Commander's own form is two
 * lines (`error: …` and a help pointer); a suggestion it adds (`(Did you mean --json?)`) joins the line.
 */
function configureErrors(command: Command, path: readonly string[], ctx: CliContext): void {
  const name = ['kioku', ...path].join(' ');
  command
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      outputError: (s, write) => write(usageLine(s, name) + '\n'),
    });
  for (const sub of command.commands) configureErrors(sub as unknown as Command, [...path, sub.name()], ctx);
}

/** Commander's error text as one `kioku: error:` line, escaped, with the help pointer. */
export function usageLine(text: string, command: string): string {
  const message = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ')
    .replace(/^error: /, '');
  return safeText(`kioku: error: ${message} (run ${command} --help for usage)`, { singleLine: true });
}
