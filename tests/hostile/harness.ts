/**
 * Runs one hostile-input case as a real `kioku` process: its own temporary directory holding a copy of
 * a small memory (the article's, from memory/), the case's files, then the command, timed, with its
 * peak memory measured inside the child (tests/hostile/preload.mjs), and the memory directory hashed
 * before and after.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../support/env.js';
import { CLI_ENTRY, TSX_IMPORT } from '../support/spawn.js';
import { hashTree } from '../support/tree.js';

export type Category = 'bytes' | 'xml' | 'semantics' | 'store' | 'output' | 'paths';

export const CATEGORY_TITLES: Record<Category, string> = {
  bytes: 'bytes and encoding',
  xml: 'XML',
  semantics: 'XLIFF/TMX semantics',
  store: 'the store',
  output: 'output injection',
  paths: 'paths, links and the journal',
};

export interface CaseContext {
  /** The case's working directory, the project folder (the command runs here; the memory is `memory/` in it). */
  readonly dir: string;
  readonly memory: string;
  /**
   * The folder that holds the project folder and a neighbouring project (`neighbour/`, with a memory of
   * its own): nothing in it outside `dir/memory` may change, except the outputs a case declares.
   */
  readonly parent: string;
}

export interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time from spawn to exit, including the tsx start (see CALIBRATION in the test). */
  readonly ms: number;
  /** Peak resident memory of the child, MiB (undefined when it died without reaching its exit handler). */
  readonly rssMiB: number | undefined;
  readonly cpuMs: number | undefined;
  readonly memoryBefore: string;
  readonly memoryAfter: string;
  /** Everything under the case's parent folder but the memory and the declared outputs (see `writes`). */
  readonly outsideBefore: string;
  readonly outsideAfter: string;
}

export interface HostileCase {
  readonly category: Category;
  readonly name: string;
  /** Files to create in the case directory (text is written as UTF-8). */
  readonly files?: Readonly<Record<string, string | Uint8Array | (() => string | Uint8Array)>>;
  /** More set-up (corrupt the memory, plant a lock…), before the memory is hashed. */
  readonly setup?: (ctx: CaseContext) => void;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Simulated file-system fault under the memory directory (see preload.mjs). */
  readonly fault?: { readonly code: 'ENOSPC' | 'EROFS' | 'EACCES'; readonly after?: number; readonly under?: string };
  /** The documented exit code. */
  readonly exit: 0 | 1 | 2;
  /** Why success (or 1) is the right outcome: required when `exit` is not 2. */
  readonly why?: string;
  /** Exit 2: the error line (the first line on stderr) must match; it names the file and the position. */
  readonly error?: RegExp;
  /** How many `kioku: error:` lines stderr may hold (import prints one per rejected unit and a summary). */
  readonly errorLines?: number;
  /** A command-line usage error: its one `kioku: error:` line ends with the help pointer `(run kioku CMD --help for usage)`. */
  readonly usage?: boolean;
  /** What the memory directory must look like afterwards (default: byte-identical). */
  readonly memory?: 'identical' | ((ctx: CaseContext, before: string, after: string) => void);
  /** Further checks on the outcome. */
  readonly check?: (outcome: Outcome, ctx: CaseContext) => void;
  /** Runs alone (heavy cases whose timing another child running beside them would distort). */
  readonly alone?: boolean;
  /**
   * Paths (relative to the project folder; a trailing `/` for a folder) the command may create or change
   * outside the memory: its outputs. Everything else under the parent folder — the project's other
   * files, a neighbouring project and its memory — must be byte-identical afterwards.
   */
  readonly writes?: readonly string[];
}

/** The limits of issue 7 for every case. */
export const LIMITS = { ms: 5000, rssMiB: 512 } as const;

const PRELOAD = pathToFileURL(join(ROOT, 'tests', 'hostile', 'preload.mjs')).href;

let workRoot: string | undefined;
/** A fresh root for the suite's case directories, and a template memory copied from memory/. */
export function suiteRoot(): string {
  if (workRoot) return workRoot;
  workRoot = mkdtempSync(join(tmpdir(), 'kioku-hostile-'));
  const template = join(workRoot, 'template-memory');
  // The article's own memory: 58 units and the export record of article.ja.txt. Derived files stay behind.
  cpSync(join(ROOT, 'memory'), template, { recursive: true, filter: (src) => !/[\\/]\.(cache|lock|journal)$/.test(src) && !/\.tmp$/.test(src) });
  return workRoot;
}

export function cleanupSuite(): void {
  if (workRoot) rmSync(workRoot, { recursive: true, force: true });
  workRoot = undefined;
}

// At most as many children at once as there are cores: each is a whole Node process with tsx.
const slots = Math.max(2, availableParallelism());
let running = 0;
let exclusive = false;
// While a case that runs alone waits, no other child starts (else it could wait for a whole category).
let aloneWaiting = 0;
const waiting: Array<() => void> = [];
async function acquire(alone: boolean): Promise<void> {
  if (alone) aloneWaiting++;
  for (;;) {
    if (!exclusive && (alone ? running === 0 : running < slots && aloneWaiting === 0)) {
      running++;
      if (alone) {
        aloneWaiting--;
        exclusive = true;
      }
      return;
    }
    await new Promise<void>((r) => waiting.push(r));
  }
}
function release(alone: boolean): void {
  running--;
  if (alone) exclusive = false;
  for (const w of waiting.splice(0)) w();
}

