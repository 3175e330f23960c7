/**
 * Glossaries for `kioku check --glossary`: TBX (TBX-Basic, both the 2008 `<martif>` form and the 2019
 * `<tbx>` form) and CSV. A glossary is a list of concepts, each with terms per language and a status:
 * `preferred` and `admitted` terms are the accepted translations, `forbidden` ones must not be used.
 */
import type { Result } from '../model.js';
import { err, ok } from '../model.js';
import { attr, childElements, localName, parseXml, textContent, type XmlElement } from '../xml/parse.js';
import { foldWidth } from '../text/width.js';
import { FNV1A_SEED, fnv1aStep } from '../text/hash.js';
import { TextFlag } from '../text/script.js';
import { parseLanguageTag, sameLanguage, tagProblemMessage, writesCjk } from '../text/lang.js';

export type TermStatus = 'preferred' | 'admitted' | 'forbidden';

export interface GlossaryTerm {
  /** Language tag, or `source`/`target` for a CSV with those headers (then any pair). */
  readonly lang: string;
  readonly text: string;
  readonly status: TermStatus;
}

export interface GlossaryConcept {
  readonly id: string;
  readonly terms: readonly GlossaryTerm[];
  /** Line in the glossary file, for messages. */
  readonly line: number;
}

export interface Glossary {
  readonly file: string;
  readonly concepts: readonly GlossaryConcept[];
}

// ---------------------------------------------------------------------------------------------------
// CSV

const CSV_STATUS: Readonly<Record<string, TermStatus>> = {
  '': 'preferred',
  preferred: 'preferred',
  required: 'preferred',
  admitted: 'admitted',
  allowed: 'admitted',
  forbidden: 'forbidden',
  deprecated: 'forbidden',
  superseded: 'forbidden',
};

