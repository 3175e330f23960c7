/**
 * Hostile XML/XLIFF inputs for the reader, with what the one error line must say. Shared by
 * hostile.test.ts (in-process, through the isolated reader) and hostile-run.ts (a child process whose
 * peak memory is measured). Other areas may import them for their own command-level suites.
 */
import type { ReadXliffOptions } from '../../src/xliff/read.js';
import { xliff12, xliff20 } from './builders.js';

export interface HostileCase {
  readonly name: string;
  readonly text: () => string;
  readonly options?: ReadXliffOptions;
  /** The message must match this. */
  readonly message: RegExp;
}

const unit12 = (id: string, source = '猫') => `<trans-unit id="${id}"><source>${source}</source></trans-unit>`;
const unit20 = (id: string, source = '猫') => `<unit id="${id}"><segment><source>${source}</source></segment></unit>`;
const article12 = () => xliff12(Array.from({ length: 40 }, (_, i) => unit12(`s${i}`, `文${i}です。`)).join('\n'));

const entities = (body: string) => `<?xml version="1.0"?>\n<!DOCTYPE xliff [${body}]>\n` + xliff12(unit12('u', '&e;')).replace(/^<\?xml[^>]*>\n/, '');

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'billion laughs',
    text: () =>
      entities('<!ENTITY l0 "lol">' + Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('') + '<!ENTITY e "&l10;">'),
    message: /DOCTYPE declares entities/,
  },
  {
    name: 'quadratic blowup',
    text: () => entities(`<!ENTITY e "${'x'.repeat(100_000)}">`).replace('&e;', '&e;'.repeat(100_000)),
    message: /DOCTYPE declares entities/,
  },
  { name: 'external entity (XXE)', text: () => entities('<!ENTITY e SYSTEM "file:///etc/passwd">'), message: /DOCTYPE declares entities/ },
  { name: 'external parameter entity', text: () => entities('<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;'), message: /DOCTYPE declares entities/ },
  { name: 'undefined entity &nbsp;', text: () => xliff12(unit12('u', 'a&nbsp;b')), message: /undefined entity &nbsp;/ },
  ...[0.1, 0.35, 0.5, 0.8, 0.999].map((at) => ({
    name: `truncated at ${at * 100}%`,
    text: () => {
      const t = article12();
      return t.slice(0, Math.floor(t.length * at));
    },
    message: /truncated|ends inside/,
  })),
  { name: 'truncated inside the declaration', text: () => '<?xml version="1.0" enc', message: /./ },
  {
    name: 'nesting 10,000 deep',
    text: () => xliff12(unit12('u', '<g id="1">'.repeat(10_000) + 'x' + '</g>'.repeat(10_000))),
    message: /nested deeper than 256 levels/,
  },
  { name: 'a 50 MB comment', text: () => xliff12(`<!--${'x'.repeat(50 * 1024 * 1024)}-->` + unit12('u')), message: /comment longer than/ },
  {
    name: 'a 1 MB attribute',
    text: () => xliff12(`<trans-unit id="u" resname="${'x'.repeat(1024 * 1024)}"><source>x</source></trans-unit>`),
    message: /attribute resname is longer than/,
  },
  { name: '3 million elements', text: () => xliff12(unit12('u', '<x/>'.repeat(3_000_000))), message: /more than 2000000 elements/ },
  { name: 'duplicate attributes', text: () => xliff12('<trans-unit id="u" id="v"><source>x</source></trans-unit>'), message: /duplicate attribute: id/ },
  { name: 'two roots', text: () => xliff12(unit12('u')) + '<xliff/>', message: /second root element/ },
  {
    name: 'mismatched tags',
    text: () => xliff12('<trans-unit id="u"><source>x</target></trans-unit>'),
    message: /<\/target> does not close the open <source>/,
  },
  { name: 'a control character', text: () => xliff12(unit12('u', 'a\u0007b')), message: /U\+0007 is not allowed in XML 1\.0/ },
  { name: 'a lone surrogate', text: () => xliff12(unit12('u', 'a\ud83db')), message: /lone surrogate U\+D83D/ },
  { name: 'a forbidden character reference', text: () => xliff12(unit12('u', 'a&#0;b')), message: /&#0; names a character XML 1\.0 forbids/ },
  { name: 'empty file', text: () => '', message: /no root element/ },
  { name: 'whitespace only', text: () => ' \n\t\n', message: /no root element/ },
  { name: 'not XML', text: () => 'msgid "x"\nmsgstr "y"\n', message: /text outside the root element/ },
  { name: 'duplicate unit ids', text: () => xliff12(unit12('u') + '\n' + unit12('u')), message: /unit id appears twice \(lines 5 and 6\)/ },
  { name: 'duplicate __proto__ ids', text: () => xliff20(unit20('__proto__') + unit20('__proto__')), message: /unit id appears twice/ },
  { name: 'a missing id', text: () => xliff20('<unit><segment><source>x</source></segment></unit>'), message: /<unit> without an id/ },
  { name: 'a missing source', text: () => xliff12('<trans-unit id="u"><target>x</target></trans-unit>'), message: /has no <source>/ },
  {
    name: 'a 1.2 file where 2.0 is expected',
    text: () => xliff12(unit12('u')),
    options: { version: '2.0' },
    message: /XLIFF 1\.2 file, but XLIFF 2\.0 is expected/,
  },
  {
    name: 'a 2.0 file where 1.2 is expected',
    text: () => xliff20(unit20('u')),
    options: { version: '1.2' },
    message: /XLIFF 2\.0 file, but XLIFF 1\.2 is expected/,
  },
  { name: '1.2 units under a 2.0 root', text: () => xliff20(unit12('u')), message: /XLIFF 1\.2 <trans-unit> element in an XLIFF 2\.0 file/ },
  { name: 'the wrong target language', text: () => xliff12(unit12('u')), options: { targetLang: 'de' }, message: /target language is en, but de is expected/ },
  // A <bpt> (not a <bx/>: a bx's <ex/> may be in another unit, so one alone is not out of balance).
  { name: 'unbalanced inline tags', text: () => xliff12(unit12('u', '<bpt id="1">&lt;b&gt;</bpt>x')), message: /never closed \(unbalanced inline tags\)/ },
  { name: 'unbalanced 2.0 inline tags', text: () => xliff20(unit20('u', 'x<ec startRef="7"/>')), message: /closes a code that was never opened/ },
];
