// Types for scripts/build.mjs, which is plain JavaScript (it runs before anything is compiled) but
// is also called from the test suite's global setup.
export const ROOT: string;
export const DIST: string;
export const STAMP: string;
export function findTsc(): string | undefined;
export function withLock<T>(fn: () => Promise<T>): Promise<T>;
export function build(opts?: { quiet?: boolean }): Promise<boolean>;
export function newestSource(): number;
export function buildState(): 'missing' | 'stale' | 'fresh';
