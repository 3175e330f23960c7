/**
 * Every real CAT-tool file of ../shared/corpora/cat-files through the real CLI: imported faithfully
 * (the counts equal what expected.json says the producer meant: units taken = units the producer
 * marked approved) or refused with clear one-line errors that name the reason and the fix, the memory
 * never created. No file may exit 0 with something other than what it says stored.
 *
 * The expected counts are derived from expected.json (xmllint counts, independent of kioku); the
 * derivation of each is written beside it. Refusals that issue 13 has still to lift (inline codes
 * as memory content) are listed as refusals here, so the day they import, this table changes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kioku } from '../support/cli.js';
import { missing, SHARED } from '../support/env.js';

const CAT = join(SHARED, 'corpora', 'cat-files');
const reason = missing({ shared: 'corpora/cat-files/expected.json' });

type Outcome = { readonly taken: number; readonly skipped: number; readonly documents?: number } | { readonly refused: RegExp };

interface Case {
  readonly file: string;
  readonly args?: readonly string[];
  readonly outcome: Outcome;
  /** How the expectation follows from expected.json (or why the file is refused). */
  readonly why: string;
}

const CODES = /kioku cannot store inline codes yet/;

const CASES: readonly Case[] = [
  {
    file: 'across_placeables_en-sl.xliff',
    outcome: { refused: /the unit id appears twice \(lines 65 and 72\) \(unit 07\); unit ids must be unique/ },
    why: 'two trans-units with id 07 in one <file> (left by translate5’s test writers)',
  },
  { file: 'angular-weblate_maptio_xlf12_en-ja.xlf', outcome: { refused: CODES }, why: '121/96 <x> codes in approved units' },
  { file: 'angular-xlf2-fastxmlparser_toolscentral_fr-ja.xlf', outcome: { refused: CODES }, why: '66 ph/pc codes per side' },
  {
    file: 'angular5-ng2template_ngjapan_xlf12_en-ja.xlf',
    outcome: { refused: /no target-language attribute; name the target language with --target-lang/ },
    why: 'no target-language',
  },
  {
    file: 'angular5-ng2template_ngjapan_xlf12_en-ja.xlf',
    args: ['--target-lang', 'ja'],
    outcome: { refused: /declares the source language ja, but its sources are written in Latin letters .*--source-lang en/ },
    why: 'source-language="ja" over English sources',
  },
  {
    file: 'angular5-ng2template_ngjapan_xlf12_en-ja.xlf',
    args: ['--target-lang', 'ja', '--source-lang', 'en'],
    outcome: { refused: CODES },
    why: '<x id="LINE_BREAK"> codes',
  },
  { file: 'cafetran-espresso_docx_en-nl.xlf', outcome: { taken: 0, skipped: 18 }, why: 'state=new ×18, 0 targets with text' },
  { file: 'crowdin_entities_en-fa.xliff', outcome: { taken: 1, skipped: 1 }, why: 'state=final ×2, one of them translate="no"' },
  {
    file: 'dotnet-xliff-tasks_templating-cli_resx_en-ja.xlf',
    outcome: { taken: 177, skipped: 29 },
    why: 'translated ×177; new ×27 and needs-review-translation ×2 skipped',
  },
  { file: 'lokalise_maptio-angular_xlf12_en-pl.xlf', outcome: { refused: CODES }, why: '5/5 <x> codes' },
  {
    file: 'matecat-converter_jsont-mtc_en-fr.xlf',
    outcome: { refused: /unexpected <pc> inside <mrk> \(unit tu1\)/ },
    why: 'XLIFF 2.0 <pc> elements inside a 1.2 file',
  },
  {
    file: 'maxprograms-openxliff_xliff20_29files_properties_en-es.xlf',
    outcome: { taken: 519, skipped: 0, documents: 29 },
    why: '29 <file>s, state=final ×519',
  },
  {
    file: 'memoq866_trackchanges_html_en-ja.mqxliff',
    outcome: { refused: /unresolved memoQ tracked changes .*accept or reject all tracked changes in memoQ/ },
    why: 'codes numbered apart inside tracked changes',
  },
  {
    file: 'memoq9_locked-comments_idml_de-en.mqxliff',
    outcome: { taken: 2, skipped: 1 },
    why: 'ManuallyConfirmed ×2; the locked PartiallyEdited unit is translate="no"',
  },
  { file: 'memsource-phrase_xliff20_multisegment_en-ar.xlf', outcome: { taken: 0, skipped: 11 }, why: '1 unit of 11 segments, every <target> empty' },
  { file: 'okapi-rainbow038_sdlxliff-kit_segsource_en-fr.xlf', outcome: { refused: CODES }, why: '217 g/x/bx/ex codes per side' },
  { file: 'okapi-rainbow142-omegat432_html_en-ja.xlf', outcome: { refused: CODES }, why: '914/913 codes' },
  { file: 'okapi-xliff20_markdown_en-it.xlf', outcome: { taken: 0, skipped: 60 }, why: 'source only: 60 units, no <target>' },
  { file: 'phrase-memsource_mxliff_html_en-fr.mxliff', outcome: { taken: 214, skipped: 60 }, why: 'm:confirmed=1 ×214, =0 ×60' },
  {
    file: 'symfony_demo-messages-intl-icu-cdata_en-ja.xlf',
    outcome: { taken: 71, skipped: 0 },
    why: '71 units with Japanese targets, no states (a catalogue: its targets are its translations)',
  },
  {
    file: 'trados-studio2019_trackchanges_html_en-ja.sdlxliff',
    outcome: { taken: 1, skipped: 4 },
    why: 'Translated ×5, four of them under unresolved tracked changes',
  },
  { file: 'trados-studio_apache-doc_html_en-de.sdlxliff', outcome: { refused: CODES }, why: '359/29 g/x codes' },
  {
    file: 'trados-studio_statuses-locked_txt_en-fr.sdlxliff',
    outcome: { taken: 4, skipped: 3 },
    why: '5 segments: Translated ×2 and ApprovedSignOff ×2 taken, Draft ×1 skipped; 2 translate="no" structure units',
  },
  {
    file: 'xcode14_mastoot-xcloc_en-ja.xliff',
    outcome: { taken: 190, skipped: 5, documents: 3 },
    why: '195 units, 191 with a target, one of them a copy of its source (no state: a copy is not a translation)',
  },
  { file: 'cafetran_projecttm_tmx14_en-nl.tmx', outcome: { taken: 0, skipped: 0 }, why: '0 TU: an empty memory' },
  {
    file: 'heartsome-tmserver_multilingual-6langs_tmx14.tmx',
    outcome: { refused: /srclang="\*all\*".*--source-lang and --target-lang/ },
    why: 'srclang="*all*", 6 languages',
  },
  {
    file: 'heartsome-tmserver_multilingual-6langs_tmx14.tmx',
    args: ['--source-lang', 'en', '--target-lang', 'zh-CN'],
    outcome: { taken: 51, skipped: 0 },
    why: '51 TUs with en and zh-cn',
  },
  { file: 'ibm-opentm2_tmx14_de-en.tmx', outcome: { refused: CODES }, why: '442 bpt/ept/ph' },
  {
    file: 'mymemory_tw4win-rtf_tmx11_en-ru.tmx',
    outcome: { taken: 107, skipped: 0 },
    why: '113 TUs, of which 6 repeat an earlier pair exactly (reported as duplicates)',
  },
  { file: 'okapi-lisa-example_sub-hi-it_tmx14_en-fr.tmx', outcome: { refused: CODES }, why: 'every inline element' },
  { file: 'olifant_attributes_tmx14_en-fr.tmx', outcome: { refused: CODES }, why: 'bpt/ept ×2' },
  { file: 'omegat432_level2_tmx14_en-ja.tmx', outcome: { refused: CODES }, why: '1088 inline elements' },
  { file: 'omegat54_project-save_tmx11_en-ja.tmx', outcome: { taken: 104, skipped: 0 }, why: '104 TUs en-US/ja' },
  { file: 'translate-toolkit250_po2tmx_qgis-hig_en-ja.tmx', outcome: { taken: 24, skipped: 0 }, why: '24 TUs en/ja' },
  { file: 'trados-tw4win8_utf16_tmx14_en-fr.tmx', outcome: { refused: CODES }, why: 'bpt/ept with RTF codes' },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(reason)(`every file of the CAT-tool corpus through kioku import (${reason ?? 'corpora/cat-files'})`, () => {
  it('covers every file of expected.json', () => {
    const listed = (JSON.parse(readFileSync(join(CAT, 'expected.json'), 'utf8')) as Array<{ file: string }>).map((e) => e.file).sort();
    expect([...new Set(CASES.map((c) => c.file))].sort()).toEqual(listed);
  });

  it.each(CASES.map((c) => [`${c.file} ${(c.args ?? []).join(' ')}`.trim(), c] as const))('%s', async (_name, c) => {
    const dir = mkdtempSync(join(tmpdir(), 'kioku-cat-'));
    dirs.push(dir);
    const tmx = c.file.endsWith('.tmx');
    const args = [...(tmx ? ['tmx', 'import'] : ['import']), join(CAT, 'files', c.file), '--memory', 'memory', '--json', ...(c.args ?? [])];
    const r = await kioku(args, { cwd: dir });
    expect(r.stderr, c.why).not.toMatch(/\n\s+at /); // never a stack trace
    if ('refused' in c.outcome) {
      expect(r.code, c.why).toBe(2);
      // One line per problem, each kioku's own error line; the reason is there.
      const lines = (r.stderr + r.stdout).split('\n').filter((l) => l.startsWith('kioku: error:'));
      const json = r.stdout.startsWith('{') ? (JSON.parse(r.stdout) as { rejected?: Array<{ message: string; hint?: string }> }) : undefined;
      const said = [...lines, ...(json?.rejected ?? []).map((x) => `${x.message}; ${x.hint ?? ''}`)].join('\n');
      expect(said, c.why).toMatch(c.outcome.refused);
      expect(existsSync(join(dir, 'memory')), 'a refused import leaves no memory behind').toBe(false);
      return;
    }
    expect(r.stderr, c.why).toBe('');
    expect(r.code, c.why).toBe(0);
    const report = JSON.parse(r.stdout) as { added: number; skipped: number; files?: unknown[] };
    expect({ taken: report.added, skipped: report.skipped }, c.why).toEqual({ taken: c.outcome.taken, skipped: c.outcome.skipped });
    if (c.outcome.documents !== undefined) expect(report.files?.length).toBe(c.outcome.documents);
    // What was taken is in the memory: a TMX export of it holds exactly that many units.
    if (c.outcome.taken > 0) {
      const out = await kioku(['tmx', 'export', '--memory', 'memory', '-o', 'back.tmx'], { cwd: dir });
      expect(out.code).toBe(0);
      expect(readFileSync(join(dir, 'back.tmx'), 'utf8').match(/<tu[\s>]/g)?.length).toBe(c.outcome.taken);
    }
  });
});
