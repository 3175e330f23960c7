import { Option } from '@commander-js/extra-typings';
import { segmentJob } from '../../jobs/segment.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext } from '../context.js';
import { printJson, useColour } from '../output.js';
import { renderSegmentText, segmentJson } from '../render/segment.js';
import { parseLang } from '../options.js';
import { readInput, withReadFlags } from '../inputs.js';
import type { Encoding } from '../../io/decode.js';

export interface SegmentCommandOptions {
  readonly lang?: string;
  readonly json?: boolean;
  readonly maxBytes?: number;
  readonly encoding?: Encoding;
}

export function segmentCommand(ctx: CliContext, file: string, opts: SegmentCommandOptions): 0 {
  const decoded = readInput(ctx, file, opts);
  const revision = segmentJob(decoded.text, opts.lang);
  if (opts.json) printJson(ctx.stdout, segmentJson(revision));
  else ctx.stdout.write(renderSegmentText(revision, useColour(ctx.stdout, ctx.env)));
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
