/**
 * The text format of the memory store (documented in memory/README.md). Pure: file texts in, content
 * and problems out; content in, file texts out.
 *
 *   <src>_<tgt>/units.jsonl          every unit of a language pair, one JSON record per line, sorted by id
 *   <src>_<tgt>/units-<xx>.jsonl     the same once the pair holds more than SHARD_MAX units: one shard per
 *                                    two-hex-digit id prefix
 *   <src>_<tgt>/exports.jsonl        the last exported revision of each document, one line per document
 *
 * Every line ends in `"sum":"<8 hex>"}`: a hash of the line before that key, so hand edits, torn lines
 * and bad merges are detected with file:line.
 */
import type { ExportRecord, Lang, MemoryContent, Paragraph, Revision, Segment, TranslationUnit, UnitState } from '../model.js';
import { hash64 } from '../text/hash.js';
import { isCanonicalLanguageTag, parseLanguageTag, quoteTag } from '../text/lang.js';
import { findIllegalXmlChar } from '../xml/chars.js';

/** A pair's units go to prefix shards once there are more than this many. */
export const SHARD_MAX = 10_000;
export const FORMAT_VERSION = 1;

const STATES: readonly UnitState[] = ['initial', 'needs-review', 'translated', 'reviewed', 'final'];
const SUM_RE = /,"sum":"([0-9a-f]{8})"\}$/;

export function checksum(body: string): string {
  return hash64(body).slice(0, 8);
}

function seal(body: string): string {
  // body is a JSON object text; the sum goes in as its last key.
  return `${body.slice(0, -1)},"sum":"${checksum(body)}"}`;
}

/** The canonical line of a unit (no newline). Key order is fixed; optional keys only when set. */
export function encodeUnit(u: TranslationUnit): string {
  const p = u.provenance;
  const o: Record<string, string> = {
    id: u.id,
    src: u.sourceLang,
    tgt: u.targetLang,
    source: u.source,
    target: u.target,
    state: u.state,
    doc: p.document,
    seg: p.segment,
  };
  if (p.prev !== undefined) o.prev = p.prev;
  if (p.next !== undefined) o.next = p.next;
  o.created = p.created;
  o.changed = p.changed;
  if (p.author !== undefined) o.author = p.author;
  return seal(JSON.stringify(o));
}

export function encodeExport(r: ExportRecord): string {
  const o: Record<string, unknown> = { doc: r.document, src: r.sourceLang, tgt: r.targetLang, exported: r.exported, ...encodeRevision(r.revision) };
  if (r.base) o.base = { exported: r.base.exported, ...encodeRevision(r.base.revision) };
  return seal(JSON.stringify(o));
}

function encodeRevision(revision: Revision): { lang: string; paragraphs: unknown[]; segments: unknown[] } {
  return {
    lang: revision.lang,
    paragraphs: revision.paragraphs.map((p) => [p.line, p.text]),
    segments: revision.segments.map((s) => [s.id, s.paragraph, s.start, s.end]),
  };
}

export type ProblemKind =
  | 'torn' // not a complete JSON record (a cut-off write or a broken edit)
  | 'checksum' // valid JSON whose checksum does not match: edited by hand or by another tool
  | 'invalid' // valid JSON and checksum, but not a record kioku can use
  | 'conflict' // a git conflict marker line
  | 'duplicate' // a second record with the same id (or document) after a merge
  | 'misplaced' // a record in a file where the layout does not put it
  | 'unsorted' // records out of id order (a union merge does that)
  | 'noncanonical' // not byte-identical to what kioku writes (key order, spacing)
  | 'stray' // a file that is not part of the layout (left-over temp file, unknown name)
  | 'misnamed' // a folder named like a pair but not `<src>_<tgt>` of canonical tags (ja_JP_en_US, JA_en): see pairFolderProblem
  | 'layout' // an entry of the memory folder that is not what the layout puts there (a link, a FIFO, a file where a pair folder belongs)
  | 'unknown-fields' // a valid record with fields this kioku does not know (a newer kioku wrote them): read, never rewritten
  | 'id-mismatch' // a valid record whose content gives another id (see ParseOptions.expectedId)
  | 'unwritable'; // a record holding a character no XLIFF or TMX can carry (see unwritableField)

