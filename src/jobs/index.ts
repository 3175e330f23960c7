/**
 * The jobs floor: one module per user task, between the CLI (src/cli/) and the core.
 *
 * A job takes plain values (input texts already read and decoded by src/io/, documents already
 * parsed, options, the time as an ISO string when it stamps records) and, when it needs one, the
 * memory store through its interface; it returns a `Result` of a plain value that a command renders.
 * A job touches no file, process, console or clock itself. A command parses its flags, reads its
 * inputs, calls the job, renders the value and returns an exit code.
 */
export { exportJob, recordExportJob, type ExportJob, type ExportJobInput, type ExportMemory, type ExportRecordDraft } from './export.js';
export { importJob, type ImportJobDone, type ImportJobError } from './import.js';
export { diffJob, type DiffJob, type DiffJobInput, type DiffJobOptions, type DiffText } from './diff.js';
export { checkJob, memoryUnitsFor, pairSources, type CheckJobInput, type SourcePairing } from './check.js';
export { alignJob, importAlignmentJob, type AlignImport, type AlignJob, type AlignJobInput, type AlignMemory, type AlignText } from './align.js';
export { tmxExportJob, tmxImportJob, type TmxExportJob, type TmxExportJobOptions, type TmxImportJob } from './tmx.js';
export { statsJob, defaultTargetLang, type StatsJob, type StatsJobInput } from './stats.js';
export { lookupJob, type LookupCandidate, type LookupJob, type LookupJobInput } from './lookup.js';
export { searchJob, SEARCH_LIMIT, type SearchJob, type SearchJobInput } from './search.js';
export { segmentJob } from './segment.js';
export { memoryInfoJob, type MemoryInfo } from './memory.js';
