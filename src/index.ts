/** kioku as a library: the domain types and the pure functions behind every command. */
export * from './model.js';
export { segment, detectLang, splitLines, splitParagraph, createSplitter, baseId, normaliseForId, assignIds, idAssigner, DEFAULT_PASSES } from './segment/index.js';
export type { SegmentOptions, SegmentResult, IdCollision, IdHash, IdAssigner, Span, SplitLang, LineSplitter, Pass } from './segment/index.js';
export { extractNumbers, numberLang, sameNumber, writtenWithDigits, hasDigits } from './text/numbers.js';
export type { NumberToken, NumberKind, NumberLang } from './text/numbers.js';
export { foldWidth } from './text/width.js';
export { parseLanguageTag, sameLanguage, primaryLanguage, isCanonicalLanguageTag, MAX_TAG_LENGTH } from './text/lang.js';
export type { LanguageTag, TagProblem, TagProblemKind } from './text/lang.js';
export { diffRevisions, charDiff, similarity, classifyEdit, diffMarkup, textKey, DIFF_THRESHOLDS, DIFF_DEFAULTS } from './diff/index.js';
export type { DiffOptions, CharDiffOptions, EditKind } from './diff/index.js';
export {
  lookup, leverage, search as searchMemory, analyse, fuzzyScore, explainScore, foldKey, editDistance, levenshtein, editSimilarity, bandOf, BANDS,
  buildIndex, searchIndex, memoryFromContent, memoryFromCache, encodeCache, parseStore, layoutStore, encodeUnit, decodeUnitLine,
  unitId, upsertUnits, recordExport, lastExport, lastRevision, mergeContents, planImport, countWords, countCharacters, DEFAULT_THRESHOLD,
  prepareImport, applyImport, looksTranslated, withOverlay, memoryPairs,
} from './memory/index.js';
export type { LookupQuery, LookupOptions, LeverageOptions, Analysis, ScoreExplanation, StoreProblem, ImportReport, Rejection, PreparedImport } from './memory/index.js';
export { openStore, loadMemory, updateMemory } from './io/store.js';
export type { MemoryStore, FsckReport, FsckOptions, StoreOptions, SelectedUpdate, UnitKey } from './io/store.js';
export { readTmx, writeTmx, tmxToUnits, canonicalLang } from './tmx/index.js';
export type { TmxDocument, TmxUnit, ReadTmxOptions, TmxToUnitsOptions, WriteTmxOptions } from './tmx/index.js';
export { parseXml, localName, childElements, firstChild, textContent, attr, DEFAULT_XML_LIMITS, findIllegalXmlChar, isNmtoken, serializeXml } from './xml/index.js';
export type { XmlElement, XmlLimits, ParseXmlOptions, XmlNode } from './xml/index.js';
export { documentFromRevision, writeXliff, readXliff, stateTo12, stateFrom12, stateTo20, stateFrom20, NEEDS_REVIEW_SUBSTATE, PREVIOUS_VERSION_SUBTYPE, CONTEXT_NOTE_PREFIX } from './xliff/index.js';
export type { DocumentOptions, WriteXliffOptions, ReadXliffOptions } from './xliff/index.js';
export { planExport, verifyExport } from './xliff/export.js';
export type { ExportInput, ExportOptions, ExportPlan } from './xliff/export.js';
export { parseXmlIsolated, readXliffIsolated, readTmxIsolated, parseGlossaryIsolated, defaultHeapMb, ISOLATE_FROM } from './io/xml-worker.js';
export type { IsolationOptions } from './io/xml-worker.js';
export {
  runChecks, prepareCheck, activeRules, sortFindings, summarize, RULES, ruleById, compareWithSource, revisionOfDocument,
  parseGlossary, parseGlossaryCsv, parseGlossaryTbx, glossaryIndex, termMatcher, TermSet, baselineOf, serializeBaseline, parseBaseline,
  applyBaseline, fingerprint, LENGTH_RANGES, lengthRangeFor, measuredLength, needsNoTranslation, inlineCodes, links,
  reportJson, reportText, reportJunit, reportSarif, reportGithub, rulesMarkdown, rulesText, rulesJson, PLAIN_STYLE,
} from './check/index.js';
export type {
  Rule, UnitRule, CollectionRule, RuleCategory, CheckUnit, DocumentContext, CheckInput, CheckOptions, CheckFile, CurrentSource,
  LengthRange, CheckResult, CheckedFile, Summary, SourceComparison, Glossary, GlossaryConcept, GlossaryTerm, TermStatus,
  GlossaryIndex, TermMatcher, TermNeedle, Baseline, BaselineEntry, BaselineOutcome, TextStyle, InlineCode,
} from './check/index.js';
export { textFlags, TextFlag, isKana, isKanji, writesCjk } from './text/script.js';
export { align, alignSentences, knownFromMemory, alignLengthOnly, alignLengths, DEFAULT_PARAMS as ALIGN_PARAMS, GALE_CHURCH, weightedLength } from './align/index.js';
export { alignmentUnits, alignmentDocument, joinedText, stateFor as alignmentState, DEFAULT_REVIEW_BELOW } from './align/output.js';
export type { AlignOptions, AlignParams, SentenceInput, LengthOnlyOptions } from './align/index.js';
export { decodeText } from './io/decode.js';
export { readText, readBytes, writeFileAtomic, DEFAULT_MAX_BYTES } from './io/files.js';
export { run } from './cli/main.js';
