// What an orchestrator asks before sending traffic: is the library loaded and is every configured
// platform connected? main.ts feeds this as things happen; the HTTP side only reads it. Kept free
// of any platform, store or network code so the rules can be tested on their own.

export type LibraryState = 'loading' | 'ready' | 'failed';
export type PlatformState = 'connecting' | 'ready' | 'failed';

export interface ReadinessReport {
  ready: boolean;
  library: LibraryState;
  platforms: Record<string, PlatformState>;
  /** Present once SIGTERM or SIGINT arrived: the process is stopping and takes no new work. */
  shutting_down?: true;
}

export class Readiness {
  private library: LibraryState = 'loading';
  private readonly platforms = new Map<string, PlatformState>();
  private stopping = false;

  /** Every platform the process will start, so /readyz says "connecting" before each one begins. */
  constructor(platforms: readonly string[] = []) {
    for (const name of platforms) this.platforms.set(name, 'connecting');
  }

  /**
   * The first library loaded is what makes the bot answer; a later reload that fails keeps the last
   * good library serving, so only a failed first load (nothing to serve) is "failed".
   */
  libraryLoaded(): void {
    this.library = 'ready';
  }

  libraryFailed(): void {
    if (this.library !== 'ready') this.library = 'failed';
  }

  platform(name: string, state: PlatformState): void {
    this.platforms.set(name, state);
  }

  shuttingDown(): void {
    this.stopping = true;
  }

  report(): ReadinessReport {
    const platforms = Object.fromEntries(this.platforms);
    const ready = !this.stopping && this.library === 'ready' && [...this.platforms.values()].every((s) => s === 'ready');
    return { ready, library: this.library, platforms, ...(this.stopping ? { shutting_down: true as const } : {}) };
  }
}
