// `npm run eval [-- NAME…]`: accuracy evaluations whose tables go into the README (segmentation suites,
// alignment F1, revision-diff precision/recall, seeded QA defects, reliability). Each is a module
// tests/eval/NAME.eval.ts exporting `run(): Promise<void>` that prints Markdown.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const all = readdirSync(here)
  .filter((f) => f.endsWith('.eval.ts'))
  .map((f) => f.replace(/\.eval\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : all;
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`eval: unknown evaluation ${name}; available: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## ${name}\n`);
  const mod = (await import(pathToFileURL(`${here}/${name}.eval.ts`).href)) as { run: () => Promise<void> };
  await mod.run();
}
