import type { BilingualDocument, BilingualUnit, KiokuError, Result, UnitCandidate, UnitState, XliffVersion } from '../model.js';
import { err, ok } from '../model.js';
import { findIllegalXmlChar, isNmtoken } from '../xml/chars.js';
import { parseXml, type XmlElement } from '../xml/parse.js';
import { escapeAttribute, node, serializeXml, setAttribute, type XmlNode } from '../xml/serialize.js';
import { packageWrite, type XliffJs, type XliffUnitJs } from './package.js';
import { PREVIOUS_VERSION_SUBTYPE, stateTo12, stateTo20 } from './state.js';

export interface WriteXliffOptions {
  readonly version: XliffVersion;
  /**
   * Give units without a target a copy of the source as target (1.2 `state="needs-translation"`, 2.0
   * `state="initial"`): OmegaT's XLIFF filter translates the target text and ignores units without one.
   */
  readonly copySource?: boolean;
  /** Write translated units whose target is an exact or in-context candidate as final. */
  readonly approveExact?: boolean;
}

/**
 * Writes a bilingual document as XLIFF 1.2 (strict schema) or 2.0 (core + matches module).
 *
 * How: the `xliff` package serialises the core of the document (root and namespaces, file, groups,
 * units, source, target, notes), with `indent: ''` and with the attribute values it writes raw
 * (`original`, languages) escaped beforehand. Its output is parsed back through kioku's own gate and
 * completed as a tree: what the package cannot write is added (1.2 target `state` and `approved`,
 * `<alt-trans>`; 2.0 `original`, segment `state`/`subState`, `<mtc:matches>`), units are put back in
 * document order (the package walks object keys, and JavaScript puts integer-like keys such as "10"
 * first), and source/target/note text is set from the document itself, because the package's text
 * escaping loses data (it un-escapes `&amp;` before escaping, and writes CR raw where a parser reads
 * LF). src/xml/serialize.ts then writes the tree deterministically: XML declaration, one structural
 * element per line, text exactly as given, trailing newline.
 *
 * All text is NFC. A character XML 1.0 cannot carry is refused with the unit id; ids must be unique
 * (and NMTOKENs in 2.0). Same document and options, same bytes.
 */
export function writeXliff(doc: BilingualDocument, options: WriteXliffOptions): Result<string> {
  const prepared = prepare(doc, options.version);
  if (!prepared.ok) return prepared;
  const d = prepared.value;
  const plans = new Map<string, UnitPlan>();
  for (const g of d.groups) for (const u of g.units) plans.set(u.id, planUnit(u, options));

  const skeleton = packageWrite(options.version, packageInput(d, plans, options.version));
  if (!skeleton.ok) return skeleton;
  // Our own output, not untrusted input: only the shape is checked, not the size.
  const tree = parseXml(skeleton.value, { file: 'output of the xliff package', limits: UNLIMITED });
  if (!tree.ok) return err({ ...tree.error, code: 'xliff', message: `the xliff package wrote malformed XML: ${tree.error.message}` });
  const index = indexTree(tree.value);
  const root = options.version === '1.2' ? finish12(index, d, plans) : finish20(index, d, plans);
  if (!root.ok) return root;
  return ok(serializeXml(root.value, { textElements: TEXT_ELEMENTS }));
}

const UNLIMITED = { maxElements: Infinity, maxTextLength: Infinity, maxAttributeLength: Infinity, maxAttributes: Infinity };
const TEXT_ELEMENTS: ReadonlySet<string> = new Set(['source', 'target', 'note']);

// --- Checking and normalising the document -----------------------------------------------------------

const LANG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

function contentError(message: string, unit?: string, hint?: string): KiokuError {
  return { code: 'content', message, ...(unit !== undefined ? { unit } : {}), ...(hint ? { hint } : {}) };
}

/** NFC text, or an error naming the unit and the character XML 1.0 cannot carry. */
function text(value: string, what: string, unit?: string): Result<string> {
  const bad = findIllegalXmlChar(value);
  if (bad) {
    return err(
      contentError(
        `the ${what} contains ${bad.label} at offset ${bad.index}, which XML 1.0 cannot carry`,
        unit,
        'remove the character from the source text or the translation',
      ),
    );
  }
  return ok(value.normalize('NFC'));
}