export interface StoreProblem {
  readonly kind: ProblemKind;
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly id?: string;
}

/** Problems that make a store unusable until fixed; the others are tolerated and fixed on the next write. */
export const FATAL_PROBLEMS: ReadonlySet<ProblemKind> = new Set(['torn', 'checksum', 'invalid', 'conflict', 'duplicate']);

export interface StoreFile {
  /** Path relative to the memory directory, with `/`. */
  readonly path: string;
  readonly text: string;
}

export interface ParsedStore {
  readonly content: MemoryContent;
  readonly problems: readonly StoreProblem[];
  /** Where each unit id was read (for messages), and the lines fsck could not use. */
  readonly dropped: ReadonlyArray<{ readonly file: string; readonly line: number; readonly text: string; readonly kind: ProblemKind }>;
}

export interface ParseOptions {
  /** fsck --fix --accept-edits: take valid records whose checksum does not match. */
  readonly acceptEdits?: boolean;
  /**
   * fsck: the id a unit's content gives (unitId). A record whose id differs is reported and read with
   * the id its content gives, so a repair files it where an import of the same segment would look.
   */
  readonly expectedId?: (unit: TranslationUnit) => string;
  /** fsck: report records holding characters no XLIFF or TMX can carry, and leave them out (dropped). */
  readonly dropUnwritable?: boolean;
}

/** The keys kioku writes; anything else in a record is kept by never rewriting its file. */
const UNIT_KEYS: ReadonlySet<string> = new Set([
  'id',
  'src',
  'tgt',
  'source',
  'target',
  'state',
  'doc',
  'seg',
  'prev',
  'next',
  'created',
  'changed',
  'author',
  'sum',
]);
const EXPORT_KEYS: ReadonlySet<string> = new Set(['doc', 'src', 'tgt', 'exported', 'lang', 'paragraphs', 'segments', 'base', 'sum']);
const BASE_KEYS: ReadonlySet<string> = new Set(['exported', 'lang', 'paragraphs', 'segments']);

/** The keys of a record kioku does not write, each cut to 40 characters (they are quoted in messages). */
function unknownKeys(o: Record<string, unknown>, known: ReadonlySet<string>): string[] {
  const out = Object.keys(o).filter((k) => !known.has(k));
  if (known === EXPORT_KEYS && typeof o.base === 'object' && o.base !== null && !Array.isArray(o.base)) {
    for (const k of Object.keys(o.base)) if (!BASE_KEYS.has(k)) out.push(`base.${k}`);
  }
  return out.map((k) => (k.length > 40 ? `${k.slice(0, 39)}…` : k));
}

/**
 * The first text of a unit that no XLIFF or TMX writer can carry (a C0 control other than tab, LF and
 * CR, U+FFFE/U+FFFF, a lone surrogate: what XML 1.0 forbids), or undefined. The store never writes
 * such a record; fsck reports and --fix removes one that got in.
 */
export function unwritableField(u: TranslationUnit): { readonly field: string; readonly label: string; readonly index: number } | undefined {
  const p = u.provenance;
  const fields: Array<[string, string | undefined]> = [
    ['source', u.source],
    ['target', u.target],
    ['document', p.document],
    ['segment id', p.segment],
    ['previous segment id', p.prev],
    ['next segment id', p.next],
    ['author', p.author],
  ];
  for (const [field, value] of fields) {
    if (value === undefined) continue;
    const bad = findIllegalXmlChar(value);
    if (bad) return { field, label: bad.label, index: bad.index };
  }
  return undefined;
}

