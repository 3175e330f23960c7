import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BilingualDocument, KiokuError, Result } from '../model.js';
import { err } from '../model.js';
import { parseXml, prescanXml, type ParseXmlOptions, type XmlElement } from '../xml/parse.js';
import { readXliff, readXliffDocuments, type ReadXliffOptions } from '../xliff/read.js';
import { readTmx, type ReadTmxOptions, type TmxDocument } from '../tmx/index.js';
import { parseGlossary, type Glossary } from '../check/glossary.js';

/**
 * Parsing untrusted XML where a runaway input cannot take the process down.
 *
 * Why a worker and not only a pre-scan: the gate (src/xml/parse.ts) already bounds the work
 * deterministically where it can — linear parsing, no entity expansion, limits on depth, element
 * count, attribute/comment/text size — so a hostile file is refused quickly, in-process. What those
 * limits cannot promise is a memory ceiling: the tree of a legitimate file under the 64 MiB cap still
 * costs several hundred MiB, and the cost per element depends on V8, not on anything a scan can count.
 * A worker_thread with `resourceLimits` turns "the process runs out of heap" into a clean
 * ERR_WORKER_OUT_OF_MEMORY for that one task, and `terminate()` bounds the time. Commands reading XML
 * from outside (import, check, tmx import…) use these functions; the in-process `parseXml`/`readXliff`
 * stay for trusted text (kioku's own output) and tests. The price is a worker start (~50 ms built,
 * more under tsx) and a copy of the text and of the result. The gate's cheap linear scans (forbidden
 * characters, over-long comments) run here first, so such files never cost a worker or a copy.
 *
 * Small texts (under `ISOLATE_FROM` characters, 1 Mi) are parsed in-process: the gate's limits make
 * their cost a function of their size (measured worst case for 1 MiB of crafted XLIFF: 67 MiB of heap,
 * 0.33 s), so the worker would only add its start-up to every ordinary file (the article: 2 ms
 * in-process against 60–120 ms in a worker).
 *
 * The worker's heap ceiling follows the input: 24 bytes per character, at least 128 MiB and at most
 * 1 GiB. A real XLIFF needs about 11 (a 33 MiB export of sentences parses in 256 MiB), so memory grows
 * with the input as for any big file, but a file cannot ask for much more than its size: a file
 * crafted for the largest tree per byte (millions of empty elements `<x/>`, ~250 bytes of heap per
 * element, ~60 per character) would fill the ceiling and be stopped only after seconds of collecting
 * garbage, so under the default ceiling it is refused before parsing, from its count of start tags
 * (`ELEMENT_BYTES` each; real files have one per 50 characters or so, far below the ceiling).
 */

export interface IsolationOptions {
  /** Give up after this long (default 60 s; a 64 MiB XLIFF parses in about 10 s). */
  readonly timeoutMs?: number;
  /** Heap ceiling of the worker in MiB (default: `defaultHeapMb(text.length)`). */
  readonly maxHeapMb?: number;
  /** Texts shorter than this (in characters) are parsed in-process (default `ISOLATE_FROM`; 0 isolates everything). */
  readonly isolateFrom?: number;
}

export type IsolatedTask =
  | { readonly kind: 'parseXml'; readonly text: string; readonly options: ParseXmlOptions }
  | { readonly kind: 'readXliff'; readonly text: string; readonly options: ReadXliffOptions }
  | { readonly kind: 'readXliffDocuments'; readonly text: string; readonly options: ReadXliffOptions }
  | { readonly kind: 'readTmx'; readonly text: string; readonly options: ReadTmxOptions }
  | { readonly kind: 'parseGlossary'; readonly text: string; readonly options: { readonly file: string } };

export const DEFAULT_TIMEOUT_MS = 60_000;
/** The smallest heap ceiling of a worker, in MiB (see `defaultHeapMb`). */
const MIN_HEAP_MB = 128;
const MAX_HEAP_MB = 1024;
const HEAP_BYTES_PER_CHAR = 24;
/** The least heap one element of the tree costs (an empty element; measured ~250 bytes). */
const ELEMENT_BYTES = 200;
/** Below this many characters, parsing runs in-process (see the module comment). */
export const ISOLATE_FROM = 1 << 20;

