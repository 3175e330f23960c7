/** kioku as a library: the domain types and the pure functions behind every command. */
export * from './model.js';
export { segment, detectLang, splitLines, splitParagraph, baseId, normaliseForId, assignIds } from './segment/index.js';
export type { SegmentOptions, SegmentResult, IdCollision, Span } from './segment/index.js';
export { extractNumbers, numberLang, sameNumber, writtenWithDigits, hasDigits } from './text/numbers.js';
export type { NumberToken, NumberKind, NumberLang } from './text/numbers.js';
export { foldWidth } from './text/width.js';
export { diffRevisions, charDiff, similarity, classifyEdit, diffMarkup, textKey, DIFF_THRESHOLDS, DIFF_DEFAULTS } from './diff/index.js';
export type { DiffOptions, CharDiffOptions, EditKind } from './diff/index.js';
export {
  lookup, leverage, search as searchMemory, analyse, fuzzyScore, explainScore, foldKey, editDistance, levenshtein, editSimilarity, bandOf, BANDS,
  buildIndex, searchIndex, memoryFromContent, memoryFromCache, encodeCache, parseStore, layoutStore, encodeUnit, decodeUnitLine,
  unitId, upsertUnits, recordExport, lastExport, lastRevision, mergeContents, planImport, countWords, countCharacters, DEFAULT_THRESHOLD,
} from './memory/index.js';
export type { LookupQuery, LookupOptions, LeverageOptions, Analysis, ScoreExplanation, StoreProblem, ImportReport, Rejection } from './memory/index.js';
export { openStore, loadMemory, updateMemory } from './io/store.js';
export type { MemoryStore, FsckReport, FsckOptions, StoreOptions } from './io/store.js';
export { readTmx, writeTmx, tmxToUnits, canonicalLang } from './tmx/index.js';
export type { TmxDocument, TmxUnit, ReadTmxOptions, TmxToUnitsOptions, WriteTmxOptions } from './tmx/index.js';
export { parseXml, localName, childElements, firstChild, textContent, attr, DEFAULT_XML_LIMITS, findIllegalXmlChar, isNmtoken, serializeXml } from './xml/index.js';
export type { XmlElement, XmlLimits, ParseXmlOptions, XmlNode } from './xml/index.js';
export { documentFromRevision, writeXliff, readXliff, stateTo12, stateFrom12, stateTo20, stateFrom20, NEEDS_REVIEW_SUBSTATE, PREVIOUS_VERSION_SUBTYPE, CONTEXT_NOTE_PREFIX } from './xliff/index.js';
export type { DocumentOptions, WriteXliffOptions, ReadXliffOptions } from './xliff/index.js';
export { planExport, verifyExport } from './xliff/export.js';
export type { ExportInput, ExportOptions, ExportPlan } from './xliff/export.js';
export { parseXmlIsolated, readXliffIsolated } from './io/xml-worker.js';
export type { IsolationOptions } from './io/xml-worker.js';
export { decodeText } from './io/decode.js';
export { run } from './cli/main.js';
