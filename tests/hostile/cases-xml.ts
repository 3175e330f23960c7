/**
 * Hostile XML through the commands that read XLIFF (import, check), TMX (tmx import) and TBX
 * (check --glossary). The XLIFF texts come from the XLIFF suite's builders (tests/xliff/hostile-cases.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openStore } from '../../src/io/store.js';
import { writeTmx } from '../../src/tmx/index.js';
import type { HostileCase } from './harness.js';
import { articleXliff, tbx, termEntry, tmx, tu, xliff12, xliffCase } from './builders.js';

const doctype = (root: string, body: string, rest: string) => `<?xml version="1.0"?>\n<!DOCTYPE ${root} [${body}]>\n${rest.replace(/^<\?xml[^>]*>\n/, '')}`;
const laughs = '<!ENTITY l0 "lol">' + Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');

/** The memory's own units as kioku's TMX export writes them (with its harmless `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`). */
function memoryTmx(memory: string): string {
  const content = openStore(memory).read();
  if (!content.ok) throw new Error(content.error.message);
  const text = writeTmx(content.value.units, { creationtool: 'kioku', creationtoolversion: '0.1.0', now: '2026-01-01T00:00:00Z' });
  if (!text.ok) throw new Error(text.error.message);
  return text.value;
}

const cut = (text: string, at: number) => text.slice(0, Math.floor(text.length * at));

