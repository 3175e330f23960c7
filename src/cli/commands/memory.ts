import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { MemoryContent, Result } from '../../model.js';
import { decodeUtf8Strict } from '../../io/decode.js';
import { readBytes } from '../../io/files.js';
import { SHARD_MAX_BYTES, type FsckReport } from '../../io/store.js';
import { mergeContents, parseStore, encodeUnit, encodeExport } from '../../memory/index.js';
import { memoryInfoJob } from '../../jobs/memory.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { unwrap } from '../errors.js';
import { palette, printJson, safeText, useColour } from '../output.js';
import { memoryOption, storeFor } from '../locations.js';
import { renderMemoryInfoText } from '../render/memory.js';

// --- fsck --------------------------------------------------------------------------------------------

export interface FsckCommandOptions {
  readonly memory?: string;
  readonly fix?: boolean;
  readonly acceptEdits?: boolean;
  readonly dropEdits?: boolean;
  readonly json?: boolean;
}

export function fsckCommand(ctx: CliContext, opts: FsckCommandOptions): ExitCode {
  const store = storeFor(ctx, opts.memory);
  const report: FsckReport = unwrap(store.fsck({ fix: opts.fix === true, acceptEdits: opts.acceptEdits === true, dropEdits: opts.dropEdits === true }));
  const clean = report.unresolved.length === 0 && (opts.fix === true || report.problems.length === 0);
  if (opts.json) {
    printJson(ctx.stdout, {
      memory: store.location,
      clean,
      units: report.units,
      exports: report.exports,
      problems: report.problems,
      repaired: report.repaired,
      unresolved: report.unresolved,
      ...(report.savedTo ? { savedTo: report.savedTo } : {}),
    });
    return clean ? 0 : 1;
  }
  const c = palette(useColour(ctx.stdout, ctx.env));
  for (const p of report.problems) {
    const where = p.line > 0 ? `${store.location}/${p.file}:${p.line}` : `${store.location}/${p.file}`;
    ctx.stdout.write(`${safeText(where, { singleLine: true })}: ${c.yellow(p.kind)}: ${safeText(p.message, { singleLine: true })}\n`);
  }
  if (report.repaired.length > 0) ctx.stdout.write(c.green(`repaired: ${report.repaired.map((r) => safeText(r, { singleLine: true })).join(', ')}`) + '\n');
  if (report.savedTo) ctx.stdout.write(`dropped lines saved in ${store.location}/${report.savedTo}\n`);
  if (opts.fix && report.unresolved.length > 0) {
    const edits = report.unresolved.filter((p) => p.kind === 'checksum').length;
    const others = report.unresolved.length - edits;
    if (edits > 0)
      ctx.stdout.write(
        c.red(`${edits} record(s) changed outside kioku were left as they are: rerun with --accept-edits to keep the edits or --drop-edits to drop them`) +
          '\n',
      );
    if (others > 0)
      ctx.stdout.write(c.red(`${others} problem(s) left for you to resolve, as said above (kioku moves or deletes no entry it did not write)`) + '\n');
  }
  const summary = `${report.units} units, ${report.exports} exported documents: ${clean ? (report.problems.length ? 'repaired' : 'clean') : `${report.problems.length} problem(s)${opts.fix ? '' : ' (run with --fix to repair what is safe)'}`}`;
  ctx.stdout.write((clean ? c.green(summary) : c.red(summary)) + '\n');
  return clean ? 0 : 1;
}

// --- merge driver -------------------------------------------------------------------------------------

/**
 * git's custom merge driver for shard files: three-way merge by record id (see mergeContents), result
 * sorted and checksummed, so memories merge without conflict markers. Exit 0 merged; 2 when a side is
 * damaged, unreadable or too large (git then reports a conflict and leaves the file for fsck).
 */
