/**
 * kioku as a library: the deliberate public API (tests/api.test.ts lists every name, so a change here
 * is a decision, not an accident). The domain types; one entry per task — segment, XLIFF and TMX read
 * and write, diff, check, align, lookup — plus the jobs behind the commands and a memory store. Every
 * function is pure (values in, values out) except `openStore` and `readText`, the file side.
 * Everything else in src/ is internal and may change without notice.
 */

// The domain (src/model.ts).
export type {
  Lang,
  SegmentId,
  Segment,
  Paragraph,
  Revision,
  UnitState,
  Provenance,
  TranslationUnit,
  MatchKind,
  Match,
  ChangeKind,
  SegmentChange,
  AlignedPair,
  Severity,
  Finding,
  BilingualUnit,
  BilingualGroup,
  BilingualDocument,
  XliffVersion,
  ErrorCode,
  KiokuError,
  Result,
  ExportRecord,
  MemoryContent,
} from './model.js';
// A loaded memory, ready for lookups (its storage shape: src/memory/shapes.ts).
export type { Memory } from './memory/shapes.js';
export { ok, err } from './model.js';

// Language tags.
export { parseLanguageTag, canonicalLang, sameLanguage, writesCjk } from './text/lang.js';

// Segment a text into a Revision.
export { segment } from './segment/index.js';
export type { SegmentOptions } from './segment/index.js';

// XLIFF 1.2/2.0 and TMX 1.4b.
export { documentFromRevision, readXliff, writeXliff } from './xliff/index.js';
export { readTmx, writeTmx, tmxToUnits } from './tmx/index.js';

// Diff two revisions; check translations; align two texts; look sentences up in a memory.
export { diffRevisions } from './diff/index.js';
export { runChecks, RULES, parseGlossary } from './check/index.js';
export type { CheckInput, CheckResult } from './check/index.js';
export { align } from './align/index.js';
export type { AlignOptions } from './align/index.js';
export { lookup, leverage } from './memory/index.js';

// The jobs behind the commands (src/jobs/): plain values and a store in, a Result out.
export { exportJob, importJob, diffJob, checkJob } from './jobs/index.js';

// The file side: a memory folder, and decoded text files.
export { openStore } from './io/store.js';
export type { MemoryStore } from './memory/store.js';
export { readText } from './io/files.js';
