import type { RegisterCommand, RunCli } from '../shared.js';
import { registerSegment } from './segment.js';
import { registerExport } from './export.js';
import { registerDiff } from './diff.js';
import { registerLookup } from './lookup.js';
import { registerSearch } from './search.js';
import { registerStats } from './stats.js';
import { registerMemory } from './memory.js';
import { registerTmx } from './tmx.js';
import { registerImport } from './import.js';
import { registerCheck } from './check.js';
import { registerAlign } from './align.js';
import { registerDemo } from './demo.js';

/**
 * Every subcommand, in the order `kioku --help` lists them. `run` is the CLI itself, for the demo,
 * which runs the other commands: passed in, so that no command imports main.ts (which imports this).
 */
export function commands(run: RunCli): readonly RegisterCommand[] {
  return [
    registerSegment,
    registerExport,
    registerDiff,
    registerLookup,
    registerSearch,
    registerStats,
    registerImport,
    registerTmx,
    registerMemory,
    registerCheck,
    registerAlign,
    registerDemo(run),
  ];
}