function checkId(id: string, what: string, version: XliffVersion): KiokuError | undefined {
  if (id === '') return contentError(`a ${what} without an id`);
  if (findIllegalXmlChar(id) || /[\t\n\r]/.test(id)) return contentError(`the ${what} id ${JSON.stringify(id)} contains a control character`, id);
  if (version === '2.0' && !isNmtoken(id)) {
    return contentError(
      `the ${what} id ${JSON.stringify(id)} is not an XML NMTOKEN, which XLIFF 2.0 requires`,
      id,
      'use letters, digits, ".", "-", "_" or ":"',
    );
  }
  return undefined;
}

function prepare(doc: BilingualDocument, version: XliffVersion): Result<BilingualDocument> {
  for (const [what, lang] of [
    ['source', doc.sourceLang],
    ['target', doc.targetLang],
  ] as const) {
    if (!LANG.test(lang))
      return err(contentError(`the ${what} language ${JSON.stringify(lang)} is not a language tag`, undefined, 'use a tag such as ja, en or en-US'));
  }
  if (version === '2.0' && !doc.groups.some((g) => g.units.length > 0)) {
    return err(contentError('an XLIFF 2.0 file needs at least one unit', undefined, 'export a document with some text'));
  }
  const original = text(doc.original, 'original file name');
  if (!original.ok) return original;
  const unitIds = new Set<string>();
  const groupIds = new Set<string>();
  const groups: Array<BilingualDocument['groups'][number]> = [];
  for (const g of doc.groups) {
    if (g.id !== '') {
      const bad = checkId(g.id, 'group', version);
      if (bad) return err(bad);
      if (groupIds.has(g.id)) return err(contentError(`two groups have the id ${JSON.stringify(g.id)}`));
      groupIds.add(g.id);
    }
    const units: BilingualUnit[] = [];
    for (const u of g.units) {
      const bad = checkId(u.id, 'unit', version);
      if (bad) return err(bad);
      if (unitIds.has(u.id)) return err(contentError('two units have the same id', u.id));
      unitIds.add(u.id);
      const source = text(u.source, 'source', u.id);
      if (!source.ok) return source;
      const target = u.target === undefined ? undefined : text(u.target, 'target', u.id);
      if (target && !target.ok) return target;
      const notes: string[] = [];
      for (const n of u.notes) {
        const t = text(n, 'note', u.id);
        if (!t.ok) return t;
        notes.push(t.value);
      }
      const candidates: UnitCandidate[] = [];
      for (const c of u.candidates) {
        const cs = text(c.source, 'source of a candidate', u.id);
        if (!cs.ok) return cs;
        const ct = text(c.target, 'target of a candidate', u.id);
        if (!ct.ok) return ct;
        const co = text(c.origin, 'origin of a candidate', u.id);
        if (!co.ok) return co;
        if (!Number.isFinite(c.score) || c.score < 0) return err(contentError(`a candidate has the score ${c.score}`, u.id));
        candidates.push({ ...c, source: cs.value, target: ct.value, origin: co.value });
      }
      units.push({ ...u, source: source.value, ...(target ? { target: target.value } : {}), notes, candidates });
    }
    groups.push({ id: g.id, units });
  }
  return ok({ ...doc, original: original.value, groups });
}

// --- What each unit becomes --------------------------------------------------------------------------

interface UnitPlan {
  /** The target text to write, or undefined for no target element. */
  readonly target?: string;
  readonly state: UnitState;
  /** xml:space="preserve" when whitespace in the texts must survive a normalising reader. */
  readonly preserve: boolean;
}

function planUnit(u: BilingualUnit, options: WriteXliffOptions): UnitPlan {
  let target = u.target;
  let state: UnitState = u.state;
  if (target === undefined) {
    // A state beyond initial needs a target to be about (1.2 keeps it on <target>, 2.0 requires one).
    state = 'initial';
    if (options.copySource) target = u.source;
  }
  if (options.approveExact && state === 'translated' && u.candidates.some((c) => (c.kind === 'exact' || c.kind === 'in-context') && c.target === target)) {
    state = 'final';
  }
  const texts = [u.source, ...(target !== undefined ? [target] : []), ...u.candidates.flatMap((c) => [c.source, c.target])];
  return { ...(target !== undefined ? { target } : {}), state, preserve: texts.some(needsPreserve) };
}

