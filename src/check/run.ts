import { APPROVED_STATES, type BilingualUnit, type Finding } from '../model.js';
import { numberLang, NumberList } from '../text/numbers.js';
import { primaryLanguage, writesCjk } from '../text/lang.js';
import { TextFlag, textFlags } from '../text/script.js';
import { textFingerprint } from '../text/hash.js';
import { glossaryIndex, type GlossaryIndex } from './glossary.js';
import { RULES } from './rules/index.js';
import { translationOf } from './rules/completeness.js';
import { lengthRangeFor } from './rules/length.js';
import { bracketScanner } from './rules/punctuation.js';
import { compareWithSource } from './source.js';
import type { CheckInput, CheckOptions, CheckScratch, CheckUnit, CollectionRule, DocumentContext, PreparedCheck, Rule, UnitRule } from './types.js';

/** The units of one checked file, for reporters that list every unit (JUnit test cases). */
export interface CheckedFile {
  readonly file: string;
  readonly units: ReadonlyArray<{ readonly id: string; readonly line: number }>;
}

export interface CheckResult {
  /** Sorted: by file (input order), line, unit, rule order. */
  readonly findings: readonly Finding[];
  readonly files: readonly CheckedFile[];
  readonly unitCount: number;
  /** The rules that ran (for SARIF metadata). */
  readonly rules: readonly Rule[];
}

const NUMBER_LANGS = new Set(['ja', 'en']);

function numbersOf(lang: string): 'ja' | 'en' | undefined {
  const primary = primaryLanguage(lang);
  return NUMBER_LANGS.has(primary) ? numberLang(primary) : undefined;
}

/** The scratch space of one run: empty lists and patterns, refilled by the rules unit after unit. */
function checkScratch(): CheckScratch {
  return {
    numbers: { owner: undefined, srcText: '', tgtText: '', src: new NumberList(), tgtDigits: new NumberList(), tgt: new NumberList(), tgtRead: false },
    brackets: bracketScanner(),
  };
}

/** Computes the per-file contexts and per-unit flags once. Pure. */
export function prepareCheck(input: CheckInput, options: CheckOptions = {}): PreparedCheck {
  return prepare(input, options);
}

/**
 * The unit rules of one run, each rule's `when` as two masks (a rule without one sees every unit), and
 * where their findings go. Plain data rather than a closure per run, so the optimised code of the
 * loop that runs them serves every run.
 */
interface UnitPass {
  readonly rules: readonly UnitRule[];
  readonly always: readonly boolean[];
  readonly sourceMask: readonly number[];
  readonly targetMask: readonly number[];
  readonly findings: Finding[];
}

function unitPass(rules: readonly UnitRule[], findings: Finding[]): UnitPass {
  return {
    rules,
    always: rules.map((r) => r.when === undefined),
    sourceMask: rules.map((r) => r.when?.source ?? 0),
    targetMask: rules.map((r) => r.when?.target ?? 0),
    findings,
  };
}

/** Every unit rule on one unit, in RULES order. */
function checkUnit(pass: UnitPass, cu: CheckUnit, ctx: DocumentContext): void {
  const { rules, always, sourceMask, targetMask, findings } = pass;
  for (let r = 0; r < rules.length; r++) {
    if (!always[r] && (cu.sourceFlags & sourceMask[r]!) === 0 && (cu.targetFlags & targetMask[r]!) === 0) continue;
    const found = rules[r]!.check(cu, ctx);
    for (let i = 0; i < found.length; i++) findings.push(found[i]!);
  }
}

/**
 * prepareCheck, running the unit rules of `pass` on each unit as soon as it is prepared: they then read
 * texts the flags pass has just brought into the CPU cache, instead of fetching every text from memory
 * twice.
 */
