import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Finding } from '../../src/model.js';
import { reportJson } from '../../src/check/report/json.js';
import { reportText } from '../../src/check/report/text.js';
import { reportJunit } from '../../src/check/report/junit.js';
import { reportSarif, artifactUri } from '../../src/check/report/sarif.js';
import { reportGithub, escapeData, escapeProperty } from '../../src/check/report/github.js';
import { rulesMarkdown } from '../../src/check/report/rules.js';
import { RULES } from '../../src/check/rules/index.js';
import { missing, ROOT } from '../support/env.js';

const F = (over: Partial<Finding>): Finding => ({
  rule: 'numbers',
  severity: 'error',
  file: 'a.xlf',
  line: 41,
  unit: 'u1',
  message: 'the source number 3万 (30000) is missing from the target',
  actual: '3,000',
  expected: '30000',
  ...over,
});

const FINDINGS: Finding[] = [
  F({}),
  F({ rule: 'double-space', severity: 'warning', message: 'doubled space in the target: “a  b”', actual: 'a  b', expected: undefined }),
  F({ rule: 'untranslated', unit: 'u2', line: 50, message: 'not translated: the unit has no target', actual: undefined, expected: 'a translation' }),
  F({
    rule: 'missing-unit',
    file: 'src/article ja.txt',
    line: 7,
    unit: 'seg9',
    message: 'no unit translates “x & <y>”\u0001',
    actual: undefined,
    expected: 'x & <y>',
  }),
];
const FILES = [
  {
    file: 'a.xlf',
    units: [
      { id: 'u1', line: 41 },
      { id: 'u2', line: 50 },
      { id: 'u3', line: 60 },
    ],
  },
];

describe('json', () => {
  it('prints exactly the documented shape and key order', () => {
    const out = reportJson(FINDINGS.slice(0, 3));
    expect(out.endsWith('\n')).toBe(true);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['findings', 'summary']);
    expect(Object.keys(json.findings[0])).toEqual(['rule', 'severity', 'file', 'line', 'unit', 'message', 'actual', 'expected']);
    expect(Object.keys(json.findings[1])).toEqual(['rule', 'severity', 'file', 'line', 'unit', 'message', 'actual']);
    expect(json.summary).toEqual({ error: 2, warning: 1, info: 0 });
    expect(reportJson([])).toBe('{"findings":[],"summary":{"error":0,"warning":0,"info":0}}\n');
  });
});

describe('text', () => {
  it('groups by file and unit, prints actual/expected and a summary; data is cleaned', () => {
    const out = reportText(
      FINDINGS,
      { unitCount: 3, fileCount: 1 },
      { red: (s) => s, yellow: (s) => s, blue: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s, clean: (s) => s.replace(/\u0001/g, '\\x01') },
    );
    expect(out).toBe(
      [
        'a.xlf',
        '  unit u1 (line 41)',
        '    error   numbers       the source number 3万 (30000) is missing from the target',
        '                          actual: 3,000  ·  expected: 30000',
        '    warning double-space  doubled space in the target: “a  b”',
        '                          actual: a  b',
        '  unit u2 (line 50)',
        '    error   untranslated  not translated: the unit has no target',
        '                          expected: a translation',
        '',
        'src/article ja.txt',
        '  unit seg9 (line 7)',
        '    error   missing-unit  no unit translates “x & <y>”\\x01',
        '                          expected: x & <y>',
        '',
        '✖ 4 problems (3 errors, 1 warning) in 3 units in 1 file',
        '',
      ].join('\n'),
    );
    expect(reportText([], { unitCount: 1, fileCount: 1, baselineAccepted: 2, baselineFixed: 1 })).toBe(
      '✔ no problems in 1 unit in 1 file (baseline: 2 accepted, 1 no longer found)\n',
    );
  });
});

function parseXmlStrict(xml: string): { name: string; attributes: Record<string, string>; children: unknown[] } {
  const parser = new SaxesParser({ xmlns: false });
  const stack: Array<{ name: string; attributes: Record<string, string>; children: unknown[] }> = [];
  let root: (typeof stack)[number] | undefined;
  parser.on('opentag', (t) => {
    const el = { name: t.name, attributes: t.attributes as Record<string, string>, children: [] as unknown[] };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    if (t.trim() !== '') stack[stack.length - 1]?.children.push(t);
  });
  parser.on('closetag', () => stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return root!;
}

describe('junit', () => {
  it('is well-formed XML: one test case per unit, a failure per unit with errors, warnings in system-out', () => {
    const xml = reportJunit(FINDINGS, FILES);
    const root = parseXmlStrict(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '4', failures: '3', errors: '0' });
    const suites = root.children as Array<{
      name: string;
      attributes: Record<string, string>;
      children: Array<{ name: string; attributes: Record<string, string>; children: Array<{ name: string; attributes: Record<string, string> }> }>;
    }>;
    expect(suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures])).toEqual([
      ['a.xlf', '3', '2'],
      ['src/article ja.txt', '1', '1'],
    ]);
    const cases = suites[0]!.children;
    expect(cases.map((c) => c.attributes.name)).toEqual(['unit u1 (line 41)', 'unit u2 (line 50)', 'unit u3 (line 60)']);
    expect(cases[0]!.children.map((c) => c.name)).toEqual(['failure', 'system-out']);
    expect(cases[0]!.children[0]!.attributes.type).toBe('numbers');
    expect(cases[2]!.children).toEqual([]);
    expect(xml).toContain('\ufffd'); // the control character XML cannot carry
  });

  it.skipIf(missing({ command: 'xmllint' }))('passes xmllint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kioku-junit-'));
    writeFileSync(join(dir, 'r.xml'), reportJunit(FINDINGS, FILES));
    execFileSync('xmllint', ['--noout', join(dir, 'r.xml')]);
  });
});