function needsPreserve(s: string): boolean {
  return /^\s|\s$|\s\s|[\t\n\r]/.test(s);
}

function packageInput(d: BilingualDocument, plans: Map<string, UnitPlan>, version: XliffVersion): XliffJs {
  // Null-prototype maps: `__proto__` and `constructor` are ids like any other.
  const entries = Object.create(null) as Record<string, XliffJs['resources'][string][string]>;
  for (const g of d.groups) {
    const units = g.id === '' ? entries : (Object.create(null) as typeof entries);
    for (const u of g.units) {
      const plan = plans.get(u.id)!;
      const unit: XliffUnitJs = { source: u.source };
      if (plan.target !== undefined) unit.target = plan.target;
      if (u.notes.length > 0) unit.note = [...u.notes];
      units[u.id] = unit;
    }
    if (g.id !== '') entries[g.id] = { groupUnits: units };
  }
  // The package writes these attribute values raw (it escapes only ids).
  return {
    sourceLanguage: escapeAttribute(d.sourceLang),
    targetLanguage: escapeAttribute(d.targetLang),
    resources: { [version === '1.2' ? escapeAttribute(d.original) : 'f1']: entries },
  };
}

// --- Completing the package's tree ------------------------------------------------------------------

function toNode(el: XmlElement): XmlNode {
  return { name: el.name, attributes: Object.entries(el.attributes), children: el.children.map((c) => (typeof c === 'string' ? c : toNode(c))) };
}

interface TreeIndex {
  readonly root: XmlNode;
  readonly file: XmlNode;
  readonly units: Map<string, XmlNode>;
  readonly groups: Map<string, XmlNode>;
}

function indexTree(tree: XmlElement): TreeIndex {
  const root = toNode(tree);
  const units = new Map<string, XmlNode>();
  const groups = new Map<string, XmlNode>();
  const walk = (n: XmlNode) => {
    for (const c of n.children) {
      if (typeof c === 'string') continue;
      const id = c.attributes.find(([k]) => k === 'id')?.[1];
      if ((c.name === 'trans-unit' || c.name === 'unit') && id !== undefined) units.set(id, c);
      else {
        if (c.name === 'group' && id !== undefined) groups.set(id, c);
        walk(c);
      }
    }
  };
  walk(root);
  const file = root.children.find((c): c is XmlNode => typeof c !== 'string' && c.name === 'file')!;
  return { root, file, units, groups };
}

function child(n: XmlNode, name: string): XmlNode | undefined {
  return n.children.find((c): c is XmlNode => typeof c !== 'string' && c.name === name);
}

function children(n: XmlNode, name: string): XmlNode[] {
  return n.children.filter((c): c is XmlNode => typeof c !== 'string' && c.name === name);
}

function withText(n: XmlNode | undefined, name: string, value: string): XmlNode {
  const el = n ?? node(name);
  el.children = [value];
  return el;
}

function missing(what: string): Result<never> {
  return err({ code: 'xliff', message: `the xliff package left out ${what}` });
}

/** Groups in document order, each holding its finished units in order; ungrouped units stand alone. */
function arrange(index: TreeIndex, d: BilingualDocument, finish: (el: XmlNode, u: BilingualUnit) => XmlNode): Result<XmlNode[]> {
  const out: XmlNode[] = [];
  for (const g of d.groups) {
    const units: XmlNode[] = [];
    for (const u of g.units) {
      const el = index.units.get(u.id);
      if (!el) return missing(`the unit ${u.id}`);
      units.push(finish(el, u));
    }
    if (g.id === '') {
      out.push(...units);
      continue;
    }
    const group = index.groups.get(g.id);
    if (!group) return missing(`the group ${g.id}`);
    group.children = units;
    out.push(group);
  }
  return ok(out);
}

