import type {
  BetweenSegments,
  BilingualDocument,
  BilingualGroup,
  BilingualUnit,
  KiokuError,
  Lang,
  Result,
  UnitCandidate,
  UnitPart,
  UnitState,
  XliffVersion,
} from '../model.js';
import { err, ok } from '../model.js';
import { attr, localName, parseXml, textContent, type XmlElement, type XmlLimits } from '../xml/parse.js';
import { checkBalance, joinInline, publicTags, readInline, type InlineContent } from './inline.js';
import { describeCodePoint } from '../xml/chars.js';
import { clip } from '../text/clip.js';
import { leastState, PREVIOUS_VERSION_SUBTYPE } from './state.js';
import { declaredPrefixes, producerState, type PrefixScope, type ProducerState } from './producer-state.js';
import { parseLanguageTag, primaryLanguage, sameLanguage, tagProblemMessage } from '../text/lang.js';

export interface ReadXliffOptions {
  /** File name for error messages. */
  readonly file?: string;
  /** Refuse any other version (e.g. a 1.2 file where a 2.0 export is being imported). */
  readonly version?: XliffVersion;
  /** Refuse a file whose languages differ (sameLanguage in src/text/lang.ts: `en` fits `en-US` and `en-GB`). */
  readonly sourceLang?: Lang;
  readonly targetLang?: Lang;
  readonly limits?: Partial<XmlLimits>;
  /** The encoding the text was decoded with, for the gate's declaration check. */
  readonly decodedAs?: string;
  /**
   * The units will be stored in the memory (`kioku import`): refuse a unit source or target holding a
   * character XML 1.0 cannot carry (only a 2.0 `<cp hex="1B"/>` can put one there), naming the `<cp>`
   * and the unit. The memory's XLIFF 1.2 and TMX exports could not write such a record, so it must
   * never get in. Without it (check, library readers) the character is read into the text.
   */
  readonly forMemory?: boolean;
}

/**
 * Reads XLIFF 1.2 (and the 1.0/1.1 namespaces translate-toolkit writes) or 2.0/2.1 into a
 * BilingualDocument. Untrusted input: the strict gate (src/xml/parse.ts) first, then kioku's own
 * reader on the tree, because the `xliff` package swallows truncation, changes whitespace-only and
 * trailing-newline targets, drops `__proto__` ids and states, and keeps only the last 2.0 segment.
 *
 * - One `<file>` per document (a file of several is refused: `readXliffDocuments` reads every
 *   `<file>`, and splits units of several segments; see there). Units keep document order; each run of
 *   units sharing the nearest enclosing `<group>` becomes a BilingualGroup with that id ('' for units
 *   outside any group).
 * - Units with `translate="no"` and translate-toolkit's PO header unit (`restype="x-gettext-domain-header"`)
 *   are skipped: they are not translatable content. The `translate="no"` units are counted
 *   (`notTranslatable`), so an import can say what it left out; the header is metadata, not a unit.
 * - 2.0 units with several `<segment>`s (and `<ignorable>`s) are joined in order: source and target
 *   are the concatenation (an ignorable without target contributes its source), the state is the
 *   least advanced segment's; the target is absent only if no segment has one.
 * - Text inside `<mrk>` is content; inline codes are kept as `sourceTags`/`targetTags` (see inline.ts)
 *   and must be balanced (1.2 `<bx/>`/`<ex/>` excepted: their other half may be in another unit).
 *   States are mapped as described in state.ts, vendor statuses (Trados, memoQ, Memsource, Across),
 *   `locked` and `producerState` as in producer-state.ts. `BilingualUnit.line` is the line of the
 *   `<trans-unit>`/`<unit>` start tag.
 * - Language attributes (1.2 `source-language`, `target-language`, `<target xml:lang>`; 2.0 `srcLang`,
 *   `trgLang`, `<target xml:lang>`) must be language tags; the document holds their canonical form
 *   (`ja_JP` → `ja-JP`, see src/text/lang.ts). Anything else is refused, naming the attribute.
 * - Errors name file:line(:column) and the unit id: duplicate ids, a unit without id or source, a
 *   version or language other than expected, a 1.2 element in a 2.0 file or the reverse.
 * The `original` attribute is returned as data; kioku never uses it as a path.
 */
export function readXliff(text: string, options: ReadXliffOptions = {}): Result<BilingualDocument> {
  return run(text, options, (root) => new Reader(options, false).document(root));
}

/**
 * Reads every `<file>` of an XLIFF file, in order, into one BilingualDocument each: what `kioku import`
 * and `kioku check` read. As `readXliff`, with these differences:
 *
 * - Several `<file>`s are several documents (Xcode's `.xcloc`, OpenXLIFF's one `<file>` per bundle,
 *   Matecat's extra files). Unit ids must be unique within a `<file>` (XLIFF 1.2 and 2.0 scope them
 *   so), not across files. A `<file>` with an empty `<body/>` (Matecat's internal-file-only files) is
 *   a document without units. XLIFF 1.2 declares the languages per `<file>`; all files must declare
 *   the same pair (canonical tags equal), or the read stops naming the first `<file>` that differs.
 * - A 2.0 `<file>` without `original` is named by its `id` (`originalFromId`), so two such files are
 *   two documents rather than two documents called ''.
 * - A unit of several CAT segments becomes one BilingualUnit per segment, id `${unit}#${segment}`, with
 *   `part` saying which (see `UnitPart`): 1.2 units whose `<seg-source>` has several
 *   `<mrk mtype="seg">` (the target's segment `<mrk>`s matched by `mid`), 2.0 units with several
 *   `<segment>`s. A unit of one segment keeps its plain id and is read exactly as by `readXliff`.
 *   Inline codes are checked for balance over the whole unit (a 2.0 `<sc>` in one segment may close in
 *   the next), then each segment keeps the codes inside it. Notes belong to the unit and are given to
 *   each of its segments; a candidate that names a segment (1.2 `<alt-trans mid>`, 2.0
 *   `<mtc:match ref="#id">`) goes to that segment, others to every segment.
 */
