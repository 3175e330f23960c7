import { NO_FINDINGS, finding, quote, type UnitRule } from '../types.js';
import { isWhiteSpace } from '../../text/script.js';
import { sameLanguage, writesCjk } from '../../text/lang.js';

/** Whether the text has anything but whitespace (`/\S/`, without a regular expression per unit). */
function hasContent(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWhiteSpace(text.charCodeAt(i))) return true;
  return false;
}

/** The target a translator produced, or undefined when there is none to check (see CheckUnit.translation). */
export function translationOf(unit: { target?: string | undefined; source: string; state: string }): string | undefined {
  const { target, source, state } = unit;
  if (target === undefined || !hasContent(target)) return undefined;
  // A copy of the source in a unit never touched is a placeholder (OmegaT-style exports), not a translation.
  if (state === 'initial' && target === source) return undefined;
  return target;
}

export const untranslated: UnitRule = {
  scope: 'unit',
  id: 'untranslated',
  severity: 'error',
  category: 'completeness',
  description: 'The unit has no translation: no target at all, or still the copy of the source it was exported with.',
  check(cu) {
    const { target, source, state } = cu.unit;
    if (target === undefined) return [finding(this, cu, 'not translated: the unit has no target', { expected: 'a translation' })];
    if (state === 'initial' && target === source && source.trim() !== '') {
      return [finding(this, cu, 'not translated: the target is still the copy of the source', { actual: target })];
    }
    return NO_FINDINGS;
  },
};

export const emptyTarget: UnitRule = {
  scope: 'unit',
  id: 'empty-target',
  severity: 'error',
  category: 'completeness',
  description: 'The target is empty (or only whitespace) while the source is not.',
  check(cu) {
    const { target, source } = cu.unit;
    // A translation has content, so only a unit without one can have an empty target.
    if (cu.translation !== undefined || target === undefined || hasContent(target) || !hasContent(source)) return NO_FINDINGS;
    return [finding(this, cu, 'the target is empty', { actual: target })];
  },
};

const URL_OR_MAIL = /(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\/\S*/gi;

/**
 * Text that stays as it is in any language: nothing but URLs, e-mails, numbers, symbols and
 * punctuation; Latin script in a CJK source (a byline, a brand, an acronym); a short run of
 * capitalised words or acronyms (a name such as "Global Watch", "CNN").
 */
export function needsNoTranslation(source: string, sourceLang: string): boolean {
  const rest = source.replace(URL_OR_MAIL, ' ');
  if (!/\p{L}/u.test(rest)) return true;
  if (writesCjk(sourceLang) && !/[\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Han}\p{sc=Hangul}]/u.test(rest)) return true;
  const words = rest.match(/\p{L}[\p{L}\p{N}'’.-]*/gu) ?? [];
  return words.length <= 4 && words.every((w) => /^\p{Lu}/u.test(w));
}

export const sameAsSource: UnitRule = {
  scope: 'unit',
  id: 'same-as-source',
  severity: 'error',
  category: 'completeness',
  description:
    'The target is identical to the source although the languages differ (text that needs no translation, such as a URL, a number or a Latin-script byline in a Japanese source, is exempt).',
  check(cu, ctx) {
    const target = cu.translation;
    if (target === undefined || !cu.identical || sameLanguage(ctx.sourceLang, ctx.targetLang)) return NO_FINDINGS;
    if (needsNoTranslation(cu.unit.source, ctx.sourceLang)) return NO_FINDINGS;
    return [finding(this, cu, `the target is the untranslated source ${quote(target)}`, { actual: target, expected: `a ${ctx.targetLang} translation` })];
  },
};

export const stateInitial: UnitRule = {
  scope: 'unit',
  id: 'state-initial',
  severity: 'error',
  category: 'completeness',
  description: 'The unit has a target but is still in the initial / needs-translation state: nobody confirmed it.',
  check(cu) {
    if (cu.unit.state !== 'initial' || cu.translation === undefined) return NO_FINDINGS;
    const word = cu.unit.producerState;
    // The producer's own word when a vendor status decided (`mq:status="NotStarted"`), so the message
    // names what the translator sees in that tool.
    if (word !== undefined) return [finding(this, cu, `the translation was never confirmed (${word})`, { actual: word, expected: 'translated' })];
    return [finding(this, cu, 'the translation was never confirmed (state initial / needs-translation)', { actual: 'initial', expected: 'translated' })];
  },
};

export const stateNeedsReview: UnitRule = {
  scope: 'unit',
  id: 'state-needs-review',
  severity: 'warning',
  category: 'completeness',
  description:
    'The unit is marked needs-review (a fuzzy or changed-source candidate, a flag a translator set, or a CAT tool status short of confirmed such as Trados Draft or memoQ Edited).',
  check(cu) {
    if (cu.unit.state !== 'needs-review' || cu.translation === undefined) return NO_FINDINGS;
    const word = cu.unit.producerState;
    if (word !== undefined) {
      return [finding(this, cu, `the translation is not confirmed as translated (${word})`, { actual: word, expected: 'translated' })];
    }
    return [finding(this, cu, 'the translation still needs review', { actual: 'needs-review', expected: 'translated' })];
  },
};
