/**
 * TMX 1.4b read and write. Pure: text in, units out; units in, text out.
 *
 * Reading goes through the strict XML gate first, then accepts what real tools write: TMX 1.4 with
 * `xml:lang` (translate-toolkit, Trados-style tools, kioku), TMX 1.1 with `lang=` (OmegaT's project
 * memories), upper- or lower-case tags (`JA`, `en-us`, `en_US`): every language attribute (header
 * srclang — `*all*` allowed — and adminlang, `<tuv xml:lang>`/`lang`) must be a language tag and is
 * read as its canonical form (src/text/lang.ts), else the file is refused at that line. Inline codes
 * (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`) hold native markup, not text: the reader keeps the text
 * apart from them and lists them per variant (`codes`), and `tmxToUnits` refuses a unit it would
 * import with codes unless told to take the text only (`stripCodes`, lossy), since the memory holds
 * plain text. `<hi>` keeps its text.
 */
import type { KiokuError, Lang, Result, TranslationUnit, UnitState } from '../model.js';
import { APPROVED_STATES, err, ok } from '../model.js';
import { attr, childElements, localName, parseXml, type XmlElement } from '../xml/parse.js';
import { baseId } from '../segment/id.js';
import { unitId } from '../memory/content.js';
import { canonicalLang, parseLanguageTag, primaryLanguage as primaryOf, sameLanguage, tagProblemMessage } from '../text/lang.js';
import { clip } from '../text/clip.js';

// canonicalLang moved to src/text/lang.ts (the one module for language tags); exported here as before.
export { canonicalLang } from '../text/lang.js';

/** An inline code element of a `<seg>` (`bpt`, `ept`, `ph`, `it`, `ut`) and where it stands. */
export interface TmxCode {
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

export interface TmxVariant {
  /** The language of the file (after `langMap`), as its canonical tag (`JA` → `ja`, `en_us` → `en-US`). */
  readonly lang: Lang;
  /** The text of the `<seg>` without its inline codes (see `codes`). */
  readonly text: string;
  /** The inline codes the text leaves out, in document order (absent when none). */
  readonly codes?: readonly TmxCode[];
  readonly line: number;
  readonly created?: string;
  readonly changed?: string;
  readonly author?: string;
}

export interface TmxUnit {
  readonly tuid?: string;
  readonly line: number;
  readonly variants: readonly TmxVariant[];
  /** `<prop type="…">` values of the `<tu>`. */
  readonly props: Readonly<Record<string, string>>;
  readonly created?: string;
  readonly changed?: string;
  readonly author?: string;
}

export interface TmxDocument {
  readonly version: string;
  /** Header srclang (after `langMap`) as its canonical tag, or `*all*`. */
  readonly srclang: string;
  readonly creationtool?: string;
  readonly units: readonly TmxUnit[];
}

export interface ReadTmxOptions {
  readonly file?: string;
  /** Language tags to rename before anything else, e.g. {"EN-GB": "en"}; keys compare case-insensitively. */
  readonly langMap?: Readonly<Record<string, string>>;
  /** The encoding the text was decoded with, for the gate's check of the XML declaration. */
  readonly decodedAs?: string;
}

/** TMX dates are `YYYYMMDDThhmmssZ`; kioku stores ISO 8601. */
export function tmxDateToIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : undefined;
}

