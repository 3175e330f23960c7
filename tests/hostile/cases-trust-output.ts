/** Issue 11 (output): untrusted files and folders that must never write outside the memory, hang or corrupt it. */
import type { HostileCase } from './harness.js';

export const TRUST_OUTPUT_CASES: readonly HostileCase[] = [];
