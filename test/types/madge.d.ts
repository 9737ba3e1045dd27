// madge ships no types. The part of its API the architecture test uses, as read in
// node_modules/madge/lib/api.js (v8): madge(paths, config) resolves to an instance.
declare module 'madge' {
  interface MadgeConfig {
    /** Paths in the graph are relative to it (default: the common folder of the paths given). */
    baseDir?: string;
    fileExtensions?: string[];
    /** A tsconfig file: imports are resolved as tsc resolves them (`./x.js` -> `./x.ts`). */
    tsConfig?: string;
    includeNpm?: boolean;
    excludeRegExp?: RegExp[];
  }

  interface MadgeInstance {
    /** Each file to the files it imports. */
    obj(): Record<string, string[]>;
    /** Each import loop, as the files on it. */
    circular(): string[][];
    /** Imports that could not be resolved to a file. */
    warnings(): { skipped: string[] };
  }

  export default function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeInstance>;
}
