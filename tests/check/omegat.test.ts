import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kioku } from '../support/cli.js';
import { FIXTURES, SHARED, missingOmegat } from '../support/env.js';

describe('kioku check on a file translated by OmegaT', () => {
  const reason = missingOmegat();

  it.skipIf(reason)(
    'reports what OmegaT left undone (its own segmentation missed some memory matches, states stay open) and nothing else',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kioku-omegat-'));
      copyFileSync(join(FIXTURES, 'article.ja.txt'), join(dir, 'article.ja.txt'));
      copyFileSync(join(FIXTURES, 'check', 'article.en.xlf'), join(dir, 'article.en.xlf'));
      expect((await kioku(['import', 'article.en.xlf', '--memory', 'mem'], { cwd: dir })).code).toBe(0);
      expect((await kioku(['tmx', 'export', '--memory', 'mem', '-o', 'mem.tmx'], { cwd: dir })).code).toBe(0);
      expect(
        (
          await kioku(
            ['export', 'article.ja.txt', '--source-lang', 'ja', '--target-lang', 'en', '--xliff', '1.2', '--copy-source', '--memory', 'none', '-o', 'copy.xlf'],
            { cwd: dir },
          )
        ).code,
      ).toBe(0);
      execFileSync(join(SHARED, 'omegat-translate'), ['-s', 'ja', '-t', 'en', '-m', 'mem.tmx', '-o', 'out', 'copy.xlf'], {
        cwd: dir,
        stdio: 'pipe',
        timeout: 300_000,
      });
      const r = await kioku(['check', 'out/target/copy.xlf', '--source', 'article.ja.txt', '--no-memory', '--format', 'json'], { cwd: dir });
      const findings = JSON.parse(r.stdout).findings as Array<{ rule: string; unit: string }>;
      const count = (rule: string) => findings.filter((f) => f.rule === rule).length;
      // OmegaT translated every unit whose sentence it segments as kioku does; it keeps state="needs-translation".
      expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['untranslated', 'state-needs-review']));
      expect(count('untranslated') + count('state-needs-review')).toBe(58);
      expect(count('untranslated')).toBeLessThan(10);
      expect(r.code).toBe(count('untranslated') > 0 ? 1 : 0);
    },
    300_000,
  );
});
