import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kioku } from '../support/cli.js';
import { ROOT } from '../support/env.js';
import { hashTree } from '../support/tree.js';

describe('kioku demo (what `npm start` runs)', () => {
  const out = mkdtempSync(join(tmpdir(), 'kioku-demo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs every step of the workflow as expected and leaves memory/ untouched', async () => {
    const before = hashTree(join(ROOT, 'memory'));
    const r = await kioku(['demo', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/since the export of .*: 52 kept, 1 for light review, 3 back to review, 1 new, 2 removed/);
    expect(r.stdout).toMatch(/In context \(101%\)\s+52/);
    expect(r.stdout).toContain('Done.');
    expect(hashTree(join(ROOT, 'memory'))).toBe(before);
    const xlf = readFileSync(join(out, 'article.en.xlf'), 'utf8');
    expect(xlf).toContain('origin="previous-version"');
  });
});