export function readXliffDocuments(text: string, options: ReadXliffOptions = {}): Result<readonly BilingualDocument[]> {
  return run(text, options, (root) => new Reader(options, true).documents(root));
}

function run<T>(text: string, options: ReadXliffOptions, read: (root: XmlElement) => T): Result<T> {
  const tree = parseXml(text, {
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.decodedAs ? { decodedAs: options.decodedAs } : {}),
  });
  if (!tree.ok) return tree;
  try {
    return ok(read(tree.value));
  } catch (e) {
    if (e instanceof ReadFailure) return err(e.error);
    throw e;
  }
}

class ReadFailure extends Error {
  constructor(readonly error: KiokuError) {
    super(error.message);
  }
}

const NS_1 = ['urn:oasis:names:tc:xliff:document:1.2', 'urn:oasis:names:tc:xliff:document:1.1', 'urn:oasis:names:tc:xliff:document:1.0'];
const NS_2 = 'urn:oasis:names:tc:xliff:document:2.0';
const NS_MTC = 'urn:oasis:names:tc:xliff:matches:2.0';
const ELEMENTS_1 = new Set(['trans-unit', 'body', 'bin-unit', 'header', 'seg-source', 'alt-trans']);
const ELEMENTS_2 = new Set(['unit', 'segment', 'ignorable', 'notes', 'originalData']);

class Reader {
  private version: XliffVersion = '2.0';
  private core: ReadonlySet<string> = new Set();
  private readonly seen = new Map<string, number>();
  private notTranslatable = 0;
  /** Namespace prefixes of the root and `<file>`, for vendor attributes. */
  private scope: PrefixScope = new Map();

  /**
   * @param split the `readXliffDocuments` reading: units of several segments are read segment by
   * segment, a 2.0 `<file>` without `original` is named by its id. `readXliff` keeps its reading.
   */
  constructor(
    private readonly options: ReadXliffOptions,
    private readonly split: boolean,
  ) {}

  private fail(message: string, at?: XmlElement, unit?: string, hint?: string): never {
    throw new ReadFailure({
      code: 'xliff',
      message,
      ...(this.options.file !== undefined ? { file: this.options.file } : {}),
      ...(at ? { line: at.line, column: at.column } : {}),
      // An id is an attribute (up to 64 KiB): the message names it, cut short.
      ...(unit !== undefined ? { unit: clip(unit) } : {}),
      ...(hint ? { hint } : {}),
    });
  }

