#!/usr/bin/env node
// `npm run format` rewrites kioku's sources with Prettier; `npm run format -- --check` only reports
// (CI runs that). One entry, because Prettier's own `--write --check` writes instead of failing.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = createRequire(import.meta.url).resolve('prettier/bin/prettier.cjs');
const check = process.argv.includes('--check');
const rest = process.argv.slice(2).filter((a) => a !== '--check');
const r = spawnSync(process.execPath, [bin, check ? '--check' : '--write', '--log-level', check ? 'warn' : 'log', ...(rest.length ? rest : ['.'])], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
