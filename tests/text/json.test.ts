import { describe, expect, it } from 'vitest';
import { safeJson } from '../../src/text/json.js';

describe('safeJson', () => {
  it('escapes DEL, C1 controls and bidi overrides but keeps the JSON value', () => {
    const value = { t: 'a\u001b[31mred\u009b2J\u202eevil\u2066\u007f' };
    const text = safeJson(value);
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(text)).toEqual(value);
  });
  it('leaves ordinary text alone and honours indentation', () => {
    expect(safeJson({ a: '日本語 “quotes”' })).toBe('{"a":"日本語 “quotes”"}');
    expect(safeJson({ a: 1 }, 2)).toBe('{\n  "a": 1\n}');
  });
});
