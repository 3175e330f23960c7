/** `kioku check`: QA rules over bilingual documents, findings, reporters, baselines (issue 5). */
export type {
  Rule,
  UnitRule,
  CollectionRule,
  RuleCategory,
  CheckUnit,
  DocumentContext,
  CheckInput,
  CheckOptions,
  CheckFile,
  CurrentSource,
  LengthRange,
  PreparedCheck,
} from './types.js';
export { finding, findingAt, NO_FINDINGS } from './types.js';
export { RULES, ruleById } from './rules/index.js';
export { runChecks, prepareCheck, activeRules, sortFindings, summarize, type CheckResult, type CheckedFile, type Summary } from './run.js';
export { compareWithSource, revisionOfDocument, type SourceComparison, type StaleUnit, type MissingSegment } from './source.js';
export {
  parseGlossary,
  parseGlossaryCsv,
  parseGlossaryTbx,
  parseCsvRecords,
  glossaryIndex,
  termMatcher,
  TermSet,
  type TermNeedle,
  type TermMatcher,
  type Glossary,
  type GlossaryConcept,
  type GlossaryTerm,
  type TermStatus,
  type GlossaryIndex,
} from './glossary.js';
export {
  baselineOf,
  serializeBaseline,
  parseBaseline,
  applyBaseline,
  fingerprint,
  type Baseline,
  type BaselineEntry,
  type BaselineOutcome,
} from './baseline.js';
export { LENGTH_RANGES, lengthRangeFor, measuredLength } from './rules/length.js';
export { needsNoTranslation, translationOf } from './rules/completeness.js';
export { inlineCodes, type InlineCode } from './rules/markup.js';
export { links } from './rules/punctuation.js';
export { reportJson } from './report/json.js';
export { reportText, PLAIN_STYLE, type TextStyle, type TextReportInfo } from './report/text.js';
export { reportJunit } from './report/junit.js';
export { reportSarif, artifactUri, type SarifOptions } from './report/sarif.js';
export { reportGithub, escapeData, escapeProperty } from './report/github.js';
export { rulesMarkdown, rulesText, rulesJson } from './report/rules.js';
