import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kioku } from '../support/cli.js';
import { spawnKioku } from '../support/spawn.js';
import { FIXTURES } from '../support/env.js';
import { rulesMarkdown } from '../../src/check/report/rules.js';
import { RULES } from '../../src/check/rules/index.js';

const CHECK = join(FIXTURES, 'check');

/** A scratch directory holding copies of the named fixtures (paths relative to it in the tests). */
function scratch(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'kioku-check-'));
  copyFileSync(join(CHECK, 'article.en.xlf'), join(dir, 'article.en.xlf'));
  copyFileSync(join(FIXTURES, 'article.ja.txt'), join(dir, 'article.ja.txt'));
  copyFileSync(join(CHECK, 'article.ja.revised.txt'), join(dir, 'article.ja.revised.txt'));
  copyFileSync(join(CHECK, 'glossary.csv'), join(dir, 'glossary.csv'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const edit = (dir: string, from: string, to: string, file = 'article.en.xlf'): void => {
  const text = readFileSync(join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`no ${from}`);
  writeFileSync(join(dir, file), text.replace(from, to));
};

describe('kioku check — acceptance', () => {
  it('a clean translation exits 0 with no findings (with source, glossary, no memory)', async () => {
    const dir = scratch();
    const r = await kioku(['check', 'article.en.xlf', '--source', 'article.ja.txt', '--glossary', 'glossary.csv'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('✔ no problems in 58 units in 1 file\n');
    expect(r.code).toBe(0);
  });

  it('a stale translation (source revised after translation) fails with exit 1 and names the segment', async () => {
    const dir = scratch();
    const r = await kioku(['check', 'article.en.xlf', '--source', 'article.ja.revised.txt', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const stale = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'stale-source');
    expect(stale.map((f: { unit: string }) => f.unit)).toEqual(['fc4403577115', 'ed308e516866']);
    expect(stale[1]).toMatchObject({
      severity: 'error',
      file: 'article.en.xlf',
      actual: 'しかし、習得の壁は高く、致命的である。',
      expected: 'しかし、習得の壁は非常に高く、致命的である。',
    });
    expect(stale[1].message).toBe(
      'the source changed since it was translated (article.ja.revised.txt line 49): しかし、習得の壁は{+非常に+}高く、致命的である。',
    );
    const text = await kioku(['check', 'article.en.xlf', '--source', 'article.ja.revised.txt'], { cwd: dir });
    expect(text.stdout).toContain('unit ed308e516866 (line ');
    expect(text.stdout).toContain('stale-source');
  });

  it('malformed input exits 2 with one clear line and no report', async () => {
    const dir = scratch({ 'bad.xlf': readFileSync(join(CHECK, 'article.en.xlf'), 'utf8').slice(0, 2000) });
    const r = await kioku(['check', 'bad.xlf'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').length).toBe(2);
    expect(r.stderr).toMatch(/^kioku: error: bad\.xlf:\d+:\d+: /);
  });

  it.each([
    [['check', 'missing.xlf'], /^kioku: error: missing\.xlf: cannot read the file: no such file\n$/],
    [['check'], /^kioku: error: no XLIFF file to check; kioku check FILE\.xlf… \(or --list-rules\)\n$/],
    [['check', 'article.en.xlf', '--glossary', 'g.csv'], /^kioku: error: g\.csv:2:1: unterminated quoted field; close the field with a double quote\n$/],
    [['check', 'article.en.xlf', '--disable', 'nope'], /^kioku: error: unknown rule "nope" in --disable; kioku check --list-rules shows the rule ids\n$/],
    [['check', 'article.en.xlf', '--format', 'yaml'], /expected one of text, json, junit, sarif, github, markdown for --format/],
    [
      ['check', 'article.en.xlf', 'copy.xlf', '--source', 'other.txt'],
      /^kioku: error: --source other\.txt matches no XLIFF file by its original name; the files translate: article\.en\.xlf \(article\.ja\.txt\), copy\.xlf \(article\.ja\.txt\)\n$/,
    ],
    [['check', 'article.en.xlf', '--baseline', 'glossary.csv'], /^kioku: error: glossary\.csv: not a kioku baseline: invalid JSON/],
    [['check', 'article.en.xlf', '--memory', 'nowhere'], /^kioku: error: there is no memory at nowhere/],
  ])('unusable input %j exits 2', async (args, stderr) => {
    const dir = scratch({ 'g.csv': 'ja,en\n"平壌,Pyongyang\n' });
    copyFileSync(join(dir, 'article.en.xlf'), join(dir, 'copy.xlf'));
    const r = await kioku(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(stderr);
  });
});

describe('kioku check — options', () => {
  it('--fail-on: warnings pass by default and fail with --fail-on warning', async () => {
    const dir = scratch();
    edit(dir, 'The audience applauded.', 'The audience  applauded.');
    expect((await kioku(['check', 'article.en.xlf'], { cwd: dir })).code).toBe(0);
    const r = await kioku(['check', 'article.en.xlf', '--fail-on', 'warning'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('double-space');
  });

  it('--disable skips rules', async () => {
    const dir = scratch();
    edit(dir, 'At least 600 have been killed', 'At least 500 have been killed');
    expect((await kioku(['check', 'article.en.xlf'], { cwd: dir })).code).toBe(1);
    expect((await kioku(['check', 'article.en.xlf', '--disable', 'numbers,numbers-extra'], { cwd: dir })).code).toBe(0);
  });

  it('-o writes the report to a file and a summary line to stderr', async () => {
    const dir = scratch();
    edit(dir, 'At least 600 have been killed', 'At least 500 have been killed');
    const r = await kioku(['check', 'article.en.xlf', '--format', 'junit', '-o', 'out/report.xml'.replace('out/', '')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('kioku check: 1 errors, 1 warnings, 0 info in 58 units; report in report.xml\n');
    expect(readFileSync(join(dir, 'report.xml'), 'utf8')).toContain('<failure type="numbers"');
  });

  it('github and sarif formats', async () => {
    const dir = scratch();
    edit(dir, 'At least 600 have been killed', 'At least 500 have been killed');
    const gh = await kioku(['check', 'article.en.xlf', '--format', 'github'], { cwd: dir });
    expect(gh.stdout).toMatch(
      /^::error file=article\.en\.xlf,line=\d+,title=kioku numbers \(unit 99a4cd6ac97d\)::the source number 600 \(600\) is missing from the target%0Aactual: 500%0Aexpected: 600\n::warning /,
    );
    const sarif = JSON.parse((await kioku(['check', 'article.en.xlf', '--format', 'sarif'], { cwd: dir })).stdout);
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['numbers', 'numbers-extra']);
  });

  it('colours only on a TTY and never with NO_COLOR', async () => {
    const dir = scratch();
    edit(dir, 'At least 600 have been killed', 'At least 500 have been killed');
    expect((await kioku(['check', 'article.en.xlf'], { cwd: dir, tty: true })).stdout).toContain('\u001b[31m');
    expect((await kioku(['check', 'article.en.xlf'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await kioku(['check', 'article.en.xlf'], { cwd: dir })).stdout).not.toContain('\u001b[');
  });

  it('--list-rules --format markdown prints the README table generated from the rule list', async () => {
    const r = await kioku(['check', '--list-rules', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(rulesMarkdown(RULES));
    expect((await kioku(['check', '--list-rules'])).stdout.split('\n').length).toBe(RULES.length + 1);
  });

  it('uses the memory for consistency: memory/ by default, --memory DIR, --no-memory', async () => {
    const dir = scratch();
    expect((await kioku(['import', 'article.en.xlf'], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, 'memory'))).toBe(true);
    expect((await kioku(['check', 'article.en.xlf', '--source', 'article.ja.txt', '--glossary', 'glossary.csv'], { cwd: dir })).code).toBe(0);
    edit(dir, 'The audience applauded.', 'The crowd applauded.');
    const r = await kioku(['check', 'article.en.xlf', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string; expected: string }) => [f.rule, f.expected])).toEqual([
      ['consistency', 'The audience applauded.'],
    ]);
    expect(JSON.parse((await kioku(['check', 'article.en.xlf', '--memory', 'memory', '--format', 'json'], { cwd: dir })).stdout).findings.length).toBe(1);
    expect(JSON.parse((await kioku(['check', 'article.en.xlf', '--no-memory', '--format', 'json'], { cwd: dir })).stdout).findings).toEqual([]);
  });
});

describe('kioku check — baselines', () => {
  it('--write-baseline records the findings; --baseline accepts them and fails only on new ones', async () => {
    const dir = scratch();
    edit(dir, 'At least 600 have been killed', 'At least 500 have been killed');
    const w = await kioku(['check', 'article.en.xlf', '--write-baseline', 'baseline.json'], { cwd: dir });
    expect(w.code).toBe(0);
    expect(w.stderr).toBe('kioku: recorded 2 findings in baseline.json\n');
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
    expect(baseline.findings.map((f: { rule: string }) => f.rule)).toEqual(['numbers', 'numbers-extra']);
    const ok = await kioku(['check', 'article.en.xlf', '--baseline', 'baseline.json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('✔ no problems in 58 units in 1 file (baseline: 2 accepted, 0 no longer found)\n');
    // Lines move (a unit gains a note above the finding): still accepted.
    edit(dir, '<trans-unit id="8554b01a130b" approved="yes">', '<trans-unit id="8554b01a130b" approved="yes">\n<note>moved</note>\n');
    expect((await kioku(['check', 'article.en.xlf', '--baseline', 'baseline.json'], { cwd: dir })).code).toBe(0);
    // A new problem fails and is the only one reported.
    edit(dir, 'The audience applauded.', 'The audience applauded');
    const fresh = await kioku(['check', 'article.en.xlf', '--baseline', 'baseline.json', '--fail-on', 'warning', '--format', 'json'], { cwd: dir });
    expect(fresh.code).toBe(1);
    expect(JSON.parse(fresh.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(['end-punctuation']);
    // The same number error with another wrong value is a new finding.
    edit(dir, 'At least 500 have been killed', 'At least 400 have been killed');
    const changed = await kioku(['check', 'article.en.xlf', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(changed.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(['end-punctuation', 'numbers', 'numbers-extra']);
  });
});

describe('kioku check — real process', () => {
  it('exit codes 1 (stale) and 0 (clean) from the binary', () => {
    // Run from the repository (tsx resolves from the working directory), on the scratch copies.
    const dir = scratch();
    const stale = spawnKioku(['check', join(dir, 'article.en.xlf'), '--source', join(dir, 'article.ja.revised.txt')]);
    expect(stale.stderr).toBe('');
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('stale-source');
    expect(spawnKioku(['check', join(dir, 'article.en.xlf'), '--source', join(dir, 'article.ja.txt')]).status).toBe(0);
    const bad = spawnKioku(['check', join(CHECK, 'build.ts')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n').length).toBe(2);
  });
});
