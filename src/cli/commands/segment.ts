import { Option } from '@commander-js/extra-typings';
import { segment } from '../../segment/index.js';
import type { Revision } from '../../model.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext } from '../context.js';
import { palette, printJson, safeText, useColour } from '../output.js';
import { parseLang } from '../options.js';
import { readInput, withReadFlags } from '../inputs.js';
import type { Encoding } from '../../io/decode.js';

/** The stable `--json` shape of `kioku segment` (documented in the README). */
export interface SegmentJson {
  readonly lang: string;
  readonly segments: ReadonlyArray<{ readonly id: string; readonly paragraph: number; readonly text: string }>;
}

export function segmentJson(revision: Revision): SegmentJson {
  return {
    lang: revision.lang,
    segments: revision.segments.map((s) => ({ id: s.id, paragraph: s.paragraph, text: s.text })),
  };
}

export interface SegmentCommandOptions {
  readonly lang?: string;
  readonly json?: boolean;
  readonly maxBytes?: number;
  readonly encoding?: Encoding;
}

export function segmentCommand(ctx: CliContext, file: string, opts: SegmentCommandOptions): 0 {
  const decoded = readInput(ctx, file, opts);
  const revision = segment(decoded.text, opts.lang ? { lang: opts.lang } : {});
  if (opts.json) {
    printJson(ctx.stdout, segmentJson(revision));
    return 0;
  }
  const c = palette(useColour(ctx.stdout, ctx.env));
  let paragraph = -1;
  for (const s of revision.segments) {
    if (s.paragraph !== paragraph) {
      paragraph = s.paragraph;
      ctx.stdout.write(c.dim(`¶${paragraph} (line ${revision.paragraphs[paragraph]!.line})`) + '\n');
    }
    ctx.stdout.write(`  ${c.blue(s.id.padEnd(15))} ${safeText(s.text, { singleLine: true })}\n`);
  }
  ctx.stdout.write(c.dim(`${revision.segments.length} segments in ${revision.paragraphs.length} paragraphs (${revision.lang})`) + '\n');
  return 0;
}

export const registerSegment: RegisterCommand = (program, ctx, done) => {
  const command = program
    .command('segment')
    .description('split a text into paragraphs and sentences with stable segment ids')
    .argument('<file>', 'UTF-8 text file (one paragraph per line)')
    .addOption(new Option('--lang <lang>', 'language of the text (ja, en…); detected from the script when absent').argParser(parseLang))
    .option('--json', 'print {"lang","segments":[{"id","paragraph","text"}]} for scripts');
  withReadFlags(command, 'decode the input with this encoding (shift_jis, euc-jp, utf-16le…)').action((file, opts) => {
    done(segmentCommand(ctx, file, opts));
  });
};
