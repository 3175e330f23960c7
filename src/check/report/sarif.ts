import type { Finding, Severity } from '../../model.js';
import { fingerprint } from '../baseline.js';
import type { Rule } from '../types.js';
import { safeJson } from '../../text/json.js';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

const pascal = (id: string): string => id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const firstSentence = (s: string): string => /^.*?[.:](?=\s|$)/.exec(s)?.[0] ?? s;

/** A file name as a SARIF artifact URI (a relative URI reference, forward slashes, percent-encoded). */
export function artifactUri(file: string): string {
  return encodeURI(file.replace(/\\/g, '/')).replace(/[?#]/g, (c) => encodeURIComponent(c));
}

export interface SarifOptions {
  readonly version: string;
  /** Every rule that ran, described in `tool.driver.rules` (results point into it by index). */
  readonly rules: readonly Rule[];
}

/** SARIF 2.1.0: one run, rule metadata for every rule that ran, one result per finding. */
export function reportSarif(findings: readonly Finding[], options: SarifOptions): string {
  const index = new Map(options.rules.map((r, i) => [r.id, i]));
  const rules = options.rules.map((r) => ({
    id: r.id,
    // SARIF wants a readable name that differs from the opaque id (case-insensitively).
    name: `${pascal(r.id)}Check`,
    shortDescription: { text: firstSentence(r.description) },
    fullDescription: { text: r.description },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['translation', r.category] },
  }));
  const results = findings.map((f) => {
    let text = f.message;
    if (f.actual !== undefined) text += ` (actual: ${f.actual})`;
    if (f.expected !== undefined) text += ` (expected: ${f.expected})`;
    const physicalLocation: Record<string, unknown> = { artifactLocation: { uri: artifactUri(f.file) } };
    if (f.line > 0) physicalLocation.region = { startLine: f.line };
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
      level: LEVEL[f.severity],
      message: { text },
      locations: [{ physicalLocation, logicalLocations: [{ name: f.unit, kind: 'element' }] }],
      partialFingerprints: { 'kiokuFinding/v1': fingerprint(f) },
    };
    if (f.actual !== undefined || f.expected !== undefined) {
      result.properties = { ...(f.actual !== undefined ? { actual: f.actual } : {}), ...(f.expected !== undefined ? { expected: f.expected } : {}) };
    }
    return result;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kioku', semanticVersion: options.version, version: options.version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return safeJson(log, 2) + '\n';
}
