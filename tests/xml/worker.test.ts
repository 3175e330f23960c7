/** The isolated gate: a worker with a heap limit and a timeout; the main process survives both. */
import { describe, expect, it } from 'vitest';
import { parseXmlIsolated, readXliffIsolated } from '../../src/io/xml-worker.js';
import { attr, parseXml } from '../../src/xml/parse.js';
import { readXliff } from '../../src/xliff/read.js';
import { writeXliff } from '../../src/xliff/write.js';
import { articleDocument } from '../xliff/builders.js';

describe('parseXmlIsolated / readXliffIsolated', () => {
  it('gives the same tree as parseXml, with null-prototype attributes', async () => {
    const text = '<a __proto__="1" constructor="2">\n  <b c="&amp;">t</b>\n</a>';
    const r = await parseXmlIsolated(text, { file: 'x.xml' });
    expect(r).toEqual(parseXml(text, { file: 'x.xml' }));
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.value.attributes)).toBeNull();
    expect(attr(r.value, '__proto__')).toBe('1');
  });

  it('gives the same document as readXliff', async () => {
    const xml = writeXliff(articleDocument(), { version: '1.2' });
    if (!xml.ok) throw new Error(xml.error.message);
    expect(await readXliffIsolated(xml.value, { file: 'a.xlf' })).toEqual(readXliff(xml.value, { file: 'a.xlf' }));
  });

  it('turns running out of heap into a clear error, and the process carries on', async () => {
    const big = '<r>' + '<a x="1"/>'.repeat(1_500_000) + '</r>';
    const r = await parseXmlIsolated(big, { file: 'big.xml', maxHeapMb: 48 });
    expect(r).toEqual({
      ok: false,
      error: { code: 'too-large', message: 'parsing needs more than 48 MiB of memory and was stopped', hint: 'split the file', file: 'big.xml' },
    });
    expect((await parseXmlIsolated('<ok/>')).ok).toBe(true);
  });

  it('stops at the timeout', async () => {
    const big = '<r>' + '<a x="1">t</a>'.repeat(1_000_000) + '</r>';
    const r = await parseXmlIsolated(big, { file: 'slow.xml', timeoutMs: 50 });
    expect(!r.ok && r.error).toMatchObject({ code: 'timeout', file: 'slow.xml', message: 'parsing took longer than 0.1 s and was stopped' });
  });

  it('refuses what the cheap scans find without starting a worker', async () => {
    const r = await readXliffIsolated(`<xliff>\u0000</xliff>`, { file: 'nul.xlf', timeoutMs: 1 });
    expect(!r.ok && r.error).toMatchObject({ code: 'xml', line: 1, column: 8, message: 'not accepted as XML: character U+0000 is not allowed in XML 1.0' });
  });
});
