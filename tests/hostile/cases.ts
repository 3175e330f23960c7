/** All the hostile cases, by category (see hostile.test.ts for what each one asserts). */
import type { HostileCase } from './harness.js';
import { BYTES_CASES } from './cases-bytes.js';
import { XML_CASES } from './cases-xml.js';
import { SEMANTICS_CASES } from './cases-semantics.js';
import { STORE_CASES } from './cases-store.js';
import { OUTPUT_CASES } from './cases-output.js';
import { TRUST_LANG_CASES } from './cases-trust-lang.js';
import { TRUST_STORE_CASES } from './cases-trust-store.js';
import { TRUST_CONTENT_CASES } from './cases-trust-content.js';
import { TRUST_OUTPUT_CASES } from './cases-trust-output.js';

export const CASES: readonly HostileCase[] = [
  ...BYTES_CASES,
  ...XML_CASES,
  ...SEMANTICS_CASES,
  ...STORE_CASES,
  ...OUTPUT_CASES,
  // Issue 11: untrusted files and committed folders.
  ...TRUST_LANG_CASES,
  ...TRUST_STORE_CASES,
  ...TRUST_CONTENT_CASES,
  ...TRUST_OUTPUT_CASES,
];
