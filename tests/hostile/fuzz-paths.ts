/**
 * The path fuzzer of issue 11: mutants of what an untrusted file or a pull request controls —
 * language attributes of XLIFF and TMX files, the memory's journal, the layout of the memory folder
 * (symlinks, FIFOs, directories and files where the store expects the other) — each run through a
 * real kioku command (in-process, `run()` of src/cli/main.ts), asserting that no path outside the
 * memory is ever created, changed or deleted, that files of the user's inside the memory survive, and
 * that no command ends in an internal error.
 *
 * Run as a child process (a mutant that hangs must not hang the test runner): one JSON line per
 * mutant on stdout; the parent (fuzz.test.ts, or the reliability benchmark) kills a child that goes
 * quiet. `node --import tsx tests/hostile/fuzz-paths.ts --seed 1 --count 300 [--work DIR]`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIR, CACHE_FILE } from '../../src/io/layout.js';
import { run } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import { rng } from '../support/rng.mjs';
import { ROOT } from '../support/env.js';
import { ARTICLE_JA, articleXliff, tmx, tu } from './builders.js';

export interface MutantResult {
  readonly n: number;
  readonly family: 'language' | 'journal' | 'layout';
  /** What was done to the file or the folder, in words (enough to reproduce it by hand). */
  readonly mutations: readonly string[];
  readonly args: readonly string[];
  readonly code: number;
  /** Paths outside the memory (relative to the mutant's folder) created, changed or deleted. */
  readonly violations: readonly string[];
  /** The first line of stderr when it was an internal error (a bug, not a refusal). */
  readonly internal?: string;
  readonly ms: number;
}

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Language values an attacker or an unlucky tool writes. `@P` is replaced by the mutant's folder. */
const LANG_POOL = [
  '../x',
  'ja_en/../ja',
  '../other/memory/ja',
  '../../neighbour/memory/ja',
  '..',
  '.',
  '',
  ' ',
  '/',
  '@P/neighbour/memory/ja',
  'ja/..',
  'ja\\..\\..\\x',
  'ja%2F..%2F..',
  'ja\n',
  'ja_JP',
  'en_US',
  'EN-us',
  'ja-JP',
  'x-../..',
  'ja-',
  '-ja',
  'ja--en',
  'zh-Hant-TW',
  'ja_en',
  'a'.repeat(300),
  '*all*',
  'ja.UTF-8',
  'en@euro',
  '\u202eja',
  'ｊａ',
  'ja/en',
  'ja_en_x',
  '.cache',
  '.journal',
];
const SEPARATORS = ['/', '\\', '_', '-', '..', '.', '', '/../'];

function langValue(r: Random, parent: string): string {
  let v: string;
  if (r() < 0.6) v = pick(r, LANG_POOL);
  else {
    const parts = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, ['ja', 'en', '..', 'neighbour', 'memory', 'ja_en', 'x', '@P']));
    v = parts.map((p, i) => (i === 0 ? p : pick(r, SEPARATORS) + p)).join('');
  }
  return v.replace('@P', parent);
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Store paths, and paths that are not, for the journal's `path` and `staged` fields. */
function journalPath(r: Random, parent: string, token: string): string {
  return pick(r, [
    '../victim.txt',
    '../../neighbour/notes.txt',
    `${parent}/neighbour/memory/ja_en/units.jsonl`,
    `${parent}/project/victim.txt`,
    'ja_en/units.jsonl',
    'ja_en/../../victim.txt',
    'ja_en/exports.jsonl',
    '.gitattributes',
    'README.md',
    '../../neighbour/memory/ja_en/units.jsonl',
    'ja_en',
    '',
    '.',
    '..',
    'ja_en/units-00.jsonl',
    'x_y/units.jsonl',
    '../planted.sh',
    'ja_en/notes.txt',
    `ja_en/.units.jsonl.${token}.new`,
    'ja_en/.review-notes.tmp',
    '.cache/../../victim.txt',
    'ja_en\\..\\..\\victim.txt',
    'ja_en/units.jsonl\u0000',
    'NOTES.md',
  ]);
}

function journalText(r: Random, parent: string): { text: string; words: string } {
  const token = pick(r, [`${process.pid}.abc123`, '1.kq2x9z0a', '../..', '', 'x']);
  const shape = r();
  if (shape < 0.15) {
    const raw = pick(r, [
      'null',
      '[]',
      '{"files":5}',
      '{"token":1,"files":[]}',
      '{"token":"x","files":[null]}',
      '{"token":"x","files":"../victim.txt"}',
      '{"token":"x","files":[{"path":5}]}',
      '{',
      '"x"',
      '[['.repeat(5000),
      '{"files":[{"path":"../victim.txt","remove":true}]',
    ]);
    return { text: raw, words: `a journal of the wrong shape ${JSON.stringify(raw.slice(0, 60))}` };
  }
  const files = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
    const entry: Record<string, unknown> = { path: journalPath(r, parent, token) };
    const k = r();
    if (k < 0.4) entry.remove = true;
    else {
      entry.staged = journalPath(r, parent, token);
      if (r() < 0.7) entry.sum = pick(r, ['00000000', 'deadbeef', 'zz']);
    }
    return entry;
  });
  const text = JSON.stringify({ token, files }) + '\n';
  return { text, words: `journal ${text.trim()}` };
}

