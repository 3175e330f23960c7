// Regenerates memory/ (the article's own translation memory) through the real workflow:
//   kioku export tests/fixtures/article.ja.txt --memory memory   (XLIFF 1.2 + the export record)
//   → targets filled by unit id from tests/fixtures/article.en.txt, the way a CAT tool writes them
//   → kioku import article.en.xlf --memory memory
// Run: npx tsx tests/memory/article-memory.ts [--memory DIR]   (default: memory/ of the repository)
// The clock is fixed, so the same inputs always give byte-identical shards.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import { segment, splitLines } from '../../src/segment/index.js';
import { FIXTURES, ROOT } from '../support/env.js';
import { fillTargets } from './workflow.js';

export const ARTICLE_NOW = new Date('2026-01-15T09:00:00Z');

async function kiokuAt(cwd: string, args: string[]): Promise<string> {
  let out = '';
  let errText = '';
  const ctx: CliContext = {
    stdout: { write: (s) => void (out += s) },
    stderr: { write: (s) => void (errText += s) },
    cwd,
    env: { NO_COLOR: '1' },
    now: () => ARTICLE_NOW,
  };
  const code = await run(args, ctx);
  if (code !== 0) throw new Error(`kioku ${args.join(' ')} failed: ${errText}`);
  return out;
}

/**
 * Pairs the Japanese sentences of a paragraph with the English sentences of the same line: 1:1 when
 * the counts agree, otherwise a small length-based alignment (1–1, 1–2, 1–3, 2–1, 3–1). A Japanese
 * sentence that shares one English sentence with its neighbour stays untranslated (it cannot be split).
 */
export function pairSentences(ja: readonly string[], en: readonly string[], ratio: number): Array<string | undefined> {
  if (ja.length === en.length) return [...en];
  const moves: Array<[number, number]> = [
    [1, 1],
    [1, 2],
    [2, 1],
    [1, 3],
    [3, 1],
  ];
  const n = ja.length;
  const m = en.length;
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Infinity));
  const from: Array<Array<[number, number] | undefined>> = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(undefined));
  cost[0]![0] = 0;
  const len = (xs: readonly string[], a: number, b: number) => xs.slice(a, b).join('').length;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = cost[i]![j]!;
      if (!Number.isFinite(here)) continue;
      for (const [di, dj] of moves) {
        if (i + di > n || j + dj > m) continue;
        const c = here + Math.abs(Math.log((len(en, j, j + dj) + 1) / (len(ja, i, i + di) * ratio + 1))) + (di === 1 && dj === 1 ? 0 : 0.5);
        if (c < cost[i + di]![j + dj]!) {
          cost[i + di]![j + dj] = c;
          from[i + di]![j + dj] = [di, dj];
        }
      }
    }
  }
  const out: Array<string | undefined> = new Array(n).fill(undefined);
  if (!Number.isFinite(cost[n]![m]!)) return out;
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const [di, dj] = from[i]![j]!;
    if (di === 1) out[i - 1] = en.slice(j - dj, j).join(' ');
    i -= di;
    j -= dj;
  }
  return out;
}

export async function buildArticleMemory(memoryDir: string): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'kioku-article-'));
  try {
    copyFileSync(join(FIXTURES, 'article.ja.txt'), join(work, 'article.ja.txt'));
    const exported = await kiokuAt(work, [
      'export',
      'article.ja.txt',
      '--source-lang',
      'ja',
      '--target-lang',
      'en',
      '--xliff',
      '1.2',
      '-o',
      'article.en.xlf',
      '--memory',
      memoryDir,
    ]);
    const jaText = readFileSync(join(FIXTURES, 'article.ja.txt'), 'utf8');
    const enText = readFileSync(join(FIXTURES, 'article.en.txt'), 'utf8');
    const ja = segment(jaText, { lang: 'ja' });
    const enLines = splitLines(enText);
    const ratio = enText.replace(/\s/g, '').length / jaText.replace(/\s/g, '').length;
    const targetOf = new Map<string, string>();
    for (const p of ja.paragraphs) {
      const enLine = enLines[p.line - 1] ?? '';
      if (enLine.trim() === '') continue;
      const en = segment(enLine, { lang: 'en' }).segments.map((s) => s.text);
      const jaSentences = p.segments.map((i) => ja.segments[i]!);
      const pairs = pairSentences(
        jaSentences.map((s) => s.text),
        en,
        ratio,
      );
      jaSentences.forEach((s, k) => {
        const t = pairs[k];
        if (t !== undefined) targetOf.set(s.id, t);
      });
    }
    fillTargets(join(work, 'article.en.xlf'), (u) => {
      const target = targetOf.get(u.id);
      return target !== undefined ? { target, state: 'translated' } : undefined;
    });
    const imported = await kiokuAt(work, ['import', 'article.en.xlf', '--memory', memoryDir]);
    return exported + imported;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const at = process.argv.indexOf('--memory');
  const dir = resolve(at !== -1 ? process.argv[at + 1]! : join(ROOT, 'memory'));
  process.stdout.write(await buildArticleMemory(dir));
}