/** RFC 4180 records with the line each starts on; strict about quotes. */
export function parseCsvRecords(text: string, file: string): Result<{ line: number; fields: string[] }[]> {
  const records: { line: number; fields: string[] }[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  const fail = (message: string, at: number, col: number, hint?: string): Result<never> =>
    err({ code: 'csv', message, file, line: at, column: col, ...(hint ? { hint } : {}) });
  while (i < n) {
    const fields: string[] = [];
    const recordLine = line;
    let lineStart = i;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const quoteLine = line;
        const quoteCol = i - lineStart + 1;
        i++;
        for (;;) {
          if (i >= n) return fail('unterminated quoted field', quoteLine, quoteCol, 'close the field with a double quote');
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') {
            line++;
            lineStart = i + 1;
          }
          field += c;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          return fail('text after a closing quote', line, i - lineStart + 1, 'quote the whole field and double any quote inside it ("")');
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') return fail('a double quote inside an unquoted field', line, i - lineStart + 1, 'quote the field and double the quote ("")');
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    // Blank lines are skipped, not read as a record of one empty field.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
  }
  return ok(records);
}

/**
 * A header cell as a language column: a language tag (src/text/lang.ts, canonical form) whose language
 * subtag has 2–3 letters. The ABNF also allows 4–8 letters, but a header such as `term` or `english`
 * is a column name, not a language, and gets the "unknown column" error with its hint.
 */
function csvLanguage(name: string): string | undefined {
  const tag = parseLanguageTag(name);
  return tag.ok && /^[a-z]{2,3}$/.test(tag.value.language) ? tag.value.tag : undefined;
}

/**
 * A CSV glossary: a header row naming the columns, then one term pair per row.
 * - Term columns: language tags (`ja,en`, `en_US` read as `en-US`) or `source,target`.
 * - Optional `status`: preferred (or required, the default), admitted, forbidden (or deprecated) — the
 *   status of the target-language term(s) of the row.
 * - Optional `note` (ignored by the checks).
 * Rows with the same source term form one concept (several accepted translations). A forbidden row may
 * leave the source empty: then the term is forbidden in every target text.
 */
export function parseGlossaryCsv(text: string, file: string): Result<Glossary> {
  const parsed = parseCsvRecords(text, file);
  if (!parsed.ok) return parsed;
  const records = parsed.value;
  const header = records[0];
  if (header === undefined) return err({ code: 'csv', message: 'the glossary is empty', file, hint: 'start with a header row such as "ja,en,status"' });
  const names = header.fields.map((f) => f.trim());
  const seen = new Set<string>();
  const termColumns: { index: number; lang: string }[] = [];
  let statusColumn = -1;
  for (let c = 0; c < names.length; c++) {
    const name = names[c]!;
    const lower = name.toLowerCase();
    if (seen.has(lower)) return err({ code: 'csv', message: `duplicate column "${name}" in the header`, file, line: header.line });
    seen.add(lower);
    if (lower === 'status') statusColumn = c;
    else if (lower === 'note' || lower === 'notes' || lower === 'comment') continue;
    else if (lower === 'source' || lower === 'target') termColumns.push({ index: c, lang: lower });
    else if (csvLanguage(name) !== undefined) termColumns.push({ index: c, lang: csvLanguage(name)! });
    else {
      return err({
        code: 'csv',
        message: `unknown column "${name}" in the header`,
        file,
        line: header.line,
        hint: 'name term columns by language (ja,en) or source,target; optional columns: status, note',
      });
    }
  }
  const generic = termColumns.some((t) => t.lang === 'source' || t.lang === 'target');
  if (termColumns.length < 2 || (generic && !(termColumns.length === 2 && termColumns[0]!.lang === 'source' && termColumns[1]!.lang === 'target'))) {
    return err({
      code: 'csv',
      message: 'the header needs two term columns: source,target or language tags such as ja,en',
      file,
      line: header.line,
    });
  }
  const concepts = new Map<string, { terms: GlossaryTerm[]; line: number }>();
  const out: GlossaryConcept[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length !== names.length) {
      return err({
        code: 'csv',
        message: `expected ${names.length} fields as in the header, found ${record.fields.length}`,
        file,
        line: record.line,
        hint: 'quote fields that contain commas',
      });
    }
    const rawStatus = statusColumn >= 0 ? record.fields[statusColumn]!.trim().toLowerCase() : '';
    const status = CSV_STATUS[rawStatus];
    if (status === undefined) {
      return err({
        code: 'csv',
        message: `unknown status "${record.fields[statusColumn]!.trim()}"`,
        file,
        line: record.line,
        hint: 'use preferred, admitted or forbidden',
      });
    }
    const first = termColumns[0]!;
    const sourceText = record.fields[first.index]!.trim();
    const rest = termColumns
      .slice(1)
      .map((t) => ({ lang: t.lang, text: record.fields[t.index]!.trim() }))
      .filter((t) => t.text !== '');
    if (rest.length === 0) return err({ code: 'csv', message: 'a row without a target term', file, line: record.line });
    if (sourceText === '' && status !== 'forbidden') {
      return err({ code: 'csv', message: 'a row without a source term', file, line: record.line, hint: 'only forbidden terms may leave the source empty' });
    }
    const key = sourceText === '' ? `\u0000${record.line}` : `${first.lang}\u0000${sourceText}`;
    let concept = concepts.get(key);
    if (concept === undefined) {
      concept = { terms: sourceText === '' ? [] : [{ lang: first.lang, text: sourceText, status: 'preferred' }], line: record.line };
      concepts.set(key, concept);
      out.push({ id: `row${record.line}`, terms: concept.terms, line: record.line });
    }
    for (const t of rest) concept.terms.push({ lang: t.lang, text: t.text, status });
  }
  return ok({ file, concepts: out });
}

// ---------------------------------------------------------------------------------------------------
// TBX

const TBX_STATUS: Readonly<Record<string, TermStatus>> = {
  'preferredterm-admn-sts': 'preferred',
  'admittedterm-admn-sts': 'admitted',
  'deprecatedterm-admn-sts': 'forbidden',
  'supersededterm-admn-sts': 'forbidden',
  preferredterm: 'preferred',
  admittedterm: 'admitted',
  deprecatedterm: 'forbidden',
  supersededterm: 'forbidden',
  legalterm: 'preferred',
  regulatedterm: 'preferred',
  standardizedterm: 'preferred',
};

function descendants(el: XmlElement, names: ReadonlySet<string>, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (names.has(localName(c.name))) out.push(c);
    else descendants(c, names, out);
  }
  return out;
}

