import type { Finding, Severity } from '../../model.js';
import { fingerprint } from '../baseline.js';
import type { Rule } from '../types.js';
import { safeJson } from '../../text/json.js';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

const pascal = (id: string): string => id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const firstSentence = (s: string): string => /^.*?[.:](?=\s|$)/.exec(s)?.[0] ?? s;

/** What a URI path keeps as it is (RFC 3986 `pchar` and `/`): unreserved, sub-delims, `:` and `@`. */
const URI_PATH_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;

/**
 * A file name as a SARIF artifact URI: always a relative reference (SARIF viewers such as GitHub code
 * scanning resolve it against the checkout), never something a viewer could follow as a link of another
 * scheme. Backslashes become `/`; everything outside RFC 3986's path characters is percent-encoded as
 * UTF-8 (spaces, `%`, `#`, `?`, `[`, `]`, non-ASCII; a lone surrogate as U+FFFD); a first segment that
 * holds `:` gets `./` before it (RFC 3986 §4.2: `javascript:alert(1).xlf` would otherwise read as the
 * scheme `javascript`). An absolute path stays an absolute-path reference, which has no scheme either:
 * `/tmp/a.xlf`, a drive letter as `/C:/x/a.xlf` (as in `file:///C:/x/a.xlf`), `//x` as `/x`.
 */
export function artifactUri(file: string): string {
  let out = '';
  for (const ch of file.replace(/\\/g, '/')) {
    if (URI_PATH_CHAR.test(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  // `//host/x` would be a network-path reference (an authority); on POSIX it is the path `/host/x`.
  if (out.startsWith('//')) return out.replace(/^\/+/, '/');
  // A drive letter: the absolute-path reference that file URIs use (`file:///C:/x.xlf`).
  if (/^[A-Za-z]:\//.test(out)) return `/${out}`;
  return out.split('/')[0]!.includes(':') ? `./${out}` : out;
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
