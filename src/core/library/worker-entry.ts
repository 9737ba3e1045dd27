// Which file a worker thread starts from. Compiled (the caller is itself .js in dist/), the job
// module is the entry and the thread runs on plain node with no tsx installed; from source the
// .mjs shim registers tsx first, so tests and `npm run dev` start the same job from TypeScript.
export function workerEntry(callerUrl: string, job: string, shim: string): URL {
  return new URL(callerUrl.endsWith('.js') ? `./${job}.js` : `./${shim}`, callerUrl);
}
