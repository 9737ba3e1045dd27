// The bot's JSON log lines as the bench sees them on its stderr, and waits on them that give up
// as soon as the bot dies, so a crash is reported with its own error line instead of a timeout.

export interface LogEvent {
  event: string;
  level?: string;
  at: number;
  fields: Record<string, unknown>;
}

/** The bot's JSON log lines on stderr, and waits on them that give up when the bot dies. */
export class BotLog {
  readonly events: LogEvent[] = [];
  tail = '';
  exited: { code: number | null; signal: string | null } | undefined;
  private partial = '';
  private readonly waiters = new Set<() => void>();

  feed(chunk: string): void {
    this.tail = (this.tail + chunk).slice(-4000);
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    const at = Date.now();
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        const j = JSON.parse(line) as { event?: unknown; level?: unknown };
        if (typeof j.event === 'string') this.events.push({ event: j.event, level: String(j.level ?? ''), at, fields: j as Record<string, unknown> });
      } catch {
        /* not one of ours */
      }
    }
    this.notify();
  }

  exit(code: number | null, signal: string | null): void {
    this.exited = { code, signal };
    this.notify();
  }

  find(names: readonly string[], after = 0): LogEvent | undefined {
    return this.events.find((e) => names.includes(e.event) && e.at >= after);
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the first truthy check(); rejects on timeout or when the bot has exited. */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const test = () => {
        const v = check();
        if (v) return done(() => resolve(v));
        if (this.exited) {
          const why = this.exited.signal ?? `code ${this.exited.code}`;
          done(() => reject(new Error(`the bot exited (${why}) while waiting for ${what}: ${lastLines(this.tail)}`)));
        }
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no ${what} within ${Math.round(timeoutMs / 1000)} s`))), timeoutMs);
      const done = (f: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(test);
        f();
      };
      this.waiters.add(test);
      test();
    });
  }
}

/** The most telling line of the bot's stderr: an error line if there is one, else the last lines. */
export const lastLines = (s: string) =>
  (s.split('\n').find((l) => /error|out of memory/i.test(l) && !/^\s+at |^\s*\d+: 0x/.test(l))?.trim() ?? s.trim().split('\n').slice(-3).join(' | ')).slice(0, 600);
