import { describe, expect, it } from 'vitest';
import { parseLanguageTag } from '../../src/text/lang.js';
import { parseLang } from '../../src/cli/options.js';

const EXAMPLES = '(BCP 47, such as ja, en or en-US)';

describe('TagProblem.reason', () => {
  it('is the message without the examples a message on its own ends with', () => {
    const table: Array<[string, string, string]> = [
      ['', 'empty', 'is empty: a language tag is needed'],
      ['x'.repeat(70), 'too-long', 'is 70 characters long, more than the 64 of a language tag'],
      ['ja/../x', 'malformed', 'is not a language tag'],
      ['en-a-bb-a-cc', 'repeated', 'repeats a variant or extension, which a language tag may not'],
      ['i-default', 'no-language', 'is a grandfathered tag that names no language'],
    ];
    for (const [value, kind, reason] of table) {
      const r = parseLanguageTag(value);
      expect(r.ok ? 'accepted' : [r.error.kind, r.error.reason, r.error.message], JSON.stringify(value)).toEqual([kind, reason, `${reason} ${EXAMPLES}`]);
    }
    // A POSIX locale's message says what to write instead, with no examples to strip.
    const posix = parseLanguageTag('sr_RS@latin');
    expect(!posix.ok && posix.error.reason).toBe(!posix.ok && posix.error.message);
    expect(!posix.ok && posix.error.reason).toMatch(/^is a POSIX locale, not a language tag; write sr-RS \(/);
  });

  it('is what the CLI quotes after its own examples (malformed values get the examples only)', () => {
    const message = (value: string) => {
      try {
        parseLang(value);
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message('i-default')).toBe('expected a language tag (BCP 47) such as ja, en or en-US ("i-default" is a grandfathered tag that names no language).');
    expect(message('ja_JP.UTF-8')).toBe(
      'expected a language tag (BCP 47) such as ja, en or en-US ("ja_JP.UTF-8" is a POSIX locale, not a language tag; write ja-JP).',
    );
    expect(message('ja/../x')).toBe('expected a language tag (BCP 47) such as ja, en or en-US.');
    expect(message('ja_jp')).toBe('accepted');
  });
});
