import type { Rule } from '../types.js';
import { emptyTarget, sameAsSource, stateInitial, stateNeedsReview, untranslated } from './completeness.js';
import { missingUnit, removedSegment, staleSource } from './staleness.js';
import { numbers, numbersExtra } from './numbers.js';
import { tags, tagsUnbalanced } from './markup.js';
import { fullwidthChars, sourceScript } from './script.js';
import { brackets, doubleSpace, doubleWord, edgeWhitespace, endPunctuation, urls } from './punctuation.js';
import { lengthRatio } from './length.js';
import { glossaryForbidden, glossaryTerm } from './glossary.js';
import { consistency } from './consistency.js';

/** Every rule of `kioku check`, in the order of the README table and of findings within a unit. */
export const RULES: readonly Rule[] = [
  untranslated,
  emptyTarget,
  sameAsSource,
  stateInitial,
  stateNeedsReview,
  staleSource,
  removedSegment,
  missingUnit,
  numbers,
  numbersExtra,
  tags,
  tagsUnbalanced,
  sourceScript,
  fullwidthChars,
  brackets,
  endPunctuation,
  edgeWhitespace,
  doubleSpace,
  doubleWord,
  urls,
  lengthRatio,
  glossaryTerm,
  glossaryForbidden,
  consistency,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