const UNIT_FILE_RE = /^([^/]+)_([^/]+)\/units(?:-([0-9a-f]{2}))?\.jsonl$/;
const EXPORT_FILE_RE = /^([^/]+)_([^/]+)\/exports\.jsonl$/;

/** Whether a relative path is a store file (as opposed to README, .gitattributes, caches…). */
export function isStoreFile(path: string): boolean {
  return UNIT_FILE_RE.test(path) || EXPORT_FILE_RE.test(path);
}

/** What a store file holds: the units (of one id prefix, when sharded) or the exports of a pair directory. */
export function storeFileKind(path: string): { readonly kind: 'units' | 'exports'; readonly pair: string; readonly prefix?: string } | undefined {
  const u = UNIT_FILE_RE.exec(path);
  if (u) return { kind: 'units', pair: `${u[1]}_${u[2]}`, ...(u[3] !== undefined ? { prefix: u[3] } : {}) };
  const e = EXPORT_FILE_RE.exec(path);
  return e ? { kind: 'exports', pair: `${e[1]}_${e[2]}` } : undefined;
}

/**
 * Thrown by pairDir for a tag that is not a language tag: a bug in kioku (a reader that let an
 * unchecked tag through), never a user's error, so it is not a Result. It is thrown while the layout
 * is computed, before anything is staged, so the memory is untouched.
 */
export class StorePathError extends Error {
  override readonly name = 'StorePathError';
  constructor(
    message: string,
    /** The tag that would have named a folder. */
    readonly tag: string,
  ) {
    super(message);
  }
}

/** A tag as a path segment may hold it: letters and digits in subtags joined by `-` (no `_`: it separates the pair). */
const PATH_TAG = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
const pathTags = new Set<string>();

/**
 * The folder of a language pair, `<src>_<tgt>`. Store paths are made only here, and only from
 * language tags: every reader (XLIFF, TMX, TBX, flags, the record decoder) has already turned what it
 * read into a canonical tag (src/text/lang.ts), so a refusal here means a reader missed one. Canonical
 * case is not asserted, only the shape (a well-formed tag of letters, digits and hyphens, which can
 * never name another folder): a memory's derived cache written by an older kioku may still name a
 * pair `en-us`, and comparing against those must keep working.
 */
export function pairDir(sourceLang: Lang, targetLang: Lang): string {
  for (const tag of [sourceLang, targetLang]) {
    if (pathTags.has(tag)) continue;
    if (!PATH_TAG.test(tag) || !parseLanguageTag(tag).ok) {
      throw new StorePathError(
        `internal: refusing to name a memory folder after ${quoteTag(tag)}, which is not a language tag (a reader did not validate it)`,
        tag,
      );
    }
    if (pathTags.size < 4096) pathTags.add(tag);
  }
  return `${sourceLang}_${targetLang}`;
}

/** What a folder of the memory directory is to the store (see pairFolderProblem). */
export type PairFolder =
  /** `<src>_<tgt>` of two canonical tags: the only folders kioku writes. */
  | { readonly kind: 'pair'; readonly sourceLang: Lang; readonly targetLang: Lang }
  /** Two language tags, but not as kioku writes them (`ja_JP_en_US`, `JA_en`, `ja_en-us`); `canonical` is the folder they belong in, when only one reading fits. */
  | { readonly kind: 'misnamed'; readonly canonical?: string }
  /** Not a pair folder (`.cache`, `notes`). */
  | { readonly kind: 'other' };

/** Reads a folder name as a pair folder: every split at `_` into two language tags is tried. */
export function pairFolder(name: string): PairFolder {
  if (name.startsWith('.')) return { kind: 'other' };
  const readings = new Set<string>();
  for (let i = name.indexOf('_'); i > 0; i = name.indexOf('_', i + 1)) {
    const s = parseLanguageTag(name.slice(0, i));
    const t = parseLanguageTag(name.slice(i + 1));
    if (!s.ok || !t.ok) continue;
    const canonical = `${s.value.tag}_${t.value.tag}`;
    if (canonical === name) return { kind: 'pair', sourceLang: s.value.tag, targetLang: t.value.tag };
    readings.add(canonical);
  }
  if (readings.size === 0) return { kind: 'other' };
  return readings.size === 1 ? { kind: 'misnamed', canonical: [...readings][0]! } : { kind: 'misnamed' };
}

