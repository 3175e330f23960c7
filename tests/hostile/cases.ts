/** All the hostile cases, by category (see hostile.test.ts for what each one asserts). */
import type { HostileCase } from './harness.js';
import { BYTES_CASES } from './cases-bytes.js';
import { XML_CASES } from './cases-xml.js';
import { SEMANTICS_CASES } from './cases-semantics.js';
import { STORE_CASES } from './cases-store.js';
import { OUTPUT_CASES } from './cases-output.js';

export const CASES: readonly HostileCase[] = [...BYTES_CASES, ...XML_CASES, ...SEMANTICS_CASES, ...STORE_CASES, ...OUTPUT_CASES];