export function mergeDriverCommand(ctx: CliContext, base: string, ours: string, theirs: string, path: string | undefined): ExitCode {
  const rel = relativeShardPath(path ?? ours);
  const where = path ?? ours;
  const read = (file: string, side: string): Result<MemoryContent> => {
    const damaged = (message: string, line?: number, fix = 'repair that side with kioku memory fsck --fix'): Result<MemoryContent> => ({
      ok: false,
      error: {
        code: 'memory',
        message: `cannot merge: ${side} ${message}`,
        file: where,
        ...(line === undefined ? {} : { line }),
        hint: `git leaves the file unmerged; ${fix}`,
      },
    });
    const full = resolve(ctx.cwd, file);
    let text = '';
    const bytes = readBytes(full, { maxBytes: SHARD_MAX_BYTES, displayName: where });
    if (bytes.ok) {
      const decoded = decodeUtf8Strict(bytes.value);
      if ('invalidAt' in decoded) return damaged(`is not valid UTF-8 (byte offset ${decoded.invalidAt})`, undefined, 'restore that side from git');
      text = decoded.text;
    } else if (existsSync(full)) {
      // Only a missing side reads as empty (as the empty file git passes for a side without the shard).
      return damaged(bytes.error.message, undefined, 'restore that side from git');
    }
    const parsed = parseStore([{ path: rel, text }]);
    const bad = parsed.problems.find((p) => p.kind !== 'unsorted' && p.kind !== 'noncanonical' && p.kind !== 'misplaced' && p.kind !== 'duplicate');
    return bad ? damaged(`is damaged: ${bad.message}`, bad.line) : { ok: true, value: parsed.content };
  };
  const b = unwrap(read(base, 'the common ancestor'));
  const o = unwrap(read(ours, 'our version'));
  const t = unwrap(read(theirs, 'their version'));
  const merged = mergeContents(b, o, t);
  const lines = rel.endsWith('exports.jsonl') ? merged.content.exports.map(encodeExport) : merged.content.units.map(encodeUnit);
  // Not writeFileAtomic: %A is git's own temporary file, read once after we exit. If we die mid-write
  // git reports a conflict and still has both sides in the index, so temp + fsync + rename buys nothing.
  writeFileSync(resolve(ctx.cwd, ours), lines.length ? lines.join('\n') + '\n' : '');
  for (const conflict of merged.conflicts) {
    ctx.stderr.write(
      safeText(`kioku: merged ${rel}: record ${conflict.id} changed on both sides; kept ${conflict.kept} (changed last)`, { singleLine: true }) + '\n',
    );
  }
  return 0;
}

/** `memory/ja_en/units-3f.jsonl` → `ja_en/units-3f.jsonl` (what the codec checks placement against). */
function relativeShardPath(path: string): string {
  return `${basename(dirname(path))}/${basename(path)}`;
}

// --- info --------------------------------------------------------------------------------------------

export function infoCommand(ctx: CliContext, opts: { memory?: string; json?: boolean }): ExitCode {
  const info = unwrap(memoryInfoJob(storeFor(ctx, opts.memory)));
  if (opts.json) printJson(ctx.stdout, info);
  else ctx.stdout.write(renderMemoryInfoText(info));
  return 0;
}

export const registerMemory: RegisterCommand = (program, ctx, done) => {
  const memory = program.command('memory').description('inspect, check, repair and merge the translation memory store');
  memory
    .command('fsck')
    .description('check the memory store (torn lines, checksums, conflict markers, duplicate ids, leftovers); --fix repairs what is safe')
    .addOption(memoryOption())
    .option('--fix', 'repair: resolve conflict markers and duplicates, sort, re-shard, drop torn lines (saved aside), delete temp files')
    .option('--accept-edits', 'with --fix: keep records edited outside kioku (re-seal their checksums)')
    .option('--drop-edits', 'with --fix: drop records edited outside kioku (saved aside in .cache/)')
    .option('--json', 'print the report as JSON')
    .action((opts) => done(fsckCommand(ctx, opts)));
  memory
    .command('info')
    .description('units per language pair and the exported documents')
    .addOption(memoryOption())
    .option('--json', 'print as JSON')
    .action((opts) => done(infoCommand(ctx, opts)));
  memory
    .command('merge-driver')
    .description('git merge driver for shard files (see memory/README.md): kioku memory merge-driver %O %A %B %P')
    .argument('<base>', 'the common ancestor version (%O)')
    .argument('<ours>', 'our version, overwritten with the result (%A)')
    .argument('<theirs>', 'their version (%B)')
    .argument('[path]', 'the path of the file in the repository (%P)')
    .action((base, ours, theirs, path) => done(mergeDriverCommand(ctx, base, ours, theirs, path)));
};
