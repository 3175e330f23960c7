import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Finding } from '../../src/model.js';
import { applyBaseline, baselineOf, fingerprint, parseBaseline, serializeBaseline } from '../../src/check/baseline.js';

const F = (over: Partial<Finding> = {}): Finding => ({
  rule: 'numbers',
  severity: 'error',
  file: 'a.xlf',
  line: 41,
  unit: 'u1',
  message: 'm',
  actual: '3,000',
  expected: '30000',
  ...over,
});

describe('baseline', () => {
  it('matches by rule, file, unit and fingerprint — not by line or message', () => {
    const base = baselineOf([F()]);
    expect(applyBaseline([F({ line: 99, message: 'reworded' })], base)).toEqual({ fresh: [], accepted: 1, fixed: 0 });
    expect(applyBaseline([F({ file: './a.xlf' })], base).accepted).toBe(1);
    expect(applyBaseline([F({ actual: '300' })], base).fresh.length).toBe(1);
    expect(applyBaseline([F({ unit: 'u2' })], base).fresh.length).toBe(1);
    expect(applyBaseline([F({ rule: 'numbers-extra' })], base).fresh.length).toBe(1);
    expect(applyBaseline([F({ file: 'b.xlf' })], base)).toMatchObject({ accepted: 0, fixed: 1 });
  });

  it('identical findings each need their own entry', () => {
    const base = baselineOf([F()]);
    expect(applyBaseline([F(), F()], base)).toMatchObject({ accepted: 1, fixed: 0 });
    expect(applyBaseline([F(), F()], base).fresh.length).toBe(1);
  });

  it('serialises deterministically and round-trips', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            rule: fc.constantFrom('numbers', 'tags', 'urls'),
            unit: fc.string(),
            file: fc.string(),
            actual: fc.option(fc.string(), { nil: undefined }),
          }),
          { maxLength: 20 },
        ),
        (rows) => {
          const findings = rows.map((r) => F(r));
          const text = serializeBaseline(baselineOf(findings));
          expect(text.endsWith('\n')).toBe(true);
          expect(serializeBaseline(baselineOf([...findings].reverse()))).toBe(text);
          const parsed = parseBaseline(text, 'b.json');
          expect(parsed.ok).toBe(true);
          if (parsed.ok) expect(applyBaseline(findings, parsed.value)).toMatchObject({ fresh: [], accepted: findings.length, fixed: 0 });
        },
      ),
      { seed: 42, numRuns: 100 },
    );
    expect(serializeBaseline(baselineOf([]))).toBe('{\n  "version": 1,\n  "tool": "kioku check",\n  "findings": []\n}\n');
  });

  it('refuses what is not a baseline, in one line', () => {
    expect(parseBaseline('{', 'b.json')).toMatchObject({ ok: false, error: { code: 'content', file: 'b.json' } });
    expect(parseBaseline('{"version":2,"findings":[]}', 'b.json')).toMatchObject({
      ok: false,
      error: { message: 'not a kioku baseline: unsupported version 2' },
    });
    expect(parseBaseline('{"version":1,"findings":[{"rule":1}]}', 'b.json')).toMatchObject({
      ok: false,
      error: { message: 'not a kioku baseline: finding 1 needs string rule, file, unit and fingerprint' },
    });
  });

  it('fingerprints are stable strings', () => {
    expect(fingerprint(F())).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(F({ line: 1, message: 'x' }))).toBe(fingerprint(F()));
  });
});
