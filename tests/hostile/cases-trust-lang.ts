/** Issue 11 (lang): untrusted files and folders that must never write outside the memory, hang or corrupt it. */
import type { HostileCase } from './harness.js';

export const TRUST_LANG_CASES: readonly HostileCase[] = [];
