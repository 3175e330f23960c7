import type { Lang, Revision } from '../model.js';
import { segment } from '../segment/index.js';

/** `kioku segment`: the text's paragraphs and sentences with their ids, in `lang` (detected from the script when absent). It cannot fail. */
export function segmentJob(text: string, lang?: Lang): Revision {
  return segment(text, lang ? { lang } : {});
}
