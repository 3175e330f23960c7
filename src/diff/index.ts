/** Revision diff: which segments of a new source revision changed, and how (issue 4). */
export { diffRevisions, textKey, DIFF_DEFAULTS, type DiffOptions } from './revisions.js';
export {
  charDiff,
  displayDiff,
  similarity,
  similarityOf,
  similarityUpperBound,
  classifyEdit,
  diffMarkup,
  replacementDiff,
  withoutWhitespace,
  withoutPunctuation,
  DIFF_THRESHOLDS,
  DEFAULT_MAX_CELLS,
  type CharDiffOptions,
  type EditKind,
} from './chars.js';
export { matchInOrder, longestIncreasing, type SequenceOptions } from './sequence.js';
export { carryForward, combinePrefill, changeNote, type OldTranslation, type CarryOptions, type CarryPlan, type CarryReport } from './carry.js';
export { sinceLastExport, translationsFromMemory, planCarry, type SinceLast, type SinceLastQuery, type CarryExport } from './since.js';
export { renderDiffHtml, escapeHtml, KIND_ORDER, type DiffReportInput } from './html.js';