function termStatusOf(group: XmlElement, file: string): Result<TermStatus> {
  for (const el of descendants(group, new Set(['termNote', 'administrativeStatus', 'normativeAuthorization']))) {
    const name = localName(el.name);
    const type = attr(el, 'type');
    if (name === 'termNote' && type !== 'administrativeStatus' && type !== 'normativeAuthorization') continue;
    const value = textContent(el).trim();
    const status = TBX_STATUS[value.toLowerCase()];
    if (status === undefined) {
      return err({
        code: 'tbx',
        message: `unknown administrative status "${value}"`,
        file,
        line: el.line,
        column: el.column,
        hint: 'use preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts or supersededTerm-admn-sts',
      });
    }
    return ok(status);
  }
  return ok('preferred');
}

/** A TBX-Basic glossary, read through the strict XML gate. */
export function parseGlossaryTbx(text: string, file: string): Result<Glossary> {
  const parsed = parseXml(text, { file });
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  const rootName = localName(root.name);
  if (rootName !== 'martif' && rootName !== 'tbx') {
    return err({
      code: 'tbx',
      message: `not a TBX file: the root element is <${root.name}>`,
      file,
      line: root.line,
      column: root.column,
      hint: 'expected <tbx> or <martif>',
    });
  }
  const concepts: GlossaryConcept[] = [];
  const entries = descendants(root, new Set(['termEntry', 'conceptEntry']));
  for (const [e, entry] of entries.entries()) {
    const terms: GlossaryTerm[] = [];
    for (const langSet of childElements(entry).filter((c) => ['langSet', 'langSec'].includes(localName(c.name)))) {
      const langRaw = attr(langSet, 'xml:lang');
      if (langRaw === undefined) {
        return err({ code: 'tbx', message: `<${langSet.name}> without xml:lang`, file, line: langSet.line, column: langSet.column });
      }
      const tag = parseLanguageTag(langRaw);
      if (!tag.ok) {
        return err({
          code: 'tbx',
          message: tagProblemMessage('xml:lang', langRaw, tag.error),
          file,
          line: langSet.line,
          column: langSet.column,
          hint: 'fix the attribute in the file',
        });
      }
      const lang = tag.value.tag;
      for (const group of descendants(langSet, new Set(['tig', 'ntig', 'termSec']))) {
        const termEl = descendants(group, new Set(['term']))[0];
        if (termEl === undefined) return err({ code: 'tbx', message: `<${group.name}> without a <term>`, file, line: group.line, column: group.column });
        const termText = textContent(termEl).trim();
        if (termText === '') return err({ code: 'tbx', message: 'an empty <term>', file, line: termEl.line, column: termEl.column });
        const status = termStatusOf(group, file);
        if (!status.ok) return status;
        terms.push({ lang, text: termText, status: status.value });
      }
    }
    concepts.push({ id: attr(entry, 'id') ?? `entry${e + 1}`, terms, line: entry.line });
  }
  return ok({ file, concepts });
}

/** By extension: `.tbx`/`.xml` → TBX, `.csv` → CSV; otherwise by content. */
export function parseGlossary(text: string, file: string): Result<Glossary> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return parseGlossaryCsv(text, file);
  if (lower.endsWith('.tbx') || lower.endsWith('.xml') || text.trimStart().startsWith('<')) return parseGlossaryTbx(text, file);
  return parseGlossaryCsv(text, file);
}

// ---------------------------------------------------------------------------------------------------
// Matching

/** A compiled term: does it occur in a text? */
export interface TermMatcher {
  readonly text: string;
  /**
   * Whether the term occurs in `haystack`. A caller that has them passes `flags` (textFlags of the
   * haystack), which let some texts be ruled out sooner; the answer is the same without them.
   */
  test(haystack: string, flags?: number): boolean;
  /** What every text the term occurs in contains, for ruling many terms out with one search (TermSet). */
  readonly needle?: TermNeedle;
}

/**
 * A term occurs in a text only if the text contains `literal` (case-insensitively), or, when the flags
 * say so, ſ / the Kelvin sign (which a Unicode case-insensitive pattern reads as s / k), or full-width
 * characters (a term with ASCII in a CJK word is also found in the width-folded text).
 */