export function isoToTmxDate(iso: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z` : undefined;
}

const INLINE_CODES = new Set(['bpt', 'ept', 'ph', 'it', 'ut']);

/** The text of an element without its inline codes; the codes go to `codes` when given. */
function segText(el: XmlElement, codes?: TmxCode[]): string {
  let s = '';
  for (const c of el.children) {
    if (typeof c === 'string') s += c;
    else if (!INLINE_CODES.has(localName(c.name))) s += segText(c, codes);
    else codes?.push({ name: localName(c.name), line: c.line, column: c.column });
  }
  return s;
}

export function readTmx(text: string, options: ReadTmxOptions = {}): Result<TmxDocument> {
  const file = options.file;
  const parsed = parseXml(text, { ...(file !== undefined ? { file } : {}), ...(options.decodedAs !== undefined ? { decodedAs: options.decodedAs } : {}) });
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  const fail = (message: string, el?: XmlElement, hint?: string, unit?: string): Result<never> =>
    err({
      code: 'tmx',
      message,
      ...(file !== undefined ? { file } : {}),
      ...(el ? { line: el.line, column: el.column } : {}),
      ...(hint ? { hint } : {}),
      ...(unit ? { unit } : {}),
    });
  if (localName(root.name) !== 'tmx') return fail(`the root element is <${clip(root.name)}>, not <tmx>`, root, 'give a TMX file');
  const version = attr(root, 'version') ?? '';
  if (!/^1\.[1-4]b?$/.test(version)) return fail(`TMX version "${clip(version)}" is not supported (1.1 to 1.4b are)`, root);
  const map = new Map<string, string>();
  for (const [from, to] of Object.entries(options.langMap ?? {})) map.set(from.toLowerCase(), to);
  const mapLang = (tag: string) => map.get(tag.toLowerCase()) ?? tag;
  /**
   * A language attribute of the file (after --map) as its canonical tag, or why it is none. Tags become
   * store folder names, so nothing that is not a language tag gets past here.
   */
  const language = (name: string, raw: string, el: XmlElement, unit?: string): Result<string> => {
    const mapped = mapLang(raw);
    const tag = parseLanguageTag(mapped);
    if (tag.ok) return ok(tag.value.tag);
    const label = mapped === raw ? name : `${name}=${JSON.stringify(raw)} (mapped to ${JSON.stringify(mapped)})`;
    return fail(
      mapped === raw ? tagProblemMessage(name, raw, tag.error) : `${label} ${tag.error.message}`,
      el,
      'fix the attribute in the file, or rename the tag with --map FROM=TO',
      unit,
    );
  };
  const header = childElements(root, 'header')[0];
  if (!header) return fail('the TMX has no <header>', root);
  const srclangRaw = attr(header, 'srclang');
  if (srclangRaw === undefined) return fail('the TMX header has no srclang', header);
  // `*all*` is TMX's own value for "any language" (what kioku writes for a memory of several pairs).
  let srclang = '*all*';
  if (srclangRaw.trim() !== '*all*') {
    const s = language('srclang', srclangRaw, header);
    if (!s.ok) return s;
    srclang = s.value;
  }
  // adminlang is not used, but a file whose header holds a non-tag there is not a TMX to trust either.
  const adminlang = attr(header, 'adminlang');
  if (adminlang !== undefined) {
    const a = language('adminlang', adminlang, header);
    if (!a.ok) return a;
  }
  const body = childElements(root, 'body')[0];
  if (!body) return fail('the TMX has no <body>', root);
  const units: TmxUnit[] = [];
  for (const tu of childElements(body, 'tu')) {
    const tuid = attr(tu, 'tuid');
    const props: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const p of childElements(tu, 'prop')) {
      const type = attr(p, 'type');
      if (type !== undefined) props[type] = segText(p);
    }
    const variants: TmxVariant[] = [];
    for (const tuv of childElements(tu, 'tuv')) {
      // TMX 1.4 says xml:lang; TMX 1.1 (OmegaT's project memories) says lang.
      const langName = attr(tuv, 'xml:lang') !== undefined ? 'xml:lang' : 'lang';
      const langRaw = attr(tuv, langName);
      if (langRaw === undefined || langRaw.trim() === '') return fail('a <tuv> has no xml:lang', tuv, undefined, tuid);
      const lang = language(langName, langRaw, tuv, tuid);
      if (!lang.ok) return lang;
      const seg = childElements(tuv, 'seg')[0];
      if (!seg) return fail('a <tuv> has no <seg>', tuv, undefined, tuid);
      const created = tmxDateToIso(attr(tuv, 'creationdate'));
      const changed = tmxDateToIso(attr(tuv, 'changedate'));
      const author = attr(tuv, 'changeid') ?? attr(tuv, 'creationid');
      const codes: TmxCode[] = [];
      const text = segText(seg, codes);
      variants.push({
        lang: lang.value,
        text,
        ...(codes.length > 0 ? { codes } : {}),
        line: tuv.line,
        ...(created ? { created } : {}),
        ...(changed ? { changed } : {}),
        ...(author ? { author } : {}),
      });
    }
    const created = tmxDateToIso(attr(tu, 'creationdate'));
    const changed = tmxDateToIso(attr(tu, 'changedate'));
    const author = attr(tu, 'changeid') ?? attr(tu, 'creationid');
    units.push({
      ...(tuid !== undefined ? { tuid } : {}),
      line: tu.line,
      variants,
      props,
      ...(created ? { created } : {}),
      ...(changed ? { changed } : {}),
      ...(author ? { author } : {}),
    });
  }
  const creationtool = attr(header, 'creationtool');
  return ok({ version, srclang, ...(creationtool ? { creationtool } : {}), units });
}

export interface TmxToUnitsOptions {
  readonly file?: string;
  /** The pair to import as (default: header srclang and the other language of the file). */
  readonly sourceLang?: Lang;
  readonly targetLang?: Lang;
  /** Take this as the source language whatever the header says (for tools that write a wrong srclang). */
  readonly srclang?: Lang;
  /** Provenance document for units without kioku's own props (default: the file name). */
  readonly document: string;
  /** ISO time for units without dates. */
  readonly now: string;
  /**
   * Import the text of units with inline codes without the codes (`tmx import --strip-codes`): lossy,
   * the codes and their native markup are dropped. Without it such a unit refuses the import.
   */
  readonly stripCodes?: boolean;
}

export interface TmxImport {
  readonly units: readonly TranslationUnit[];
  readonly sourceLang: Lang;
  /** '' for a file without any <tu> whose target language nothing names. */
  readonly targetLang: Lang;
  /** <tu>s without both languages, or with an empty source/target. */
  readonly skipped: number;
  /** Repeated identical pairs in the file. */
  readonly duplicates: number;
  /** Of the imported units: those whose inline codes were dropped (`stripCodes`). */
  readonly codesStripped: number;
}

/** How many further units with codes the refusal names by line. */
const CODED_UNITS_NAMED = 3;

/** The refusal of units with inline codes: one line, the first unit's first code, a few more by line. */
function codesRefusal(coded: ReadonlyArray<{ tu: TmxUnit; codes: readonly TmxCode[] }>, file: string | undefined): KiokuError {
  const first = coded[0]!;
  const names = [...new Set(coded.flatMap((c) => c.codes.map((k) => `<${k.name}>`)))].join(', ');
  const others = coded.slice(1, 1 + CODED_UNITS_NAMED).map((c) => c.tu.line);
  const more = coded.length - 1 - others.length;
  const also = others.length === 0 ? '' : `; others at lines ${others.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  const count = coded.length === 1 ? 'a translation unit has' : `${coded.length} translation units have`;
  const at = first.codes[0]!;
  return {
    code: 'tmx',
    message: `${count} inline codes (${names})${also}; kioku cannot store inline codes yet, so nothing was imported`,
    ...(file !== undefined ? { file } : {}),
    line: at.line,
    column: at.column,
    ...(first.tu.tuid !== undefined ? { unit: clip(first.tu.tuid, 80) } : {}),
    hint: 'pass --strip-codes to import their text without the codes (lossy: the codes and their markup are dropped), or remove those units',
  };
}

/**
 * Turns a TMX document into memory units for one language pair. The header's srclang must fit the
 * pair (unless `srclang` overrides it), so a file whose header names the wrong source language — as
 * translate-toolkit's po2tmx does — is refused with an explanation instead of imported backwards.
 */
export function tmxToUnits(doc: TmxDocument, options: TmxToUnitsOptions): Result<TmxImport> {
  const file = options.file;
  const e = (message: string, hint?: string): Result<never> =>
    err({ code: 'tmx', message, ...(file !== undefined ? { file } : {}), ...(hint ? { hint } : {}) } as KiokuError);
  // The CLI passes validated flags; a library caller's values become folder names too, so check them.
  for (const [name, value] of [
    ['sourceLang', options.sourceLang],
    ['targetLang', options.targetLang],
    ['srclang', options.srclang],
  ] as const) {
    if (value === undefined) continue;
    const tag = parseLanguageTag(value);
    if (!tag.ok) return e(tagProblemMessage(name, value, tag.error), 'give a language tag');
  }
  const langs = new Map<string, string>();
  for (const u of doc.units) for (const v of u.variants) if (!langs.has(primaryOf(v.lang))) langs.set(primaryOf(v.lang), canonicalLang(v.lang));
  const header = options.srclang ?? doc.srclang;
  let sourceLang = options.sourceLang;
  if (sourceLang === undefined) {
    if (header === '*all*') return e('the TMX header says srclang="*all*"', 'name the pair with --source-lang and --target-lang');
    // Tools write the source variant first; a header that names another language does not fit.
    if (options.srclang === undefined) {
      const firsts = new Map<string, number>();
      for (const u of doc.units) {
        const f = u.variants[0];
        if (f) firsts.set(primaryOf(f.lang), (firsts.get(primaryOf(f.lang)) ?? 0) + 1);
      }
      const [top, count] = [...firsts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
      if (count > 0 && top !== primaryOf(header) && count * 2 > doc.units.length) {
        const po2tmx = /translate toolkit/i.test(doc.creationtool ?? '')
          ? ' (translate-toolkit\'s po2tmx writes srclang="en" whatever the source language)'
          : '';
        return e(
          `the TMX header says srclang="${doc.srclang}" but its units start with ${top} text${po2tmx}`,
          `pass --srclang ${top} if ${top} is the source, or --source-lang ${header} to import it as ${header}→…`,
        );
      }
    }
    sourceLang = canonicalLang(header);
  } else if (header !== '*all*' && !sameLanguage(header, sourceLang)) {
    const po2tmx = /translate toolkit/i.test(doc.creationtool ?? '') ? ' (translate-toolkit\'s po2tmx writes srclang="en" whatever the source language)' : '';
    return e(
      `the TMX header says srclang="${doc.srclang}", which does not fit the ${sourceLang}→${options.targetLang ?? '?'} import${po2tmx}`,
      `if the file's source really is ${sourceLang}, pass --srclang ${sourceLang}; to import it the other way, pass --source-lang ${header}`,
    );
  }
  let targetLang = options.targetLang;
  // A TMX without any <tu> (CafeTran's empty project memory) is a valid empty memory: nothing to
  // store, so no pair to name; the importer says so instead of asking for a target language.
  if (doc.units.length === 0) {
    return ok({ units: [], sourceLang, targetLang: targetLang ?? '', skipped: 0, duplicates: 0, codesStripped: 0 });
  }
  if (targetLang === undefined) {
    const others = [...langs.entries()].filter(([p]) => p !== primaryOf(sourceLang!)).map(([, tag]) => tag);
    if (others.length !== 1) {
      return e(
        others.length === 0 ? `the TMX has no language besides ${sourceLang}` : `the TMX has several target languages (${others.join(', ')})`,
        'name the target language with --target-lang',
      );
    }
    targetLang = others[0]!;
  }
  if (!langs.has(primaryOf(sourceLang))) {
    return e(
      `the TMX has no ${sourceLang} text (languages: ${[...langs.values()].join(', ') || 'none'})`,
      'check --source-lang, or map tags with --map FROM=TO',
    );
  }
  // Otherwise every unit would be skipped and the import would "succeed" with nothing in it.
  if (doc.units.length > 0 && !langs.has(primaryOf(targetLang))) {
    return e(
      `the TMX has no ${targetLang} text (languages: ${[...langs.values()].join(', ') || 'none'})`,
      'check --target-lang, or map tags with --map FROM=TO',
    );
  }
  const units: TranslationUnit[] = [];
  const seen = new Map<string, number>();
  const pairs = new Set<string>();
  let skipped = 0;
  let duplicates = 0;
  let codesStripped = 0;
  const coded: Array<{ tu: TmxUnit; codes: readonly TmxCode[] }> = [];
  for (const tu of doc.units) {
    const src = tu.variants.find((v) => sameLanguage(v.lang, sourceLang!));
    const tgt = tu.variants.find((v) => sameLanguage(v.lang, targetLang!));
    // Codes matter only in the two variants an import takes; a third language's are never read.
    const codes = src && tgt ? [...(src.codes ?? []), ...(tgt.codes ?? [])] : [];
    if (codes.length > 0) {
      if (!options.stripCodes) {
        coded.push({ tu, codes });
        continue;
      }
    }
    if (!src || !tgt || src.text.trim() === '' || tgt.text.trim() === '') {
      skipped++;
      continue;
    }
    const p = tu.props;
    const document = p['x-document'] ?? options.document;
    // Another tool's TMX repeats a pair for each place it occurred: one record is enough. kioku's own
    // TMX has one <tu> per record (a repeated sentence has one per segment, with its own context), so
    // there only a repeated record is a duplicate.
    const pairKey = p['x-segment'] !== undefined ? `${document}\u0000${p['x-segment']}\u0000${src.text}\u0000${tgt.text}` : `${src.text}\u0000${tgt.text}`;
    if (pairs.has(pairKey)) {
      duplicates++;
      continue;
    }
    pairs.add(pairKey);
    let segment = p['x-segment'];
    if (segment === undefined) {
      // Another tool's TMX: one record per distinct source, repeats numbered like segment ids.
      const base = baseId(src.text);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      segment = n === 1 ? base : `${base}.${n}`;
    }
    const stateProp = p['x-state'];
    const state: UnitState = stateProp !== undefined && (APPROVED_STATES as readonly string[]).includes(stateProp) ? (stateProp as UnitState) : 'translated';
    const created = tu.created ?? tgt.created ?? src.created ?? options.now;
    const changed = tu.changed ?? tgt.changed ?? tu.created ?? tgt.created ?? options.now;
    const author = tgt.author ?? tu.author;
    if (codes.length > 0) codesStripped++;
    const sl = canonicalLang(sourceLang);
    const tl = canonicalLang(targetLang);
    units.push({
      id: unitId(sl, tl, document, segment, src.text),
      sourceLang: sl,
      targetLang: tl,
      source: src.text,
      target: tgt.text,
      state,
      provenance: {
        document,
        segment,
        ...(p['x-prev'] !== undefined ? { prev: p['x-prev'] } : {}),
        ...(p['x-next'] !== undefined ? { next: p['x-next'] } : {}),
        created,
        changed,
        ...(author !== undefined ? { author } : {}),
      },
    });
  }
  if (coded.length > 0) return err(codesRefusal(coded, file));
  return ok({ units, sourceLang: canonicalLang(sourceLang), targetLang: canonicalLang(targetLang), skipped, duplicates, codesStripped });
}

// --- Writing -----------------------------------------------------------------------------------------

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

export interface WriteTmxOptions {
  readonly creationtool?: string;
  readonly creationtoolversion?: string;
  /** ISO time for the header. */
  readonly now?: string;
}

/**
 * TMX 1.4b of memory units: valid against the TMX 1.4 DTD, one `<tu tuid=id>` per unit in id order,
 * kioku's provenance in `<prop type="x-…">` so a kioku → TMX → kioku round trip is exact. srclang is
 * the source language when all units share one, `*all*` otherwise.
 */
export function writeTmx(units: readonly TranslationUnit[], options: WriteTmxOptions = {}): Result<string> {
  const sources = new Set(units.map((u) => u.sourceLang));
  const srclang = sources.size === 1 ? [...sources][0]! : '*all*';
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<!DOCTYPE tmx SYSTEM "tmx14.dtd">');
  out.push('<tmx version="1.4">');
  const date = options.now ? isoToTmxDate(options.now) : undefined;
  out.push(
    `  <header creationtool="${escapeAttr(options.creationtool ?? 'kioku')}" creationtoolversion="${escapeAttr(options.creationtoolversion ?? '0')}" datatype="plaintext" segtype="sentence" adminlang="en" srclang="${escapeAttr(srclang)}" o-tmf="kioku"${date ? ` creationdate="${date}"` : ''}/>`,
  );
  out.push('  <body>');
  for (const u of units) {
    for (const [field, value] of [
      ['source', u.source],
      ['target', u.target],
      ['document', u.provenance.document],
    ] as const) {
      if (FORBIDDEN.test(value)) {
        return err({
          code: 'content',
          message: `the ${field} holds a character XML 1.0 cannot carry`,
          unit: u.id,
          hint: 'remove control characters from the memory record',
        });
      }
    }
    const p = u.provenance;
    const created = isoToTmxDate(p.created);
    const changed = isoToTmxDate(p.changed);
    const attrs = [`tuid="${u.id}"`];
    if (created) attrs.push(`creationdate="${created}"`);
    if (changed) attrs.push(`changedate="${changed}"`);
    if (p.author !== undefined) attrs.push(`creationid="${escapeAttr(p.author)}"`, `changeid="${escapeAttr(p.author)}"`);
    out.push(`    <tu ${attrs.join(' ')}>`);
    out.push(`      <prop type="x-document">${escapeText(p.document)}</prop>`);
    out.push(`      <prop type="x-segment">${escapeText(p.segment)}</prop>`);
    if (p.prev !== undefined) out.push(`      <prop type="x-prev">${escapeText(p.prev)}</prop>`);
    if (p.next !== undefined) out.push(`      <prop type="x-next">${escapeText(p.next)}</prop>`);
    out.push(`      <prop type="x-state">${u.state}</prop>`);
    out.push(`      <tuv xml:lang="${escapeAttr(u.sourceLang)}"><seg>${escapeText(u.source)}</seg></tuv>`);
    out.push(`      <tuv xml:lang="${escapeAttr(u.targetLang)}"><seg>${escapeText(u.target)}</seg></tuv>`);
    out.push('    </tu>');
  }
  out.push('  </body>');
  out.push('</tmx>');
  return ok(out.join('\n') + '\n');
}
