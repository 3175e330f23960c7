import type { MemoryInfo } from '../../jobs/memory.js';
import { safeText } from '../output.js';

/** `kioku memory info` for a terminal: the unit count, then a line per language pair and per exported document. */
export function renderMemoryInfoText(info: MemoryInfo): string {
  let out = `${safeText(info.memory, { singleLine: true })}: ${info.units} units\n`;
  for (const p of info.pairs) out += `  ${safeText(p.pair, { singleLine: true })}: ${p.units} units from ${p.documents} document(s)\n`;
  for (const r of info.exports)
    out += `  exported ${safeText(r.document, { singleLine: true })} (${r.sourceLang}→${r.targetLang}, ${r.segments} segments) at ${r.exported}\n`;
  return out;
}