export interface TermNeedle {
  readonly literal: string;
  readonly longS: boolean;
  readonly kelvin: boolean;
  readonly folded: boolean;
}

const FULLWIDTH = TextFlag.FULLWIDTH_PUNCT | TextFlag.FULLWIDTH_ALNUM;

/** Whether `h` has full-width ASCII (U+FF01–U+FF5E), which a CJK term with ASCII may match once folded; the flags rule most texts out unread. */
function hasFullwidthAscii(h: string, flags: number | undefined): boolean {
  return (flags === undefined || (flags & FULLWIDTH) !== 0) && /[\uff01-\uff5e]/.test(h);
}

/** The longest of `words` (the first of equals), or undefined when there are none. */
function longest(words: readonly string[]): string | undefined {
  return words.reduce<string | undefined>((a, w) => (a === undefined || w.length > a.length ? w : a), undefined);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * CJK terms match as substrings (width-folded); others as whole words, case-insensitive (except
 * all-capital acronyms), and with an English plural or possessive ending allowed (drone → drones).
 */
export function termMatcher(text: string, lang: string): TermMatcher {
  const norm = text.normalize('NFKC');
  if (writesCjk(lang) || /[\u3040-\u30ff\u4e00-\u9fff]/.test(norm)) return new CjkTerm(text, norm);
  return new LatinTerm(text, norm);
}

/**
 * A CJK term: a substring of the text. Full-width letters and digits in the text are folded (ＦＰＶ
 * matches FPV); other text as it is. Folding only makes ASCII characters and spaces, so a term without
 * any is found unfolded or not at all. (Terms are classes, not closures, so a run of the rules over
 * another glossary reuses the same optimised code.)
 */
class CjkTerm implements TermMatcher {
  readonly needle: TermNeedle;
  /** Whether the term has ASCII, so that it may be found in the width-folded text only. */
  readonly foldable: boolean;

  constructor(
    readonly text: string,
    readonly norm: string,
  ) {
    this.foldable = /[\x20-\x7e]/.test(norm);
    this.needle = { literal: norm, longS: false, kelvin: false, folded: this.foldable };
  }

  test(h: string, flags?: number): boolean {
    if (h.includes(this.norm)) return true;
    return this.foldable && hasFullwidthAscii(h, flags) && foldWidth(h).includes(this.norm);
  }
}

/**
 * A term in an alphabetic language: whole words, case-insensitive (all-capital acronyms exactly), with
 * an English plural or possessive ending allowed.
 */
class LatinTerm implements TermMatcher {
  readonly needle: TermNeedle | undefined;
  /** The longest run of ASCII letters and digits in the term, lower-cased: the key of TermSet's word index. */
  readonly word: string | undefined;
  private readonly re: RegExp;
  /** A case-insensitive search for the longest ASCII word (no u flag), which every match contains. */
  private readonly literalRe: RegExp | undefined;

  constructor(
    readonly text: string,
    norm: string,
  ) {
    const acronym = /^[A-Z0-9]{2,}$/.test(norm);
    const words = norm.split(/\s+/);
    const body = words.map(escapeRegExp).join('\\s+');
    this.re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s|es|'s|’s)?(?![\\p{L}\\p{N}])`, acronym ? 'u' : 'iu');
    this.word = longest(norm.match(/[A-Za-z0-9]+/g) ?? [])?.toLowerCase();
    // Any match contains the term's longest ASCII word, in some case: the search for it rules most texts
    // out. It misses only ſ and the Kelvin sign, which /iu matches as s and k.
    const literal = longest(words.filter((w) => /^[\x21-\x7e]+$/.test(w)));
    this.literalRe = literal === undefined ? undefined : new RegExp(escapeRegExp(literal), 'i');
    this.needle = literal === undefined ? undefined : { literal, longS: /s/i.test(literal), kelvin: /k/i.test(literal), folded: false };
  }

  test(h: string): boolean {
    const needle = this.needle;
    if (needle !== undefined && !this.literalRe!.test(h) && !(needle.longS && h.includes('\u017f')) && !(needle.kelvin && h.includes('\u212a'))) return false;
    return this.re.test(h);
  }
}

/**
 * Terms tested together, without testing every term: `mayOccur` rules out, with one search, a text in
 * which none of them can occur; `candidates` names, for a large set, the terms that occur, found through
 * an index, so the cost depends on the text and the few terms looked up, not on the number of terms (a
 * termbase has thousands, and most texts hold one of them, so ruling texts out is not enough). Neither
 * ever leaves out a term that occurs; whether a term occurs is decided by its own test alone, which
 * `candidates` runs on each term the index looks up.
 *
 * The index (built for a large set only) holds each term under something every text it occurs in contains:
 * - a CJK term under its first two UTF-16 units (one for a one-unit term): the text is walked once,
 *   looking up each position (a term looked up is tested only if it starts there), and once more
 *   width-folded when the text has full-width ASCII and some term has ASCII (a CJK term is also found in
 *   the folded text);
 * - a Latin term under its longest run of ASCII letters and digits, lower-cased: the term's pattern
 *   reads that run as a whole run of the text (its neighbours in the term are neither ASCII letters nor
 *   digits, nor match one case-insensitively; at the term's ends the pattern's word boundaries), except
 *   that a plural ending may follow a final run. So the text is cut into runs of ASCII letters and
 *   digits (ſ and the Kelvin sign counting as s and k, which the case-insensitive pattern reads them
 *   as), and each run is looked up as it is and without a final s or es. Runs are looked up by a hash,
 *   not a string: a collision only adds a candidate.
 * - any other term (no ASCII letter or digit in a Latin term, a TermMatcher from elsewhere) is tested
 *   on every text.
 */
export class TermSet {
  readonly size: number;
  private readonly terms: readonly TermMatcher[];
  /** null until built (see the constructor). */
  private pattern: RegExp | undefined | null;
  private readonly longS: boolean;
  private readonly kelvin: boolean;
  private readonly folded: boolean;
  /** What `candidates` reports for each term: its index, or the owner the caller gave. */
  private readonly owners: readonly number[];
  private readonly ownerCount: number;
  private readonly allOwners: readonly number[];
  /** Per UTF-16 unit: 1 if a one-unit CJK term is that unit, 2 if a longer one starts with it. */
  private readonly cjkStarts: Uint8Array | undefined;
  private readonly cjkSingles = new Map<number, number[]>();
  private readonly cjkPairs = new Map<number, number[]>();
  private readonly cjkFoldable: boolean;
  /** Each CJK term's normalised text, by term index. */
  private readonly cjkNorms: string[] = [];
  private readonly words = new Map<number, number[]>();
  private readonly always: number[] = [];
  /** Stamps of the owners already named by the current `candidates` call. */
  private readonly seen: Uint32Array;
  private stamp = 0;

  /** `owners[i]` is reported for `terms[i]` (several terms may share one, e.g. a concept's). */
  constructor(terms: readonly TermMatcher[], owners?: readonly number[]) {
    this.size = terms.length;
    this.terms = terms;
    this.owners = owners ?? terms.map((_, i) => i);
    this.ownerCount = this.owners.reduce((a, o) => Math.max(a, o + 1), 0);
    this.seen = new Uint32Array(this.ownerCount);
    this.allOwners = [...new Set(this.owners)].sort((a, b) => a - b);
    const needles = terms.map((t) => t.needle);
    const all = needles.every((n): n is TermNeedle => n !== undefined);
    this.longS = all && needles.some((n) => n.longS);
    this.kelvin = all && needles.some((n) => n.kelvin);
    this.folded = all && needles.some((n) => n.folded);
    let starts: Uint8Array | undefined;
    let foldable = false;
    // Only a large set is searched through the index (see candidates).
    if (this.size > FEW_TERMS) {
      terms.forEach((t, i) => {
        if (t instanceof CjkTerm && t.norm.length > 0) {
          starts ??= new Uint8Array(0x10000);
          this.cjkNorms[i] = t.norm;
          const c0 = t.norm.charCodeAt(0);
          if (t.norm.length === 1) {
            starts[c0]! |= 1;
            push(this.cjkSingles, c0, i);
          } else {
            starts[c0]! |= 2;
            push(this.cjkPairs, pairKey(c0, t.norm.charCodeAt(1)), i);
          }
          foldable ||= t.foldable;
        } else if (t instanceof LatinTerm && t.word !== undefined) {
          let h = FNV1A_SEED;
          for (let k = 0; k < t.word.length; k++) h = fnv1aStep(h, t.word.charCodeAt(k));
          push(this.words, h, i);
        } else this.always.push(i);
      });
    }
    this.cjkStarts = starts;
    this.cjkFoldable = foldable;
    // A large set builds its pattern only if mayOccur is asked: candidates goes through the index.
    this.pattern = this.size <= FEW_TERMS ? this.needlePattern() : null;
  }

  mayOccur(haystack: string, flags?: number): boolean {
    if (this.size === 0) return false;
    const pattern = this.pattern === null ? (this.pattern = this.needlePattern()) : this.pattern;
    if (pattern === undefined || pattern.test(haystack)) return true;
    if (this.folded && (flags === undefined || (flags & FULLWIDTH) !== 0)) return true;
    return (this.longS && haystack.includes('\u017f')) || (this.kelvin && haystack.includes('\u212a'));
  }

  /** One search for all the needles; undefined when some term has none (then any text may hold a term). */
  private needlePattern(): RegExp | undefined {
    const needles = this.terms.map((t) => t.needle);
    if (!needles.every((n): n is TermNeedle => n !== undefined) || needles.length === 0) return undefined;
    const literals = [...new Set(needles.map((n) => n.literal))].sort((a, b) => b.length - a.length);
    return new RegExp(literals.map(escapeRegExp).join('|'), 'i');
  }

  /**
   * The owners of the terms that may occur in `haystack`, ascending, each once: every owner of a term
   * that occurs, and perhaps more. `flags` as for TermMatcher.test. Found through the index, only owners
   * of terms that occur are named (each candidate is tested here, so few are sorted); a small set names
   * all its owners unless `mayOccur` rules the text out.
   */
  candidates(haystack: string, flags?: number): readonly number[] {
    // A few terms are quicker tested one by one, after one native search has ruled most texts out,
    // than found by walking the text; that search's pattern grows with the terms, the walk does not.
    if (this.size <= FEW_TERMS) return this.mayOccur(haystack, flags) ? this.allOwners : NONE;
    return this.occurring(haystack, flags);
  }

  /** Through the index (kept apart so that the small-set path stays small enough to inline). */
  private occurring(haystack: string, flags: number | undefined): readonly number[] {
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const out: number[] = [];
    this.addAll(this.always, haystack, flags, out);
    if (this.cjkStarts !== undefined) {
      this.walkCjk(haystack, haystack, flags, out);
      if (this.cjkFoldable && hasFullwidthAscii(haystack, flags)) this.walkCjk(foldWidth(haystack), haystack, flags, out);
    }
    if (this.words.size > 0) this.walkWords(haystack, flags, out);
    return out.length > 1 ? out.sort((a, b) => a - b) : out.length === 1 ? out : NONE;
  }

  /**
   * Adds the owners of those of `terms` that occur in `haystack`. CJK terms looked up at position `at`
   * of the walked text are first required to start there: most terms looked up do not, and that is
   * cheaper to see than their whole test.
   */
  private addAll(terms: readonly number[] | undefined, haystack: string, flags: number | undefined, out: number[], walked?: string, at = 0): void {
    if (terms === undefined) return;
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k]!;
      const owner = this.owners[term]!;
      if (this.seen[owner] === this.stamp) continue;
      if (walked !== undefined && !walked.startsWith(this.cjkNorms[term]!, at)) continue;
      if (!this.terms[term]!.test(haystack, flags)) continue;
      this.seen[owner] = this.stamp;
      out.push(owner);
    }
  }

  /** Looks up each position of `h`: the haystack itself, or its width-folded copy. */
  private walkCjk(h: string, haystack: string, flags: number | undefined, out: number[]): void {
    const starts = this.cjkStarts!;
    const n = h.length;
    for (let i = 0; i < n; i++) {
      const c = h.charCodeAt(i);
      const s = starts[c]!;
      if (s === 0) continue;
      if ((s & 1) !== 0) this.addAll(this.cjkSingles.get(c), haystack, flags, out, h, i);
      if ((s & 2) !== 0 && i + 1 < n) this.addAll(this.cjkPairs.get(pairKey(c, h.charCodeAt(i + 1))), haystack, flags, out, h, i);
    }
  }

  private walkWords(h: string, flags: number | undefined, out: number[]): void {
    const n = h.length;
    let i = 0;
    while (i < n) {
      let c = foldAsciiWordChar(h.charCodeAt(i));
      if (c < 0) {
        i++;
        continue;
      }
      // The hash of the run so far, and of the run without its last one and two characters.
      let hash = FNV1A_SEED;
      let less1 = 0;
      let less2 = 0;
      let last = 0;
      let beforeLast = 0;
      do {
        less2 = less1;
        less1 = hash;
        hash = fnv1aStep(hash, c);
        beforeLast = last;
        last = c;
        c = ++i < n ? foldAsciiWordChar(h.charCodeAt(i)) : -1;
      } while (c >= 0);
      this.addAll(this.words.get(hash), h, flags, out);
      if (last === 0x73) {
        this.addAll(this.words.get(less1), h, flags, out);
        if (beforeLast === 0x65) this.addAll(this.words.get(less2), h, flags, out);
      }
    }
  }
}

