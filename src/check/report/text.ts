import type { Finding } from '../../model.js';
import { summarize } from '../run.js';

/** How the text report styles and cleans what it prints (the CLI passes its TTY palette and safeText). */
export interface TextStyle {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly green: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  /** Makes data safe for a terminal (control characters escaped). */
  readonly clean: (s: string) => string;
}

const plain = (s: string): string => s;
export const PLAIN_STYLE: TextStyle = { red: plain, yellow: plain, blue: plain, green: plain, dim: plain, bold: plain, clean: plain };

export interface TextReportInfo {
  readonly unitCount: number;
  readonly fileCount: number;
  /** Findings the baseline accepted (not shown). */
  readonly baselineAccepted?: number;
  /** Baseline entries that no longer occur. */
  readonly baselineFixed?: number;
}

/** Findings grouped by file and unit, one line each, with actual/expected below; a summary line. */
export function reportText(findings: readonly Finding[], info: TextReportInfo, style: TextStyle = PLAIN_STYLE): string {
  const c = style;
  const one = (s: string): string => c.clean(s.replace(/\r\n|\r|\n/g, '⏎'));
  let out = '';
  let file: string | undefined;
  let unitKey: string | undefined;
  const ruleWidth = Math.max(0, ...findings.map((f) => f.rule.length));
  for (const f of findings) {
    if (f.file !== file) {
      file = f.file;
      unitKey = undefined;
      out += (out === '' ? '' : '\n') + c.bold(one(f.file)) + '\n';
    }
    const key = `${f.unit}\u0000${f.line}`;
    if (key !== unitKey) {
      unitKey = key;
      const name = f.part ? `unit ${one(f.part.unit)}, segment ${one(f.part.segment)}` : `unit ${one(f.unit)}`;
      out += `  ${c.blue(name)}${f.line > 0 ? c.dim(` (line ${f.line})`) : ''}\n`;
    }
    const sev = f.severity === 'error' ? c.red('error  ') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info   ');
    out += `    ${sev} ${c.dim(f.rule.padEnd(ruleWidth))}  ${one(f.message)}\n`;
    if (f.actual !== undefined || f.expected !== undefined) {
      const pad = ' '.repeat(4 + 7 + 1 + ruleWidth + 2);
      const parts = [f.actual !== undefined ? `actual: ${one(f.actual)}` : '', f.expected !== undefined ? `expected: ${one(f.expected)}` : ''].filter(
        (p) => p !== '',
      );
      out += `${pad}${c.dim(parts.join('  ·  '))}\n`;
    }
  }
  const s = summarize(findings);
  const scope = `${info.unitCount} unit${info.unitCount === 1 ? '' : 's'} in ${info.fileCount} file${info.fileCount === 1 ? '' : 's'}`;
  const base =
    (info.baselineAccepted ?? 0) > 0 || (info.baselineFixed ?? 0) > 0
      ? c.dim(` (baseline: ${info.baselineAccepted ?? 0} accepted, ${info.baselineFixed ?? 0} no longer found)`)
      : '';
  if (findings.length === 0) return out + c.green(`✔ no problems in ${scope}`) + base + '\n';
  const counts = [
    `${s.error} error${s.error === 1 ? '' : 's'}`,
    `${s.warning} warning${s.warning === 1 ? '' : 's'}`,
    ...(s.info > 0 ? [`${s.info} info`] : []),
  ];
  const mark = s.error > 0 ? c.red('✖') : c.yellow('⚠');
  return out + `\n${mark} ${findings.length} problem${findings.length === 1 ? '' : 's'} (${counts.join(', ')}) in ${scope}` + base + '\n';
}
