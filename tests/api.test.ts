/**
 * The public API is deliberate: every name src/index.ts exports (values and types, as the TypeScript
 * checker sees them) is listed here, at most 60 of them; and every example in the README's library
 * section runs against the sources.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/env.js';

const API = [
  // domain types
  'AlignedPair',
  'BilingualDocument',
  'BilingualGroup',
  'BilingualUnit',
  'ChangeKind',
  'ErrorCode',
  'ExportRecord',
  'Finding',
  'KiokuError',
  'Lang',
  'Match',
  'MatchKind',
  'Memory',
  'MemoryContent',
  'Paragraph',
  'Provenance',
  'Result',
  'Revision',
  'Segment',
  'SegmentChange',
  'SegmentId',
  'Severity',
  'TranslationUnit',
  'UnitState',
  'XliffVersion',
  'err',
  'ok',
  // language tags
  'canonicalLang',
  'parseLanguageTag',
  'sameLanguage',
  'writesCjk',
  // one entry per task
  'SegmentOptions',
  'segment',
  'documentFromRevision',
  'readXliff',
  'writeXliff',
  'readTmx',
  'tmxToUnits',
  'writeTmx',
  'diffRevisions',
  'CheckInput',
  'CheckResult',
  'RULES',
  'parseGlossary',
  'runChecks',
  'AlignOptions',
  'align',
  'leverage',
  'lookup',
  // jobs
  'checkJob',
  'diffJob',
  'exportJob',
  'importJob',
  // the file side
  'MemoryStore',
  'openStore',
  'readText',
];

function exportedNames(): string[] {
  const entry = join(ROOT, 'src', 'index.ts');
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!);
  return checker.getExportsOfModule(symbol!).map((s) => s.getName());
}

describe('the public API (src/index.ts)', () => {
  it('exports exactly the listed names, at most 60', () => {
    const names = exportedNames();
    expect([...names].sort()).toEqual([...API].sort());
    expect(names.length).toBeLessThanOrEqual(60);
  });
});

describe('the README library examples', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using kioku as a library'), readme.indexOf('\n## ', readme.indexOf('## Using kioku as a library') + 5));
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('has one example per task', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  // Each block imports from 'kioku'; here that is the sources. Run from a folder under tests/artifacts
  // (the examples read the bundled article by a path relative to the repository).
  const dir = join(ROOT, 'tests', 'artifacts', 'readme-examples');
  blocks.forEach((code, i) => {
    it(`example ${i + 1} runs: ${code.split('\n')[0]}`, async () => {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `example-${i + 1}.ts`);
      const src = '../../../src/index.ts';
      writeFileSync(
        file,
        `const process_cwd = ${JSON.stringify(ROOT)};\n` +
          code.replaceAll("from 'kioku'", `from '${src}'`).replaceAll("'tests/", "process_cwd + '/tests/").replaceAll("'memory'", 'process_cwd + "/memory"'),
      );
      const logged: unknown[] = [];
      const original = console.log;
      console.log = (...args: unknown[]) => void logged.push(args);
      try {
        await import(pathToFileURL(file).href);
      } finally {
        console.log = original;
      }
      expect(logged.length).toBeGreaterThan(0);
    });
  });

  it('type-checks, strict, against the sources', () => {
    const files = blocks.map((_, i) => join(dir, `example-${i + 1}.ts`));
    const program = ts.createProgram(files, {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      types: ['node'],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(d.file.fileName))
      .map((d) => `${d.file!.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });
});