const NONE: readonly number[] = [];
const FEW_TERMS = 32;
const pairKey = (c0: number, c1: number): number => (c0 << 16) | c1;

/** An ASCII letter (lower-cased) or digit, ſ as s and the Kelvin sign as k; -1 for anything else. */
function foldAsciiWordChar(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return c;
  if (c >= 0x41 && c <= 0x5a) return c + 0x20;
  if (c >= 0x30 && c <= 0x39) return c;
  if (c === 0x17f) return 0x73;
  if (c === 0x212a) return 0x6b;
  return -1;
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

export interface RequiredTerm {
  readonly concept: string;
  readonly source: readonly TermMatcher[];
  readonly targets: readonly TermMatcher[];
}

export interface ForbiddenTerm {
  readonly concept: string;
  readonly term: TermMatcher;
  /** Only when one of these occurs in the source; empty: anywhere. */
  readonly source: readonly TermMatcher[];
}

/** The glossary reduced to one language pair, terms compiled. */
export interface GlossaryIndex {
  readonly file: string;
  readonly required: readonly RequiredTerm[];
  readonly forbidden: readonly ForbiddenTerm[];
  /** The source terms of `required`, each owned by its index in `required`. */
  readonly requiredSources?: TermSet;
  /** The terms of `forbidden`, in its order. */
  readonly forbiddenTerms?: TermSet;
}

export function glossaryIndex(glossary: Glossary, sourceLang: string, targetLang: string): GlossaryIndex {
  const isSource = (t: GlossaryTerm): boolean => t.lang === 'source' || sameLanguage(t.lang, sourceLang);
  const isTarget = (t: GlossaryTerm): boolean => t.lang === 'target' || sameLanguage(t.lang, targetLang);
  const required: RequiredTerm[] = [];
  const forbidden: ForbiddenTerm[] = [];
  for (const c of glossary.concepts) {
    const source = c.terms.filter((t) => isSource(t) && t.status !== 'forbidden').map((t) => termMatcher(t.text, sourceLang));
    const targets = c.terms.filter((t) => isTarget(t) && t.status !== 'forbidden').map((t) => termMatcher(t.text, targetLang));
    if (source.length > 0 && targets.length > 0) required.push({ concept: c.id, source, targets });
    for (const t of c.terms) {
      if (isTarget(t) && t.status === 'forbidden') forbidden.push({ concept: c.id, term: termMatcher(t.text, targetLang), source });
    }
  }
  return {
    file: glossary.file,
    required,
    forbidden,
    requiredSources: new TermSet(
      required.flatMap((r) => r.source),
      required.flatMap((r, k) => r.source.map(() => k)),
    ),
    forbiddenTerms: new TermSet(forbidden.map((f) => f.term)),
  };
}
