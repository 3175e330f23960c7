import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kioku } from '../support/cli.js';
import { spawnKioku } from '../support/spawn.js';

const R = 'tests/fixtures/revisions';

describe('kioku diff (CLI)', () => {
  it('prints exactly the documented JSON shape, indices as in kioku segment --json', async () => {
    const r = await kioku(['diff', `${R}/en-mixed/old.txt`, `${R}/en-mixed/new.txt`, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['changes']);
    for (const c of json.changes) {
      expect(Object.keys(c)).toEqual(['kind', 'old', 'new', 'similarity']);
      expect(c.similarity).toBe(Math.round(c.similarity * 100) / 100);
    }
    const oldSegs = JSON.parse((await kioku(['segment', `${R}/en-mixed/old.txt`, '--json'])).stdout).segments;
    const newSegs = JSON.parse((await kioku(['segment', `${R}/en-mixed/new.txt`, '--json'])).stdout).segments;
    const olds = json.changes.flatMap((c: { old: number[] }) => c.old).sort((a: number, b: number) => a - b);
    const news = json.changes.flatMap((c: { new: number[] }) => c.new);
    expect(olds).toEqual(oldSegs.map((_: unknown, i: number) => i));
    expect(news).toEqual(newSegs.map((_: unknown, i: number) => i));
    const minor = json.changes.find((c: { kind: string }) => c.kind === 'minor');
    expect(oldSegs[minor.old[0]].text).not.toBe(newSegs[minor.new[0]].text);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  it('exits 0 whatever it finds, 1 with --exit-code when something changed, 2 for unusable input', async () => {
    expect((await kioku(['diff', `${R}/ja-figures/old.txt`, `${R}/ja-figures/new.txt`])).code).toBe(0);
    expect((await kioku(['diff', `${R}/ja-figures/old.txt`, `${R}/ja-figures/new.txt`, '--exit-code'])).code).toBe(1);
    expect((await kioku(['diff', `${R}/ja-figures/old.txt`, `${R}/ja-figures/old.txt`, '--exit-code'])).code).toBe(0);
    const missingFile = await kioku(['diff', `${R}/ja-figures/old.txt`, 'no/such.txt']);
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toBe('kioku: error: no/such.txt: cannot read the file: no such file\n');
    const one = await kioku(['diff', `${R}/ja-figures/old.txt`]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/needs two files, OLD and NEW; run kioku diff OLD NEW/);
    const dir = mkdtempSync(join(tmpdir(), 'kioku-diff-'));
    writeFileSync(join(dir, 'bad.txt'), Buffer.from([0x66, 0xff, 0xfe, 0x00, 0x41, 0x80]));
    const bad = await kioku(['diff', join(dir, 'bad.txt'), `${R}/ja-figures/old.txt`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n').length).toBe(2);
  });

  it('summarises by kind, then shows each change with old and new text; no colour off a TTY or with NO_COLOR', async () => {
    const plain = await kioku(['diff', `${R}/ja-figures/old.txt`, `${R}/ja-figures/new.txt`]);
    expect(plain.stdout).toContain('  minor            5\n  unchanged       53\n');
    expect(plain.stdout).toContain('  - 少なくとも[-600-]人が死亡し、さらに数千人が負傷した。\n  + 少なくとも{+1200+}人が死亡し、さらに数千人が負傷した。\n');
    expect(plain.stdout).not.toContain('\u001b[');
    const tty = await kioku(['diff', `${R}/ja-figures/old.txt`, `${R}/ja-figures/new.txt`], { tty: true });
    expect(tty.stdout).toContain('\u001b[');
    expect(tty.stdout).not.toContain('[-600-]');
    const noColour = await kioku(['diff', `${R}/ja-figures/old.txt`, `${R}/ja-figures/new.txt`], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColour.stdout).toBe(plain.stdout);
  });

  it('never lets data drive the terminal, and escapes it in HTML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kioku-diff-'));
    writeFileSync(join(dir, 'a.txt'), 'Hello there.\nSecond line here.\n');
    writeFileSync(join(dir, 'b.txt'), 'Hello \u001b]0;pwned\u0007 there <script>alert(1)</script>.\nSecond line here.\n');
    const r = await kioku(['diff', 'a.txt', 'b.txt', '--html', 'report.html'], { cwd: dir, tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b]0;');
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('has --help with the kinds and exit codes', async () => {
    const r = await kioku(['diff', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--since-last');
    expect(r.stdout).toContain('Exit status: 0 when the diff ran');
  });

  it('runs as a real process', () => {
    const r = spawnKioku(['diff', `${R}/ja-rewrites/old.txt`, `${R}/ja-rewrites/new.txt`, '--exit-code']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('major');
  });
});
