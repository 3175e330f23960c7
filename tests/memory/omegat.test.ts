import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kioku } from '../support/cli.js';
import { FIXTURES, missing, missingOmegat, ROOT, SHARED } from '../support/env.js';
import { exportWith, fillTargets } from './workflow.js';

// A file translated by the real OmegaT 3.6 comes back with its targets filled and every state still
// "needs-translation" (OmegaT never updates it). kioku import stores none of it unless told to, says
// so, and with --accept-unreviewed keeps the translations as needs-review candidates.

const EN: Record<string, string> = {
  '今日は晴れです。': 'It is sunny today.',
  '明日は雨が降るでしょう。': 'It will probably rain tomorrow.',
  '観客は拍手を送った。': 'The audience applauded.',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kioku-omegat-import-'));
  writeFileSync(join(dir, 'a.txt'), '今日は晴れです。明日は雨が降るでしょう。\n観客は拍手を送った。\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const reason = missingOmegat();

describe('import of a file translated by OmegaT', () => {
  it.skipIf(reason)(
    'skips the unmarked translations with a hint; --accept-unreviewed stores them as needs-review, and export offers them as such',
    async () => {
      // OmegaT's memory: the translations, via a kioku memory exported as TMX.
      await exportWith(dir, 'a.txt', 'seed.xlf', { memory: 'seed' });
      fillTargets(join(dir, 'seed.xlf'), (u) => ({ target: EN[u.source]! }));
      expect((await kioku(['import', 'seed.xlf', '--memory', 'seed'], { cwd: dir })).code).toBe(0);
      expect((await kioku(['tmx', 'export', '--memory', 'seed', '-o', 'mem.tmx'], { cwd: dir })).code).toBe(0);
      // The job: exported with the team memory (empty so far), a copy of the source as target for OmegaT.
      await exportWith(dir, 'a.txt', 'a.xlf', { memory: 'memory', copySource: true });
      execFileSync(join(SHARED, 'omegat-translate'), ['-s', 'ja', '-t', 'en', '-m', 'mem.tmx', '-o', 'out', 'a.xlf'], {
        cwd: dir,
        stdio: 'pipe',
        timeout: 300_000,
      });
      const returned = join('out', 'target', readdirSync(join(dir, 'out', 'target'))[0]!);
      const xml = readFileSync(join(dir, returned), 'utf8');
      expect(xml).toContain('>It is sunny today.</target>');
      expect(xml).not.toMatch(/state="(translated|final|signed-off)"/);

      const memoryDir = join(dir, 'memory');
      const before = readdirSync(memoryDir, { recursive: true }).sort();
      const plain = await kioku(['import', returned], { cwd: dir });
      expect(plain.code).toBe(0);
      expect(plain.stdout).toBe(
        `${returned} (a.txt): added 0, updated 0, unchanged 0, skipped 3, rejected 0\n` +
          'hint: 3 skipped units have a translated target but are not marked translated (OmegaT 3.6 leaves state="needs-translation" on the targets it fills); mark them translated in the CAT tool, or import them as needs-review candidates with --accept-unreviewed\n',
      );
      expect(readdirSync(memoryDir, { recursive: true }).sort()).toEqual(before);
      const json = JSON.parse((await kioku(['import', returned, '--json'], { cwd: dir })).stdout);
      expect(json).toMatchObject({ ok: true, added: 0, skipped: 3, unreviewed: 3, acceptedUnreviewed: 0 });

      const accepted = await kioku(['import', returned, '--accept-unreviewed'], { cwd: dir });
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toBe(
        `${returned} (a.txt): added 3, updated 0, unchanged 0, skipped 0, rejected 0\n` +
          '3 units not marked translated stored as needs-review (--accept-unreviewed): offered as candidates, never as approved matches\n',
      );
      const lines = readFileSync(join(memoryDir, 'ja_en', 'units.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { state: string; target: string });
      expect(lines.map((l) => l.state)).toEqual(['needs-review', 'needs-review', 'needs-review']);
      expect(lines.map((l) => l.target).sort()).toEqual(Object.values(EN).sort());

      // Exported again (the same document, and under another name): pre-filled, but as needs-review,
      // with the memory's 101 candidate attached, also with --approve-exact.
      for (const [file, out] of [
        ['a.txt', 'again.xlf'],
        ['b.txt', 'b.xlf'],
      ] as const) {
        if (file === 'b.txt') copyFileSync(join(dir, 'a.txt'), join(dir, 'b.txt'));
        for (const approveExact of [false, true]) {
          const doc = await exportWith(dir, file, out, { memory: 'memory', approveExact });
          const units = doc.groups.flatMap((g) => g.units);
          expect(units.map((u) => [u.state, u.target])).toEqual(units.map((u) => ['needs-review', EN[u.source]]));
          for (const u of units) expect(u.candidates).toContainEqual(expect.objectContaining({ score: 101, target: EN[u.source] }));
        }
      }
      const validate = missing({ shared: 'validate-xliff' }) ?? missing({ command: 'xmllint' });
      if (!validate) execFileSync(join(SHARED, 'validate-xliff'), [join(dir, 'b.xlf')]);
    },
    300_000,
  );

  it.skipIf(reason)(
    "the README's round trip keeps every approved entry approved: --accept-unreviewed never downgrades an unchanged target",
    async () => {
      // The bundled memory holds the article's 58 approved translations; the job goes out without
      // leverage (a copy of the source in every target), OmegaT fills it from a TMX of that memory and,
      // as always, leaves state="needs-translation".
      cpSync(join(ROOT, 'memory'), join(dir, 'memory'), { recursive: true });
      copyFileSync(join(FIXTURES, 'article.ja.txt'), join(dir, 'article.ja.txt'));
      const states = () =>
        readFileSync(join(dir, 'memory', 'ja_en', 'units.jsonl'), 'utf8')
          .trimEnd()
          .split('\n')
          .map((l) => (JSON.parse(l) as { state: string }).state);
      expect(states().filter((s) => s === 'translated')).toHaveLength(58);
      expect((await kioku(['tmx', 'export', '--memory', 'memory', '-o', 'mem.tmx'], { cwd: dir })).code).toBe(0);
      await exportWith(dir, 'article.ja.txt', 'job.xlf', { memory: 'job-memory', copySource: true });
      execFileSync(join(SHARED, 'omegat-translate'), ['-s', 'ja', '-t', 'en', '-m', 'mem.tmx', '-o', 'out', 'job.xlf'], {
        cwd: dir,
        stdio: 'pipe',
        timeout: 300_000,
      });
      const returned = join('out', 'target', 'job.xlf');
      const accepted = await kioku(['import', returned, '--accept-unreviewed', '--json'], { cwd: dir });
      expect(accepted.code).toBe(0);
      // OmegaT fills the 52 units it does not re-segment with exactly the memory's translations, and
      // leaves the 6 it splits as copies of the source (not translations: skipped).
      expect(JSON.parse(accepted.stdout)).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 52, skipped: 6, acceptedUnreviewed: 0 });
      expect(states().filter((s) => s === 'translated')).toHaveLength(58);
    },
    300_000,
  );
});
