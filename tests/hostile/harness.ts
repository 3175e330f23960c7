/**
 * Runs one hostile-input case as a real `kioku` process: its own temporary directory holding a copy of
 * a small memory (the article's, from memory/), the case's files, then the command, timed, with its
 * peak memory measured inside the child (tests/hostile/preload.mjs), and the memory directory hashed
 * before and after.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../support/env.js';
import { CLI_ENTRY, TSX_IMPORT } from '../support/spawn.js';
import { hashTree } from '../support/tree.js';

export type Category = 'bytes' | 'xml' | 'semantics' | 'store' | 'output';

export const CATEGORY_TITLES: Record<Category, string> = {
  bytes: 'bytes and encoding',
  xml: 'XML',
  semantics: 'XLIFF/TMX semantics',
  store: 'the store',
  output: 'output injection',
};

export interface CaseContext {
  /** The case's working directory (the command runs here; the memory is `memory/` in it). */
  readonly dir: string;
  readonly memory: string;
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
  /** A command-line usage error: commander's `error: …` line and its help pointer, not `kioku: error:`. */
  readonly usage?: boolean;
  /** What the memory directory must look like afterwards (default: byte-identical). */
  readonly memory?: 'identical' | ((ctx: CaseContext, before: string, after: string) => void);
  /** Further checks on the outcome. */
  readonly check?: (outcome: Outcome, ctx: CaseContext) => void;
  /** Runs alone (heavy cases whose timing another child running beside them would distort). */
  readonly alone?: boolean;
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
  const dir = join(root, `case-${String(++caseNo).padStart(3, '0')}`);
  mkdirSync(dir, { recursive: true });
  const memory = join(dir, 'memory');
  cpSync(join(root, 'template-memory'), memory, { recursive: true });
  const ctx: CaseContext = { dir, memory };
  for (const [name, content] of Object.entries(c.files ?? {})) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    const data = typeof content === 'function' ? content() : content;
    writeFileSync(path, data);
  }
  c.setup?.(ctx);
  const memoryBefore = hashTree(memory);
  const rssFile = join(root, `rss-${caseNo}-${process.pid}.json`);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NO_COLOR: '1',
    KIOKU_TEST_RSS_FILE: rssFile,
    ...(c.fault ? { KIOKU_TEST_FAULT: c.fault.code, KIOKU_TEST_FAULT_DIR: join(dir, c.fault.under ?? 'memory'), KIOKU_TEST_FAULT_AFTER: String(c.fault.after ?? 0) } : {}),
    ...c.env,
  };
  delete env.FORCE_COLOR;
  delete env.KIOKU_DEBUG;
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
    return { outcome: { ...result, ms, rssMiB, cpuMs, memoryBefore, memoryAfter: hashTree(memory) }, ctx };
  } finally {
    release(c.alone === true);
  }
}

/** Characters that act on a terminal: C0 (but tab and newline), DEL, C1, bidi embeddings/overrides/isolates. */
export const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The strings of a stack trace, in case one slips through. */
export const STACK_TRACE = /\n\s+at .+[:(]\d+|node:internal|\bTypeError\b|\bRangeError\b|\bReferenceError\b|Error: .*\n\s+at /;
