import type { Lang, Result, Revision, SegmentChange } from '../model.js';
import type { Memory } from '../memory/shapes.js';
import { err, ok } from '../model.js';
import type { MemoryStore } from '../memory/store.js';
import { segment } from '../segment/index.js';
import { diffRevisions, translationsFromMemory, type DiffReportInput, type OldTranslation } from '../diff/index.js';
import { lastExport } from '../memory/content.js';

/** A revision as read: its decoded text and the name the user gave it. */
export interface DiffText {
  readonly name: string;
  readonly text: string;
}

/**
 * What `kioku diff` compares: two texts (OLD NEW), or one text with the revision the memory recorded
 * at its last export (`--since-last`, which needs the memory).
 */
export type DiffJobInput = { readonly old: DiffText; readonly next: DiffText } | { readonly sinceLast: DiffText };

export interface DiffJobOptions {
  /** The language of both texts; detected from the script when absent. */
  readonly lang?: Lang;
  /** With a memory: the translations of this language (default: the last export's). */
  readonly targetLang?: Lang;
}

/** The revisions, their names and the changes, as the HTML report takes them; translations with their provenance. */
export interface DiffJob extends Pick<DiffReportInput, 'old' | 'next' | 'oldName' | 'newName' | 'changes'> {
  /** With a memory: the stored translation of a segment of OLD / of NEW. */
  readonly translationOfOld?: (oldIndex: number) => OldTranslation | undefined;
  readonly translationOfNew?: (newIndex: number) => OldTranslation | undefined;
}

/**
 * Segments the revisions (NEW in OLD's language unless one is given) and pairs their segments into
 * changes; with a memory, also finds the current translations of both sides. `document` names the
 * document in the memory (the base name of NEW, or of the one file with `--since-last`).
 */
export function diffJob(input: DiffJobInput, document: string, store: MemoryStore | undefined, options: DiffJobOptions = {}): Result<DiffJob> {
  let memory: Memory | undefined;
  if (store) {
    const loaded = store.load();
    if (!loaded.ok) return loaded;
    memory = loaded.value;
  }
  let old: Revision;
  let next: Revision;
  let oldName: string;
  let newName: string;
  let targetLang = options.targetLang;
  if ('sinceLast' in input) {
    // OLD is what the memory recorded at the file's last export.
    const record = memory ? lastExport(memory, document, targetLang ? { targetLang } : {}) : undefined;
    if (!record) {
      return err({
        code: 'usage',
        message: `${document} was never exported with the memory at ${store?.location}${targetLang ? ` (to ${targetLang})` : ''}`,
        file: input.sinceLast.name,
        hint: `run kioku export ${input.sinceLast.name} --memory ${store?.location} first, or compare two files with kioku diff OLD NEW`,
      });
    }
    old = record.revision;
    targetLang = record.targetLang;
    const lang = options.lang ?? record.sourceLang;
    next = segment(input.sinceLast.text, lang ? { lang } : {});
    oldName = `${document} (exported ${record.exported})`;
    newName = input.sinceLast.name;
  } else {
    old = segment(input.old.text, options.lang ? { lang: options.lang } : {});
    const lang = options.lang ?? old.lang;
    next = segment(input.next.text, lang ? { lang } : {});
    oldName = input.old.name;
    newName = input.next.name;
  }
  const changes = diffRevisions(old, next);
  const langs = { ...(targetLang ? { targetLang } : {}) };
  const translationOfOld = memory ? translationsFromMemory(memory, old, { document, ...langs }) : undefined;
  const translationOfNew = memory ? translationsFromMemory(memory, next, { document, ...langs }) : undefined;
  return ok({ old, next, oldName, newName, changes, ...(translationOfOld ? { translationOfOld } : {}), ...(translationOfNew ? { translationOfNew } : {}) });
}
