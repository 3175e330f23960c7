import { describe, expect, it } from 'vitest';
import { kioku } from '../support/cli.js';
import { spawnKioku } from '../support/spawn.js';

describe('kioku segment (CLI)', () => {
  it('prints the stable JSON shape', async () => {
    const r = await kioku(['segment', 'tests/fixtures/article.ja.txt', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['lang', 'segments']);
    expect(json.lang).toBe('ja');
    expect(Object.keys(json.segments[0])).toEqual(['id', 'paragraph', 'text']);
  });

  it('reports a missing file in one line with exit 2', async () => {
    const r = await kioku(['segment', 'no/such/file.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kioku: error: no/such/file.txt: cannot read the file: no such file\n');
  });

  it('runs as a real process', () => {
    const r = spawnKioku(['segment', 'tests/fixtures/article.ja.txt', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).segments.length).toBeGreaterThan(50);
  });
});
