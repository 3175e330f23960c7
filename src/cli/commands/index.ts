import type { RegisterCommand } from '../main.js';
import { registerSegment } from './segment.js';
import { registerDiff } from './diff.js';
import { registerLookup } from './lookup.js';
import { registerSearch } from './search.js';
import { registerStats } from './stats.js';
import { registerMemory } from './memory.js';
import { registerTmx } from './tmx.js';

/** Every subcommand, in the order `kioku --help` lists them. */
export const commands: readonly RegisterCommand[] = [registerSegment, registerDiff, registerLookup, registerSearch, registerStats, registerTmx, registerMemory];