let caseNo = 0;

/** Sets up the case directory, runs the command and returns what happened. */
export async function runCase(c: HostileCase): Promise<{ outcome: Outcome; ctx: CaseContext }> {
  const root = suiteRoot();
  const parent = join(root, `case-${String(++caseNo).padStart(3, '0')}`);
  const dir = join(parent, 'project');
  mkdirSync(dir, { recursive: true });
  const memory = join(dir, 'memory');
  cpSync(join(root, 'template-memory'), memory, { recursive: true });
  // A neighbouring project with a memory of its own: what `../other/memory` in a file would aim at.
  cpSync(join(root, 'template-memory'), join(parent, 'neighbour', 'memory'), { recursive: true });
  writeFileSync(join(parent, 'neighbour', 'notes.txt'), 'a file nobody may touch\n');
  const ctx: CaseContext = { dir, memory, parent };
  for (const [name, content] of Object.entries(c.files ?? {})) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    const data = typeof content === 'function' ? content() : content;
    writeFileSync(path, data);
  }
  c.setup?.(ctx);
  const memoryBefore = hashTree(memory);
  const skip = outsideSkip(c);
  const outsideBefore = hashOutside(parent, skip);
  const rssFile = join(root, `rss-${caseNo}-${process.pid}.json`);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NO_COLOR: '1',
    KIOKU_TEST_RSS_FILE: rssFile,
    ...(c.fault
      ? { KIOKU_TEST_FAULT: c.fault.code, KIOKU_TEST_FAULT_DIR: join(dir, c.fault.under ?? 'memory'), KIOKU_TEST_FAULT_AFTER: String(c.fault.after ?? 0) }
      : {}),
  };
  // The runner's own colour and debug settings stay out; a case's `env` may set them.
  delete env.FORCE_COLOR;
  delete env.KIOKU_DEBUG;
  Object.assign(env, c.env);
  await acquire(c.alone === true);
  try {
    const started = performance.now();
    const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [...TSX_IMPORT, '--import', PRELOAD, CLI_ENTRY, ...c.args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      // Far past the limit: a hung child is killed so the suite reports it instead of hanging.
      const timer = setTimeout(() => child.kill('SIGKILL'), LIMITS.ms * 4);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
    const ms = performance.now() - started;
    let rssMiB: number | undefined;
    let cpuMs: number | undefined;
    if (existsSync(rssFile)) {
      const r = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; cpuMs: number };
      rssMiB = Math.round(r.maxRssKiB / 1024);
      cpuMs = r.cpuMs;
    }
    return {
      outcome: { ...result, ms, rssMiB, cpuMs, memoryBefore, memoryAfter: hashTree(memory), outsideBefore, outsideAfter: hashOutside(parent, skip) },
      ctx,
    };
  } finally {
    release(c.alone === true);
  }
}

/** What hashOutside leaves out: the memory and the case's declared outputs, relative to the parent folder. */
function outsideSkip(c: HostileCase): (rel: string) => boolean {
  const outputs = (c.writes ?? []).map((w) => `project/${w}`);
  return (rel) => rel === 'project/memory' || outputs.some((w) => (w.endsWith('/') ? rel === w.slice(0, -1) || rel.startsWith(w) : rel === w));
}

/**
 * A hash of every entry under `root` (type, relative path, bytes; a symlink by its target, never
 * followed) but those `skip` names: proves a command created, changed or deleted nothing outside the
 * memory and its outputs. Lists the entries too, so a failure can say what differs.
 */
export function hashOutside(root: string, skip: (rel: string) => boolean): string {
  const h = createHash('sha256');
  const names: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (skip(r)) continue;
      const p = join(d, e.name);
      if (e.isSymbolicLink()) {
        names.push(`l ${r} -> ${readlinkSync(p)}`);
      } else if (e.isDirectory()) {
        names.push(`d ${r}`);
        walk(p, r);
      } else if (e.isFile()) {
        names.push(`f ${r}`);
        h.update(`f ${r}\n`).update(readFileSync(p)).update('\n');
      } else {
        names.push(`o ${r}`);
      }
    }
  };
  walk(root, '');
  h.update(names.join('\n'));
  return `${h.digest('hex').slice(0, 16)} ${names.join(', ')}`;
}

/**
 * Characters that act on a terminal: C0 (but tab and newline), DEL, C1, every bidi control
 * (embeddings/overrides/isolates, LRM/RLM/ALM) and the line/paragraph separators U+2028/2029.
 */
export const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The strings of a stack trace, in case one slips through. */
export const STACK_TRACE = /\n\s+at .+[:(]\d+|node:internal|\bTypeError\b|\bRangeError\b|\bReferenceError\b|Error: .*\n\s+at /;
