/** The translation memory: pure codec, operations, fuzzy index and leverage (files: src/io/store.ts). */
export { foldKey, looseKey, fuzzyScore, explainScore, editDistance, levenshtein, editSimilarity, bandOf, BANDS, type Band, type ScoreExplanation } from './text.js';
export {
  encodeUnit,
  encodeExport,
  decodeUnitLine,
  decodeExportLine,
  parseStore,
  layoutStore,
  isStoreFile,
  unitPath,
  exportPath,
  pairDir,
  pairFolder,
  pairFolderProblem,
  StorePathError,
  type PairFolder,
  checksum,
  SHARD_MAX,
  FATAL_PROBLEMS,
  type StoreFile,
  type StoreProblem,
  type ProblemKind,
  type ParsedStore,
} from './codec.js';
export { EMPTY_CONTENT, unitId, upsertUnits, recordExport, lastExport, lastRevision, mergeContents, sameLanguage, primary, compareIds, type UpsertReport, type MergeConflict } from './content.js';
export { buildIndex, searchIndex, pairFilter, hash32, type IndexHit, type IndexInput } from './fuzzy-index.js';
export { memoryFromContent, memoryFromCache, withOverlay, memoryPairs, encodeCache } from './view.js';
export { planImport, prepareImport, applyImport, looksTranslated, type PreparedImport, type ImportInput, type ImportOptions, type ImportPlan, type ImportReport, type FileReport, type Rejection, type RejectReason, type DiffFn } from './import.js';
export {
  lookup,
  leverage,
  neighbours,
  rankMatches,
  candidateOf,
  search,
  analyse,
  countWords,
  countCharacters,
  DEFAULT_THRESHOLD,
  DEFAULT_LIMIT,
  type LookupQuery,
  type LookupOptions,
  type LeverageOptions,
  type LeveragePrefill,
  type SearchOptions,
  type SearchHit,
  type Analysis,
  type Counts,
} from './lookup.js';
