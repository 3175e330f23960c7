// The translator round trip used by the memory tests and by tests/memory/article-memory.ts:
// export a text with the memory, fill targets the way a CAT tool does, write the file back.
import { readFileSync, writeFileSync } from 'node:fs';
import type { BilingualDocument, UnitState, XliffVersion } from '../../src/model.js';
import { readXliff, writeXliff } from '../../src/xliff/index.js';
import { resolve } from 'node:path';
import { kioku } from '../support/cli.js';

/** `kioku export FILE --memory DIR` (leverage + the export record); returns the document written. */
export async function exportWith(
  cwd: string,
  file: string,
  out: string,
  options: { version?: XliffVersion; memory?: string; copySource?: boolean; approveExact?: boolean; now?: Date } = {},
): Promise<BilingualDocument> {
  const args = ['export', file, '--source-lang', 'ja', '--target-lang', 'en', '--xliff', options.version ?? '1.2', '-o', out];
  if (options.memory) args.push('--memory', options.memory);
  if (options.copySource) args.push('--copy-source');
  if (options.approveExact) args.push('--approve-exact');
  const r = await kioku(args, { cwd, ...(options.now ? { now: options.now } : {}) });
  if (r.code !== 0) throw new Error(`kioku ${args.join(' ')}: ${r.stderr}`);
  const doc = readXliff(readFileSync(resolve(cwd, out), 'utf8'), { file: out });
  if (!doc.ok) throw new Error(doc.error.message);
  return doc.value;
}

/** Sets targets (by unit id) and states in an XLIFF file, as a translator's tool would, and saves it. */
export function fillTargets(
  path: string,
  fill: (unit: { id: string; source: string }) => { target: string; state?: UnitState; source?: string } | undefined,
): BilingualDocument {
  const doc = readXliff(readFileSync(path, 'utf8'), { file: path });
  if (!doc.ok) throw new Error(doc.error.message);
  const filled: BilingualDocument = {
    ...doc.value,
    groups: doc.value.groups.map((g) => ({
      ...g,
      units: g.units.map((u) => {
        const f = fill(u);
        return f ? { ...u, target: f.target, state: f.state ?? 'translated', ...(f.source !== undefined ? { source: f.source } : {}) } : u;
      }),
    })),
  };
  const text = writeXliff(filled, { version: doc.value.version });
  if (!text.ok) throw new Error(text.error.message);
  writeFileSync(path, text.value);
  return filled;
}
