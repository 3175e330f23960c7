import type { Finding } from '../../model.js';

/** Workflow-command data escaping: %, CR and LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property escaping: the data escapes plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding: `::error file=F,line=L,title=RULE::MESSAGE`
 * (warning → `::warning`, info → `::notice`), which GitHub shows as annotations on the pull request.
 */
export function reportGithub(findings: readonly Finding[]): string {
  let out = '';
  for (const f of findings) {
    const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const props = [`file=${escapeProperty(f.file)}`, ...(f.line > 0 ? [`line=${f.line}`] : []), `title=${escapeProperty(`kioku ${f.rule} (unit ${f.unit})`)}`];
    let message = f.message;
    if (f.actual !== undefined) message += `\nactual: ${f.actual}`;
    if (f.expected !== undefined) message += `\nexpected: ${f.expected}`;
    out += `::${command} ${props.join(',')}::${escapeData(message)}\n`;
  }
  return out;
}