/** The worker's heap ceiling for a text of `chars` characters: 24 bytes per character, 128 MiB to 1 GiB. */
export function defaultHeapMb(chars: number): number {
  return Math.min(MAX_HEAP_MB, Math.max(MIN_HEAP_MB, Math.ceil((chars * HEAP_BYTES_PER_CHAR) / (1 << 20))));
}

/** Start tags in the text: `<` followed by a name character (one linear pass, no allocation). */
function countStartTags(text: string): number {
  let n = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    const c = text.charCodeAt(i + 1);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c > 0x7f) n++;
  }
  return n;
}

/** Runs one task where it belongs: in-process when the text is small, else in a worker. */
function runTask<T>(task: IsolatedTask, limits: IsolationOptions & { file?: string | undefined }): Promise<Result<T>> {
  if (task.text.length < (limits.isolateFrom ?? ISOLATE_FROM)) return Promise.resolve(runInProcess(task) as Result<T>);
  if (limits.maxHeapMb === undefined) {
    // Under the default ceiling, a tree that cannot fit is refused without spending seconds finding out.
    const heapMb = defaultHeapMb(task.text.length);
    if (countStartTags(task.text) * ELEMENT_BYTES > heapMb * (1 << 20)) {
      return Promise.resolve(
        err({
          code: 'too-large',
          message: `parsing needs more than ${heapMb} MiB of memory and was stopped`,
          hint: 'split the file',
          ...(limits.file !== undefined ? { file: limits.file } : {}),
        }),
      );
    }
  }
  return runIsolated<T>(task, limits);
}

/** The task itself (the worker thread runs the same function). */
export function runInProcess(task: IsolatedTask): Result<unknown> {
  switch (task.kind) {
    case 'parseXml':
      return parseXml(task.text, task.options);
    case 'readXliff':
      return readXliff(task.text, task.options);
    case 'readXliffDocuments':
      return readXliffDocuments(task.text, task.options);
    case 'readTmx':
      return readTmx(task.text, task.options);
    case 'parseGlossary':
      return parseGlossary(task.text, task.options.file);
  }
}

/** `parseXml` in a worker with a heap limit and a timeout. */
export async function parseXmlIsolated(text: string, options: ParseXmlOptions & IsolationOptions = {}): Promise<Result<XmlElement>> {
  const { timeoutMs, maxHeapMb, isolateFrom, ...parse } = options;
  const scanned = prescanXml(text, parse);
  if (!scanned.ok) return scanned;
  const result = await runTask<XmlElement>({ kind: 'parseXml', text, options: parse }, { timeoutMs, maxHeapMb, isolateFrom, file: options.file });
  if (result.ok) restorePrototypes(result.value);
  return result;
}

/** `readXliff` in a worker with a heap limit and a timeout: only the document comes back, not the tree. */
export async function readXliffIsolated(text: string, options: ReadXliffOptions & IsolationOptions = {}): Promise<Result<BilingualDocument>> {
  const { timeoutMs, maxHeapMb, isolateFrom, ...read } = options;
  const scanned = prescanXml(text, read);
  if (!scanned.ok) return scanned;
  return runTask<BilingualDocument>({ kind: 'readXliff', text, options: read }, { timeoutMs, maxHeapMb, isolateFrom, file: options.file });
}

/** `readXliffDocuments` (every `<file>` of the XLIFF) in a worker with a heap limit and a timeout. */
export async function readXliffDocumentsIsolated(
  text: string,
  options: ReadXliffOptions & IsolationOptions = {},
): Promise<Result<readonly BilingualDocument[]>> {
  const { timeoutMs, maxHeapMb, isolateFrom, ...read } = options;
  const scanned = prescanXml(text, read);
  if (!scanned.ok) return scanned;
  return runTask<readonly BilingualDocument[]>({ kind: 'readXliffDocuments', text, options: read }, { timeoutMs, maxHeapMb, isolateFrom, file: options.file });
}

