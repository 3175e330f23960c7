import { describe, expect, it } from 'vitest';
import { attr, childElements, parseXml, prescanXml, textContent, type XmlElement } from '../../src/xml/parse.js';
import { findIllegalXmlChar, LineIndex } from '../../src/xml/chars.js';

function reject(text: string, limits?: NonNullable<Parameters<typeof parseXml>[1]>['limits']) {
  const r = parseXml(text, { file: 'in.xml', ...(limits ? { limits } : {}) });
  if (r.ok) throw new Error(`accepted: ${text.slice(0, 80)}`);
  expect(r.error.code).toBe('xml');
  expect(r.error.file).toBe('in.xml');
  expect(r.error.line).toBeGreaterThan(0);
  expect(r.error.column).toBeGreaterThan(0);
  expect(r.error.message).not.toMatch(/\n/);
  return r.error;
}

function accept(text: string): XmlElement {
  const r = parseXml(text, { file: 'in.xml' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('parseXml: the strict gate', () => {
  it('builds a tree with namespaces, attributes, text and the position of each start tag', () => {
    const root = accept('<?xml version="1.0" encoding="UTF-8"?>\n<x:a xmlns:x="urn:x" b="1">\n  <x:c\n   d="&lt;&amp;&#x41;"/>t<![CDATA[<u>]]>v</x:a>\n');
    expect(root.name).toBe('x:a');
    expect(root.uri).toBe('urn:x');
    expect([root.line, root.column]).toEqual([2, 1]);
    const [c] = childElements(root, 'c');
    expect(c!.uri).toBe('urn:x');
    expect([c!.line, c!.column]).toEqual([3, 3]);
    expect(attr(c!, 'd')).toBe('<&A');
    expect(textContent(root)).toBe('\n  t<u>v');
  });

  it('keeps __proto__ and constructor as plain attribute names', () => {
    const root = accept('<a __proto__="1" constructor="2"/>');
    expect(attr(root, '__proto__')).toBe('1');
    expect(attr(root, 'constructor')).toBe('2');
    expect(attr(root, 'toString')).toBeUndefined();
    expect(Object.getPrototypeOf(root.attributes)).toBeNull();
  });

  it('keeps whitespace-only text and CR/LF as XML defines them', () => {
    const root = accept('<a><b>  </b><c>x\r\ny\rz</c><d>&#13;</d></a>');
    expect(root.children.map((c) => (typeof c === 'string' ? c : textContent(c)))).toEqual(['  ', 'x\ny\nz', '\r']);
  });

  it('refuses truncated documents at several points', () => {
    const doc = '<?xml version="1.0"?>\n<xliff version="2.0"><file id="f"><unit id="u"><segment><source>猫</source></segment></unit></file></xliff>\n';
    for (const cut of [doc.indexOf('<file'), doc.indexOf('猫'), doc.indexOf('</segment>') + 3, doc.indexOf('</xliff>'), doc.length - 3, 25, 5]) {
      const e = reject(doc.slice(0, cut));
      expect(e.message).toMatch(/truncated|no root element|ends inside/);
    }
  });

  it('names what is wrong for the classic malformations', () => {
    expect(reject('<a/><b/>').message).toMatch(/second root element/);
    expect(reject('<a x="1" x="2"/>').message).toMatch(/duplicate attribute: x/);
    const nbsp = reject('<a>\n  x&nbsp;y</a>');
    expect(nbsp.message).toMatch(/undefined entity &nbsp;/);
    expect([nbsp.line, nbsp.column]).toEqual([2, 4]);
    expect(nbsp.hint).toMatch(/U\+00A0/);
    const mismatch = reject('<a>\n<b></a></b>');
    expect(mismatch.message).toBe('not accepted as XML: </a> does not close the open <b> (line 2)');
    expect([mismatch.line, mismatch.column]).toEqual([2, 4]);
    expect(reject('<a><q:b/></a>').message).toMatch(/unbound namespace prefix/);
    expect(reject('hello').message).toMatch(/text outside the root element/);
    expect(reject('').message).toMatch(/no root element/);
    expect(reject('  \n ').message).toMatch(/no root element/);
  });

  it('refuses characters XML 1.0 forbids, raw or as references, and lone surrogates', () => {
    const raw = reject('<a>\nok\u0001</a>');
    expect(raw.message).toMatch(/U\+0001 is not allowed in XML 1\.0/);
    expect([raw.line, raw.column]).toEqual([2, 3]);
    expect(reject('<a>\ud800</a>').message).toMatch(/lone surrogate U\+D800/);
    expect(reject('<a>\udc00x</a>').message).toMatch(/lone surrogate U\+DC00/);
    expect(reject('<a>\uffff</a>').message).toMatch(/U\+FFFF/);
    expect(reject('<a b="\u001b[31m"/>').message).toMatch(/U\+001B/);
    expect(reject('<a>&#1;</a>').message).toMatch(/reference &#1; names a character XML 1\.0 forbids/);
    expect(reject('<a>&#xD800;</a>').message).toMatch(/&#xD800;/);
    expect(reject('<?xml version="1.1"?><a>&#1;</a>').message).toMatch(/forbids/);
    // A pair is fine, and so are U+007F and C1 controls (XML 1.0 allows them).
    expect(textContent(accept('<a>😀\u007f\u0085</a>'))).toBe('😀\u007f\u0085');
  });

  it('refuses a DOCTYPE that declares entities: billion laughs, quadratic blowup, XXE, parameter entities', () => {
    const lol =
      '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
      ']><lolz>&lol9;</lolz>';
    expect(reject(lol).message).toMatch(/DOCTYPE declares entities/);
    const quadratic = `<!DOCTYPE r [<!ENTITY a "${'x'.repeat(50_000)}">]><r>${'&a;'.repeat(50_000)}</r>`;
    expect(reject(quadratic).message).toMatch(/DOCTYPE declares entities/);
    expect(reject('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>').message).toMatch(/DOCTYPE declares entities/);
    expect(reject('<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]><r/>').message).toMatch(/DOCTYPE declares entities/);
    // An external DTD is never fetched; its entities are simply undefined.
    accept('<!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx/>');
    expect(reject('<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd"><r>&ext;</r>').message).toMatch(/undefined entity &ext;/);
  });

  it('refuses any internal subset, naming where it starts: attribute defaults kioku would not apply, a comment, an empty one', () => {
    const subset = /^not accepted as XML: a DOCTYPE with an internal subset \(\[ … \]\) can declare defaults kioku would not apply$/;
    const defaults = reject(
      '<?xml version="1.0"?>\n<!-- a tool -->\n<!DOCTYPE xliff [ <!ATTLIST target state CDATA "needs-translation"> ]>\n<xliff><target>x</target></xliff>',
    );
    expect(defaults).toMatchObject({ line: 3, column: 17, hint: expect.stringMatching(/^remove the internal subset/) });
    expect(defaults.message).toMatch(subset);
    expect(reject('<!DOCTYPE r [<!-- only a comment -->]><r/>')).toMatchObject({ line: 1, column: 13 });
    expect(reject('<!DOCTYPE r []><r/>').message).toMatch(subset);
    expect(reject('<!DOCTYPE r [<!ELEMENT r ANY>]><r/>').message).toMatch(subset);
    // A '[' inside the external id's literal is not a subset; one after it is.
    accept('<!DOCTYPE r SYSTEM "odd[name].dtd"><r/>');
    accept('<!DOCTYPE r PUBLIC "-//x//DTD [r]//EN" \'r.dtd\'><r/>');
    expect(reject('<!DOCTYPE r SYSTEM "r.dtd" [<!ATTLIST r a CDATA "1">]><r/>')).toMatchObject({ column: 28 });
    // Entities keep their own message, at the declaration or the parameter-entity reference.
    expect(reject('<!DOCTYPE r [<!ATTLIST r a CDATA "%x;"><!ENTITY e "x">]><r/>')).toMatchObject({
      message: expect.stringMatching(/declares entities/),
      column: 40,
    });
    expect(reject('<!DOCTYPE r [<!-- %p; --> %p;]><r/>')).toMatchObject({ message: expect.stringMatching(/declares entities/), column: 27 });
    // The cheap scan runs before a worker starts, with the same answer.
    const pre = prescanXml('\ufeff<!DOCTYPE r [<!ATTLIST r a CDATA "1">]><r/>', { file: 'in.xml' });
    expect(pre.ok === false && pre.error).toMatchObject({ line: 1, column: 14, message: expect.stringMatching(subset) });
    // A DOCTYPE anywhere but the prolog is the parser's error, still refused.
    expect(reject('<r/><!DOCTYPE r [<!ATTLIST r a CDATA "1">]>').message).toMatch(/doctype/i);
  });

  it('enforces the limits: depth 256, attribute, comment, text, element count', () => {
    accept('<a>'.repeat(256) + '</a>'.repeat(256));
    const deep = reject('<a>'.repeat(10_000) + '</a>'.repeat(10_000));
    expect(deep.message).toMatch(/nested deeper than 256 levels/);
    expect(deep.column).toBe(256 * 3 + 1);
    expect(reject(`<a b="${'x'.repeat(70_000)}"/>`).message).toMatch(/attribute b is longer/);
    expect(reject(`<a>${'<b/>'.repeat(11)}</a>`, { maxElements: 10 }).message).toMatch(/more than 10 elements/);
    expect(reject(`<a ${Array.from({ length: 300 }, (_, i) => `a${i}="1"`).join(' ')}/>`).message).toMatch(/more than 256 attributes/);
    expect(reject(`<a>${'x'.repeat(101)}</a>`, { maxTextLength: 100 }).message).toMatch(/text node longer than 100/);
    expect(reject(`<a>${'x&amp;'.repeat(60)}</a>`, { maxTextLength: 100 }).message).toMatch(/text node longer than 100/);
    const comment = reject(`<a>\n<!--${'x'.repeat(2 * 1024 * 1024)}--></a>`);
    expect(comment.message).toMatch(/comment longer than/);
    expect(comment.line).toBe(2);
    expect(reject(`<a><!--${'x'.repeat(2 * 1024 * 1024)}`).message).toMatch(/comment longer than/);
    expect(reject(`<?pi ${'x'.repeat(2 * 1024 * 1024)}?><a/>`).message).toMatch(/processing instruction longer than/);
  });

  it('refuses a declared encoding the text was not decoded with', () => {
    expect(reject('<?xml version="1.0" encoding="Shift_JIS"?><a/>').message).toMatch(/encoding="Shift_JIS"/);
    expect(parseXml('<?xml version="1.0" encoding="Shift_JIS"?><a/>', { decodedAs: 'shift_jis' }).ok).toBe(true);
    accept('<?xml version="1.0" encoding="utf-8"?><a/>');
    accept('<?xml version="1.0" encoding="UTF-16"?><a/>');
  });
});

describe('chars', () => {
  it('finds the first character XML cannot carry', () => {
    expect(findIllegalXmlChar('ok\t\n\r 😀')).toBeUndefined();
    expect(findIllegalXmlChar('ab\u0000')).toMatchObject({ index: 2, codePoint: 0, label: 'U+0000' });
    expect(findIllegalXmlChar('x\udbff')).toMatchObject({ index: 1, label: 'lone surrogate U+DBFF' });
  });

  it('maps offsets to lines with LF, CRLF and CR', () => {
    const li = new LineIndex('a\nb\r\nc\rd');
    expect([0, 2, 5, 7].map((o) => li.at(o))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
  });
});
