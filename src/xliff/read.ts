import type { BilingualDocument, BilingualGroup, BilingualUnit, KiokuError, Lang, Result, UnitCandidate, UnitState, XliffVersion } from '../model.js';
import { err, ok } from '../model.js';
import { attr, localName, parseXml, textContent, type XmlElement, type XmlLimits } from '../xml/parse.js';
import { checkBalance, joinInline, publicTags, readInline, type InlineContent } from './inline.js';
import { describeCodePoint } from '../xml/chars.js';
import { clip } from '../text/clip.js';
import { leastState, PREVIOUS_VERSION_SUBTYPE } from './state.js';
import { declaredPrefixes, producerState, type PrefixScope, type ProducerState } from './producer-state.js';
import { parseLanguageTag, sameLanguage, tagProblemMessage } from '../text/lang.js';

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
 * - One `<file>` per document. Units keep document order; each run of units sharing the nearest
 *   enclosing `<group>` becomes a BilingualGroup with that id ('' for units outside any group).
 * - Units with `translate="no"` and translate-toolkit's PO header unit (`restype="x-gettext-domain-header"`)
 *   are skipped: they are not translatable content. The `translate="no"` units are counted
 *   (`notTranslatable`), so an import can say what it left out; the header is metadata, not a unit.
 * - 2.0 units with several `<segment>`s (and `<ignorable>`s) are joined in order: source and target
 *   are the concatenation (an ignorable without target contributes its source), the state is the
 *   least advanced segment's; the target is absent only if no segment has one.
 * - Text inside `<mrk>` is content; inline codes are kept as `sourceTags`/`targetTags` (see inline.ts)
 *   and must be balanced. States are mapped as described in state.ts, vendor statuses (Trados, memoQ,
 *   Memsource, Across), `locked` and `producerState` as in producer-state.ts. `BilingualUnit.line` is the
 *   line of the `<trans-unit>`/`<unit>` start tag.
 * - Language attributes (1.2 `source-language`, `target-language`, `<target xml:lang>`; 2.0 `srcLang`,
 *   `trgLang`, `<target xml:lang>`) must be language tags; the document holds their canonical form
 *   (`ja_JP` → `ja-JP`, see src/text/lang.ts). Anything else is refused, naming the attribute.
 * - Errors name file:line(:column) and the unit id: duplicate ids, a unit without id or source, a
 *   version or language other than expected, a 1.2 element in a 2.0 file or the reverse.
 * The `original` attribute is returned as data; kioku never uses it as a path.
 */
export function readXliff(text: string, options: ReadXliffOptions = {}): Result<BilingualDocument> {
  const tree = parseXml(text, {
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.decodedAs ? { decodedAs: options.decodedAs } : {}),
  });
  if (!tree.ok) return tree;
  try {
    return ok(new Reader(options).document(tree.value));
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

  constructor(private readonly options: ReadXliffOptions) {}

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

  document(root: XmlElement): BilingualDocument {
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
    if (files.length > 1)
      this.fail(
        `the XLIFF file has ${files.length} <file> elements; kioku reads one per document`,
        files[1],
        undefined,
        'split it into one XLIFF file per source document',
      );
    const file = files[0]!;
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
    if (targetLang === undefined) this.fail(`no ${targetName} attribute`, srcAt, undefined, 'add the target language to the file');
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
  private collect(container: XmlElement, unitName: string, read: (el: XmlElement) => BilingualUnit | undefined): BilingualGroup[] {
    const groups: Array<{ id: string; units: BilingualUnit[] }> = [];
    const visit = (el: XmlElement, groupId: string) => {
      for (const c of this.kids(el)) {
        const name = localName(c.name);
        if (name === 'group') visit(c, attr(c, 'id') ?? '');
        else if (name === unitName) {
          const unit = read(c);
          if (!unit) continue;
          const last = groups[groups.length - 1];
          if (last && last.id === groupId) last.units.push(unit);
          else groups.push({ id: groupId, units: [unit] });
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
            return undefined;
          })();
    const langs = this.languages(file, attr(file, 'source-language'), target, 'source-language', 'target-language');
    const body = this.kids(file, 'body')[0];
    if (!body) this.fail('the <file> has no <body>', file);
    const groups = this.collect(body, 'trans-unit', (el) => this.unit1(el, langs.targetLang));
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
    const state = producerState({
      version: '1.2',
      unit: el,
      ...(targetEl ? { target: targetEl } : {}),
      sourceText: source.text,
      ...(target ? { targetText: target.text } : {}),
      ...(target?.trackedChanges !== undefined ? { trackedChanges: target.trackedChanges } : {}),
      scope: this.scope,
      core: this.core,
    });
    const candidates: UnitCandidate[] = [];
    for (const alt of this.kids(el, 'alt-trans')) {
      const altTarget = this.kids(alt, 'target')[0];
      if (!altTarget) continue;
      const altSource = this.kids(alt, 'source')[0];
      const score = parseScore(attr(alt, 'match-quality'));
      const kind = attr(alt, 'alttranstype') === 'previous-version' ? 'previous-version' : score >= 101 ? 'in-context' : score === 100 ? 'exact' : 'fuzzy';
      candidates.push({
        kind,
        score,
        source: altSource ? this.content(altSource, id).text : source.text,
        target: this.content(altTarget, id).text,
        origin: attr(alt, 'origin') ?? '',
      });
    }
    return unit(id, source, target, state, this.kids(el, 'note').map(textContent), candidates, el.line);
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
    const groups = this.collect(file, 'unit', (el) => this.unit2(el, langs.targetLang));
    return { version: '2.0', ...langs, original: attr(file, 'original') ?? '', groups };
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
    const candidates: UnitCandidate[] = [];
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
        candidates.push({
          kind,
          score: kind === 'in-context' ? 101 : similarity,
          source: mSource ? this.content(mSource, id).text : source.text,
          target: this.content(mTarget, id).text,
          origin: attr(m, 'origin') ?? '',
        });
      }
    }
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

/** `87`, `87.5`, `87%` → number; anything else 0 (match-quality is free text in 1.2). */
function parseScore(value: string | undefined): number {
  const m = value === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  return m ? Number(m[1]) : 0;
}
