// Packages that only some paths need (YAML for metadata, fflate for zip archives, the stop-word
// lists), loaded the first time they are used. A one-shot CLI call or a start from a snapshot then
// never pays to load them; profiling a cold `npm run cli -- quote` found them a large share of it.
// `require` keeps the callers synchronous: each of these packages ships a CommonJS build for Node.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `load` once, on the first call, and the same value after. */
export function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T;
  };
}

/** A package's exports, required on first use. */
export function lazyPackage<T>(name: string): () => T {
  return lazy(() => require(name) as T);
}
