// Waiting without a fixed sleep where the fakes offer no notification (the bench polls their
// records), and the pause between two commands sent.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` (every 10 ms) until truthy or the time is up; undefined then. */
export async function poll<T>(check: () => T | undefined | null | false, timeoutMs: number): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() >= until) return undefined;
    await sleep(10);
  }
}
