/**
 * The merge-driver line that memory/README.md documents, set up as a user would in a real git
 * repository: two branches change the same record and add their own, and `git merge` goes through the
 * driver (its report on stderr proves it ran; git's own text merge would stop with conflict markers).
 *
 * The documented line runs `node /path/to/kioku/bin/kioku.js` from a built clone. The test makes such a
 * clone in a temporary folder with the repository's real bin/kioku.js and package.json, and a
 * dist/cli/bin.js that re-exports the sources (loaded through tsx, given to the node that git starts
 * by NODE_OPTIONS): the command git runs is the documented one, only the build is skipped.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { missing, ROOT } from '../support/env.js';
import { runKioku, storedSources, translatedXliff } from './harness.js';

const README = readFileSync(join(ROOT, 'memory', 'README.md'), 'utf8');
const ATTRIBUTES = readFileSync(join(ROOT, 'memory', '.gitattributes'), 'utf8');
/** The documented driver for a clone of kioku: `node /path/to/kioku/bin/kioku.js memory merge-driver %O %A %B %P`. */
const DOCUMENTED = /git config merge\.kioku-memory\.driver "(node \/path\/to\/kioku\/bin\/kioku\.js memory merge-driver %O %A %B %P)"/;

function git(cwd: string, args: readonly string[], env: Record<string, string> = {}): { status: number | null; out: string } {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
      NO_COLOR: '1',
      ...env,
    },
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('the documented merge-driver line', () => {
  const work = mkdtempSync(join(tmpdir(), 'kioku-merge-line-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is the same in memory/README.md and memory/.gitattributes (which new memories get)', () => {
    const line = DOCUMENTED.exec(README)?.[1];
    expect(line, 'memory/README.md documents the driver line of a clone').toBeDefined();
    expect(ATTRIBUTES).toContain(`git config merge.kioku-memory.driver "${line}"`);
    // The line that fails where kioku is not installed is no longer the one to copy.
    expect(README).not.toMatch(/^git config merge\.kioku-memory\.driver "npx/m);
  });

  it.skipIf(missing({ command: 'git' }))('merges two branches that changed the memory, through the driver, from a clone', async () => {
    const line = DOCUMENTED.exec(README)![1]!;
    const clone = join(work, 'kioku');
    mkdirSync(join(clone, 'bin'), { recursive: true });
    mkdirSync(join(clone, 'dist', 'cli'), { recursive: true });
    copyFileSync(join(ROOT, 'bin', 'kioku.js'), join(clone, 'bin', 'kioku.js'));
    copyFileSync(join(ROOT, 'package.json'), join(clone, 'package.json'));
    writeFileSync(join(clone, 'dist', 'cli', 'bin.js'), `export { main } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src', 'cli', 'bin.ts')).href)};\n`);
    const driver = line.replace('/path/to/kioku', clone);
    const nodeOptions = { NODE_OPTIONS: `--import=${import.meta.resolve('tsx')}` };

    const repo = join(work, 'project');
    mkdirSync(join(repo, 'memory'), { recursive: true });
    expect(git(repo, ['init', '-q', '-b', 'main']).status).toBe(0);
    git(repo, ['config', 'merge.kioku-memory.name', 'kioku memory merge']);
    git(repo, ['config', 'merge.kioku-memory.driver', driver]);
    copyFileSync(join(ROOT, 'memory', '.gitattributes'), join(repo, 'memory', '.gitattributes'));
    const base = translatedXliff('base', 6);
    writeFileSync(join(repo, 'base.xlf'), base.text);
    expect((await runKioku(['import', 'base.xlf'], { cwd: repo })).code).toBe(0);
    git(repo, ['add', 'memory']);
    expect(git(repo, ['commit', '-q', '-m', 'base']).status).toBe(0);

    const expected = new Set(base.sources);
    for (const branch of ['a', 'b']) {
      expect(git(repo, ['checkout', '-q', '-b', branch, 'main']).status).toBe(0);
      const own = translatedXliff(`own${branch}`, 4);
      for (const s of own.sources) expected.add(s);
      // Both branches retranslate the same sentence: the same record changed on both sides, which a
      // text merge cannot resolve.
      const again = base.text.replace('Sentence 0 of base is kept.', `Sentence 0 of base, as branch ${branch} has it.`);
      writeFileSync(join(repo, `${branch}.xlf`), own.text);
      writeFileSync(join(repo, 'base.xlf'), again);
      for (const f of [`${branch}.xlf`, 'base.xlf']) {
        const r = await runKioku(['import', f], { cwd: repo });
        expect(r.code, r.stderr).toBe(0);
      }
      git(repo, ['add', 'memory']);
      expect(git(repo, ['commit', '-q', '-m', branch]).status).toBe(0);
    }
    expect(git(repo, ['checkout', '-q', 'main']).status).toBe(0);
    expect(git(repo, ['merge', '-q', '--no-edit', 'a']).status).toBe(0);
    const merge = git(repo, ['merge', '--no-edit', 'b'], nodeOptions);
    expect(merge.status, merge.out).toBe(0);
    expect(merge.out).not.toMatch(/CONFLICT|registry|not found/i);
    // The driver ran and resolved the record both branches changed (git shows its stderr).
    expect(merge.out).toMatch(/kioku: merged ja_en\/units\.jsonl: record \S+ changed on both sides; kept/);

    const fsck = await runKioku(['memory', 'fsck', '--json'], { cwd: repo });
    expect(fsck.code, fsck.stdout + fsck.stderr).toBe(0);
    expect(JSON.parse(fsck.stdout).problems).toEqual([]);
    const stored = storedSources(join(repo, 'memory'));
    for (const s of expected) expect(stored.sources.has(s), s).toBe(true);
    expect(readFileSync(join(repo, 'memory', 'ja_en', 'units.jsonl'), 'utf8')).toContain('Sentence 0 of base, as branch b has it.');
  });
});
