import type { Finding } from '../../model.js';
import { summarize } from '../run.js';
import { safeJson } from '../../text/json.js';

/**
 * `--format json`, the documented stable shape:
 * `{"findings":[{"rule","severity","file","line","unit","message","actual"?,"expected"?}…],"summary":{"error","warning","info"}}`.
 */
export function reportJson(findings: readonly Finding[]): string {
  const out = findings.map((f) => {
    const o: Record<string, string | number> = { rule: f.rule, severity: f.severity, file: f.file, line: f.line, unit: f.unit, message: f.message };
    if (f.actual !== undefined) o.actual = f.actual;
    if (f.expected !== undefined) o.expected = f.expected;
    return o;
  });
  return safeJson({ findings: out, summary: summarize(findings) }) + '\n';
}
