import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kioku } from '../support/cli.js';

// A memoQ file with one confirmed and two unconfirmed translations, one of them locked: the import
// stores the confirmed one and its hint names memoQ's status, not OmegaT.
const MQXLIFF = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
<file original="a.docx" source-language="en" target-language="ja" datatype="x-docx">
<body>
<trans-unit id="1" mq:status="ManuallyConfirmed" mq:locked="locked"><source>Close the valve.</source><target>バルブを閉じる。</target></trans-unit>
<trans-unit id="2" mq:status="PartiallyEdited"><source>Open the valve.</source><target>バルブを開く。</target></trans-unit>
<trans-unit id="3" mq:status="Pretranslated"><source>Check the valve.</source><target>バルブを点検する。</target></trans-unit>
</body>
</file>
</xliff>
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kioku-vendor-import-'));
  writeFileSync(join(dir, 'a.mqxliff'), MQXLIFF);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('import of a memoQ file', () => {
  it('stores only the confirmed unit, locked or not, and names memoQ’s statuses in the hint', async () => {
    const r = await kioku(['import', 'a.mqxliff', '--memory', 'm'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'a.mqxliff (a.docx): added 1, updated 0, unchanged 0, skipped 2, rejected 0\n' +
        'hint: 2 skipped units have a translated target that the CAT tool did not confirm (mq:status="PartiallyEdited" ×1, mq:status="Pretranslated" ×1); confirm them in the CAT tool and export again, or import them as needs-review candidates with --accept-unreviewed\n',
    );
    const json = JSON.parse((await kioku(['import', 'a.mqxliff', '--memory', 'm', '--json'], { cwd: dir })).stdout);
    expect(json).toMatchObject({ ok: true, added: 0, unchanged: 1, unreviewed: 2 });
    expect(json.files[0].unreviewedAs).toEqual({ 'mq:status="PartiallyEdited"': 1, 'mq:status="Pretranslated"': 1 });
  });

  it('a locked unit whose target differs from the memory’s is updated, not refused', async () => {
    expect((await kioku(['import', 'a.mqxliff', '--memory', 'm'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'a.mqxliff'), MQXLIFF.replace('バルブを閉じる。', 'バルブを閉めてください。'));
    const r = await kioku(['import', 'a.mqxliff', '--memory', 'm'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('a.mqxliff (a.docx): added 0, updated 1, unchanged 0, skipped 2, rejected 0');
  });
});
