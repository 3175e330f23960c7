/** Revision diff: which segments of a new source revision changed, and how (issue 4). */
export { diffRevisions, textKey, DIFF_DEFAULTS, type DiffOptions } from './revisions.js';
export {
  charDiff,
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