  /** Child elements in the XLIFF core namespace of this document. */
  private kids(el: XmlElement, name?: string): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of el.children) {
      if (typeof c === 'string' || !this.core.has(c.uri)) continue;
      if (name === undefined || localName(c.name) === name) out.push(c);
    }
    return out;
  }

  private one(el: XmlElement, name: string, unit: string): XmlElement | undefined {
    const found = this.kids(el, name);
    if (found.length > 1) this.fail(`more than one <${name}> in one ${localName(el.name)}`, found[1], unit);
    return found[0];
  }

  /** The `<file>` elements of a checked root. */
  private files(root: XmlElement): XmlElement[] {
    if (localName(root.name) !== 'xliff') {
      this.fail(`not an XLIFF file: the root element is <${clip(root.name)}>`, root, undefined, 'kioku reads XLIFF 1.2 and 2.0');
    }
    this.detectVersion(root);
    const expected = this.options.version;
    if (expected !== undefined && expected !== this.version) {
      this.fail(
        `this is an XLIFF ${this.version} file, but XLIFF ${expected} is expected here`,
        root,
        undefined,
        `export again with --xliff ${expected}, or pass the matching file`,
      );
    }
    this.checkElements(root);
    const files = this.kids(root, 'file');
    if (files.length === 0) this.fail('the XLIFF file has no <file> element', root);
    return files;
  }

  document(root: XmlElement): BilingualDocument {
    const files = this.files(root);
    if (files.length > 1)
      this.fail(
        `the XLIFF file has ${files.length} <file> elements; readXliff reads one document`,
        files[1],
        undefined,
        'kioku import and kioku check read every <file>; split it to read one document here',
      );
    return this.file(root, files[0]!);
  }

  documents(root: XmlElement): BilingualDocument[] {
    const files = this.files(root);
    const docs: BilingualDocument[] = [];
    for (const file of files) {
      const doc = this.file(root, file);
      const first = docs[0];
      if (first && (first.sourceLang !== doc.sourceLang || first.targetLang !== doc.targetLang)) {
        this.fail(
          `this <file> translates ${doc.sourceLang} → ${doc.targetLang}, but the first <file> (line ${files[0]!.line}) translates ${first.sourceLang} → ${first.targetLang}`,
          file,
          undefined,
          'kioku reads one language pair per XLIFF file; split the file by language pair',
        );
      }
      docs.push(doc);
    }
    return docs;
  }

  /** One `<file>` as a document; unit ids and the translate="no" count start afresh. */
  private file(root: XmlElement, file: XmlElement): BilingualDocument {
    this.seen.clear();
    this.notTranslatable = 0;
    this.scope = declaredPrefixes(root, file);
    const doc = this.version === '1.2' ? this.read1(file) : this.read2(root, file);
    return this.notTranslatable > 0 ? { ...doc, notTranslatable: this.notTranslatable } : doc;
  }

  private detectVersion(root: XmlElement): void {
    const ns = root.uri;
    const declared = attr(root, 'version');
    if (NS_1.includes(ns)) {
      if (declared !== undefined && !declared.startsWith('1.')) {
        this.fail(`the root says version="${clip(declared)}" in the XLIFF 1.x namespace`, root, undefined, 'the file mixes XLIFF versions');
      }
      this.version = '1.2';
      // translate-toolkit (pofilter) writes a 1.1 root around 1.2-namespaced units: accept any 1.x.
      this.core = new Set(NS_1);
    } else if (ns === NS_2) {
      if (declared !== '2.0' && declared !== '2.1') {
        this.fail(`the root says version="${clip(declared ?? '')}" in the XLIFF 2.0 namespace`, root, undefined, 'kioku reads XLIFF 2.0 and 2.1');
      }
      this.version = '2.0';
      this.core = new Set([NS_2]);
    } else if (ns === '') {
      if (declared?.startsWith('1.')) this.version = '1.2';
      else if (declared === '2.0' || declared === '2.1') this.version = '2.0';
      else this.fail('the <xliff> root has neither an XLIFF namespace nor a version', root);
      this.core = new Set(['']);
    } else {
      this.fail(`unsupported XLIFF namespace ${clip(ns)}`, root, undefined, 'kioku reads XLIFF 1.2 and 2.0');
    }
  }

  /** A 2.0 element in a 1.2 file (or the reverse) means a mixed-up file; say so early. */
  private checkElements(root: XmlElement): void {
    const foreign = this.version === '1.2' ? ELEMENTS_2 : ELEMENTS_1;
    const walk = (el: XmlElement, depth: number) => {
      for (const c of el.children) {
        if (typeof c === 'string' || !this.core.has(c.uri)) continue;
        const name = localName(c.name);
        if (foreign.has(name)) {
          const other = this.version === '1.2' ? '2.0' : '1.2';
          this.fail(
            `an XLIFF ${other} <${name}> element in an XLIFF ${this.version} file`,
            c,
            attr(c, 'id'),
            `the file mixes XLIFF versions; XLIFF ${this.version} would use ${this.version === '1.2' ? '<trans-unit>' : '<unit>/<segment>'}`,
          );
        }
        if (depth < 3) walk(c, depth + 1);
      }
    };
    walk(root, 0);
  }

  /**
   * A language attribute as its canonical tag. Tags become folder names of the memory
   * (`<src>_<tgt>/`), so a value that is not a language tag stops the read here, naming the attribute.
   */
  private tag(name: string, value: string, at: XmlElement, unit?: string): Lang {
    const parsed = parseLanguageTag(value);
    if (!parsed.ok) this.fail(tagProblemMessage(name, value, parsed.error), at, unit, 'fix the attribute in the file');
    return parsed.value.tag;
  }

  /** `given` (a caller's expected language) as a tag; the CLI has already checked its flags. */
  private expected(name: 'sourceLang' | 'targetLang', at: XmlElement): Lang | undefined {
    const given = this.options[name];
    if (given === undefined) return undefined;
    const parsed = parseLanguageTag(given);
    if (!parsed.ok) this.fail(tagProblemMessage(`the expected ${name}`, given, parsed.error), at, undefined, 'give a language tag');
    return parsed.value.tag;
  }

  private languages(
    srcAt: XmlElement,
    source: string | undefined,
    target: { value: string; name: string; at: XmlElement } | undefined,
    sourceName: string,
    targetName: string,
  ): { sourceLang: Lang; targetLang: Lang } {
    if (source === undefined) this.fail(`no ${sourceName} attribute`, srcAt);
    const sourceLang = this.tag(sourceName, source, srcAt);
    const expectedSource = this.expected('sourceLang', srcAt);
    const expectedTarget = this.expected('targetLang', srcAt);
    const targetLang = target !== undefined ? this.tag(target.name, target.value, target.at) : expectedTarget;
    if (targetLang === undefined) {
      this.fail(
        `no ${targetName} attribute`,
        srcAt,
        undefined,
        `name the target language with --target-lang (e.g. --target-lang ${primaryLanguage(sourceLang) === 'en' ? 'ja' : 'en'}), or add ${targetName} to the file`,
      );
    }
    if (expectedSource !== undefined && !sameLanguage(sourceLang, expectedSource)) {
      this.fail(`the source language is ${sourceLang}, but ${expectedSource} is expected`, srcAt);
    }
    if (expectedTarget !== undefined && !sameLanguage(targetLang, expectedTarget)) {
      this.fail(`the target language is ${targetLang}, but ${expectedTarget} is expected`, srcAt);
    }
    return { sourceLang, targetLang };
  }

  private checkTargetLang(target: XmlElement, lang: Lang, unit: string): void {
    const declared = attr(target, 'xml:lang');
    if (declared === undefined) return;
    const tag = this.tag('xml:lang', declared, target, unit);
    if (!sameLanguage(tag, lang)) {
      this.fail(`the target says xml:lang="${tag}" in a file translating into ${lang}`, target, unit);
    }
  }

  private unitId(el: XmlElement): string {
    const id = attr(el, 'id');
    if (id === undefined || id === '') this.fail(`a <${localName(el.name)}> without an id`, el, undefined, 'every unit needs the id it was exported with');
    const before = this.seen.get(id);
    if (before !== undefined) this.fail(`the unit id appears twice (lines ${before} and ${el.line})`, el, id, 'unit ids must be unique in a file');
    this.seen.set(id, el.line);
    return id;
  }

  private content(el: XmlElement, unit: string): InlineContent {
    const r = readInline(el, this.version);
    if (!r.ok) this.failAt(r.error, unit);
    return r.value;
  }

  /** The content of a unit's own source or target: what an import stores. */
  private unitContent(el: XmlElement, unit: string, what: 'source' | 'target'): InlineContent {
    const c = this.content(el, unit);
    const bad = this.options.forMemory ? c.xmlForbidden?.[0] : undefined;
    if (bad) {
      this.failAt(
        {
          message: `the ${what} holds ${describeCodePoint(bad.codePoint)} as <cp hex="${clip(bad.hex, 20)}"/>, which XLIFF 1.2 and TMX cannot carry`,
          line: bad.line,
          column: bad.column,
        },
        unit,
        'remove it (or replace it with a character XML can carry); kioku stores only what it can write back',
      );
    }
    return c;
  }

  private failAt(p: { message: string; line: number; column: number }, unit: string, hint?: string): never {
    throw new ReadFailure({
      code: 'xliff',
      message: p.message,
      ...(this.options.file !== undefined ? { file: this.options.file } : {}),
      line: p.line,
      column: p.column,
      unit: clip(unit),
      ...(hint ? { hint } : {}),
    });
  }

  private balanced(c: InlineContent, what: string, unit: string): void {
    const p = checkBalance(c.tags);
    if (!p) return;
    // Under tracked changes a tool may number the codes of its revisions apart (memoQ does): the
    // codes balance only once the changes are resolved.
    if (c.trackedChanges !== undefined) {
      this.failAt(
        { ...p, message: `${what}: ${p.message}; the ${what.replace(/^in the /, '')} holds unresolved ${c.trackedChanges} tracked changes` },
        unit,
        `accept or reject all tracked changes in ${c.trackedChanges} and export the file again`,
      );
    }
    this.failAt({ ...p, message: `${what}: ${p.message}` }, unit);
  }

  /** Units in document order with the id of their nearest group; groups become runs. */
  private collect(container: XmlElement, unitName: string, read: (el: XmlElement) => BilingualUnit | readonly BilingualUnit[] | undefined): BilingualGroup[] {
    const groups: Array<{ id: string; units: BilingualUnit[] }> = [];
    const visit = (el: XmlElement, groupId: string) => {
      for (const c of this.kids(el)) {
        const name = localName(c.name);
        if (name === 'group') visit(c, attr(c, 'id') ?? '');
        else if (name === unitName) {
          const read1 = read(c);
          if (!read1) continue;
          const units = Array.isArray(read1) ? read1 : [read1 as BilingualUnit];
          const last = groups[groups.length - 1];
          if (last && last.id === groupId) last.units.push(...units);
          else groups.push({ id: groupId, units: [...units] });
        }
      }
    };
    visit(container, '');
    return groups;
  }

  // --- XLIFF 1.2 ------------------------------------------------------------------------------------

  private read1(file: XmlElement): BilingualDocument {
    // Without target-language, the first <target xml:lang> says it (and is named if it is no tag).
    const declaredTarget = attr(file, 'target-language');
    const target =
      declaredTarget !== undefined
        ? { value: declaredTarget, name: 'target-language', at: file }
        : (() => {
            for (const u of this.descendants(file, 'trans-unit')) {
              const t = this.kids(u, 'target')[0];
              const lang = t && attr(t, 'xml:lang');
              if (lang) return { value: lang, name: 'xml:lang', at: t };
            }
            // translate-toolkit's po2xliff writes no target-language; the PO header it keeps as a unit
            // (restype="x-gettext-domain-header") names it: `Language: ja`. Only a 2.0-free 1.x file has it.
            for (const u of this.descendants(file, 'trans-unit')) {
              if (attr(u, 'restype') !== 'x-gettext-domain-header') continue;
              const header = this.kids(u, 'source')[0];
              const m = header && /^Language:[ \t]*([^\s\\]+)[ \t]*$/m.exec(textContent(header));
              if (m) return { value: m[1]!, name: 'Language', at: header };
            }
            return undefined;
          })();
    const langs = this.languages(file, attr(file, 'source-language'), target, 'source-language', 'target-language');
    const body = this.kids(file, 'body')[0];
    if (!body) this.fail('the <file> has no <body>', file);
    const groups = this.collect(body, 'trans-unit', (el) => this.segments1(el, langs.targetLang) ?? this.unit1(el, langs.targetLang));
    return { version: '1.2', ...langs, original: attr(file, 'original') ?? '', groups };
  }

  private *descendants(el: XmlElement, name: string): Generator<XmlElement> {
    for (const c of this.kids(el)) {
      if (localName(c.name) === name) yield c;
      else yield* this.descendants(c, name);
    }
  }

  private unit1(el: XmlElement, targetLang: Lang): BilingualUnit | undefined {
    if (attr(el, 'restype') === 'x-gettext-domain-header') return undefined;
    if (attr(el, 'translate') === 'no') {
      this.notTranslatable++;
      return undefined;
    }
    const id = this.unitId(el);
    const sourceEl = this.one(el, 'source', id);
    if (!sourceEl) this.fail('the unit has no <source>', el, id);
    const source = this.unitContent(sourceEl, id, 'source');
    this.balanced(source, 'in the source', id);
    const targetEl = this.one(el, 'target', id);
    let target: InlineContent | undefined;
    if (targetEl) {
      this.checkTargetLang(targetEl, targetLang, id);
      target = this.unitContent(targetEl, id, 'target');
      this.balanced(target, 'in the target', id);
    }
    const state = this.state12(el, targetEl, source, target);
    const candidates = this.altTrans1(this.kids(el, 'alt-trans'), id, source.text);
    return unit(id, source, target, state, this.kids(el, 'note').map(textContent), candidates, el.line);
  }

  /**
   * A 1.2 unit read segment by segment (`readXliffDocuments`), or undefined to read it whole (unit1):
   * when its `<seg-source>` holds fewer than two `<mrk mtype="seg">`, and when it has a `<target>`
   * without segment `<mrk>`s. Such a target (a tool that segmented the source but wrote the translation
   * as one text) cannot be cut into the segments' translations without guessing an alignment, so the
   * unit is read as before: source from `<source>`, target whole. A unit without `<target>` is split:
   * its segments simply have no target. The decision is made before anything is recorded (the id),
   * so the fallback reads the unit from scratch.
   *
   * Segments pair by `mid` (1-based position when a `<mrk>` has none); a target segment whose mid is
   * not in `<seg-source>` is refused, a source segment missing from the target has no target. `<source>`
   * is still read and checked as unit1 does, but the segments' text comes from `<seg-source>`.
   */
  private segments1(el: XmlElement, targetLang: Lang): BilingualUnit[] | undefined {
    if (!this.split || attr(el, 'restype') === 'x-gettext-domain-header' || attr(el, 'translate') === 'no') return undefined;
    const segSourceEl = this.kids(el, 'seg-source')[0];
    if (!segSourceEl) return undefined;
    const sourceSegs = segmentMarkers(segSourceEl);
    if (sourceSegs.segments.length < 2) return undefined;
    const targetEl = this.kids(el, 'target')[0];
    const targetSegs = targetEl ? segmentMarkers(targetEl) : undefined;
    if (targetSegs && targetSegs.segments.length === 0) return undefined;

    const id = this.unitId(el);
    // What unit1 refuses is refused here too: no or two <source>, two <seg-source>s or <target>s, codes out of balance.
    const sourceEl = this.one(el, 'source', id);
    if (!sourceEl) this.fail('the unit has no <source>', el, id);
    this.balanced(this.unitContent(sourceEl, id, 'source'), 'in the source', id);
    this.one(el, 'seg-source', id);
    this.one(el, 'target', id);
    // Balance over the whole content: a <bpt> may close in a later segment.
    this.balanced(this.unitContent(segSourceEl, id, 'source'), 'in the <seg-source>', id);
    if (targetEl) {
      this.checkTargetLang(targetEl, targetLang, id);
      this.balanced(this.unitContent(targetEl, id, 'target'), 'in the target', id);
    }
    const mids = this.segmentIds(
      sourceSegs.segments.map((s) => s.at),
      (s) => attr(s, 'mid'),
      id,
      'mid',
    );
    const targetMids = targetSegs
      ? this.segmentIds(
          targetSegs.segments.map((s) => s.at),
          (s) => attr(s, 'mid'),
          id,
          'mid',
        )
      : [];
    const targetByMid = new Map<string, { at: XmlElement; before: string }>();
    targetMids.forEach((mid, i) => {
      if (!mids.includes(mid)) {
        this.fail(`the target's segment <mrk mid="${clip(mid, 40)}"> has no segment in <seg-source>`, targetSegs!.segments[i]!.at, id);
      }
      targetByMid.set(mid, targetSegs!.segments[i]!);
    });
    const notes = this.kids(el, 'note').map(textContent);
    const alts = this.kids(el, 'alt-trans');
    const last = sourceSegs.segments.length - 1;
    return sourceSegs.segments.map((seg, i) => {
      const mid = mids[i]!;
      const source = this.unitContent(seg.at, id, 'source');
      const t = targetByMid.get(mid);
      const target = t ? this.unitContent(t.at, id, 'target') : undefined;
      const candidates = this.altTrans1(
        alts.filter((a) => attr(a, 'mid') === undefined || attr(a, 'mid') === mid),
        id,
        source.text,
      );
      const part = segmentPart(id, mid, between(seg.before, t?.before), i === last ? between(sourceSegs.after, targetSegs?.after) : undefined);
      return this.segmentUnit(part, unit(id, source, target, this.segmentState12(el, targetEl, mid, source, target), notes, candidates, seg.at.line), seg.at);
    });
  }

  /** A 1.2 unit's state through the producers' table (producer-state.ts), against the given texts. */
  private state12(unitEl: XmlElement, targetEl: XmlElement | undefined, source: InlineContent, target: InlineContent | undefined): ProducerState {
    return producerState({
      version: '1.2',
      unit: unitEl,
      ...(targetEl ? { target: targetEl } : {}),
      sourceText: source.text,
      ...(target ? { targetText: target.text } : {}),
      ...(target?.trackedChanges !== undefined ? { trackedChanges: target.trackedChanges } : {}),
      scope: this.scope,
      core: this.core,
    });
  }

  /**
   * The state of one segment of a 1.2 unit read segment by segment: the one place it is decided.
   * The producer's table (producer-state.ts) reads the unit's attributes against the segment's own
   * source and target; Trados keeps a status per segment (`<sdl:seg id=MID conf=…>`), which wins.
   */
  private segmentState12(
    unitEl: XmlElement,
    targetEl: XmlElement | undefined,
    mid: string,
    source: InlineContent,
    target: InlineContent | undefined,
  ): ProducerState {
    const found = this.state12(unitEl, targetEl, source, target);
    const own = found.segments?.get(mid);
    if (own) return own;
    const { segments: _perSegment, ...state } = found;
    return state;
  }

  /** 1.2 `<alt-trans>` candidates, read as unit1 reads them; `source` stands in for a missing alt source. */
  private altTrans1(alts: readonly XmlElement[], id: string, source: string): UnitCandidate[] {
    const candidates: UnitCandidate[] = [];
    for (const alt of alts) {
      const altTarget = this.kids(alt, 'target')[0];
      if (!altTarget) continue;
      const altSource = this.kids(alt, 'source')[0];
      const score = parseScore(attr(alt, 'match-quality'));
      const kind = attr(alt, 'alttranstype') === 'previous-version' ? 'previous-version' : score >= 101 ? 'in-context' : score === 100 ? 'exact' : 'fuzzy';
      candidates.push({
        kind,
        score,
        source: altSource ? this.content(altSource, id).text : source,
        target: this.content(altTarget, id).text,
        origin: attr(alt, 'origin') ?? '',
      });
    }
    return candidates;
  }

  /**
   * The segment ids of a unit's segments, in order: the attribute, or the 1-based position when it is
   * absent. Two segments of one unit with the same id are refused (they could not be told apart).
   */
  private segmentIds(els: readonly XmlElement[], idOf: (el: XmlElement) => string | undefined, unitId: string, what: string): string[] {
    const seen = new Map<string, number>();
    return els.map((el, i) => {
      const given = idOf(el);
      const segment = given === undefined || given === '' ? String(i + 1) : given;
      const before = seen.get(segment);
      if (before !== undefined) {
        this.fail(
          `two segments of the unit have ${what}="${clip(segment, 40)}" (lines ${before} and ${el.line})`,
          el,
          unitId,
          'segment ids must be unique in a unit',
        );
      }
      seen.set(segment, el.line);
      return segment;
    });
  }

  /** A segment's unit under its `${unit}#${segment}` id, which must not be another unit's id. */
  private segmentUnit(part: UnitPart, u: BilingualUnit, at: XmlElement): BilingualUnit {
    const id = `${part.unit}#${part.segment}`;
    const before = this.seen.get(id);
    if (before !== undefined) {
      this.fail(`segment ${clip(part.segment, 40)} of the unit would be named ${clip(id)}, the id of the unit at line ${before}`, at, part.unit);
    }
    this.seen.set(id, u.line);
    return { ...u, id, part };
  }

  // --- XLIFF 2.0 ------------------------------------------------------------------------------------

  private read2(root: XmlElement, file: XmlElement): BilingualDocument {
    const trgLang = attr(root, 'trgLang');
    const langs = this.languages(
      root,
      attr(root, 'srcLang'),
      trgLang !== undefined ? { value: trgLang, name: 'trgLang', at: root } : undefined,
      'srcLang',
      'trgLang',
    );
    const groups = this.collect(file, 'unit', (el) => this.segments2(el, langs.targetLang) ?? this.unit2(el, langs.targetLang));
    const original = attr(file, 'original');
    const id = attr(file, 'id');
    if (original === undefined && this.split && id !== undefined && id !== '') {
      return { version: '2.0', ...langs, original: id, originalFromId: true, groups };
    }
    return { version: '2.0', ...langs, original: original ?? '', groups };
  }

  /**
   * A 2.0 unit of several `<segment>`s read segment by segment (`readXliffDocuments`), or undefined to
   * read it as unit2 does (one segment, or `readXliff`). Refuses what unit2 refuses; codes must balance
   * over the whole unit (a `<sc>` may close in a later segment), each segment then keeps its own. The
   * content of `<ignorable>`s goes to `part.before`/`part.after` of the segments around it.
   */
  private segments2(el: XmlElement, targetLang: Lang): BilingualUnit[] | undefined {
    if (!this.split || attr(el, 'translate') === 'no') return undefined;
    const parts = this.kids(el).filter((c) => ['segment', 'ignorable'].includes(localName(c.name)));
    const segmentEls = parts.filter((p) => localName(p.name) === 'segment');
    if (segmentEls.length < 2) return undefined;
    const id = this.unitId(el);
    const segIds = this.segmentIds(segmentEls, (s) => attr(s, 'id'), id, 'id');
    type Read = { el: XmlElement; source: InlineContent; target: InlineContent | undefined; state: ProducerState; before: BetweenSegments | undefined };
    const segments: Read[] = [];
    const sources: InlineContent[] = [];
    const targets: InlineContent[] = [];
    let pending: { source: string; target?: string } | undefined;
    for (const part of parts) {
      const isSegment = localName(part.name) === 'segment';
      const sourceEl = this.one(part, 'source', id);
      if (!sourceEl) this.fail(`a <${localName(part.name)}> without <source>`, part, id);
      const source = this.unitContent(sourceEl, id, 'source');
      sources.push(source);
      const targetEl = this.one(part, 'target', id);
      if (targetEl) this.checkTargetLang(targetEl, targetLang, id);
      const target = targetEl ? this.unitContent(targetEl, id, 'target') : undefined;
      targets.push(target ?? (isSegment ? { text: '', tags: [] } : source));
      if (!isSegment) {
        pending = {
          source: (pending?.source ?? '') + source.text,
          ...(target || pending?.target !== undefined ? { target: (pending?.target ?? '') + (target?.text ?? '') } : {}),
        };
        continue;
      }
      const s = attr(part, 'state');
      if (s !== undefined && !['initial', 'translated', 'reviewed', 'final'].includes(s)) {
        this.fail(`unknown segment state "${clip(s)}"`, part, id, 'XLIFF 2.0 states are initial, translated, reviewed, final');
      }
      const state = producerState({
        version: '2.0',
        segment: part,
        ...(target && targetEl ? { target: targetEl } : {}),
        ...(target?.trackedChanges !== undefined ? { trackedChanges: target.trackedChanges } : {}),
      });
      segments.push({ el: part, source, target, state, before: pending });
      pending = undefined;
    }
    this.balanced(joinInline(sources), 'in the source', id);
    if (segments.some((seg) => seg.target)) this.balanced(joinInline(targets), 'in the target', id);
    const notes = this.kids(el, 'notes').flatMap((n) => this.kids(n, 'note').map(textContent));
    const matches = this.matches2(el, id);
    const last = segments.length - 1;
    return segments.map((seg, i) => {
      const segment = segIds[i]!;
      const candidates = matches
        .filter((m) => m.ref === undefined || !segIds.includes(m.ref) || m.ref === segment)
        .map((m) => withSource(m.candidate, seg.source.text));
      const after = i === last && pending ? between(pending.source, pending.target) : undefined;
      const part = segmentPart(id, segment, seg.before && between(seg.before.source, seg.before.target), after);
      return this.segmentUnit(part, unit(id, seg.source, seg.target, seg.state, notes, candidates, seg.el.line), seg.el);
    });
  }

  /**
   * A unit's `<mtc:match>`es, read as unit2 reads them, with the segment a match names
   * (`ref="#id"`); `source` is left out when the match has none (the caller fills in its segment's).
   */
  private matches2(el: XmlElement, id: string): Array<{ ref: string | undefined; candidate: Omit<UnitCandidate, 'source'> & { source?: string } }> {
    const out: Array<{ ref: string | undefined; candidate: Omit<UnitCandidate, 'source'> & { source?: string } }> = [];
    for (const matches of el.children) {
      if (typeof matches === 'string' || matches.uri !== NS_MTC || localName(matches.name) !== 'matches') continue;
      for (const m of matches.children) {
        if (typeof m === 'string' || m.uri !== NS_MTC || localName(m.name) !== 'match') continue;
        const mSource = this.kids(m, 'source')[0];
        const mTarget = this.kids(m, 'target')[0];
        if (!mTarget) continue;
        const similarity = parseScore(attr(m, 'similarity'));
        const type = attr(m, 'type');
        const kind =
          attr(m, 'subType') === PREVIOUS_VERSION_SUBTYPE ? 'previous-version' : type === 'icm' ? 'in-context' : similarity >= 100 ? 'exact' : 'fuzzy';
        const ref = attr(m, 'ref');
        out.push({
          ref: ref?.startsWith('#') ? ref.slice(1) : undefined,
          candidate: {
            kind,
            score: kind === 'in-context' ? 101 : similarity,
            ...(mSource ? { source: this.content(mSource, id).text } : {}),
            target: this.content(mTarget, id).text,
            origin: attr(m, 'origin') ?? '',
          },
        });
      }
    }
    return out;
  }

  private unit2(el: XmlElement, targetLang: Lang): BilingualUnit | undefined {
    if (attr(el, 'translate') === 'no') {
      this.notTranslatable++;
      return undefined;
    }
    const id = this.unitId(el);
    const sources: InlineContent[] = [];
    const targets: InlineContent[] = [];
    let anyTarget = false;
    let state: UnitState | undefined;
    let word: ProducerState | undefined;
    const parts = this.kids(el).filter((c) => ['segment', 'ignorable'].includes(localName(c.name)));
    if (!parts.some((p) => localName(p.name) === 'segment')) this.fail('the unit has no <segment>', el, id);
    for (const part of parts) {
      const isSegment = localName(part.name) === 'segment';
      const sourceEl = this.one(part, 'source', id);
      if (!sourceEl) this.fail(`a <${localName(part.name)}> without <source>`, part, id);
      const source = this.unitContent(sourceEl, id, 'source');
      sources.push(source);
      const targetEl = this.one(part, 'target', id);
      if (targetEl) this.checkTargetLang(targetEl, targetLang, id);
      const target = targetEl ? this.unitContent(targetEl, id, 'target') : undefined;
      if (isSegment) {
        const s = attr(part, 'state');
        if (s !== undefined && !['initial', 'translated', 'reviewed', 'final'].includes(s)) {
          this.fail(`unknown segment state "${clip(s)}"`, part, id, 'XLIFF 2.0 states are initial, translated, reviewed, final');
        }
        const seg = producerState({
          version: '2.0',
          segment: part,
          ...(target && targetEl ? { target: targetEl } : {}),
          ...(target?.trackedChanges !== undefined ? { trackedChanges: target.trackedChanges } : {}),
        });
        state = state === undefined ? seg.state : leastState(state, seg.state);
        if (seg.producerState !== undefined && (word === undefined || leastState(seg.state, word.state) !== word.state)) word = seg;
        if (target) anyTarget = true;
        targets.push(target ?? { text: '', tags: [] });
      } else {
        targets.push(target ?? source);
      }
    }
    const source = joinInline(sources);
    this.balanced(source, 'in the source', id);
    const target = anyTarget ? joinInline(targets) : undefined;
    if (target) this.balanced(target, 'in the target', id);
    const notes = this.kids(el, 'notes').flatMap((n) => this.kids(n, 'note').map(textContent));
    const candidates = this.matches2(el, id).map((m) => withSource(m.candidate, source.text));
    return unit(id, source, target, word ? { ...word, state: state ?? 'initial' } : { state: state ?? 'initial' }, notes, candidates, el.line);
  }
}