/** `readTmx` (src/tmx) in a worker with a heap limit and a timeout. */
export async function readTmxIsolated(text: string, options: ReadTmxOptions & IsolationOptions = {}): Promise<Result<TmxDocument>> {
  const { timeoutMs, maxHeapMb, isolateFrom, ...read } = options;
  const scanned = prescanXml(text, {
    ...(read.file !== undefined ? { file: read.file } : {}),
    ...(read.decodedAs !== undefined ? { decodedAs: read.decodedAs } : {}),
  });
  if (!scanned.ok) return scanned;
  const result = await runTask<TmxDocument>({ kind: 'readTmx', text, options: read }, { timeoutMs, maxHeapMb, isolateFrom, file: read.file });
  // Structured cloning gives the props maps Object.prototype back; keep `__proto__` a plain name.
  if (result.ok) for (const u of result.value.units) Object.setPrototypeOf(u.props, null);
  return result;
}

/** `parseGlossary` (TBX through the gate, or CSV; src/check/glossary.ts) in a worker with a heap limit and a timeout. */
export async function parseGlossaryIsolated(text: string, file: string, options: IsolationOptions = {}): Promise<Result<Glossary>> {
  const { timeoutMs, maxHeapMb, isolateFrom } = options;
  return runTask<Glossary>({ kind: 'parseGlossary', text, options: { file } }, { timeoutMs, maxHeapMb, isolateFrom, file });
}

/**
 * The worker's entry: the built .js beside this file, or, when running from the TypeScript sources
 * (tests, development), a small bootstrap that registers tsx in the worker first (a worker does not
 * inherit the loader of `--import tsx`).
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./xml-worker-thread.js', import.meta.url), eval: false };
  // The ESM build of tsx's register API, found through its package exports (require.resolve would
  // give the CommonJS build, which cannot register from an evaluated worker).
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  const tsx = pathToFileURL(join(dirname(manifest), api)).href;
  const thread = new URL('./xml-worker-thread.ts', import.meta.url).href;
  return { entry: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(thread)}); });`, eval: true };
}

function runIsolated<T>(
  task: IsolatedTask,
  limits: { timeoutMs?: number | undefined; maxHeapMb?: number | undefined; file?: string | undefined },
): Promise<Result<T>> {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxHeapMb = limits.maxHeapMb ?? defaultHeapMb(task.text.length);
  const failure = (e: Omit<KiokuError, 'file'>): Result<never> => err({ ...e, ...(limits.file !== undefined ? { file: limits.file } : {}) });
  return new Promise((resolve) => {
    const { entry, eval: evaluate } = workerEntry();
    let settled = false;
    const settle = (r: Result<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
      void worker.terminate();
    };
    const worker = new Worker(entry, {
      eval: evaluate,
      workerData: task,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      // Captured and discarded: nothing the worker might print belongs on the user's terminal.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const timer = setTimeout(() => {
      settle(
        failure({
          code: 'timeout',
          message: `parsing took longer than ${Math.round(timeoutMs / 100) / 10} s and was stopped`,
          hint: 'the file is too large or crafted to be slow; split it',
        }),
      );
    }, timeoutMs);
    worker.once('message', (r: Result<T>) => settle(r));
    worker.once('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        settle(failure({ code: 'too-large', message: `parsing needs more than ${maxHeapMb} MiB of memory and was stopped`, hint: 'split the file' }));
      } else {
        settle(failure({ code: 'xml', message: `the XML parser failed: ${e.message}` }));
      }
    });
    worker.once('exit', (code) => {
      settle(failure({ code: 'xml', message: `the XML parser stopped without a result (exit code ${code})` }));
    });
  });
}

/** Structured cloning gives attribute maps Object.prototype back; the tree promises null prototypes. */
function restorePrototypes(el: XmlElement): void {
  Object.setPrototypeOf(el.attributes, null);
  for (const c of el.children) if (typeof c !== 'string') restorePrototypes(c);
}
