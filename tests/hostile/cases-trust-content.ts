/** Issue 11 (content): untrusted files and folders that must never write outside the memory, hang or corrupt it. */
import type { HostileCase } from './harness.js';

export const TRUST_CONTENT_CASES: readonly HostileCase[] = [];