function unit(
  id: string,
  source: InlineContent,
  target: InlineContent | undefined,
  state: ProducerState,
  notes: string[],
  candidates: UnitCandidate[],
  line: number,
): BilingualUnit {
  return {
    id,
    source: source.text,
    ...(target ? { target: target.text } : {}),
    state: state.state,
    notes,
    candidates,
    line,
    ...(source.tags.length > 0 ? { sourceTags: publicTags(source.tags) } : {}),
    ...(target && target.tags.length > 0 ? { targetTags: publicTags(target.tags) } : {}),
    ...(state.locked ? { locked: true as const } : {}),
    ...(state.producerState !== undefined ? { producerState: state.producerState } : {}),
  };
}

/** A match as a candidate, `source` standing in for a match without a source of its own. */
function withSource(c: Omit<UnitCandidate, 'source'> & { source?: string }, source: string): UnitCandidate {
  return { kind: c.kind, score: c.score, source: c.source ?? source, target: c.target, origin: c.origin };
}

/** `87`, `87.5`, `87%` → number; anything else 0 (match-quality is free text in 1.2). */
function parseScore(value: string | undefined): number {
  const m = value === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  return m ? Number(m[1]) : 0;
}

/** The segment `<mrk mtype="seg">`s of a 1.2 `<seg-source>` or `<target>`, with the text outside them. */
interface SegmentMarkers {
  /** Each segment `<mrk>` with the text between the previous one (or the start) and it. */
  readonly segments: ReadonlyArray<{ readonly at: XmlElement; readonly before: string }>;
  /** The text after the last segment. */
  readonly after: string;
}

/**
 * Finds the segment markers of 1.2 content, at any depth (Okapi and Trados put `<g>`, `<bx/>`, `<x/>`
 * between and around them). Text outside the markers is collected, text inside `<g>` and other
 * `<mrk>`s too; the native code of `<ph>`/`<bpt>`/`<ept>`/`<it>` is not text (as in inline.ts).
 */
function segmentMarkers(el: XmlElement): SegmentMarkers {
  const segments: Array<{ at: XmlElement; before: string }> = [];
  let pending = '';
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') pending += c;
      else {
        const name = localName(c.name);
        if (name === 'mrk' && attr(c, 'mtype') === 'seg') {
          segments.push({ at: c, before: pending });
          pending = '';
        } else if (name === 'g' || name === 'mrk') walk(c);
      }
    }
  };
  walk(el);
  return { segments, after: pending };
}

function between(source: string, target: string | undefined): BetweenSegments | undefined {
  if (source === '' && (target === undefined || target === '')) return undefined;
  return { source, ...(target !== undefined && target !== '' ? { target } : {}) };
}

function segmentPart(unit: string, segment: string, before: BetweenSegments | undefined, after: BetweenSegments | undefined): UnitPart {
  return { unit, segment, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}
