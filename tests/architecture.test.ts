/**
 * The shape of src/, read from the sources with the TypeScript parser (so comments and string
 * literals never count):
 *   - no import cycle anywhere in src/ (static imports, re-exports and dynamic import(), type-only
 *     ones included: a cycle of types still ties the modules together);
 *   - the core modules are pure: no file system, processes, threads, OS or process object, no console
 *     and no clock. Only src/io and src/cli touch those, and no core module reaches them, even
 *     through other modules.
 * There is no allow-list: a real violation is fixed by moving the side effect to src/io or src/cli.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/env.js';

const SRC = join(ROOT, 'src');

/** Directories (and single files) under src/ that must stay pure. */
const CORE = ['segment', 'align', 'memory', 'xliff', 'tmx', 'diff', 'check', 'text', 'jobs', 'xml', 'model.ts'];
/** Where side effects live; no core module may import them, directly or not. */
const EFFECTS = ['io', 'cli'];
/** Node modules that reach outside the process's own memory (with or without the node: prefix). */
const FORBIDDEN_MODULES = ['fs', 'child_process', 'worker_threads', 'os', 'process'];

/** Paths relative to src/, with forward slashes: "segment/id.ts". */
function sourceFiles(dir = SRC): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts')) out.push(relative(SRC, path).split(sep).join('/'));
  }
  return out.sort();
}

interface Import {
  readonly specifier: string;
  readonly line: number;
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

const lineOf = (sf: ts.SourceFile, node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

/** Every module specifier a file names: import/export ... from, import x = require(), import(). */
function importsOf(sf: ts.SourceFile): Import[] {
  const out: Import[] = [];
  const add = (spec: ts.Node | undefined): void => {
    if (spec !== undefined && ts.isStringLiteralLike(spec)) out.push({ specifier: spec.text, line: lineOf(sf, spec) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The src/-relative file a relative specifier names, or undefined for a package or node: module. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  return target.replace(/\.js$/, '.ts');
}

/**
 * Uses of the process object, the console and the clock in code: `process.x`, `process[x]`,
 * `console.x`, `Date.now`, `performance.now` and `new Date` without arguments. Comments and string
 * literals are not code, so they never match.
 */
function impureUses(sf: ts.SourceFile): Array<{ line: number; what: string }> {
  const out: Array<{ line: number; what: string }> = [];
  const named = (node: ts.Expression, ...names: string[]): boolean => ts.isIdentifier(node) && names.includes(node.text);
  const visit = (node: ts.Node): void => {
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && named(node.expression, 'process', 'console')) {
      out.push({ line: lineOf(sf, node), what: node.getText(sf) });
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'now' && named(node.expression, 'Date', 'performance')) {
      out.push({ line: lineOf(sf, node), what: node.getText(sf) });
    } else if (ts.isNewExpression(node) && named(node.expression, 'Date') && (node.arguments?.length ?? 0) === 0) {
      out.push({ line: lineOf(sf, node), what: node.getText(sf) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const isForbiddenModule = (specifier: string): boolean => {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return FORBIDDEN_MODULES.includes(bare.split('/')[0]!);
};

const inAny = (file: string, places: readonly string[]): boolean => places.some((p) => file === p || file.startsWith(p + '/'));

const FILES = sourceFiles();
const SOURCES = new Map(FILES.map((f) => [f, parse(f, readFileSync(join(SRC, f), 'utf8'))]));
const IMPORTS = new Map(FILES.map((f) => [f, importsOf(SOURCES.get(f)!)]));
/** The module graph of src/: file → the src/ files it imports. */
const GRAPH = new Map(FILES.map((f) => [f, [...new Set(IMPORTS.get(f)!.flatMap((i) => resolveImport(f, i.specifier) ?? []))]]));
const CORE_FILES = FILES.filter((f) => inAny(f, CORE));

/** Every cycle's path (a → b → … → a), one per back edge of a depth-first walk. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const walk = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (state.get(next) === undefined && graph.has(next)) walk(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (state.get(file) === undefined) walk(file);
  return found;
}

describe('the scanner', () => {
  it('finds imports of every kind and impure uses only in code', () => {
    const sf = parse(
      'sample.ts',
      [
        "import { a } from './a.js';",
        "import type { B } from './b.js';",
        "export { c } from './c.js';",
        "export * from './d.js';",
        "const e = await import('./e.js');",
        "type F = import('./f.js').F;",
        '// process.exit(1); console.log(Date.now()); new Date()',
        "const s = 'process.env console.log performance.now() new Date()';",
        '/* Date.now() */ const t = `console.error ${process.env.HOME}`;',
        'const u = console.log, v = Date.now(), w = performance.now(), x = new Date(), y = new Date(0);',
        "const z = process['argv'];",
      ].join('\n'),
    );
    expect(importsOf(sf).map((i) => i.specifier)).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.js']);
    expect(impureUses(sf)).toEqual([
      { line: 9, what: 'process.env' },
      { line: 10, what: 'console.log' },
      { line: 10, what: 'Date.now' },
      { line: 10, what: 'performance.now' },
      { line: 10, what: 'new Date()' },
      { line: 11, what: "process['argv']" },
    ]);
  });

  it('finds cycles and names their path', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual(['a.ts → b.ts → c.ts → a.ts']);
  });

  it('sees the whole of src/', () => {
    expect(FILES.length).toBeGreaterThan(100);
    for (const dir of CORE)
      expect(
        CORE_FILES.some((f) => inAny(f, [dir])),
        dir,
      ).toBe(true);
    // Every relative import names a file that exists, so no edge of the graph is lost.
    const missing = [...GRAPH].flatMap(([f, targets]) => targets.filter((t) => !SOURCES.has(t)).map((t) => `${f} → ${t}`));
    expect(missing).toEqual([]);
  });
});

describe('src/', () => {
  it('has no import cycle', () => {
    const found = cycles(GRAPH);
    expect(found, `import cycles:\n  ${found.join('\n  ')}`).toEqual([]);
  });

  it('core modules import no file system, process, thread or OS module', () => {
    const bad = CORE_FILES.flatMap((f) =>
      IMPORTS.get(f)!
        .filter((i) => isForbiddenModule(i.specifier))
        .map((i) => `src/${f}:${i.line} imports ${i.specifier}`),
    );
    expect(bad, bad.join('\n')).toEqual([]);
  });

  it('core modules use no process object, console or clock', () => {
    const bad = CORE_FILES.flatMap((f) => impureUses(SOURCES.get(f)!).map((u) => `src/${f}:${u.line} uses ${u.what}`));
    expect(bad, bad.join('\n')).toEqual([]);
  });

  it('core modules reach neither src/io nor src/cli, directly or through other modules', () => {
    const bad: string[] = [];
    for (const start of CORE_FILES) {
      // Breadth-first, so the path reported is a shortest one.
      const via = new Map<string, string>([[start, '']]);
      const queue = [start];
      for (let q = 0; q < queue.length; q++) {
        const file = queue[q]!;
        if (inAny(file, EFFECTS)) {
          const path = [file];
          for (let f = via.get(file)!; f !== ''; f = via.get(f)!) path.unshift(f);
          bad.push(path.map((p) => `src/${p}`).join(' → '));
          break;
        }
        for (const next of GRAPH.get(file) ?? []) {
          if (!via.has(next)) {
            via.set(next, file);
            queue.push(next);
          }
        }
      }
    }
    expect(bad, bad.join('\n')).toEqual([]);
  });
});
