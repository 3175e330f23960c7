import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliContext, ExitCode } from '../context.js';
import type { RegisterCommand, RunCli } from '../shared.js';
import { palette, safeText, useColour } from '../output.js';

/** The package root (two levels above dist/cli/commands or src/cli/commands). */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** One step of the tour: what it shows, the command line, and the exit code that counts as expected. */
interface DemoStep {
  readonly title: string;
  readonly args: readonly string[];
  readonly expect?: ExitCode;
}

/**
 * The workflow on the bundled article, as a newcomer would type it: segment, leverage from the
 * committed memory, diff a later revision, export it for a translator, check it, look a sentence up,
 * align the article with its translation, and exchange the memory as TMX. Every step runs the real
 * command through `run`, so what the tour prints is exactly what the command prints.
 */
function demoSteps(fixtures: string, work: string): DemoStep[] {
  const ja = join(fixtures, 'article.ja.txt');
  const en = join(fixtures, 'article.en.txt');
  const revised = join(work, 'article.ja.txt');
  const memory = join(work, 'memory');
  return [
    { title: 'Segment the article into sentences with stable ids (first lines)', args: ['segment', ja] },
    {
      title: 'The editor revised the article after translation: what changed since it was last exported',
      args: ['diff', '--since-last', revised, '--memory', memory],
    },
    { title: 'How much of the revision the memory already covers', args: ['stats', revised, '--memory', memory] },
    {
      title: 'Export the revision for the translator (XLIFF 2.0): unchanged units arrive translated, changed ones for review',
      args: ['export', revised, '--source-lang', 'ja', '--target-lang', 'en', '--memory', memory, '-o', join(work, 'article.en.xlf')],
    },
    {
      title: 'CI check of that file: what is still to do (exit 1 = findings)',
      args: ['check', join(work, 'article.en.xlf'), '--source', revised, '--memory', memory],
      expect: 1,
    },
    { title: 'Why a fuzzy match scores what it scores', args: ['lookup', '少なくとも1000人が死亡し、さらに数千人が負傷した。', '--memory', memory] },
    {
      title: 'Align the article with an existing translation (seeds a memory from legacy work)',
      args: ['align', ja, en, '--source-lang', 'ja', '--target-lang', 'en'],
    },
    { title: 'Exchange the memory as TMX 1.4b', args: ['tmx', 'export', '--memory', memory, '-o', join(work, 'memory.tmx')] },
  ];
}

/** The file that marks a folder as the tour's own (the only kind of folder the tour deletes). */
const DEMO_MARKER = '.kioku-demo';

/** Long listings are cut in the tour; the commands themselves print everything. */
const MAX_LINES = 14;

export async function demoCommand(ctx: CliContext, run: RunCli, opts: { out?: string }): Promise<ExitCode> {
  const fixtures = join(PACKAGE_ROOT, 'tests', 'fixtures');
  if (!existsSync(join(fixtures, 'article.ja.txt'))) {
    ctx.stderr.write(`kioku: error: the demo needs the repository's tests/fixtures (not found under ${PACKAGE_ROOT}); run it from a clone of kioku\n`);
    return 2;
  }
  const show = (p: string) => relative(ctx.cwd, p) || '.';
  const work = resolve(ctx.cwd, opts.out ?? join(PACKAGE_ROOT, 'tests', 'artifacts', 'demo'));
  // The tour starts from an empty folder, but it only ever deletes one of its own: `--out .` or
  // `--out memory` must not wipe a project. A folder that is neither empty nor marked as a tour's is
  // refused. (The default folder, under the package's tests/artifacts/, is always the tour's.)
  const st = statSync(work, { throwIfNoEntry: false });
  if (st !== undefined) {
    if (opts.out !== undefined && !st.isDirectory()) {
      ctx.stderr.write(safeText(`kioku: error: ${opts.out}: not a folder; give --out a new or empty folder`, { singleLine: true }) + '\n');
      return 2;
    }
    if (opts.out !== undefined && readdirSync(work).length > 0 && !existsSync(join(work, DEMO_MARKER))) {
      ctx.stderr.write(
        safeText(`kioku: error: ${opts.out}: not an empty folder nor one the demo wrote; give --out a new or empty folder`, { singleLine: true }) + '\n',
      );
      return 2;
    }
    rmSync(work, { recursive: true, force: true });
  }
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, DEMO_MARKER), 'written by kioku demo: the next tour may delete this folder\n');
  // The tour writes into a copy of the committed memory, so the repository's memory/ never changes.
  cpSync(join(PACKAGE_ROOT, 'memory'), join(work, 'memory'), { recursive: true, filter: (src) => !src.includes(join('memory', '.cache')) });
  // The revised article keeps its file name, as a revision in a repository does.
  copyFileSync(join(fixtures, 'article.rev2.ja.txt'), join(work, 'article.ja.txt'));

  const c = palette(useColour(ctx.stdout, ctx.env));
  ctx.stdout.write(c.bold('kioku demo') + ` — the translator workflow on the bundled article. Files go to ${show(work)}/\n`);
  let failures = 0;
  for (const [i, step] of demoSteps(fixtures, work).entries()) {
    // Paths relative to where the user stands, as they would type them (the commands echo them back).
    const args = step.args.map((a) => (isAbsolute(a) ? show(a) : a));
    const printed = args.map((a) => (/\s|[^\x20-\x7e]/.test(a) ? `"${a}"` : a));
    ctx.stdout.write(`\n${c.bold(`${i + 1}. ${step.title}`)}\n${c.dim('$ kioku ' + printed.join(' '))}\n`);
    // Both streams in the order written, as a terminal shows them.
    let out = '';
    const capture = (stream: CliContext['stdout']) => ({ write: (s: string) => void (out += s), isTTY: stream.isTTY === true });
    const captured: CliContext = { ...ctx, stdout: capture(ctx.stdout), stderr: capture(ctx.stderr) };
    const code = await run(args, captured);
    const lines = out.replace(/\n$/, '').split('\n');
    ctx.stdout.write(lines.slice(0, MAX_LINES).join('\n') + '\n');
    if (lines.length > MAX_LINES) ctx.stdout.write(c.dim(`  … ${lines.length - MAX_LINES} more lines`) + '\n');
    if (code !== (step.expect ?? 0)) {
      failures++;
      ctx.stdout.write(c.red(`(exit ${code}, expected ${step.expect ?? 0})`) + '\n');
    }
  }
  ctx.stdout.write(
    `\n${failures === 0 ? c.green('Done.') : c.red(`${failures} step(s) did not go as expected.`)} Open ${show(join(work, 'article.en.xlf'))} in a CAT tool, or see README.md for every command.\n`,
  );
  return failures === 0 ? 0 : 2;
}

/** The demo's command, given the CLI it tours (main.ts's `run`). */
export const registerDemo =
  (run: RunCli): RegisterCommand =>
  (program, ctx, done) => {
    program
      .command('demo')
      .description('run the whole workflow on the bundled article (what `npm start` shows)')
      .option('--out <dir>', 'where the tour writes its files (default tests/artifacts/demo in the repository)')
      .action(async (opts) => done(await demoCommand(ctx, run, opts)));
  };
