// Shared by the durability tests and (compiled the same way) the reliability bench: crash injection
// into a real `kioku import` process, concurrent importers, and git merges with the documented setup.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BilingualDocument } from '../../src/model.js';
import { writeXliff } from '../../src/xliff/index.js';
import { openStore } from '../../src/io/store.js';
import { CLI_ENTRY, TSX_IMPORT } from '../support/spawn.js';
import { ROOT } from '../support/env.js';
import { rng } from '../support/rng.mjs';

/** How to start kioku as a process: the sources through tsx (tests), or the built bin (bench). */
export function kiokuCommand(): string[] {
  // KIOKU_BIN: a specific built bin (e.g. a snapshot of dist/ that a parallel rebuild cannot change).
  if (process.env.KIOKU_BIN) return [process.execPath, process.env.KIOKU_BIN];
  const bin = join(ROOT, 'bin', 'kioku.js');
  if (process.env.KIOKU_DURABILITY_BIN === '1' && existsSync(join(ROOT, 'dist', 'index.js'))) return [process.execPath, bin];
  // TSX_IMPORT names the tsx loader by absolute URL: the children run in temporary directories without node_modules.
  return [process.execPath, ...TSX_IMPORT, CLI_ENTRY];
}

/** A translated XLIFF 1.2 document of `count` units with ids unique to `tag`. */
export function translatedXliff(tag: string, count: number): { text: string; sources: string[] } {
  const sources: string[] = [];
  const units = Array.from({ length: count }, (_, i) => {
    const source = `${tag}の${i}番目の文は保存される。`;
    sources.push(source);
    return { id: `${tag}-${i}`, source, target: `Sentence ${i} of ${tag} is kept.`, state: 'translated' as const, notes: [], candidates: [], line: 0 };
  });
  const doc: BilingualDocument = { version: '1.2', sourceLang: 'ja', targetLang: 'en', original: `${tag}.txt`, groups: [{ id: 'p0', units }] };
  const text = writeXliff(doc, { version: '1.2' });
  if (!text.ok) throw new Error(text.error.message);
  return { text: text.value, sources };
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs kioku with args (and `env` added to this process's); kills it with SIGKILL after `killAfterMs` when given. */
export function runKioku(args: readonly string[], options: { cwd: string; killAfterMs?: number; env?: Record<string, string> }): Promise<RunResult> {
  const [cmd, ...pre] = kiokuCommand();
  return new Promise((resolve) => {
    const child = spawn(cmd!, [...pre, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = options.killAfterMs !== undefined ? setTimeout(() => child.kill('SIGKILL'), options.killAfterMs) : undefined;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Temporary files anywhere in a memory directory (what a killed writer could leave). */
export function strayFiles(mem: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(tmp|new)$/.test(e.name) || e.name === '.journal' || e.name === '.lock.break') out.push(p);
    }
  };
  walk(mem);
  return out;
}

/** Source texts stored in a memory (read in-process, through the store). */
export function storedSources(mem: string): { sources: Set<string>; count: number; problems: number } {
  const r = openStore(mem).fsck();
  if (!r.ok) throw new Error(r.error.message);
  const content = openStore(mem).read();
  if (!content.ok) throw new Error(content.error.message);
  return { sources: new Set(content.value.units.map((u) => u.source)), count: content.value.units.length, problems: r.value.problems.length };
}

/**
 * `importers` kioku imports of `units` new units each, started at once into one new memory in `dir`;
 * what they printed and what the memory holds afterwards (read in-process, then its temp files).
 */
export async function concurrentImports(dir: string, importers: number, units: number) {
  mkdirSync(dir, { recursive: true });
  const inputs = Array.from({ length: importers }, (_, i) => translatedXliff(`c${i}`, units));
  inputs.forEach((x, i) => writeFileSync(join(dir, `c${i}.xlf`), x.text));
  const t0 = Date.now();
  const results = await Promise.all(inputs.map((_, i) => runKioku(['import', `c${i}.xlf`], { cwd: dir })));
  const ms = Date.now() - t0;
  const mem = join(dir, 'memory');
  return { inputs, results, ms, stored: storedSources(mem), strays: strayFiles(mem) };
}

export interface CrashStats {
  runs: number;
  killed: number;
  completed: number;
  corrupt: number;
  lost: number;
  strays: number;
}

/**
 * Crash injection: each run imports a new file into one memory and is SIGKILLed after a random delay
 * (fixed seed). After each run the next command (fsck) must find the store intact, no temp files, and
 * every unit of every import that reported success.
 */
export async function crashRuns(work: string, runs: number, seed: number, log: (s: string) => void = () => {}): Promise<CrashStats> {
  const mem = join(work, 'memory');
  mkdirSync(work, { recursive: true });
  const random = rng(seed);
  // A memory big enough that a commit takes a while, so kills land inside it too.
  const base = translatedXliff('base', 3000);
  writeFileSync(join(work, 'base.xlf'), base.text);
  const first = await runKioku(['import', 'base.xlf'], { cwd: work });
  if (first.code !== 0) throw new Error(first.stderr);
  // Calibrate: how long an import that is not killed takes.
  const probe = translatedXliff('probe', 200);
  writeFileSync(join(work, 'probe.xlf'), probe.text);
  const t0 = Date.now();
  const p = await runKioku(['import', 'probe.xlf'], { cwd: work });
  if (p.code !== 0) throw new Error(p.stderr);
  const full = Date.now() - t0;
  const done = new Set<string>([...base.sources, ...probe.sources]);
  const stats: CrashStats = { runs, killed: 0, completed: 0, corrupt: 0, lost: 0, strays: 0 };
  for (let i = 0; i < runs; i++) {
    const tag = `run${i}`;
    const input = translatedXliff(tag, 50 + Math.floor(random() * 200));
    writeFileSync(join(work, `${tag}.xlf`), input.text);
    const delay = Math.floor(full * (0.3 + random() * 0.8));
    const r = await runKioku(['import', `${tag}.xlf`], { cwd: work, killAfterMs: delay });
    const reported = r.code === 0 && /added \d+/.test(r.stdout);
    if (r.signal === 'SIGKILL') stats.killed++;
    if (reported) {
      stats.completed++;
      for (const s of input.sources) done.add(s);
    }
    // The next command: must recover, and find everything reported done.
    const check = await runKioku(['memory', 'fsck', '--json'], { cwd: work });
    let clean = false;
    try {
      clean = JSON.parse(check.stdout).clean === true;
    } catch {
      clean = false;
    }
    if (!clean) stats.corrupt++;
    const strays = strayFiles(mem).filter((f) => !f.endsWith('.lock'));
    stats.strays += strays.length;
    const stored = storedSources(mem);
    let lost = 0;
    for (const s of done) if (!stored.sources.has(s)) lost++;
    stats.lost += lost;
    log(
      `run ${i}: kill after ${delay} ms of ~${full}: ${r.signal ?? `exit ${r.code}`}${reported ? ' (reported done)' : ''}; clean=${clean} lost=${lost} strays=${strays.length}`,
    );
  }
  return stats;
}

export interface GitStats {
  pairs: number;
  lost: number;
  fsckProblems: number;
  conflicts: number;
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
  if (r.status !== 0 && !args.includes('merge')) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout + r.stderr;
}

/**
 * Two branches change one memory (adds on both, the same records changed on both, some identical
 * adds) and are merged with the documented setup (memory/.gitattributes + the merge driver).
 * Expected after the merge: every unit added on either side present, fsck clean, no conflict.
 */
export async function gitMergeRuns(work: string, pairs: number, seed: number, log: (s: string) => void = () => {}): Promise<GitStats> {
  const stats: GitStats = { pairs, lost: 0, fsckProblems: 0, conflicts: 0 };
  const [cmd, ...pre] = kiokuCommand();
  const driver = [cmd, ...pre].map((a) => `'${a}'`).join(' ') + ' memory merge-driver %O %A %B %P';
  const random = rng(seed);
  for (let k = 0; k < pairs; k++) {
    const repo = join(work, `repo${k}`);
    mkdirSync(repo, { recursive: true });
    git(repo, ['init', '-q', '-b', 'main']);
    git(repo, ['config', 'merge.kioku-memory.name', 'kioku memory merge']);
    git(repo, ['config', 'merge.kioku-memory.driver', driver]);
    mkdirSync(join(repo, 'memory'), { recursive: true });
    copyFileSync(join(ROOT, 'memory', '.gitattributes'), join(repo, 'memory', '.gitattributes'));
    const base = translatedXliff(`b${k}`, 5 + Math.floor(random() * 40));
    writeFileSync(join(repo, 'base.xlf'), base.text);
    if ((await runKioku(['import', 'base.xlf'], { cwd: repo })).code !== 0) throw new Error('base import');
    git(repo, ['add', 'memory']);
    git(repo, ['commit', '-q', '-m', 'base']);
    const expected = new Set<string>(base.sources);
    const branchWork = async (branch: string, tag: string) => {
      git(repo, ['checkout', '-q', '-b', branch, 'main']);
      const n = 1 + Math.floor(random() * 60);
      const x = translatedXliff(tag, n);
      writeFileSync(join(repo, `${tag}.xlf`), x.text);
      // Some identical adds on both sides (the same document translated twice).
      const shared = translatedXliff(`shared${k}`, 1 + Math.floor(random() * 5));
      writeFileSync(join(repo, `shared${k}.xlf`), shared.text);
      for (const f of [`${tag}.xlf`, `shared${k}.xlf`]) {
        const r = await runKioku(['import', f], { cwd: repo });
        if (r.code !== 0) throw new Error(`import ${f} on ${branch}: ${r.stderr}`);
      }
      for (const s of [...x.sources, ...shared.sources]) expected.add(s);
      git(repo, ['add', 'memory']);
      git(repo, ['commit', '-q', '-m', branch]);
    };
    await branchWork('a', `a${k}`);
    await branchWork('b', `bb${k}`);
    git(repo, ['checkout', '-q', 'main']);
    git(repo, ['merge', '-q', '--no-edit', 'a']);
    const conflict = /CONFLICT/.test(git(repo, ['merge', '-q', '--no-edit', 'b']));
    if (conflict) stats.conflicts++;
    const fsck = await runKioku(['memory', 'fsck', '--json'], { cwd: repo });
    let problems = 1;
    try {
      problems = JSON.parse(fsck.stdout).problems.length;
    } catch {
      problems = 1;
    }
    stats.fsckProblems += problems;
    const stored = storedSources(join(repo, 'memory'));
    let lost = 0;
    for (const s of expected) if (!stored.sources.has(s)) lost++;
    stats.lost += lost;
    log(`pair ${k}: ${expected.size} expected, ${stored.count} stored, lost ${lost}, fsck problems ${problems}${conflict ? ', CONFLICT' : ''}`);
  }
  return stats;
}