describe('junit: terminal safety', () => {
  it('spells DEL, C1, bidi controls and U+2028/2029 as character references: the same XML value', () => {
    const text = 'evil \u202egpj.exe\u202c \u200e\u009b31m\u2028x';
    const xml = reportJunit([F({ unit: 'u1', message: text })], FILES);
    expect(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(xml)).toBe(false);
    expect(xml).toContain('&#x202E;gpj.exe&#x202C; &#x200E;&#x9B;31m&#x2028;x');
    const failure = (parseXmlStrict(xml).children as Array<{ children: Array<{ children: Array<{ attributes: Record<string, string> }> }> }>)[0]!.children[0]!
      .children[0]!;
    expect(failure.attributes.message).toBe(`numbers: ${text}`);
  });
});

const MULTITOOL_DIR = join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux');

describe('sarif', () => {
  const schemaMissing = missing({ file: join(MULTITOOL_DIR, 'sarif-2.1.0.json') });

  it.skipIf(schemaMissing)('validates against the SARIF 2.1.0 JSON schema, with rule metadata', () => {
    const schema = JSON.parse(readFileSync(join(MULTITOOL_DIR, 'sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    const validate = ajv.compile(schema);
    for (const findings of [FINDINGS, []]) {
      const log = JSON.parse(reportSarif(findings, { version: '0.1.0', rules: RULES }));
      const valid = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(log.runs[0].tool.driver.rules.length).toBe(RULES.length);
    }
    const log = JSON.parse(reportSarif(FINDINGS, { version: '0.1.0', rules: RULES }));
    const r0 = log.runs[0].results[0];
    expect(r0).toMatchObject({
      ruleId: 'numbers',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'a.xlf' }, region: { startLine: 41 } }, logicalLocations: [{ name: 'u1' }] }],
    });
    expect(log.runs[0].tool.driver.rules[r0.ruleIndex].id).toBe('numbers');
    expect(log.runs[0].results[3].locations[0].physicalLocation.artifactLocation.uri).toBe('src/article%20ja.txt');
    expect(artifactUri('a\\b #1.xlf')).toBe('a/b%20%231.xlf');
  });

  it('makes every file name a relative reference: no scheme, RFC 3986 percent-encoding', () => {
    const cases: Array<[string, string]> = [
      ['javascript:alert(1).xlf', './javascript:alert(1).xlf'],
      ['data:text/html,x.xlf', './data:text/html,x.xlf'],
      ['dir/a:b.xlf', 'dir/a:b.xlf'],
      ['100% done?#1.xlf', '100%25%20done%3F%231.xlf'],
      ['訳/記事.xlf', '%E8%A8%B3/%E8%A8%98%E4%BA%8B.xlf'],
      ['[a]{b}|c^`d".xlf', '%5Ba%5D%7Bb%7D%7Cc%5E%60d%22.xlf'],
      ['/abs/a.xlf', '/abs/a.xlf'],
      ['//host/a.xlf', '/host/a.xlf'],
      ['C:\\work\\a.xlf', '/C:/work/a.xlf'],
      ['\ud800.xlf', '%EF%BF%BD.xlf'],
    ];
    for (const [file, uri] of cases) {
      expect(artifactUri(file), file).toBe(uri);
      // Resolved against the checkout, every one stays a file under it (or an absolute file path).
      expect(new URL(uri, 'file:///checkout/').protocol, file).toBe('file:');
    }
    const log = JSON.parse(reportSarif([F({ file: 'javascript:alert(1).xlf' })], { version: '0.1.0', rules: RULES }));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('./javascript:alert(1).xlf');
  });

  it.skipIf(schemaMissing)(
    'passes the SARIF SDK validator (Sarif.Multitool validate) without errors',
    () => {
      const tool = join(MULTITOOL_DIR, 'Sarif.Multitool');
      try {
        accessSync(tool, constants.X_OK);
      } catch {
        execFileSync('chmod', ['u+x', tool]);
      }
      const dir = mkdtempSync(join(tmpdir(), 'kioku-sarif-'));
      writeFileSync(join(dir, 'r.sarif'), reportSarif(FINDINGS, { version: '0.1.0', rules: RULES }));
      execFileSync(tool, ['validate', join(dir, 'r.sarif'), '-o', join(dir, 'v.sarif')], { stdio: 'pipe', timeout: 120_000 });
      const v = JSON.parse(readFileSync(join(dir, 'v.sarif'), 'utf8'));
      const errors = (v.runs[0].results ?? []).filter((r: { level?: string }) => r.level === 'error');
      expect(errors).toEqual([]);
    },
    180_000,
  );
});

describe('github', () => {
  it('writes workflow commands with the required escaping', () => {
    const out = reportGithub([
      F({ file: 'dir,a:b.xlf', message: '50% of\nlines', actual: undefined, expected: undefined }),
      F({ severity: 'warning', line: 0 }),
      F({ severity: 'info' }),
    ]);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('::error file=dir%2Ca%3Ab.xlf,line=41,title=kioku numbers (unit u1)::50%25 of%0Alines');
    expect(lines[1]).toBe(
      '::warning file=a.xlf,title=kioku numbers (unit u1)::the source number 3万 (30000) is missing from the target%0Aactual: 3,000%0Aexpected: 30000',
    );
    expect(lines[2]!.startsWith('::notice ')).toBe(true);
    expect(escapeData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });
});

describe('rules table', () => {
  it('lists every rule once', () => {
    const md = rulesMarkdown(RULES);
    expect(md.split('\n').filter((l) => l.startsWith('| `')).length).toBe(RULES.length);
    expect(md).toContain('| `numbers` | error | numbers |');
  });
});