/** Puts a FIFO at `path` (mkfifo from coreutils), or reports that it could not. */
function mkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}

/** Changes the memory folder's layout in one way; returns what it did. */
function mutateLayout(r: Random, memory: string, parent: string): string {
  const pair = join(memory, 'ja_en');
  const shard = join(pair, 'units.jsonl');
  const neighbourPair = join(parent, 'neighbour', 'memory', 'ja_en');
  const victim = join(parent, 'project', 'victim.txt');
  const which = Math.floor(r() * 16);
  const replace = (path: string, make: () => void) => {
    rmSync(path, { recursive: true, force: true });
    make();
  };
  switch (which) {
    case 0:
      replace(pair, () => symlinkSync(neighbourPair, pair));
      return "ja_en is a symlink to the neighbouring project's ja_en";
    case 1:
      replace(shard, () => symlinkSync(victim, shard));
      return 'ja_en/units.jsonl is a symlink to ../victim.txt';
    case 2:
      replace(shard, () => symlinkSync(join(neighbourPair, 'units.jsonl'), shard));
      return "ja_en/units.jsonl is a symlink to the neighbour's shard";
    case 3:
      replace(join(pair, 'exports.jsonl'), () => symlinkSync(join(neighbourPair, 'exports.jsonl'), join(pair, 'exports.jsonl')));
      return "ja_en/exports.jsonl is a symlink to the neighbour's";
    case 4:
      mkdirSync(join(memory, '.lock'));
      return '.lock is a directory';
    case 5:
      return mkfifo(join(memory, '.lock')) ? '.lock is a FIFO' : 'no mkfifo: nothing';
    case 6:
      symlinkSync(victim, join(memory, '.lock'));
      return '.lock is a symlink to ../victim.txt';
    case 7:
      symlinkSync(victim, join(memory, '.journal'));
      return '.journal is a symlink to ../victim.txt';
    case 8:
      replace(join(memory, '.cache'), () => symlinkSync(join(parent, 'neighbour'), join(memory, '.cache')));
      return '.cache is a symlink to the neighbouring project';
    case 9:
      mkdirSync(join(memory, '.cache'), { recursive: true });
      rmSync(join(memory, CACHE_DIR, CACHE_FILE), { force: true });
      symlinkSync(victim, join(memory, CACHE_DIR, CACHE_FILE));
      return `.cache/${CACHE_FILE} is a symlink to ../victim.txt`;
    case 10: {
      // An earlier mutation may have made the shard a FIFO or a link: read only a regular file (a FIFO would block the fuzzer itself).
      const text = lstatSync(shard, { throwIfNoEntry: false })?.isFile() ? readFileSync(shard) : '';
      replace(pair, () => writeFileSync(pair, text));
      return 'ja_en is a regular file';
    }
    case 11:
      replace(shard, () => {
        if (!mkfifo(shard)) writeFileSync(shard, '');
      });
      return 'ja_en/units.jsonl is a FIFO';
    case 12:
      mkdirSync(join(memory, 'JA_en'));
      symlinkSync(victim, join(memory, 'JA_en', 'units.jsonl'));
      return 'JA_en/units.jsonl is a symlink to ../victim.txt';
    case 13:
      renameSync(pair, join(memory, 'ja_JP_en_US'));
      return 'the pair folder is named ja_JP_en_US';
    case 14:
      symlinkSync(join(parent, 'neighbour', 'memory'), join(memory, 'en_ja'));
      return "en_ja is a symlink to the neighbour's whole memory";
    default:
      replace(join(pair, 'units-00.jsonl'), () => symlinkSync(victim, join(pair, 'units-00.jsonl')));
      return 'ja_en/units-00.jsonl is a symlink to ../victim.txt';
  }
}