/**
 * The problem of a folder of the memory directory that holds store files (`units*.jsonl`,
 * `exports.jsonl`) where no reader looks: named with POSIX tags (`ja_JP_en_US/`, which older kioku
 * wrote for `srcLang="ja_JP"`), in another case (`JA_en/`), or not a pair at all. `files` are the
 * names in the folder; a folder without store files (a user's notes) is no problem. For the store's
 * listing (src/io/store.ts), which reads only folders named like pairs: `kioku memory fsck` reports
 * these so units are never silently invisible.
 */
export function pairFolderProblem(name: string, files: readonly string[]): StoreProblem | undefined {
  const folder = pairFolder(name);
  if (folder.kind === 'pair' || name.startsWith('.')) return undefined;
  const stored = files.filter((f) => /^units(?:-[0-9a-f]{2})?\.jsonl$|^exports\.jsonl$/.test(f));
  if (stored.length === 0) return undefined;
  const what = `${stored.length} store file${stored.length === 1 ? '' : 's'}`;
  const message =
    folder.kind === 'misnamed' && folder.canonical !== undefined
      ? `the folder holds ${what}, but its name is not how kioku writes this language pair (${folder.canonical}/), so no command reads it; move its files into ${folder.canonical}/ (merge them if that folder exists), then run kioku memory fsck --fix`
      : `the folder holds ${what}, but its name is not <source>_<target> of two language tags, so no command reads it; move its files into the folder of their pair (e.g. ja_en/), then run kioku memory fsck --fix`;
  return { kind: 'misnamed', file: `${name}/`, line: 0, message };
}

/**
 * Reads every store file. Never throws: what it cannot use is reported as a problem (with file:line)
 * and left out of the content; duplicates keep the record changed last (ties: the greater line), so
 * the same input always gives the same content.
 */
