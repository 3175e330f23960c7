import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/io/store.js';
import { readXliff } from '../../src/xliff/read.js';
import { exportJob, recordExportJob } from '../../src/jobs/export.js';
import { importJob } from '../../src/jobs/import.js';

// Every call of segment() is counted, from the jobs and from the core modules they call.
const segmentCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/segment/index.js', async (original) => {
  const real = await original<typeof import('../../src/segment/index.js')>();
  return { ...real, segment: (...args: Parameters<typeof real.segment>) => (segmentCalls.n++, real.segment(...args)) };
});

const TEXT = '東京は日本の首都である。人口は多い。\n大阪は西にある。\n';
const NOW = '2026-01-01T00:00:00.000Z';
const dirs: string[] = [];
const tempMemory = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kioku-jobs-'));
  dirs.push(dir);
  return openStore(join(dir, 'memory'), { displayDir: 'memory' });
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('exportJob', () => {
  it('segments the text once, with a memory (leverage and carry-over) as without', () => {
    for (const memory of [{ location: 'memory' }, { store: tempMemory() }]) {
      segmentCalls.n = 0;
      const job = exportJob({ text: TEXT, file: 'doc.ja.txt', document: 'doc.ja.txt', sourceLang: 'ja', targetLang: 'en', version: '2.0' }, memory);
      expect(job.ok).toBe(true);
      expect(segmentCalls.n).toBe(1);
      if (!job.ok) return;
      expect(job.value.plan.units).toBe(3);
      // The record is of the revision the plan was built from.
      if (memory.store) expect(job.value.record?.revision.segments).toBe(job.value.plan.revision.segments);
      else expect(job.value.record).toBeUndefined();
    }
  });

  it('--changed-only without a memory is a usage error naming where the memory was looked for', () => {
    const job = exportJob(
      { text: TEXT, file: 'doc.ja.txt', document: 'doc.ja.txt', targetLang: 'en', version: '2.0', changedOnly: true },
      { location: 'nowhere' },
    );
    expect(job.ok === false && job.error).toMatchObject({ code: 'usage', message: '--changed-only needs a memory, and there is none at nowhere' });
  });
});

describe('importJob', () => {
  it('returns rejected units as its error variant, and the memory stays as it was', () => {
    const store = tempMemory();
    const exported = exportJob({ text: TEXT, file: 'doc.ja.txt', document: 'doc.ja.txt', sourceLang: 'ja', targetLang: 'en', version: '1.2' }, { store });
    if (!exported.ok || !exported.value.record) throw new Error('export failed');
    expect(recordExportJob(store, exported.value.record, NOW).ok).toBe(true);
    // The translator edits a source and translates the unit.
    const xml = exported.value.plan.xml.replace(
      '<source>人口は多い。</source>',
      '<source>人口はとても多い。</source><target state="translated">Many people live there.</target>',
    );
    expect(xml).not.toBe(exported.value.plan.xml);
    const document = readXliff(xml, { file: 'doc.en.xlf', forMemory: true });
    if (!document.ok) throw new Error(document.error.message);

    const result = importJob(store, [{ file: 'doc.en.xlf', document: document.value }], { now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const failure = result.error;
    expect(failure.kind).toBe('rejected');
    if (failure.kind !== 'rejected') return;
    expect(failure.rejections).toHaveLength(1);
    expect(failure.rejections[0]).toMatchObject({ file: 'doc.en.xlf', reason: 'source-changed' });
    expect(failure.error).toEqual({
      code: 'import',
      message: '1 unit rejected; nothing was imported (memory unchanged)',
      hint: 'fix the files (or re-export) and import again',
    });
    const content = store.read();
    expect(content.ok && content.value.units).toEqual([]);
  });

  it('stores the units of an accepted import and reports them', () => {
    const store = tempMemory();
    const exported = exportJob({ text: TEXT, file: 'doc.ja.txt', document: 'doc.ja.txt', sourceLang: 'ja', targetLang: 'en', version: '1.2' }, { store });
    if (!exported.ok || !exported.value.record) throw new Error('export failed');
    expect(recordExportJob(store, exported.value.record, NOW).ok).toBe(true);
    const xml = exported.value.plan.xml.replace(
      '<source>人口は多い。</source>',
      '<source>人口は多い。</source><target state="translated">Many people live there.</target>',
    );
    const document = readXliff(xml, { file: 'doc.en.xlf', forMemory: true });
    if (!document.ok) throw new Error(document.error.message);
    const result = importJob(store, [{ file: 'doc.en.xlf', document: document.value }], { now: NOW });
    expect(result.ok && result.value.report.added).toBe(1);
    expect(readdirSync(join(dirs[dirs.length - 1]!, 'memory')).length).toBeGreaterThan(0);
  });
});