/** The XLIFF or TMX a mutant sends, with its language attributes replaced. */
function languageFile(r: Random, parent: string): { name: string; text: string; words: string[] } {
  const words: string[] = [];
  const value = () => {
    const v = langValue(r, parent);
    return v;
  };
  const kind = pick(r, ['1.2', '2.0', 'tmx', 'tmx11'] as const);
  if (kind === '1.2' || kind === '2.0') {
    const revise = (d: Parameters<NonNullable<Parameters<typeof articleXliff>[1]>>[0]) => ({
      ...d,
      groups: d.groups.map((g) => ({ ...g, units: g.units.map((u) => (u.target ? { ...u, target: `${u.target} (revised)` } : u)) })),
    });
    let text = articleXliff(kind, revise);
    const attrs = kind === '1.2' ? ['source-language', 'target-language'] : ['srcLang', 'trgLang'];
    for (const a of attrs) {
      if (r() < 0.6) {
        const v = value();
        words.push(`${a}=${JSON.stringify(v)}`);
        text = text.replace(new RegExp(`${a}="[^"]*"`), `${a}="${escapeAttr(v)}"`);
      }
    }
    if (r() < 0.3) {
      const v = value();
      words.push(`xml:lang=${JSON.stringify(v)} on the targets`);
      text = text.replace(/<target(?=[ >])/g, `<target xml:lang="${escapeAttr(v)}"`);
    }
    if (words.length === 0) {
      const v = value();
      words.push(`${attrs[0]}=${JSON.stringify(v)}`);
      text = text.replace(new RegExp(`${attrs[0]}="[^"]*"`), `${attrs[0]}="${escapeAttr(v)}"`);
    }
    return { name: 'job.xlf', text, words: [`XLIFF ${kind}`, ...words] };
  }
  const src = r() < 0.5 ? value() : 'ja';
  const ja = r() < 0.6 ? value() : 'ja';
  const en = r() < 0.6 ? value() : 'en';
  words.push(
    `TMX ${kind === 'tmx11' ? '1.1 (lang=)' : '1.4'}`,
    `srclang=${JSON.stringify(src)}`,
    `ja variant ${JSON.stringify(ja)}`,
    `en variant ${JSON.stringify(en)}`,
  );
  const attr = kind === 'tmx11' ? 'lang' : 'xml:lang';
  const body = [tu('北朝鮮兵が到着した。', 'North Korean soldiers arrived.'), tu('新しい文だ。', 'A new sentence.')]
    .map((t) => t.replace('xml:lang="ja"', `${attr}="${escapeAttr(ja)}"`).replace('xml:lang="en"', `${attr}="${escapeAttr(en)}"`))
    .join('\n');
  return { name: 'job.tmx', text: tmx(body, `srclang="${escapeAttr(src)}"`), words };
}

const READ_COMMANDS: ReadonlyArray<readonly string[]> = [
  ['lookup', '北朝鮮兵'],
  ['search', 'ドローン'],
  ['memory', 'info'],
  ['memory', 'fsck'],
  ['memory', 'fsck', '--fix'],
  ['memory', 'fsck', '--fix', '--drop-edits'],
  ['tmx', 'export', '-o', 'out.tmx'],
  ['export', 'article.ja.txt', '--target-lang', 'en', '--memory', 'memory', '-o', 'out.xlf'],
  ['diff', '--since-last', 'article.ja.txt'],
  ['check', 'job.xlf'],
  ['import', 'job.xlf'],
];
/** What a mutant's command may write outside the memory. */
const OUTPUTS = new Set(['project/out.tmx', 'project/out.xlf']);

/** type + bytes of every entry under `root` but the memory and the outputs; symlinks by target, never followed. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d)) {
      const r = rel ? `${rel}/${name}` : name;
      if (r === 'project/memory' || OUTPUTS.has(r)) continue;
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(r, `l ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.set(r, 'd');
        walk(p, r);
      } else if (st.isFile()) out.set(r, `f ${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
      else out.set(r, `o ${st.mode}`);
    }
  };
  walk(root, '');
  return out;
}

function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [p, v] of before) {
    const now = after.get(p);
    if (now === undefined) out.push(`deleted ${p}`);
    else if (now !== v) out.push(`changed ${p}`);
  }
  for (const p of after.keys()) if (!before.has(p)) out.push(`created ${p}`);
  return out;
}

/** Files of the user's inside the memory that no command may delete or change. */
const USER_FILES: Readonly<Record<string, string>> = {
  'NOTES.md': "the team's notes\n",
  'ja_en/.review-notes.tmp': "a reviewer's scratch file\n",
};