export function parseStore(files: readonly StoreFile[], options: ParseOptions = {}): ParsedStore {
  const problems: StoreProblem[] = [];
  const dropped: Array<{ file: string; line: number; text: string; kind: ProblemKind }> = [];
  const units = new Map<string, { unit: TranslationUnit; line: string; file: string; at: number }>();
  const exports = new Map<string, { record: ExportRecord; line: string; file: string; at: number }>();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of sorted) {
    const unitMatch = UNIT_FILE_RE.exec(f.path);
    const exportMatch = unitMatch ? null : EXPORT_FILE_RE.exec(f.path);
    if (!unitMatch && !exportMatch) {
      problems.push({ kind: 'stray', file: f.path, line: 0, message: 'not a file of the memory layout' });
      continue;
    }
    const lines = f.text.split('\n');
    const complete = f.text.endsWith('\n') || f.text === '';
    if (lines[lines.length - 1] === '') lines.pop();
    let previousId: string | undefined;
    let reportedUnsorted = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.replace(/\r$/, '');
      const lineNo = i + 1;
      if (text === '') continue;
      if (/^(<{7}|={7}|>{7}|\|{7})(?: |$)/.test(text)) {
        problems.push({ kind: 'conflict', file: f.path, line: lineNo, message: "a git conflict marker: the memory was merged without kioku's merge setup" });
        continue;
      }
      const decoded = unitMatch ? decodeUnitLine(text) : decodeExportLine(text);
      if (!decoded.ok) {
        const torn = decoded.kind === 'torn' && i === lines.length - 1 && !complete;
        const kind = decoded.kind;
        if (kind === 'checksum' && options.acceptEdits && decoded.value) {
          problems.push({ kind, file: f.path, line: lineNo, message: `${decoded.message} (accepted)`, ...(decoded.id ? { id: decoded.id } : {}) });
        } else {
          problems.push({
            kind,
            file: f.path,
            line: lineNo,
            message: torn ? 'an incomplete last line (a cut-off write)' : decoded.message,
            ...(decoded.id ? { id: decoded.id } : {}),
          });
          dropped.push({ file: f.path, line: lineNo, text, kind });
          continue;
        }
      }
      const value = decoded.value!;
      const unknown = decoded.unknown ?? [];
      if (unknown.length > 0) {
        const what = unitMatch ? `record ${(value as TranslationUnit).id}` : `the export record of ${(value as ExportRecord).document}`;
        problems.push({
          kind: 'unknown-fields',
          file: f.path,
          line: lineNo,
          message: `${what} holds fields this kioku does not know (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}): a newer kioku may have written them; this kioku reads the record but never rewrites its file, which would drop them`,
          ...(unitMatch ? { id: (value as TranslationUnit).id } : {}),
        });
      }
      if (unitMatch && options.dropUnwritable) {
        const bad = unwritableField(value as TranslationUnit);
        if (bad) {
          const id = (value as TranslationUnit).id;
          problems.push({
            kind: 'unwritable',
            file: f.path,
            line: lineNo,
            message: `record ${id}: the ${bad.field} holds ${bad.label} at offset ${bad.index}, which no XLIFF or TMX can carry`,
            id,
          });
          dropped.push({ file: f.path, line: lineNo, text, kind: 'unwritable' });
          continue;
        }
      }
      if (unitMatch) {
        let unit = value as TranslationUnit;
        const canonical = encodeUnit(unit) === text;
        const want = options.expectedId?.(unit);
        if (want !== undefined && want !== unit.id) {
          problems.push({
            kind: 'id-mismatch',
            file: f.path,
            line: lineNo,
            message: `record ${unit.id}: its content gives the id ${want} (changed by hand or by another tool); --fix gives it that id`,
            id: unit.id,
          });
          unit = { ...unit, id: want };
        }
        const shard = unitMatch[3];
        if (unit.sourceLang !== unitMatch[1] || unit.targetLang !== unitMatch[2] || (shard !== undefined && !unit.id.startsWith(shard))) {
          problems.push({ kind: 'misplaced', file: f.path, line: lineNo, message: `record ${unit.id} belongs in ${unitPath(unit, true)}`, id: unit.id });
        }
        if (decoded.ok && !canonical) {
          problems.push({ kind: 'noncanonical', file: f.path, line: lineNo, message: 'not in the canonical form kioku writes', id: unit.id });
        }
        if (previousId !== undefined && unit.id < previousId && !reportedUnsorted) {
          problems.push({ kind: 'unsorted', file: f.path, line: lineNo, message: 'records are not sorted by id', id: unit.id });
          reportedUnsorted = true;
        }
        previousId = unit.id;
        const seen = units.get(unit.id);
        if (seen) {
          problems.push({
            kind: 'duplicate',
            file: f.path,
            line: lineNo,
            message: `duplicate id ${unit.id} (also at ${seen.file}:${seen.at})${seen.line === text ? ', identical' : ''}`,
            id: unit.id,
          });
          if (preferSecond(seen.unit.provenance.changed, seen.line, unit.provenance.changed, text)) {
            units.set(unit.id, { unit, line: text, file: f.path, at: lineNo });
          }
        } else {
          units.set(unit.id, { unit, line: text, file: f.path, at: lineNo });
        }
      } else {
        const record = value as ExportRecord;
        const key = exportKey(record);
        if (record.sourceLang !== exportMatch![1] || record.targetLang !== exportMatch![2]) {
          problems.push({ kind: 'misplaced', file: f.path, line: lineNo, message: `export record of ${record.document} belongs in ${exportPath(record)}` });
        }
        const seen = exports.get(key);
        if (seen) {
          problems.push({
            kind: 'duplicate',
            file: f.path,
            line: lineNo,
            message: `a second export record for ${record.document} (also at ${seen.file}:${seen.at})`,
          });
          if (preferSecond(seen.record.exported, seen.line, record.exported, text)) exports.set(key, { record, line: text, file: f.path, at: lineNo });
        } else {
          exports.set(key, { record, line: text, file: f.path, at: lineNo });
        }
      }
    }
  }
  const unitList = [...units.values()].map((e) => e.unit).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const exportList = [...exports.values()].map((e) => e.record).sort(compareExports);
  return { content: { units: unitList, exports: exportList }, problems, dropped };
}

