import type { Rule } from '../types.js';
import { safeJson } from '../../text/json.js';

/**
 * The rules table of the README, generated from the rule list so it cannot drift
 * (`kioku check --list-rules --format markdown`).
 */
export function rulesMarkdown(rules: readonly Rule[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  let out = '| Rule | Severity | Category | What it reports |\n| --- | --- | --- | --- |\n';
  for (const r of rules) out += `| \`${r.id}\` | ${r.severity} | ${r.category} | ${esc(r.description)} |\n`;
  return out;
}

export function rulesText(rules: readonly Rule[]): string {
  const w = Math.max(...rules.map((r) => r.id.length));
  return rules.map((r) => `${r.id.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.category.padEnd(12)}  ${r.description}`).join('\n') + '\n';
}

export function rulesJson(rules: readonly Rule[]): string {
  return safeJson({ rules: rules.map((r) => ({ id: r.id, severity: r.severity, category: r.category, description: r.description })) }) + '\n';
}
