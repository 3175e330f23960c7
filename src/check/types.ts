import type { BilingualDocument, BilingualUnit, Finding, Severity, TranslationUnit } from '../model.js';
import type { NumberLang, NumberList } from '../text/numbers.js';
import type { GlossaryIndex } from './glossary.js';
import type { SourceComparison } from './source.js';

/** Groups of rules, for the README table and SARIF tags. */
export type RuleCategory = 'completeness' | 'staleness' | 'numbers' | 'markup' | 'script' | 'punctuation' | 'length' | 'glossary' | 'consistency';

/** One unit as the rules see it: the unit, where it is, and the script flags of both texts. */
export interface CheckUnit {
  readonly file: string;
  readonly group: string;
  readonly unit: BilingualUnit;
  /** `textFlags(unit.source)`. */
  readonly sourceFlags: number;
  /**
   * The target to check, or undefined when there is none: no target, an empty one, or the copy of the
   * source a unit never touched carries (those are reported by the completeness rules only).
   */
  readonly translation: string | undefined;
  /** `textFlags(translation)`, 0 without one. */
  readonly targetFlags: number;
  /** The translation is the source unchanged (reported by same-as-source; other rules stay quiet). */
  readonly identical: boolean;
  /** `textFingerprint(unit.source)`: groups units by source without hashing every source string. */
  readonly sourceKey: number;
  /**
   * The unit's state is an approved one (APPROVED_STATES). Read while the unit is being prepared, so the
   * consistency pass over every unit reads only these records, not each unit and its state string again.
   */
  readonly approved: boolean;
}

export interface UnitNumbers {
  /** The unit whose numbers the lists hold (they are refilled for unit after unit). */
  owner: CheckUnit | undefined;
  /** The texts the numbers were read from (placeholders blanked out, offsets kept): their texts are there. */
  srcText: string;
  tgtText: string;
  readonly src: NumberList;
  /** The numbers of the target written with digits, in order. */
  readonly tgtDigits: NumberList;
  /** Every number of the target: read only when the digits and month names do not settle the rule (tgtRead). */
  readonly tgt: NumberList;
  tgtRead: boolean;
}

/**
 * Scratch space the unit rules share, owned by one run of the checks (made by prepareCheck/runChecks and
 * reached through every DocumentContext of that run) rather than by a module: refilled unit after unit,
 * so reading a unit makes no object per number or bracket.
 */
export interface CheckScratch {
  /** The numbers both number rules read (see unitNumbers in rules/numbers.ts). */
  readonly numbers: UnitNumbers;
  /** The global pattern bracketProblem steps through a text with (it keeps its place in lastIndex). */
  readonly brackets: RegExp;
}

/** Calibrated bounds of target length / source length (in code points) for a language pair. */
export interface LengthRange {
  readonly min: number;
  readonly max: number;
  /** Shorter sources (headings, names) are not judged: their ratio is mostly noise. */
  readonly minSourceLength: number;
  /** Where the numbers come from, for messages and the README. */
  readonly basis: string;
}

/** Everything a unit rule may consult about the document the unit is in. */
export interface DocumentContext {
  readonly file: string;
  readonly document: BilingualDocument;
  readonly sourceLang: string;
  readonly targetLang: string;
  /** `writesCjk(sourceLang)` / `writesCjk(targetLang)`, once per document. */
  readonly sourceCjk: boolean;
  readonly targetCjk: boolean;
  /** `ja`/`en` when the numbers of that language are understood, else undefined (numbers rule off). */
  readonly sourceNumbers: NumberLang | undefined;
  readonly targetNumbers: NumberLang | undefined;
  readonly lengthRange: LengthRange | undefined;
  readonly glossary: GlossaryIndex | undefined;
  /** Present when the current source of this file was given (`--source`). */
  readonly sourceComparison: SourceComparison | undefined;
  /** The run's scratch space (the same object in every context of one run). */
  readonly scratch: CheckScratch;
}

interface RuleBase {
  /** Stable id, kebab-case; used in findings, baselines, SARIF and `--disable`. */
  readonly id: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** One sentence: what the rule reports (README table, SARIF rule metadata). */
  readonly description: string;
}

/** A rule that looks at one unit at a time. */
export interface UnitRule extends RuleBase {
  readonly scope: 'unit';
  /**
   * Optional, for speed: the rule can only find something in a unit whose source flags have one of the
   * `source` bits or whose target flags have one of the `target` bits (textFlags), so `runChecks` does
   * not call it for other units. `check` must still answer correctly for any unit.
   */
  readonly when?: { readonly source?: number; readonly target?: number };
  check(unit: CheckUnit, ctx: DocumentContext): readonly Finding[];
}

/** A rule that needs every file at once (missing units, consistency across files and the memory). */
export interface CollectionRule extends RuleBase {
  readonly scope: 'collection';
  checkAll(input: PreparedCheck): readonly Finding[];
}

export type Rule = UnitRule | CollectionRule;

/** One XLIFF file to check. */
export interface CheckFile {
  /** The name findings report (the path as the user gave it). */
  readonly file: string;
  readonly document: BilingualDocument;
}

/** The current source text of a document, segmented, for the staleness rules. */
export interface CurrentSource {
  /** Display name of the source file (findings about segments without a unit point here). */
  readonly file: string;
  /** The XLIFF file (CheckFile.file) this source belongs to. */
  readonly for: string;
  /**
   * The document of that file it belongs to, when the file holds several (`<file>`s): the CheckFile's
   * `document`, compared by identity. Absent: every document of `for`.
   */
  readonly document?: BilingualDocument;
  readonly revision: import('../model.js').Revision;
}

export interface CheckInput {
  readonly files: readonly CheckFile[];
  readonly sources?: readonly CurrentSource[];
  /** Approved translations of the memory, for the consistency rule. */
  readonly memory?: readonly TranslationUnit[];
  readonly glossary?: import('./glossary.js').Glossary;
}

export interface CheckOptions {
  readonly rules?: readonly Rule[];
  /** Rule ids not to run. */
  readonly disable?: readonly string[];
  /** Length ranges by `source>target` pair (e.g. `ja>en`), overriding the calibrated defaults. */
  readonly lengthRanges?: Readonly<Record<string, LengthRange>>;
}

/** The input with per-file contexts and per-unit flags computed once. */
export interface PreparedCheck {
  readonly input: CheckInput;
  readonly contexts: readonly DocumentContext[];
  readonly units: readonly (readonly CheckUnit[])[];
}

export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** Builds a finding of `rule` on `cu` with the stable key order of the JSON output. */
export function finding(rule: RuleBase, cu: CheckUnit, message: string, values: { actual?: string | undefined; expected?: string | undefined } = {}): Finding {
  const f = findingAt(rule, cu.file, cu.unit.line, cu.unit.id, message, values);
  const part = cu.unit.part;
  return part ? { ...f, part: { unit: part.unit, segment: part.segment } } : f;
}

export function findingAt(
  rule: RuleBase,
  file: string,
  line: number,
  unit: string,
  message: string,
  values: { actual?: string | undefined; expected?: string | undefined } = {},
): Finding {
  const f: { -readonly [K in keyof Finding]: Finding[K] } = { rule: rule.id, severity: rule.severity, file, line, unit, message };
  if (values.actual !== undefined) f.actual = values.actual;
  if (values.expected !== undefined) f.expected = values.expected;
  return f;
}

/** Short quoted excerpt for messages. */
export function quote(text: string, max = 60): string {
  const t = text.length > max ? text.slice(0, max - 1) + '…' : text;
  return `“${t}”`;
}
