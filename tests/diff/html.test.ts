import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { segment } from '../../src/segment/index.js';
import { diffRevisions, renderDiffHtml } from '../../src/diff/index.js';
import { FIXTURES, missing, ROOT } from '../support/env.js';

const REV = join(FIXTURES, 'revisions', 'en-mixed');

function report(): { html: string; changed: number; minor: number; total: number } {
  const old = segment(readFileSync(join(REV, 'old.txt'), 'utf8'), { lang: 'en' });
  const next = segment(readFileSync(join(REV, 'new.txt'), 'utf8'), { lang: 'en' });
  const changes = diffRevisions(old, next);
  const html = renderDiffHtml({
    oldName: 'en-mixed/old.txt',
    newName: 'en-mixed/new.txt',
    old,
    next,
    changes,
    // Stand-in translations so the column is exercised (the CLI passes the memory's).
    translationOfOld: (i) => `Translation ${i} <b>&</b>`,
    generated: '2026-01-01T00:00:00.000Z',
  });
  return {
    html,
    changed: changes.filter((c) => c.kind !== 'unchanged').length,
    minor: changes.filter((c) => c.kind === 'minor').length,
    total: changes.length,
  };
}

describe('HTML report (pure)', () => {
  it('is one self-contained file: no external resource, every data string escaped, counts per kind', () => {
    const { html, changed } = report();
    expect(html).not.toMatch(/<(link|img|iframe)\b/);
    expect(html).not.toMatch(/\bsrc=|https?:\/\//);
    expect(html).toContain('Translation 16 &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).toContain(`<b>${changed}</b> changes`);
    expect(html).toMatch(/data-kind="minor" aria-pressed="true"[^>]*>minor <b>3<\/b>/);
    expect(html).toContain('In <del>early </del>July');
    expect(html).toContain('In <ins>mid-</ins>July');
    expect(
      renderDiffHtml({ oldName: 'a', newName: 'b', old: segment('x.'), next: segment('x.'), changes: diffRevisions(segment('x.'), segment('x.')) }),
    ).toContain('<b>0</b> changes');
  });
});

describe('HTML report: controls a browser would act on', () => {
  it('shows every bidi control and line/paragraph separator as a visible escape, never raw', () => {
    const old = segment('Pay the invoice today.\nKeep this line.\n', { lang: 'en' });
    const next = segment('Pay the \u202egpj.exe\u202c invoice \u200etoday\u200f\u2028now\u061c.\nKeep \u2066this\u2069 line\u2029.\n', { lang: 'en' });
    const html = renderDiffHtml({
      oldName: 'old\u202e.txt',
      newName: 'new\u200f.txt',
      old,
      next,
      changes: diffRevisions(old, next),
      translationOfOld: () => 'trans\u202elation',
    });
    expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(html)).toBe(false);
    expect(html).toContain('<span class="ctrl" title="U+202E">\\u202e</span>gpj.exe<span class="ctrl" title="U+202C">\\u202c</span>');
    for (const code of ['200e', '200f', '2028', '061c', '2066', '2069', '2029'])
      expect(html).toContain(`<span class="ctrl" title="U+${code.toUpperCase()}">\\u${code}</span>`);
    // The <title> cannot hold markup: plain visible escapes there.
    expect(html).toContain('<title>kioku diff: old\\u202e.txt → new\\u200f.txt</title>');
    expect(html).toContain('trans<span class="ctrl" title="U+202E">\\u202e</span>lation');
  });
});

const noBrowser = missing({ command: 'chromium' });

describe.skipIf(noBrowser)(`HTML report in a real browser${noBrowser ? ` (skipped: ${noBrowser})` : ''}`, () => {
  it('opens without console errors, filters by kind, and is kept as a screenshot', async () => {
    const { html, changed, minor, total } = report();
    const dir = mkdtempSync(join(tmpdir(), 'kioku-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'kioku-chromium-')), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1400, height: 900 },
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href);
      const visible = () => page.locator('tr.row:visible').count();
      expect(await page.locator('tr.row').count()).toBe(total);
      // Unchanged rows start hidden: the reviewer sees the changes.
      expect(await visible()).toBe(changed);
      expect(await page.locator('#shown').textContent()).toBe(`showing ${changed} of ${total}`);
      await page.click('button.filter[data-kind="minor"]');
      expect(await visible()).toBe(changed - minor);
      expect(await page.locator('tr.row.k-minor:visible').count()).toBe(0);
      await page.click('button.filter[data-kind="minor"]');
      expect(await page.locator('tr.row.k-minor:visible').count()).toBe(minor);
      await page.click('button.all[data-set="all"]');
      expect(await visible()).toBe(total);
      await page.click('button.all[data-set="changed"]');
      expect(await visible()).toBe(changed);
      mkdirSync(join(ROOT, 'tests', 'artifacts'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'tests', 'artifacts', 'diff-report.png'), fullPage: false });
      expect(problems).toEqual([]);
      expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
