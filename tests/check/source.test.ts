import { describe, expect, it } from 'vitest';
import { compareWithSource } from '../../src/check/source.js';
import { segment } from '../../src/segment/index.js';
import { doc, unit } from './builders.js';

const SOURCE = '兵士が来た。観客は拍手を送った。\n国家楽団の音楽が高まった。\n戦争は続く。';

describe('compareWithSource', () => {
  const ja = segment(SOURCE, { lang: 'ja' });
  // A file from another tool: ids are not segment ids, the comparison goes by text.
  const d = doc([
    [unit('兵士が来た。', 'Soldiers came.', { id: '1' }), unit('観客は拍手を送った。', 'The audience applauded.', { id: '2' })],
    [unit('国家楽団の音楽がいっそう高まった。', 'The music swelled.', { id: '3' })],
    [unit('戦争は続く。', 'The war goes on.', { id: '4' }), unit('平和は遠い。', 'Peace is far.', { id: '5' })],
  ]);

  it('finds edited, removed and missing sentences; unchanged ones (even re-spaced or moved) are fine', () => {
    const now = segment('兵士が来た。 観客は拍手を送った。\n国家楽団の音楽が高まった。\n戦争は続く。\n新しい文だ。', { lang: 'ja' });
    const c = compareWithSource(d, now, 'now.txt');
    expect([...c.stale.keys()]).toEqual(['3']);
    expect(c.stale.get('3')).toMatchObject({ current: '国家楽団の音楽が高まった。', diff: '国家楽団の音楽が[-いっそう-]高まった。', line: 2 });
    expect([...c.removed]).toEqual(['5']);
    expect(c.missing.map((m) => [m.segment.text, m.line])).toEqual([['新しい文だ。', 4]]);
  });

  it('an unchanged source has nothing to say', () => {
    const same = doc([
      [unit('兵士が来た。', 'x', { id: 'a' }), unit('観客は拍手を送った。', 'y', { id: 'b' })],
      [unit('国家楽団の音楽が高まった。', 'z', { id: 'c' })],
      [unit('戦争は続く。', 'w', { id: 'd' })],
    ]);
    const c = compareWithSource(same, ja, 'same.txt');
    expect([c.stale.size, c.removed.size, c.missing.length]).toEqual([0, 0, 0]);
  });
});