function preferSecond(firstTime: string, firstLine: string, secondTime: string, secondLine: string): boolean {
  if (secondTime !== firstTime) return secondTime > firstTime;
  return secondLine > firstLine;
}

export function exportKey(r: { document: string; sourceLang: Lang; targetLang: Lang }): string {
  return `${r.document}\u0000${r.sourceLang}\u0000${r.targetLang}`;
}

export function compareExports(a: ExportRecord, b: ExportRecord): number {
  const ka = exportKey(a);
  const kb = exportKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

type Decoded<T> =
  | { ok: true; value: T; unknown?: readonly string[] }
  | { ok: false; kind: ProblemKind; message: string; id?: string; value?: T; unknown?: readonly string[] };

/** Splits a line into its checked body; reports torn lines and checksum mismatches. */
function openLine(text: string): { ok: true; obj: Record<string, unknown> } | { ok: false; kind: ProblemKind; message: string; obj?: Record<string, unknown> } {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return { ok: false, kind: 'torn', message: 'not a complete JSON record' };
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return { ok: false, kind: 'invalid', message: 'not a JSON object' };
  const m = SUM_RE.exec(text);
  if (!m) return { ok: false, kind: 'checksum', message: 'the record has no checksum (edited by hand?)', obj: obj as Record<string, unknown> };
  const body = text.slice(0, m.index) + '}';
  if (checksum(body) !== m[1]) {
    return { ok: false, kind: 'checksum', message: 'checksum mismatch: the record was changed outside kioku', obj: obj as Record<string, unknown> };
  }
  return { ok: true, obj: obj as Record<string, unknown> };
}

const str = (o: Record<string, unknown>, k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);

export function decodeUnitLine(text: string): Decoded<TranslationUnit> {
  const opened = openLine(text);
  const obj = opened.ok ? opened.obj : opened.obj;
  if (!obj) return opened as Decoded<TranslationUnit>;
  const id = str(obj, 'id');
  const unit = unitFromObject(obj);
  if (typeof unit === 'string') return { ok: false, kind: 'invalid', message: unit, ...(id ? { id } : {}) };
  const unknown = unknownKeys(obj, UNIT_KEYS);
  const extra = unknown.length > 0 ? { unknown } : {};
  if (!opened.ok) return { ok: false, kind: opened.kind, message: opened.message, id: unit.id, value: unit, ...extra };
  return { ok: true, value: unit, ...extra };
}

function unitFromObject(o: Record<string, unknown>): TranslationUnit | string {
  const id = str(o, 'id');
  const src = str(o, 'src');
  const tgt = str(o, 'tgt');
  const source = str(o, 'source');
  const target = str(o, 'target');
  const state = str(o, 'state');
  const doc = str(o, 'doc');
  const seg = str(o, 'seg');
  const created = str(o, 'created');
  const changed = str(o, 'changed');
  if (id === undefined || !/^[0-9a-f]{16}$/.test(id)) return 'the record has no valid "id" (16 hex digits)';
  const langs = recordLanguages(src, tgt);
  if (typeof langs === 'string') return langs;
  if (source === undefined || target === undefined) return 'the record lacks "source" or "target"';
  if (state === undefined || !(STATES as readonly string[]).includes(state)) return 'the record has no valid "state"';
  if (doc === undefined || seg === undefined || created === undefined || changed === undefined) return 'the record lacks "doc", "seg", "created" or "changed"';
  const prev = str(o, 'prev');
  const next = str(o, 'next');
  const author = str(o, 'author');
  return {
    id,
    sourceLang: langs.sourceLang,
    targetLang: langs.targetLang,
    source,
    target,
    state: state as UnitState,
    provenance: {
      document: doc,
      segment: seg,
      ...(prev !== undefined ? { prev } : {}),
      ...(next !== undefined ? { next } : {}),
      created,
      changed,
      ...(author !== undefined ? { author } : {}),
    },
  };
}

/**
 * A record's `src` and `tgt` as canonical tags, or what is wrong. They name the folder the record
 * belongs in, so a value that is not a language tag makes the record unusable (reported with file:line).
 * A tag in another spelling (`en-us`, `ja_JP`: what older kioku stored) is read canonically; the
 * record then shows up as misplaced and non-canonical, and `fsck --fix` rewrites it where it belongs.
 */
function recordLanguages(src: string | undefined, tgt: string | undefined): { sourceLang: Lang; targetLang: Lang } | string {
  if (src === undefined || tgt === undefined) return 'the record has no "src"/"tgt" language';
  const s = parseLanguageTag(src);
  if (!s.ok) return `the record's "src" ${quoteTag(src)} ${s.error.message}`;
  const t = parseLanguageTag(tgt);
  if (!t.ok) return `the record's "tgt" ${quoteTag(tgt)} ${t.error.message}`;
  return { sourceLang: s.value.tag, targetLang: t.value.tag };
}

export function decodeExportLine(text: string): Decoded<ExportRecord> {
  const opened = openLine(text);
  const obj = opened.ok ? opened.obj : opened.obj;
  if (!obj) return opened as Decoded<ExportRecord>;
  const record = exportFromObject(obj);
  if (typeof record === 'string') return { ok: false, kind: 'invalid', message: record };
  const unknown = unknownKeys(obj, EXPORT_KEYS);
  const extra = unknown.length > 0 ? { unknown } : {};
  if (!opened.ok) return { ok: false, kind: opened.kind, message: opened.message, value: record, ...extra };
  return { ok: true, value: record, ...extra };
}

function exportFromObject(o: Record<string, unknown>): ExportRecord | string {
  const doc = str(o, 'doc');
  const src = str(o, 'src');
  const tgt = str(o, 'tgt');
  const exported = str(o, 'exported');
  const lang = str(o, 'lang') ?? src;
  if (doc === undefined || src === undefined || tgt === undefined || exported === undefined || lang === undefined) {
    return 'the export record lacks "doc", "src", "tgt" or "exported"';
  }
  const langs = recordLanguages(src, tgt);
  if (typeof langs === 'string') return langs;
  const revision = revisionFromObject(o, lang);
  if (typeof revision === 'string') return revision;
  if (o.base === undefined) return { document: doc, ...langs, exported, revision };
  const base = o.base;
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return 'the base of the export record is not an object';
  const b = base as Record<string, unknown>;
  const baseExported = str(b, 'exported');
  if (baseExported === undefined) return 'the base of the export record lacks "exported"';
  const baseRevision = revisionFromObject(b, str(b, 'lang') ?? lang);
  if (typeof baseRevision === 'string') return `in the base of the export record: ${baseRevision}`;
  return { document: doc, ...langs, exported, revision, base: { exported: baseExported, revision: baseRevision } };
}

function revisionFromObject(o: Record<string, unknown>, lang: string): Revision | string {
  if (!Array.isArray(o.paragraphs) || !Array.isArray(o.segments)) return 'the export record lacks "paragraphs" or "segments"';
  const rawParagraphs = o.paragraphs as unknown[];
  const texts: string[] = [];
  const lines: number[] = [];
  for (const p of rawParagraphs) {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'string') return 'a paragraph of the export record is not [line, text]';
    lines.push(p[0]);
    texts.push(p[1]);
  }
  const segments: Segment[] = [];
  const members: number[][] = texts.map(() => []);
  for (const s of o.segments as unknown[]) {
    if (!Array.isArray(s) || typeof s[0] !== 'string' || typeof s[1] !== 'number' || typeof s[2] !== 'number' || typeof s[3] !== 'number') {
      return 'a segment of the export record is not [id, paragraph, start, end]';
    }
    const [id, paragraph, start, end] = s as [string, number, number, number];
    const ptext = texts[paragraph];
    if (ptext === undefined || start < 0 || end < start || end > ptext.length) return `segment ${id} of the export record points outside its paragraph`;
    members[paragraph]!.push(segments.length);
    segments.push({ id, paragraph, start, end, text: ptext.slice(start, end) });
  }
  const paragraphs: Paragraph[] = texts.map((text, index) => ({ index, line: lines[index]!, text, segments: members[index]! }));
  return { lang, paragraphs, segments };
}