function score(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function finish12(index: TreeIndex, d: BilingualDocument, plans: Map<string, UnitPlan>): Result<XmlNode> {
  const body = child(index.file, 'body');
  if (!body) return missing('<body>');
  const finishUnit = (el: XmlNode, u: BilingualUnit): XmlNode => {
    const plan = plans.get(u.id)!;
    const parts: XmlNode[] = [withText(child(el, 'source'), 'source', u.source)];
    let approved: string | undefined;
    if (plan.target !== undefined) {
      const target = withText(child(el, 'target'), 'target', plan.target);
      const s = stateTo12(plan.state);
      setAttribute(target, 'state', s.state);
      approved = s.approved;
      parts.push(target);
    }
    const notes = children(el, 'note');
    u.notes.forEach((n, i) => {
      const note = withText(notes[i], 'note', n);
      setAttribute(note, 'from', 'kioku');
      parts.push(note);
    });
    for (const c of u.candidates) {
      parts.push(
        node(
          'alt-trans',
          [
            ['match-quality', score(c.score)],
            ['origin', c.origin],
            ['alttranstype', c.kind === 'previous-version' ? 'previous-version' : undefined],
          ],
          [node('source', [], [c.source]), node('target', [], [c.target])],
        ),
      );
    }
    el.attributes = el.attributes.filter(([k]) => k === 'id');
    if (approved) el.attributes.push(['approved', approved]);
    if (plan.preserve) el.attributes.push(['xml:space', 'preserve']);
    el.children = parts;
    return el;
  };
  const arranged = arrange(index, d, finishUnit);
  if (!arranged.ok) return arranged;
  body.children = arranged.value;
  // The package puts the schema location first; namespace and version first read better.
  const rank = (k: string) => ['xmlns', 'version', 'xmlns:xsi', 'xsi:schemaLocation'].indexOf(k) >>> 0;
  index.root.attributes.sort((a, b) => rank(a[0]) - rank(b[0]));
  return ok(index.root);
}

const MTC_NAMESPACE = 'urn:oasis:names:tc:xliff:matches:2.0';
const SEGMENT_ID = 's1';

function finish20(index: TreeIndex, d: BilingualDocument, plans: Map<string, UnitPlan>): Result<XmlNode> {
  setAttribute(index.file, 'original', d.original);
  let anyCandidates = false;
  const finishUnit = (el: XmlNode, u: BilingualUnit): XmlNode => {
    const plan = plans.get(u.id)!;
    const parts: XmlNode[] = [];
    if (u.candidates.length > 0) {
      anyCandidates = true;
      parts.push(node('mtc:matches', [], u.candidates.map(match20)));
    }
    if (u.notes.length > 0) {
      const notes = child(el, 'notes') ?? node('notes');
      const existing = children(notes, 'note');
      notes.children = u.notes.map((n, i) => withText(existing[i], 'note', n));
      parts.push(notes);
    }
    const segment = child(el, 'segment') ?? node('segment');
    const s = stateTo20(plan.state);
    segment.attributes = [['id', SEGMENT_ID], ['state', s.state], ...(s.subState ? ([['subState', s.subState]] as Array<[string, string]>) : [])];
    const seg: XmlNode[] = [withText(child(segment, 'source'), 'source', u.source)];
    if (plan.target !== undefined) seg.push(withText(child(segment, 'target'), 'target', plan.target));
    segment.children = seg;
    parts.push(segment);
    el.attributes = el.attributes.filter(([k]) => k === 'id');
    if (plan.preserve) el.attributes.push(['xml:space', 'preserve']);
    el.children = parts;
    return el;
  };
  const arranged = arrange(index, d, finishUnit);
  if (!arranged.ok) return arranged;
  index.file.children = arranged.value;
  if (anyCandidates) {
    // Declared beside the core namespace, before version/srcLang/trgLang, as XLIFF tools write it.
    const at = index.root.attributes.findIndex(([k]) => k === 'xmlns') + 1;
    index.root.attributes.splice(at, 0, ['xmlns:mtc', MTC_NAMESPACE]);
  }
  return ok(index.root);
}

/**
 * 2.0 candidates: `type` icm for in-context, tm for memory matches, other + `subType` for a previous
 * version; `similarity` is capped at 100 (the schema's range), the kind says 101.
 */
function match20(c: UnitCandidate): XmlNode {
  const type = c.kind === 'in-context' ? 'icm' : c.kind === 'previous-version' ? 'other' : 'tm';
  return node(
    'mtc:match',
    [
      ['ref', `#${SEGMENT_ID}`],
      ['similarity', score(Math.min(100, c.score))],
      ['origin', c.origin],
      ['type', type],
      ['subType', c.kind === 'previous-version' ? PREVIOUS_VERSION_SUBTYPE : undefined],
    ],
    [node('source', [], [c.source]), node('target', [], [c.target])],
  );
}
