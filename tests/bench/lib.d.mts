// Types of the benchmark helpers, for the TypeScript tests that share them.
export declare const ROOT: string;
export declare function time(fn: () => void, options?: { minMs?: number; rounds?: number }): number;
export declare function timeOnce<T>(fn: () => T): { value: T; ms: number; cpuMs: number };
export declare function percentile(sorted: readonly number[], p: number): number;
export declare function median(values: readonly number[]): number;
export declare function peakRssMiB(): number;
export declare function table(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string;
export declare function fmt(n: number, digits?: number): string;
export declare function saveResult(name: string, data: unknown): void;
/** The shared deterministic PRNG (tests/support/rng.mjs). */
export declare function rng(seed: number): () => number;