/**
 * The folder of a pair as kioku writes it: pairDir, and the tags in canonical form too, so one pair is
 * one folder (`en-us` and `en-US` would be two on Linux, and one on a case-insensitive disk).
 */
function writtenPairDir(sourceLang: Lang, targetLang: Lang): string {
  const dir = pairDir(sourceLang, targetLang);
  for (const tag of [sourceLang, targetLang]) {
    if (!isCanonicalLanguageTag(tag))
      throw new StorePathError(
        `internal: refusing to write a memory folder named after ${quoteTag(tag)}, which is not in canonical form (a reader did not canonicalise it)`,
        tag,
      );
  }
  return dir;
}

/** The file a unit belongs in, for a pair that is (or is not) sharded by prefix. */
export function unitPath(u: { id: string; sourceLang: Lang; targetLang: Lang }, sharded: boolean): string {
  return `${writtenPairDir(u.sourceLang, u.targetLang)}/${sharded ? `units-${u.id.slice(0, 2)}` : 'units'}.jsonl`;
}

export function exportPath(r: { sourceLang: Lang; targetLang: Lang }): string {
  return `${writtenPairDir(r.sourceLang, r.targetLang)}/exports.jsonl`;
}

/**
 * The store files for a content: a pure function of the content, so the same memory is always written
 * byte for byte the same way (sorted, trailing newline, prefix shards only for large pairs).
 * `sharded` names pair directories known to be sharded whose content holds only some of their
 * shards (a partial update: see MemoryStore.updateSelected); they stay sharded.
 */
