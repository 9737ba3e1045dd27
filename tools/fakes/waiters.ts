// Waiting for a fake platform to see something: each fake notifies after every request or
// frame, and waitFor re-checks then (and on a short poll, for time-based conditions).
// A wait's limit only catches a hang: on a busy 2-core machine a step that takes 50 ms alone can
// take seconds, so no wait gives up before HANG_GUARD_MS whatever its caller asked for.
export const HANG_GUARD_MS = 60_000;

export class Waiters {
  private waiters = new Set<() => void>();

  /** Names the fake in timeout messages ('fake-slack', 'fake-discord'). */
  constructor(private readonly label: string) {}

  notify(): void {
    for (const w of [...this.waiters]) w();
  }

  waitFor<T>(check: () => T | undefined | null | false, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let first: T | undefined | null | false;
      try {
        first = check();
      } catch (error) {
        reject(error);
        return;
      }
      if (first) {
        resolve(first);
        return;
      }
      const waiter = () => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (error) {
          cleanup();
          reject(error);
          return;
        }
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const limit = Math.max(timeoutMs, HANG_GUARD_MS);
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.label}: timed out after ${limit} ms waiting for ${what}`));
      }, limit);
      const poll = setInterval(waiter, 20);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }
}