export const XML_CASES: readonly HostileCase[] = [
  {
    category: 'xml',
    name: 'billion laughs → import',
    files: { 'laughs.xlf': () => xliffCase('billion laughs') },
    args: ['import', 'laughs.xlf'],
    exit: 2,
    error: /^kioku: error: laughs\.xlf:2:\d+: not accepted as XML: the DOCTYPE declares entities, which kioku never expands; /,
  },
  {
    category: 'xml',
    name: 'billion laughs in a TMX → tmx import',
    files: { 'laughs.tmx': doctype('tmx', laughs, tmx(tu('&l10;', 'x'))) },
    args: ['tmx', 'import', 'laughs.tmx'],
    exit: 2,
    error: /^kioku: error: laughs\.tmx:2:\d+: not accepted as XML: the DOCTYPE declares entities/,
  },
  {
    category: 'xml',
    name: 'billion laughs in a TBX glossary → check --glossary',
    files: { 'a.xlf': articleXliff('2.0'), 'terms.tbx': doctype('tbx', laughs, tbx(termEntry('c1', '&l10;', 'x'))) },
    args: ['check', 'a.xlf', '--glossary', 'terms.tbx', '--no-memory'],
    exit: 2,
    error: /^kioku: error: terms\.tbx:2:\d+: not accepted as XML: the DOCTYPE declares entities/,
  },
  {
    category: 'xml',
    name: 'quadratic blowup → import',
    files: { 'blowup.xlf': () => xliffCase('quadratic blowup') },
    args: ['import', 'blowup.xlf'],
    exit: 2,
    error: /^kioku: error: blowup\.xlf:2:18: not accepted as XML: the DOCTYPE declares entities/,
  },
  {
    category: 'xml',
    name: 'external entity (XXE, file:///etc/passwd) → check',
    files: { 'xxe.xlf': () => xliffCase('external entity (XXE)') },
    args: ['check', 'xxe.xlf', '--no-memory'],
    exit: 2,
    error: /^kioku: error: xxe\.xlf:2:18: not accepted as XML: the DOCTYPE declares entities/,
  },
  {
    category: 'xml',
    name: 'external parameter entity (http) in a TBX glossary → check --glossary',
    files: {
      'a.xlf': articleXliff('2.0'),
      'terms.tbx': doctype('tbx', '<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;', tbx(termEntry('c1', '北朝鮮', 'North Korea'))),
    },
    args: ['check', 'a.xlf', '--glossary', 'terms.tbx', '--no-memory'],
    exit: 2,
    error: /^kioku: error: terms\.tbx:2:\d+: not accepted as XML: the DOCTYPE declares entities/,
  },
  {
    category: 'xml',
    name: "a DOCTYPE without entities (kioku's own TMX export) → tmx import",
    setup: ({ dir, memory }) => writeFileSync(join(dir, 'memory.tmx'), memoryTmx(memory)),
    args: ['tmx', 'import', 'memory.tmx'],
    exit: 0,
    why: "a DOCTYPE that only names the TMX DTD declares nothing and is never fetched; TMX tools (and kioku) write it. Re-importing the memory's own export changes nothing",
    check: (o) => expect(o.stdout).toMatch(/added 0, updated 0, unchanged 58, skipped 0\n$/),
  },
  {
    category: 'xml',
    name: 'nesting 10,000 deep → check',
    files: { 'deep.xlf': () => xliffCase('nesting 10,000 deep') },
    args: ['check', 'deep.xlf', '--no-memory'],
    exit: 2,
    error: /^kioku: error: deep\.xlf:5:2538: not accepted as XML: elements nested deeper than 256 levels$/,
  },
  {
    category: 'xml',
    name: 'nesting 10,000 deep in a TMX → tmx import',
    files: { 'deep.tmx': tmx(tu('<hi>'.repeat(10_000) + 'x' + '</hi>'.repeat(10_000), 'x')) },
    args: ['tmx', 'import', 'deep.tmx'],
    exit: 2,
    error: /^kioku: error: deep\.tmx:5:\d+: not accepted as XML: elements nested deeper than 256 levels$/,
  },
  {
    category: 'xml',
    name: 'a 50 MB comment → import',
    files: { 'comment.xlf': () => xliffCase('a 50 MB comment') },
    args: ['import', 'comment.xlf'],
    exit: 2,
    error: /^kioku: error: comment\.xlf:5:1: not accepted as XML: a comment longer than 1048576 characters/,
  },
  {
    category: 'xml',
    name: 'a 1 MB attribute value → check',
    files: { 'attr.xlf': () => xliffCase('a 1 MB attribute') },
    args: ['check', 'attr.xlf', '--no-memory'],
    exit: 2,
    error: /^kioku: error: attr\.xlf:5:1: not accepted as XML: attribute resname is longer than 65536 characters/,
  },
  {
    category: 'xml',
    name: '3 million elements → check',
    files: { 'many.xlf': () => xliffCase('3 million elements') },
    args: ['check', 'many.xlf', '--no-memory'],
    exit: 2,
    error: /^kioku: error: many\.xlf:5:\d+: not accepted as XML: more than 2000000 elements; split the file$/,
  },
  {
    category: 'xml',
    name: '1.9 million empty elements (under every gate limit: the heaviest tree per byte) → import',
    files: { 'heavy.xlf': () => xliff12(`<trans-unit id="u"><source>${'<x/>'.repeat(1_900_000)}</source><target state="translated">x</target></trans-unit>`) },
    args: ['import', 'heavy.xlf'],
    exit: 2,
    // No position: the file is well-formed; what is refused is the memory it asks for.
    error: /^kioku: error: heavy\.xlf: parsing needs more than 174 MiB of memory and was stopped; split the file$/,
    alone: true,
  },
  {
    category: 'xml',
    name: 'duplicate attributes → import',
    files: { 'dupattr.xlf': () => xliffCase('duplicate attributes') },
    args: ['import', 'dupattr.xlf'],
    exit: 2,
    error: /^kioku: error: dupattr\.xlf:5:26: not accepted as XML: duplicate attribute: id$/,
  },
  {
    category: 'xml',
    name: 'two roots → tmx import',
    files: { 'two.tmx': tmx(tu('猫', 'cat')) + '<tmx version="1.4"/>\n' },
    args: ['tmx', 'import', 'two.tmx'],
    exit: 2,
    error: /^kioku: error: two\.tmx:8:\d+: not accepted as XML: a second root element/,
  },
  {
    category: 'xml',
    name: 'truncated at 10% → import',
    files: { 'cut.xlf': () => xliffCase('truncated at 10%') },
    args: ['import', 'cut.xlf'],
    exit: 2,
    error: /^kioku: error: cut\.xlf:5:52: not accepted as XML: the document ends inside <trans-unit> \(line 5\): the file is truncated/,
  },
  {
    category: 'xml',
    name: 'truncated at 50% (the article) → check',
    files: { 'cut.xlf': cut(articleXliff('2.0'), 0.5) },
    args: ['check', 'cut.xlf', '--no-memory'],
    exit: 2,
    error:
      /^kioku: error: cut\.xlf:\d+:\d+: not accepted as XML: the document ends inside <\w+> \(line \d+\): the file is truncated or a closing tag is missing/,
  },
  {
    category: 'xml',
    name: 'truncated at 99.9% (a TMX export) → tmx import',
    setup: ({ dir, memory }) => writeFileSync(join(dir, 'cut.tmx'), cut(memoryTmx(memory), 0.999)),
    args: ['tmx', 'import', 'cut.tmx'],
    exit: 2,
    error: /^kioku: error: cut\.tmx:\d+:\d+: not accepted as XML: the document ends inside <\w+> \(line \d+\)/,
  },
  {
    category: 'xml',
    name: 'truncated inside the XML declaration → import',
    files: { 'decl.xlf': () => xliffCase('truncated inside the declaration') },
    args: ['import', 'decl.xlf'],
    exit: 2,
    error: /^kioku: error: decl\.xlf:1:\d+: not accepted as XML: no root element/,
  },
  {
    category: 'xml',
    name: 'mismatched tags → check',
    files: { 'mismatch.xlf': () => xliffCase('mismatched tags') },
    args: ['check', 'mismatch.xlf', '--no-memory'],
    exit: 2,
    error: /^kioku: error: mismatch\.xlf:5:29: not accepted as XML: <\/target> does not close the open <source> \(line 5\)/,
  },
  {
    category: 'xml',
    name: 'an illegal character (U+0007) → import',
    files: { 'bell.xlf': () => xliffCase('a control character') },
    args: ['import', 'bell.xlf'],
    exit: 2,
    error: /^kioku: error: bell\.xlf:5:29: not accepted as XML: character U\+0007 is not allowed in XML 1\.0/,
  },
  {
    category: 'xml',
    name: 'a forbidden character reference (&#0;) → tmx import',
    files: { 'nul.tmx': tmx(tu('猫&#0;', 'cat')) },
    args: ['tmx', 'import', 'nul.tmx'],
    exit: 2,
    error: /^kioku: error: nul\.tmx:5:\d+: not accepted as XML: the character reference &#0; names a character XML 1\.0 forbids/,
  },
  {
    category: 'xml',
    name: 'a lone surrogate as a character reference (&#xD800;) → check',
    files: { 'sur.xlf': xliff12('<trans-unit id="u"><source>猫&#xD800;</source><target state="translated">cat</target></trans-unit>') },
    args: ['check', 'sur.xlf', '--no-memory'],
    exit: 2,
    error: /^kioku: error: sur\.xlf:5:\d+: not accepted as XML: the character reference &#xD800; names a character XML 1\.0 forbids/,
  },
  {
    category: 'xml',
    name: '&nbsp; (an HTML entity XML does not define) → import',
    files: { 'nbsp.xlf': () => xliffCase('undefined entity &nbsp;') },
    args: ['import', 'nbsp.xlf'],
    exit: 2,
    error: /^kioku: error: nbsp\.xlf:5:29: not accepted as XML: undefined entity &nbsp; /,
  },
  {
    category: 'xml',
    name: 'not XML at all (a PO file named .xlf) → import',
    files: { 'po.xlf': () => xliffCase('not XML') },
    args: ['import', 'po.xlf'],
    exit: 2,
    error: /^kioku: error: po\.xlf:\d+:\d+: not accepted as XML: text outside the root element/,
  },
  {
    category: 'xml',
    name: 'a declared encoding that is not how the bytes read (Shift_JIS declared, UTF-8 bytes) → import',
    files: { 'decl.xlf': xliff12('<trans-unit id="u"><source>猫</source></trans-unit>').replace('encoding="UTF-8"', 'encoding="Shift_JIS"') },
    args: ['import', 'decl.xlf'],
    exit: 2,
    error: /^kioku: error: decl\.xlf:1:\d+: .*Shift_JIS/i,
  },
];