export function layoutStore(content: MemoryContent, shardMax = SHARD_MAX, sharded: ReadonlySet<string> = new Set()): Map<string, string> {
  const byPair = new Map<string, TranslationUnit[]>();
  for (const u of content.units) {
    const key = pairDir(u.sourceLang, u.targetLang);
    let list = byPair.get(key);
    if (!list) byPair.set(key, (list = []));
    list.push(u);
  }
  const files = new Map<string, string[]>();
  for (const [pair, list] of byPair) {
    const split = list.length > shardMax || sharded.has(pair);
    for (const u of list) {
      const path = unitPath(u, split);
      let lines = files.get(path);
      if (!lines) files.set(path, (lines = []));
      lines.push(encodeUnit(u));
    }
  }
  for (const r of content.exports) {
    const path = exportPath(r);
    let lines = files.get(path);
    if (!lines) files.set(path, (lines = []));
    lines.push(encodeExport(r));
  }
  const out = new Map<string, string>();
  for (const path of [...files.keys()].sort()) {
    const lines = files.get(path)!;
    // Units arrive sorted by id (content invariant); sort anyway so a caller's slip cannot break the format.
    if (!path.endsWith('exports.jsonl')) lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out.set(path, lines.join('\n') + '\n');
  }
  return out;
}
