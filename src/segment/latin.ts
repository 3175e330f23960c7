/**
 * What kioku knows about full stops in Latin-script words: abbreviation lists by behaviour and the
 * capitalised words that usually begin a sentence. Lower-case keys, inner dots kept ("u.s", "ph.d").
 */

/** Always followed by more of the same sentence (a name, a number, an example). */
const NEVER_FINAL = [
  // titles and ranks
  'mr', 'mrs', 'ms', 'mx', 'messrs', 'mssrs', 'mme', 'mlle', 'dr', 'drs', 'prof', 'profs', 'rev', 'revd', 'fr', 'hon',
  'pres', 'gov', 'sen', 'sens', 'rep', 'reps', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'cmdr', 'cdr', 'adm', 'sgt',
  'cpl', 'pvt', 'brig', 'supt', 'insp', 'det', 'rt', 'atty', 'amb', 'gov', 'sec\'y', 'st', 'ste', 'mt', 'ft',
  'mssr', 'msgr', 'pfc', 'spc',
  // Latin and editorial
  'e.g', 'i.e', 'viz', 'cf', 'vs', 'v', 'approx', 'ca', 'c', 'resp', 'incl', 'esp', 'ibid', 'id', 'op', 'cit',
  'f.e', 'med', 'btw', 'dept', 'univ', 'assn', 'apt', 'bldg', 'tel', 'ext',
];

/** Usually followed by a number ("No. 5", "p. 55", "Fig. 3", "Jan. 5"); before a word they may end a sentence. */
const BEFORE_NUMBER = [
  'no', 'nos', 'n°', 'nr', 'p', 'pp', 'vol', 'vols', 'fig', 'figs', 'ch', 'chap', 'sec', 'secs', 'art', 'arts', 'para',
  'paras', 'eq', 'eqs', 'ed', 'eds', 'ref', 'refs', 'ex', 'tab', 'pt', 'pts', 'rs', 'col', 'cols', 'ser', 'ver', 'rev',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
];

/** May end a sentence: they end it when a typical sentence opener follows. */
const MAY_END = [
  'etc', 'al', 'inc', 'ltd', 'co', 'corp', 'bros', 'llc', 'plc', 'gmbh', 'jr', 'sr', 'esq', 'mon', 'tue', 'tues',
  'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'est', 'dist', 'govt', 'intl', 'natl', 'mfg', 'div',
];

/** Times and eras: they end a sentence before a capital unless the clause opened with a preposition. */
const TIME_OR_ERA = ['a.m', 'p.m', 'b.c', 'a.d', 'b.c.e', 'c.e'];

/** Units: after a number they end a sentence before any capitalised word ("5 lb. Tom was…"). */
const UNITS = [
  'lb', 'lbs', 'oz', 'ft', 'in', 'mi', 'yd', 'yds', 'sq', 'fl', 'gal', 'qt', 'pt', 'hr', 'hrs', 'min', 'mins', 'sec',
  'secs', 'cu', 'mo', 'mos', 'yr', 'yrs', 'wk', 'wks', 'cal', 'tsp', 'tbsp', 'doz', 'bbl', 'cwt',
];

/** Degrees and post-nominals: they close a name, so a capitalised word after them starts a sentence. */
const DEGREES = [
  'ph.d', 'm.d', 'd.d.s', 'm.b.a', 'll.m', 'll.b', 'll.d', 'j.d', 'b.a', 'm.a', 'b.sc', 'm.sc', 'd.phil', 'm.phil',
  'ed.d', 'psy.d', 'd.v.m', 'r.n', 'b.s', 'm.s', 'b.ed', 'm.ed', 'd.o', 'pharm.d', 'dr.phil',
];

export const enum Abbr {
  None = 0,
  NeverFinal = 1,
  BeforeNumber = 2,
  MayEnd = 3,
  TimeOrEra = 4,
  Unit = 5,
  Degree = 6,
}

const KIND = new Map<string, Abbr>();
// Later lists win where a word is in two (e.g. "sec" is a unit after a number, else a section).
for (const w of MAY_END) KIND.set(w, Abbr.MayEnd);
for (const w of BEFORE_NUMBER) KIND.set(w, Abbr.BeforeNumber);
for (const w of NEVER_FINAL) KIND.set(w, Abbr.NeverFinal);
for (const w of DEGREES) KIND.set(w, Abbr.Degree);
for (const w of TIME_OR_ERA) KIND.set(w, Abbr.TimeOrEra);

const UNIT_SET = new Set(UNITS);

/** The abbreviation kind of a word (lower-cased, without its final dot). */
export function abbreviationKind(lower: string): Abbr {
  return KIND.get(lower) ?? Abbr.None;
}

export function isUnit(lower: string): boolean {
  return UNIT_SET.has(lower);
}

/**
 * Capitalised words that typically open a sentence and rarely follow an abbreviation inside one
 * (pronouns, articles, conjunctions, auxiliaries, sentence adverbs). "U.S. Army" stays whole, "in the
 * U.S. How about you?" splits.
 */
export const SENTENCE_STARTERS = new Set([
  'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'There', 'Their', 'They', 'Them', 'Then', 'Thus', 'Therefore',
  'He', 'She', 'It', 'Its', "It's", 'We', 'Our', 'I', "I'm", "I've", "I'd", "I'll", 'You', 'Your', 'His', 'Her', 'My',
  'But', 'And', 'Or', 'So', 'Yet', 'Nor', 'If', 'When', 'Where', 'What', 'Who', 'Whom', 'Whose', 'Why', 'How',
  'However', 'Meanwhile', 'Moreover', 'Furthermore', 'Nevertheless', 'Also', 'After', 'Before', 'Although', 'Though',
  'While', 'Since', 'Because', 'As', 'In', 'On', 'At', 'For', 'From', 'With', 'Without', 'By', 'During', 'Until',
  'Is', 'Are', 'Was', 'Were', 'Do', 'Does', 'Did', 'Can', 'Could', 'Would', 'Should', 'Will', 'Shall', 'Might',
  'Must', 'Have', 'Has', 'Had', 'Let', "Let's", 'Not', 'Yes', 'No', 'Now', 'Today', 'Yesterday', 'Tomorrow',
  'Some', 'Many', 'Most', 'All', 'Each', 'Every', 'Both', 'Another', 'Other', 'Such', 'Being', 'Millions', 'More',
  'Here', 'Please', 'Still', 'Instead', 'Indeed', 'Finally', 'First', 'Second', 'Later', 'Earlier', 'One', 'Two',
]);

/** Prepositions that open an introductory time phrase ("At 5 a.m. Mr. Smith went…"). */
export const INTRO_PREPOSITIONS = new Set([
  'at', 'on', 'in', 'by', 'around', 'about', 'after', 'before', 'since', 'until', 'till', 'from', 'during', 'circa',
  'near', 'towards', 'toward', 'between',
]);

/** Roman numerals used as numbers after "Vol.", "No.", "Ch." (I to XXXIX, lower or upper case). */
export function isRomanNumeral(word: string): boolean {
  return word.length > 0 && word.length <= 7 && /^(?:x{0,3})(?:ix|iv|v?i{0,3})$/i.test(word);
}
