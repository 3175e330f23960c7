import type { Finding } from '../../model.js';
import type { CheckedFile } from '../run.js';
import { xmlAttr, xmlText } from './xml.js';

/**
 * JUnit XML: one <testsuite> per file, one <testcase> per unit; a unit with error findings fails (one
 * <failure> listing all of them), warnings and info go to the test case's <system-out>. Findings about
 * segments without a unit (missing-unit) become test cases of the source file they point to.
 */
export function reportJunit(findings: readonly Finding[], files: readonly CheckedFile[]): string {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.file}\u0000${f.unit}`;
    let list = byKey.get(key);
    if (list === undefined) byKey.set(key, (list = []));
    list.push(f);
  }
  const suites: Array<{ file: string; cases: Array<{ unit: string; line: number; findings: Finding[] }> }> = [];
  const known = new Set<string>();
  for (const file of files) {
    const cases = file.units.map((u) => {
      known.add(`${file.file}\u0000${u.id}`);
      return { unit: u.id, line: u.line, findings: byKey.get(`${file.file}\u0000${u.id}`) ?? [] };
    });
    suites.push({ file: file.file, cases });
  }
  for (const f of findings) {
    const key = `${f.file}\u0000${f.unit}`;
    if (known.has(key)) continue;
    known.add(key);
    let suite = suites.find((s) => s.file === f.file);
    if (suite === undefined) suites.push((suite = { file: f.file, cases: [] }));
    suite.cases.push({ unit: f.unit, line: f.line, findings: byKey.get(key)! });
  }
  const failed = (c: { findings: Finding[] }): boolean => c.findings.some((f) => f.severity === 'error');
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter(failed).length, 0);
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites name="kioku check" tests="${total}" failures="${failures}" errors="0">\n`;
  for (const s of suites) {
    out += `  <testsuite name="${xmlAttr(s.file)}" tests="${s.cases.length}" failures="${s.cases.filter(failed).length}" errors="0" skipped="0">\n`;
    for (const c of s.cases) {
      const name = `unit ${c.unit}${c.line > 0 ? ` (line ${c.line})` : ''}`;
      const errors = c.findings.filter((f) => f.severity === 'error');
      const others = c.findings.filter((f) => f.severity !== 'error');
      if (c.findings.length === 0) {
        out += `    <testcase classname="${xmlAttr(s.file)}" name="${xmlAttr(name)}"/>\n`;
        continue;
      }
      out += `    <testcase classname="${xmlAttr(s.file)}" name="${xmlAttr(name)}">\n`;
      if (errors.length > 0) {
        const first = errors[0]!;
        const message = errors.length === 1 ? `${first.rule}: ${first.message}` : `${errors.length} errors; ${first.rule}: ${first.message}`;
        out += `      <failure type="${xmlAttr(errors.map((e) => e.rule).join(' '))}" message="${xmlAttr(message)}">${xmlText(errors.map(detail).join('\n'))}</failure>\n`;
      }
      if (others.length > 0) out += `      <system-out>${xmlText(others.map(detail).join('\n'))}</system-out>\n`;
      out += '    </testcase>\n';
    }
    out += '  </testsuite>\n';
  }
  return out + '</testsuites>\n';
}

function detail(f: Finding): string {
  let s = `${f.severity} ${f.rule} ${f.file}${f.line > 0 ? `:${f.line}` : ''} (unit ${f.unit}): ${f.message}`;
  if (f.actual !== undefined) s += `\n  actual: ${f.actual}`;
  if (f.expected !== undefined) s += `\n  expected: ${f.expected}`;
  return s;
}