function prepare(input: CheckInput, options: CheckOptions, pass?: UnitPass, checked?: CheckedFile[]): PreparedCheck {
  const glossaries = new Map<string, GlossaryIndex>();
  const contexts: DocumentContext[] = [];
  const units: CheckUnit[][] = [];
  const scratch = checkScratch();
  for (const { file, document } of input.files) {
    let glossary: GlossaryIndex | undefined;
    if (input.glossary !== undefined) {
      const key = `${document.sourceLang}>${document.targetLang}`;
      glossary = glossaries.get(key);
      if (glossary === undefined) glossaries.set(key, (glossary = glossaryIndex(input.glossary, document.sourceLang, document.targetLang)));
    }
    const source = input.sources?.find((s) => s.for === file && (s.document === undefined || s.document === document));
    const ctx: DocumentContext = {
      file,
      document,
      sourceLang: document.sourceLang,
      targetLang: document.targetLang,
      sourceCjk: writesCjk(document.sourceLang),
      targetCjk: writesCjk(document.targetLang),
      sourceNumbers: numbersOf(document.sourceLang),
      targetNumbers: numbersOf(document.targetLang),
      lengthRange: lengthRangeFor(document.sourceLang, document.targetLang, options.lengthRanges),
      glossary,
      sourceComparison: source === undefined ? undefined : compareWithSource(document, source.revision, source.file),
      scratch,
    };
    contexts.push(ctx);
    const list: CheckUnit[] = [];
    // The units as reporters list them, gathered now rather than by walking every CheckUnit again.
    const plain: BilingualUnit[] = [];
    for (const group of document.groups) {
      for (const unit of group.units) {
        const translation = translationOf(unit);
        const sourceFlags = textFlags(unit.source);
        const targetFlags = translation === undefined ? 0 : textFlags(translation);
        const cu: CheckUnit = {
          file,
          group: group.id,
          unit,
          sourceFlags,
          translation,
          targetFlags,
          identical:
            translation !== undefined &&
            (translation === unit.source || (((sourceFlags | targetFlags) & TextFlag.EDGE_SPACE) !== 0 && translation.trim() === unit.source.trim())),
          sourceKey: textFingerprint(unit.source),
          approved: APPROVED_STATES.includes(unit.state),
        };
        list.push(cu);
        plain.push(unit);
        if (pass !== undefined) checkUnit(pass, cu, ctx);
      }
    }
    units.push(list);
    checked?.push({ file, units: plain });
  }
  return { input, contexts, units };
}

export function activeRules(options: CheckOptions = {}): readonly Rule[] {
  const all = options.rules ?? RULES;
  if (options.disable === undefined || options.disable.length === 0) return all;
  const off = new Set(options.disable);
  return all.filter((r) => !off.has(r.id));
}

/** Runs the rules over every unit of every file. Pure: values in, findings out. */
export function runChecks(input: CheckInput, options: CheckOptions = {}): CheckResult {
  const rules = activeRules(options);
  const unitRules = rules.filter((r): r is UnitRule => r.scope === 'unit');
  const collectionRules = rules.filter((r): r is CollectionRule => r.scope === 'collection');
  const findings: Finding[] = [];
  // Units in document order, each with every unit rule in RULES order.
  const files: CheckedFile[] = [];
  const prepared = prepare(input, options, unitPass(unitRules, findings), files);
  for (const rule of collectionRules) for (const f of rule.checkAll(prepared)) findings.push(f);
  return {
    findings: sortFindings(
      findings,
      input.files.map((x) => x.file),
    ),
    files,
    unitCount: files.reduce((n, f) => n + f.units.length, 0),
    rules,
  };
}

/**
 * Deterministic order: file (checked files in input order, then others by name), then line; ties keep
 * the order the rules produced them in (units in document order, rules in RULES order).
 */
export function sortFindings(findings: readonly Finding[], fileOrder: readonly string[]): Finding[] {
  const fileRank = new Map(fileOrder.map((f, i) => [f, i]));
  const rank = (f: string): number => fileRank.get(f) ?? fileOrder.length;
  const order = (a: Finding, b: Finding): number => (a.file === b.file ? a.line - b.line : rank(a.file) - rank(b.file) || (a.file < b.file ? -1 : 1));
  // The unit rules report in document order, so the findings are usually in order already: a stable
  // sort would leave them as they are.
  let sorted = true;
  for (let i = 1; i < findings.length && sorted; i++) sorted = order(findings[i - 1]!, findings[i]!) <= 0;
  return sorted ? findings.slice() : [...findings].sort(order);
}

export interface Summary {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

export function summarize(findings: readonly Finding[]): Summary {
  let error = 0;
  let warning = 0;
  let info = 0;
  for (const f of findings) {
    if (f.severity === 'error') error++;
    else if (f.severity === 'warning') warning++;
    else info++;
  }
  return { error, warning, info };
}
