/**
 * translate-toolkit's po2xliff (the real tool, installed by CI) writes XLIFF 1.1 with
 * `source-language="en-US"` and no target language: the PO header it keeps as a unit names it
 * (`Language: ja`), so the import lands under en-US → ja; a PO without that header is refused with the
 * flag that fixes it named.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kioku } from '../support/cli.js';
import { missing } from '../support/env.js';

const reason = missing({ command: 'po2xliff' });

const po = (header: string) =>
  [
    'msgid ""',
    'msgstr ""',
    ...header.split('\n').map((l) => `"${l}\\n"`),
    '',
    'msgid "Open the file"',
    'msgstr "ファイルを開く"',
    '',
    'msgid "Save changes before closing?"',
    'msgstr "閉じる前に変更を保存しますか?"',
    '',
    '#, fuzzy',
    'msgid "Delete all items in the current folder"',
    'msgstr "フォルダを削除"',
    '',
  ].join('\n');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kioku-po2xliff-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(reason)(`a po2xliff round trip (${reason ?? 'translate-toolkit'})`, () => {
  it('lands under the language pair of the PO header; fuzzy entries are not approved', async () => {
    writeFileSync(join(dir, 'a.po'), po('Language: ja\nContent-Type: text/plain; charset=UTF-8'));
    execFileSync('po2xliff', ['a.po', 'a.xlf'], { cwd: dir, stdio: 'pipe' });
    const r = await kioku(['import', 'a.xlf', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, added: 2, skipped: 1, unreviewed: 1 });
    expect(readdirSync(join(dir, 'memory')).filter((n) => n.includes('_'))).toEqual(['en-US_ja']);
  });

  it('without a Language header, is refused naming --target-lang; with it, lands there', async () => {
    writeFileSync(join(dir, 'b.po'), po('Content-Type: text/plain; charset=UTF-8'));
    execFileSync('po2xliff', ['b.po', 'b.xlf'], { cwd: dir, stdio: 'pipe' });
    const refused = await kioku(['import', 'b.xlf'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^kioku: error: b\.xlf:\d+:\d+: no target-language attribute; name the target language with --target-lang \(e\.g\. --target-lang ja\)/,
    );
    const ok = await kioku(['import', 'b.xlf', '--target-lang', 'ja'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(readdirSync(join(dir, 'memory')).filter((n) => n.includes('_'))).toEqual(['en-US_ja']);
  });
});
