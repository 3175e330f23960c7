/**
 * The interface of a memory store, as the core sees it: what the jobs (src/jobs/) ask of a memory
 * without knowing where it lives. Types only; the file store that implements it is src/io/store.ts.
 */
import type { ExportRecord, Lang, MemoryContent, Result } from '../model.js';
import type { StoreProblem } from './codec.js';
import type { Memory } from './shapes.js';

/** What a backend must offer; a server-backed store can implement the same interface later. */
export interface MemoryStore {
  /** Where the memory lives, as shown to users. */
  readonly location: string;
  /** The memory ready for lookups (from the cache when it is current). */
  load(): Result<Memory>;
  /** The memory as plain content (for exports and merges). */
  read(): Result<MemoryContent>;
  /** Changes the memory atomically under the lock; `fn` sees the current content. */
  update<R>(fn: (content: MemoryContent) => Result<{ content: MemoryContent; report: R }>): Result<{ report: R; written: boolean }>;
  /**
   * Like `update`, for changes that touch known units only (an import, an export record): `plan` sees
   * every export record and names the units it will add or replace; only the files that can hold them
   * are read, and `apply` gets those units (plus every export record) and returns them changed. Units
   * it does not return in a file it was given are deleted, so it must return every unit it got.
   */
  updateSelected<R>(plan: (exports: readonly ExportRecord[]) => Result<SelectedUpdate<R>>): Result<{ report: R; written: boolean }>;
  /** Checks (and with `fix`, repairs) the store. */
  fsck(options?: FsckOptions): Result<FsckReport>;
}

/** A unit a partial update adds or replaces, by language pair and id. */
export interface UnitKey {
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  readonly id: string;
}

export interface SelectedUpdate<R> {
  readonly units: readonly UnitKey[];
  readonly apply: (content: MemoryContent) => Result<{ content: MemoryContent; report: R }>;
}

export interface FsckOptions {
  readonly fix?: boolean;
  /** Re-seal records whose checksum does not match (hand edits you want to keep). */
  readonly acceptEdits?: boolean;
  /** Drop records whose checksum does not match (saved aside in .cache/). */
  readonly dropEdits?: boolean;
}

export interface FsckReport {
  readonly problems: readonly StoreProblem[];
  readonly units: number;
  readonly exports: number;
  /** Files the recovery or --fix removed or rewrote, relative to the memory directory. */
  readonly repaired: readonly string[];
  /** Problems left after --fix (or all of them without it). */
  readonly unresolved: readonly StoreProblem[];
  /** Where dropped lines were saved. */
  readonly savedTo?: string;
}
