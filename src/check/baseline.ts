/**
 * Baselines: findings recorded once (`kioku check … --write-baseline FILE`) and accepted afterwards
 * (`--baseline FILE`), so a project can adopt the check and fail only on new problems. A finding is
 * identified by rule + file + unit + a fingerprint of what it is about (its actual and expected
 * values), never by line numbers or message wording, so edits elsewhere in the file, a re-export that
 * moves units, or a reworded message keep it matched; fixing it (or changing the faulty text) does not.
 */
import type { Finding, Result } from '../model.js';
import { err, ok } from '../model.js';
import { hash64 } from '../text/hash.js';

export interface BaselineEntry {
  readonly rule: string;
  readonly file: string;
  readonly unit: string;
  readonly fingerprint: string;
  /** For the human reading the file; not used to match. */
  readonly message: string;
}

export interface Baseline {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

const normalFile = (file: string): string => file.replace(/\\/g, '/').replace(/^\.\//, '');

/** A stable fingerprint of a finding: rule, unit and its actual/expected values. */
export function fingerprint(f: Finding): string {
  return hash64([f.rule, f.unit, f.actual ?? '', f.expected ?? ''].join('\u0000')).slice(0, 16);
}

const keyOf = (e: { rule: string; file: string; unit: string; fingerprint: string }): string =>
  `${e.rule}\u0000${normalFile(e.file)}\u0000${e.unit}\u0000${e.fingerprint}`;

export function baselineOf(findings: readonly Finding[]): Baseline {
  const entries = findings.map((f) => ({ rule: f.rule, file: normalFile(f.file), unit: f.unit, fingerprint: fingerprint(f), message: f.message }));
  entries.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return { version: 1, findings: entries };
}

/** Deterministic JSON, one finding per line (friendly to diffs and merges), trailing newline. */
export function serializeBaseline(baseline: Baseline): string {
  const lines = baseline.findings.map(
    (e) => '    ' + JSON.stringify({ rule: e.rule, file: e.file, unit: e.unit, fingerprint: e.fingerprint, message: e.message }),
  );
  return `{\n  "version": 1,\n  "tool": "kioku check",\n  "findings": [${lines.length > 0 ? '\n' + lines.join(',\n') + '\n  ' : ''}]\n}\n`;
}

export function parseBaseline(text: string, file: string): Result<Baseline> {
  const bad = (message: string): Result<never> =>
    err({ code: 'content', message: `not a kioku baseline: ${message}`, file, hint: 'write one with kioku check FILE… --write-baseline FILE' });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return bad(`invalid JSON (${(e as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return bad('expected a JSON object');
  const o = data as Record<string, unknown>;
  if (o.version !== 1) return bad(`unsupported version ${JSON.stringify(o.version)}`);
  if (!Array.isArray(o.findings)) return bad('"findings" is not a list');
  const findings: BaselineEntry[] = [];
  for (const [i, e] of o.findings.entries()) {
    const r = e as Record<string, unknown>;
    if (
      typeof e !== 'object' ||
      e === null ||
      typeof r.rule !== 'string' ||
      typeof r.file !== 'string' ||
      typeof r.unit !== 'string' ||
      typeof r.fingerprint !== 'string'
    ) {
      return bad(`finding ${i + 1} needs string rule, file, unit and fingerprint`);
    }
    findings.push({ rule: r.rule, file: r.file, unit: r.unit, fingerprint: r.fingerprint, message: typeof r.message === 'string' ? r.message : '' });
  }
  return ok({ version: 1, findings });
}

export interface BaselineOutcome {
  /** Findings not in the baseline: these count. */
  readonly fresh: readonly Finding[];
  /** How many findings the baseline accepted. */
  readonly accepted: number;
  /** Baseline entries no longer found (fixed, or their text changed). */
  readonly fixed: number;
}

/** Splits findings into new ones and accepted ones; identical findings match one entry each. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const e of baseline.findings) remaining.set(keyOf(e), (remaining.get(keyOf(e)) ?? 0) + 1);
  const fresh: Finding[] = [];
  let accepted = 0;
  for (const f of findings) {
    const key = keyOf({ rule: f.rule, file: f.file, unit: f.unit, fingerprint: fingerprint(f) });
    const n = remaining.get(key) ?? 0;
    if (n > 0) {
      remaining.set(key, n - 1);
      accepted++;
    } else fresh.push(f);
  }
  let fixed = 0;
  for (const n of remaining.values()) fixed += n;
  return { fresh, accepted, fixed };
}
