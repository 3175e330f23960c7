/**
 * The producer states of every 1.2 `<trans-unit>` of a parsed file, computed the way readXliff does
 * (the same producerState and readInline), but without the reader's other checks: so files the reader
 * refuses for something else (duplicate ids, `<bx>`/`<ex>` pairs across units, several `<file>`s) can
 * still show what their statuses mean. `translate="no"` units are included (expected.json counts them).
 */
import type { XmlElement } from '../../src/xml/parse.js';
import { attr, localName, textContent } from '../../src/xml/parse.js';
import { readInline } from '../../src/xliff/inline.js';
import { declaredPrefixes, producerState, type ProducerState } from '../../src/xliff/producer-state.js';

const CORE = new Set(['urn:oasis:names:tc:xliff:document:1.2', 'urn:oasis:names:tc:xliff:document:1.1', 'urn:oasis:names:tc:xliff:document:1.0']);

export interface TreeUnit extends ProducerState {
  readonly id: string;
  readonly translate: boolean;
  readonly source: string;
  readonly target?: string;
}

function kid(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== 'string' && CORE.has(c.uri) && localName(c.name) === name);
}

function content(el: XmlElement): { text: string; trackedChanges?: string } {
  const r = readInline(el, '1.2');
  return r.ok ? r.value : { text: textContent(el) };
}

export function treeStates(root: XmlElement): TreeUnit[] {
  const out: TreeUnit[] = [];
  const visit = (el: XmlElement, scopeEls: XmlElement[]) => {
    for (const c of el.children) {
      if (typeof c === 'string' || !CORE.has(c.uri)) continue;
      const name = localName(c.name);
      if (name === 'file') visit(c, [root, c]);
      else if (name === 'trans-unit') {
        const sourceEl = kid(c, 'source');
        const targetEl = kid(c, 'target');
        const source = sourceEl ? content(sourceEl) : { text: '' };
        const target = targetEl ? content(targetEl) : undefined;
        const p = producerState({
          version: '1.2',
          unit: c,
          ...(targetEl ? { target: targetEl } : {}),
          sourceText: source.text,
          ...(target ? { targetText: target.text } : {}),
          ...(target?.trackedChanges !== undefined ? { trackedChanges: target.trackedChanges } : {}),
          scope: declaredPrefixes(...scopeEls),
          core: CORE,
        });
        out.push({ ...p, id: attr(c, 'id') ?? '', translate: attr(c, 'translate') !== 'no', source: source.text, ...(target ? { target: target.text } : {}) });
      } else visit(c, scopeEls);
    }
  };
  visit(root, [root]);
  return out;
}
