import type { RegisterCommand } from '../main.js';
import { registerSegment } from './segment.js';
import { registerDiff } from './diff.js';

/** Every subcommand, in the order `kioku --help` lists them. */
export const commands: readonly RegisterCommand[] = [registerSegment, registerDiff];
