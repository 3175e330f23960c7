/**
 * Outputs (issue 11): where a write lands (symlinks written through, devices and FIFOs in place), the
 * staged write export uses, the guard that keeps outputs off inputs and out of the memory, and the
 * small CLI rules around them (colour, one-line usage errors, --max-bytes 0).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutput, outputTarget, stageFile, writeFileAtomic } from '../../src/io/files.js';
import { useColour, safeText } from '../../src/cli/output.js';
import { usageLine } from '../../src/cli/main.js';
import { safeJson } from '../../src/text/json.js';
import { kioku } from '../support/cli.js';
import { missing } from '../support/env.js';
import { nullDevice } from '../support/devices.js';

const root = mkdtempSync(join(tmpdir(), 'kioku-outputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function scratch(): string {
  const d = join(root, `d${++n}`);
  mkdirSync(d);
  return d;
}

describe('writeFileAtomic and stageFile', () => {
  it('writes through a symlink: the target is replaced, the link stays a link', () => {
    const d = scratch();
    writeFileSync(join(d, 'target.txt'), 'old\n');
    symlinkSync('target.txt', join(d, 'link.txt'));
    const r = writeFileAtomic(join(d, 'link.txt'), 'new\n');
    expect(r).toEqual({ ok: true, value: { written: true } });
    expect(lstatSync(join(d, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'target.txt'), 'utf8')).toBe('new\n');
    expect(readdirSync(d).sort()).toEqual(['link.txt', 'target.txt']);
  });

  it('a dangling symlink creates the file it names; a chain of links is followed to its end', () => {
    const d = scratch();
    mkdirSync(join(d, 'out'));
    symlinkSync('out/report.json', join(d, 'b'));
    symlinkSync('b', join(d, 'a'));
    expect(outputTarget(join(d, 'a'))).toEqual({ ok: true, value: { path: join(d, 'out', 'report.json'), kind: 'missing' } });
    expect(writeFileAtomic(join(d, 'a'), '{}\n').ok).toBe(true);
    expect(readFileSync(join(d, 'out', 'report.json'), 'utf8')).toBe('{}\n');
    expect(lstatSync(join(d, 'a')).isSymbolicLink() && lstatSync(join(d, 'b')).isSymbolicLink()).toBe(true);
  });

  it('a symlink loop is one clear error', () => {
    const d = scratch();
    symlinkSync('y', join(d, 'x'));
    symlinkSync('x', join(d, 'y'));
    const r = writeFileAtomic(join(d, 'x'), 'data', { displayName: 'x' });
    expect(r).toEqual({ ok: false, error: { code: 'io', message: 'cannot write the file: too many levels of symbolic links', file: 'x' } });
  });

  it('a null device is written in place and stays a character device', () => {
    // The test's own null device (see nullDevice): a regression must not replace the machine's /dev/null.
    const d = scratch();
    nullDevice(join(d, 'null'));
    const r = writeFileAtomic(join(d, 'null'), 'report\n');
    expect(r).toEqual({ ok: true, value: { written: true } });
    expect(statSync(join(d, 'null')).isCharacterDevice()).toBe(true);
    // Empty data is written too (no "unchanged" read of a device, which could block on a FIFO).
    expect(writeFileAtomic(join(d, 'null'), '')).toEqual({ ok: true, value: { written: true } });
    expect(readdirSync(d)).toEqual(['null']);
  });

  it.skipIf(missing({ command: 'mkfifo' }))('a FIFO is opened and written, not replaced', async () => {
    const d = scratch();
    const fifo = join(d, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b: Buffer) => (got += b.toString('utf8')));
    const closed = new Promise((r) => reader.on('close', r));
    expect(writeFileAtomic(fifo, 'through the pipe\n')).toEqual({ ok: true, value: { written: true } });
    await closed;
    expect(got).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a socket and a directory are refused with the name as typed', async () => {
    const d = scratch();
    const sock = join(d, 's.sock');
    const server = createServer();
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      expect(writeFileAtomic(sock, 'x', { displayName: 's.sock' })).toMatchObject({
        ok: false,
        error: { message: 'cannot write the file: it is a socket', file: 's.sock' },
      });
    } finally {
      server.close();
    }
    expect(writeFileAtomic(d, 'x', { displayName: 'dir' })).toMatchObject({
      ok: false,
      error: { message: 'cannot write the file: is a directory', file: 'dir' },
    });
  });

  it('a staged write is invisible until committed, and abort leaves nothing', () => {
    const d = scratch();
    writeFileSync(join(d, 'out.xlf'), 'old\n');
    const staged = stageFile(join(d, 'out.xlf'), 'new\n');
    if (!staged.ok) throw new Error(staged.error.message);
    expect(readFileSync(join(d, 'out.xlf'), 'utf8')).toBe('old\n');
    expect(readdirSync(d).length).toBe(2); // the file and its staged temp
    staged.value.abort();
    expect(readdirSync(d)).toEqual(['out.xlf']);
    expect(readFileSync(join(d, 'out.xlf'), 'utf8')).toBe('old\n');
    const again = stageFile(join(d, 'out.xlf'), 'new\n');
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.commit()).toEqual({ ok: true, value: { written: true } });
    expect(readdirSync(d)).toEqual(['out.xlf']);
    expect(readFileSync(join(d, 'out.xlf'), 'utf8')).toBe('new\n');
    // Unchanged content stages nothing and reports written: false.
    const same = stageFile(join(d, 'out.xlf'), 'new\n');
    if (!same.ok) throw new Error(same.error.message);
    expect(readdirSync(d)).toEqual(['out.xlf']);
    expect(same.value.commit()).toEqual({ ok: true, value: { written: false } });
  });

  it('staging into a missing folder fails before anything else happens', () => {
    const d = scratch();
    expect(stageFile(join(d, 'no', 'out.xlf'), 'x', { displayName: 'no/out.xlf' })).toMatchObject({
      ok: false,
      error: { file: 'no/out.xlf', message: 'cannot write the file: no such file' },
    });
  });
});

describe('checkOutput', () => {
  const setup = () => {
    const d = scratch();
    writeFileSync(join(d, 'a.xlf'), 'input\n');
    mkdirSync(join(d, 'memory', 'ja_en'), { recursive: true });
    writeFileSync(join(d, 'memory', 'ja_en', 'units.jsonl'), '');
    const guard = { inputs: [{ path: join(d, 'a.xlf'), display: 'a.xlf' }], memories: [{ path: join(d, 'memory'), display: 'memory' }] };
    return { d, guard };
  };

  it('refuses the input however it is named: the same path, a hard link, a symlink', () => {
    const { d, guard } = setup();
    linkSync(join(d, 'a.xlf'), join(d, 'hard.xlf'));
    symlinkSync('a.xlf', join(d, 'soft.xlf'));
    mkdirSync(join(d, 'sub'));
    for (const [path, shown] of [
      [join(d, 'sub', '..', 'a.xlf'), '../a.xlf'],
      [join(d, 'hard.xlf'), 'hard.xlf'],
      [join(d, 'soft.xlf'), 'soft.xlf'],
    ] as const) {
      expect(checkOutput(path, shown, guard)).toEqual({
        ok: false,
        error: { code: 'usage', message: 'the output would overwrite an input (a.xlf)', file: shown, hint: 'write it elsewhere' },
      });
    }
    expect(checkOutput(join(d, 'other.xlf'), 'other.xlf', guard)).toEqual({ ok: true, value: undefined });
  });

  it('refuses a file in the memory, existing or new, directly or through a symlink (of the file or of a folder)', () => {
    const { d, guard } = setup();
    symlinkSync('memory/ja_en/units.jsonl', join(d, 'out.tmx'));
    symlinkSync('memory', join(d, 'mem-link'));
    expect(checkOutput(join(d, 'memory', 'ja_en', 'units.jsonl'), 'memory/ja_en/units.jsonl', guard)).toMatchObject({
      ok: false,
      error: { message: "the output would overwrite the memory's own file" },
    });
    expect(checkOutput(join(d, 'out.tmx'), 'out.tmx', guard)).toMatchObject({
      ok: false,
      error: { message: "the output would overwrite the memory's own file" },
    });
    expect(checkOutput(join(d, 'memory', 'new', 'deep.tmx'), 'memory/new/deep.tmx', guard)).toMatchObject({
      ok: false,
      error: { message: 'the output would be written inside the memory (memory)' },
    });
    expect(checkOutput(join(d, 'mem-link', 'x.tmx'), 'mem-link/x.tmx', guard)).toMatchObject({
      ok: false,
      error: { message: 'the output would be written inside the memory (memory)' },
    });
    // A sibling whose name starts like the memory's is not inside it.
    expect(checkOutput(join(d, 'memory-backup.tmx'), 'memory-backup.tmx', guard)).toEqual({ ok: true, value: undefined });
  });

  it('never compares a device: it is written in place, not replaced', () => {
    const { d, guard } = setup();
    nullDevice(join(d, 'null'));
    const dev = join(d, 'null');
    expect(checkOutput(dev, 'null', { ...guard, inputs: [{ path: dev, display: 'null' }] })).toEqual({ ok: true, value: undefined });
  });
});

describe('the output guard through the CLI', () => {
  it('refuses before anything is written, and `-o -` is standard output', async () => {
    const d = scratch();
    writeFileSync(join(d, 'old.txt'), 'One sentence here.\n');
    writeFileSync(join(d, 'new.txt'), 'One sentence there.\n');
    const r = await kioku(['diff', 'old.txt', 'new.txt', '--html', './old.txt'], { cwd: d });
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'kioku: error: ./old.txt: the output would overwrite an input (old.txt); write it elsewhere\n' });
    const html = await kioku(['diff', 'old.txt', 'new.txt', '--html', '-'], { cwd: d });
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    const both = await kioku(['diff', 'old.txt', 'new.txt', '--html', '-', '--json'], { cwd: d });
    expect(both.stderr).toBe('kioku: error: --html - and --json both write to standard output; write the HTML report to a file, or leave out --json\n');
    expect(readdirSync(d).sort()).toEqual(['new.txt', 'old.txt']);
  });

  it('align refuses - (standard output carries its listing)', async () => {
    const d = scratch();
    writeFileSync(join(d, 'ja.txt'), '猫です。\n');
    writeFileSync(join(d, 'en.txt'), 'It is a cat.\n');
    const r = await kioku(['align', 'ja.txt', 'en.txt', '--tmx', '-'], { cwd: d });
    expect(r.stderr).toBe('kioku: error: --tmx - is not supported: standard output carries the alignment listing; give --tmx a file name\n');
  });

  it('demo --out deletes only an empty folder or one it wrote', async () => {
    const d = scratch();
    writeFileSync(join(d, 'precious.txt'), 'keep me\n');
    const r = await kioku(['demo', '--out', d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kioku: error: .*: not an empty folder nor one the demo wrote; give --out a new or empty folder\n$/);
    expect(existsSync(join(d, 'precious.txt'))).toBe(true);
  });
});

describe('--max-bytes 0', () => {
  it('is a limit: only an empty file passes', async () => {
    const d = scratch();
    writeFileSync(join(d, 'a.txt'), 'One sentence.\n');
    writeFileSync(join(d, 'empty.txt'), '');
    expect((await kioku(['segment', 'a.txt', '--max-bytes', '0'], { cwd: d })).stderr).toMatch(/over the 0-byte limit/);
    expect((await kioku(['segment', 'empty.txt', '--max-bytes', '0', '--json'], { cwd: d })).code).toBe(0);
  });
});

describe('useColour (the NO_COLOR and supports-color FORCE_COLOR conventions)', () => {
  const tty = { write: () => {}, isTTY: true };
  const pipe = { write: () => {}, isTTY: false };
  it.each([
    [{}, tty, true],
    [{}, pipe, false],
    [{ TERM: 'dumb' }, tty, false],
    [{ NO_COLOR: '1' }, tty, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, pipe, false],
    [{ NO_COLOR: '' }, tty, true],
    [{ FORCE_COLOR: '0' }, tty, false],
    [{ FORCE_COLOR: 'false' }, tty, false],
    [{ FORCE_COLOR: 'false' }, pipe, false],
    [{ FORCE_COLOR: '1' }, pipe, true],
    [{ FORCE_COLOR: '2' }, pipe, true],
    [{ FORCE_COLOR: '3' }, pipe, true],
    [{ FORCE_COLOR: 'true' }, pipe, true],
    [{ FORCE_COLOR: '' }, pipe, true],
    [{ FORCE_COLOR: 'sometimes' }, pipe, false],
    [{ FORCE_COLOR: 'sometimes' }, tty, true],
  ] as const)('%j on %j → %s', (env, stream, expected) => {
    expect(useColour(stream, env)).toBe(expected);
  });
});

describe('usage errors', () => {
  it("are one kioku: error: line with the command's help pointer, nested commands included", async () => {
    expect(usageLine("error: unknown option '--x'\n", 'kioku check')).toBe("kioku: error: unknown option '--x' (run kioku check --help for usage)");
    expect(usageLine("error: unknown command 'lokup'\n(Did you mean lookup?)\n", 'kioku')).toBe(
      "kioku: error: unknown command 'lokup' (Did you mean lookup?) (run kioku --help for usage)",
    );
    for (const [args, line] of [
      [['tmx', 'export', '--bogus'], "kioku: error: unknown option '--bogus' (run kioku tmx export --help for usage)\n"],
      [['diff', 'a', 'b', 'c'], "kioku: error: too many arguments for 'diff'. Expected 2 arguments but got 3. (run kioku diff --help for usage)\n"],
      [['--nope'], "kioku: error: unknown option '--nope' (run kioku --help for usage)\n"],
    ] as const) {
      const r = await kioku(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(line);
    }
  });
});

describe('terminal safety of the new characters', () => {
  it('safeText and safeJson escape LRM, RLM, ALM and U+2028/2029 with the other bidi controls', () => {
    const text = 'a\u200eb\u200fc\u061cd\u2028e\u2029f\u202eg\u2066h';
    expect(safeText(text)).toBe('a\\u200eb\\u200fc\\u061cd\\u2028e\\u2029f\\u202eg\\u2066h');
    expect(safeJson(text)).toBe('"a\\u200eb\\u200fc\\u061cd\\u2028e\\u2029f\\u202eg\\u2066h"');
    expect(JSON.parse(safeJson(text))).toBe(text);
    // Ordinary text, Arabic and Hebrew letters included, is untouched.
    expect(safeText('日本語 عربي עברית café')).toBe('日本語 عربي עברית café');
  });
});