async function runMutant(n: number, r: Random, template: string, work: string): Promise<MutantResult> {
  const parent = join(work, `m-${String(n).padStart(5, '0')}`);
  const project = join(parent, 'project');
  const memory = join(project, 'memory');
  mkdirSync(project, { recursive: true });
  cpSync(template, memory, { recursive: true });
  cpSync(template, join(parent, 'neighbour', 'memory'), { recursive: true });
  writeFileSync(join(parent, 'neighbour', 'notes.txt'), 'a file nobody may touch\n');
  writeFileSync(join(project, 'victim.txt'), 'a file of the project\n');
  writeFileSync(join(project, 'article.ja.txt'), ARTICLE_JA);
  for (const [f, text] of Object.entries(USER_FILES)) writeFileSync(join(memory, f), text);
  const mutations: string[] = [];
  const roll = r();
  const family: MutantResult['family'] = roll < 0.4 ? 'language' : roll < 0.7 ? 'journal' : 'layout';
  let args: readonly string[];
  if (family === 'language') {
    const file = languageFile(r, parent);
    writeFileSync(join(project, file.name), file.text);
    mutations.push(...file.words);
    args =
      file.name === 'job.tmx'
        ? ['tmx', 'import', 'job.tmx']
        : pick(r, [
            ['import', 'job.xlf'],
            ['import', 'job.xlf'],
            ['check', 'job.xlf'],
          ]);
  } else {
    writeFileSync(join(project, 'job.xlf'), articleXliff('2.0'));
    const count = 1 + Math.floor(r() * 2);
    for (let i = 0; i < count; i++) {
      if (family === 'journal' && i === 0) {
        const j = journalText(r, parent);
        writeFileSync(join(memory, '.journal'), j.text);
        mutations.push(j.words);
        // A staged file of kioku's shape, so a journal naming it has something to rename.
        if (r() < 0.5) {
          writeFileSync(join(memory, 'ja_en', '.units.jsonl.1.kq2x9z0a.new'), 'planted\n');
          mutations.push('a staged file ja_en/.units.jsonl.1.kq2x9z0a.new holding "planted"');
        }
      } else {
        try {
          mutations.push(mutateLayout(r, memory, parent));
        } catch (e) {
          mutations.push(`layout change failed: ${(e as Error).message}`);
        }
      }
    }
    args = pick(r, READ_COMMANDS);
  }
  // User files the layout change removed (their folder replaced) are not the command's doing.
  const userFiles = Object.keys(USER_FILES).filter((f) => {
    try {
      return lstatSync(join(memory, f)).isFile() && readFileSync(join(memory, f), 'utf8') === USER_FILES[f];
    } catch {
      return false;
    }
  });
  const before = snapshot(parent);
  let stderr = '';
  const ctx: CliContext = {
    stdout: { write: () => undefined, isTTY: false },
    stderr: { write: (s) => void (stderr += s), isTTY: false },
    cwd: project,
    env: { NO_COLOR: '1' },
    now: () => new Date('2026-06-01T00:00:00Z'),
  };
  // KIOKU_FUZZ_TRACE=1 names each mutant before it runs: the way to see the one a hang stops on.
  if (process.env.KIOKU_FUZZ_TRACE) process.stderr.write(`${JSON.stringify({ n, family, mutations, args })}\n`);
  const started = performance.now();
  let code: number;
  try {
    code = await run(args, ctx);
  } catch (e) {
    code = -1;
    stderr = `kioku: internal error: run() threw ${(e as Error).message}`;
  }
  const ms = performance.now() - started;
  const violations = differences(before, snapshot(parent));
  for (const f of userFiles) {
    let now: string | undefined;
    try {
      now = lstatSync(join(memory, f)).isFile() ? readFileSync(join(memory, f), 'utf8') : undefined;
    } catch {
      now = undefined;
    }
    if (now !== USER_FILES[f]) violations.push(`the user's memory/${f} was ${now === undefined ? 'deleted' : 'changed'}`);
  }
  const internal = stderr.split('\n').find((l) => l.startsWith('kioku: internal error'));
  rmSync(parent, { recursive: true, force: true });
  return { n, family, mutations, args, code, violations, ms: Math.round(ms), ...(internal ? { internal } : {}) };
}

/** Runs `count` mutants from `seed`, calling `report` after each. */
export async function fuzzPaths(seed: number, count: number, work: string, report: (m: MutantResult) => void): Promise<void> {
  // Lock waits are the one place a command may legitimately wait: keep them short here.
  process.env.KIOKU_LOCK_TIMEOUT = '300';
  const template = join(work, 'template-memory');
  cpSync(join(ROOT, 'memory'), template, { recursive: true, filter: (src) => !/[\\/]\.(cache|lock|journal)$/.test(src) });
  const r = rng(seed);
  for (let n = 0; n < count; n++) report(await runMutant(n, r, template, work));
}

if (process.argv[1] && /fuzz-paths\.ts$/.test(process.argv[1])) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? fallback : process.argv[i + 1]!;
  };
  const work = arg('work', '') || mkdtempSync(join(tmpdir(), 'kioku-fuzz-'));
  const own = arg('work', '') === '';
  try {
    await fuzzPaths(Number(arg('seed', '1')), Number(arg('count', '300')), work, (m) => process.stdout.write(JSON.stringify(m) + '\n'));
  } finally {
    if (own && existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
}
