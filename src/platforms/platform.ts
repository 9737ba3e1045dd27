// The seam between main.ts and the chat platforms: each platform says when the configuration
// enables it and how it starts, so main.ts loops over a table and names none of them. A new
// platform is a folder with a platform.ts and one line in ./index.ts (plus its variables in config.ts).
import type { DailyService } from '../bot/daily.js';
import type { PlanService } from '../bot/plan.js';
import type { PromptWriter } from '../bot/prompt-writer.js';
import type { Config } from '../config.js';
import type { IngestWarning } from '../core/corpus.js';
import type { HealthRoutes } from '../health/http.js';
import type { Library } from '../core/library/library.js';
import type { Poster } from '../scheduler/poster.js';

/**
 * What every front end is handed: the current library (it changes on reload), the daily service,
 * reading plans, and a model that writes discussion questions when one is configured.
 */
export interface PlatformShared {
  library: () => Library;
  daily: DailyService;
  plans?: PlanService;
  promptWriter?: PromptWriter;
  /** /healthz and /readyz, for a platform that runs an HTTP listener of its own to answer too. */
  health?: HealthRoutes;
  /** Told when the platform's link drops after start and when it is back (readiness). */
  connection?: (state: ConnectionState) => void;
}

export type ConnectionState = 'ready' | 'connecting';

/** A started platform: where the scheduler sends its channels' daily posts, and how to close it. */
export interface StartedPlatform {
  poster: Poster;
  stop(): Promise<void>;
}

/** A chat platform, run beside the others in the background while the process serves. */
export interface Platform<Name extends string = string> {
  /** Also the `platform` of its subscriptions and posts in the store. */
  readonly name: Name;
  enabled(config: Config): boolean;
  /** The HTTP port this configuration makes it listen on, if any: health checks are answered there too. */
  listensOn?(config: Config): number | undefined;
  /** Resolves once it is up; SDK-heavy modules are imported in here, so unused ones cost nothing. */
  start(config: Config, shared: PlatformShared): Promise<StartedPlatform>;
}

/**
 * The front end for a person at this machine, run when no platform is enabled. Not a `Platform`:
 * it runs in the foreground until the person leaves, shows corpus problems itself, and needs its
 * hooks before the library loads.
 */
export interface Fallback<Name extends string = string> {
  readonly name: Name;
  open(config: Config): OpenFallback;
}

export interface OpenFallback {
  /** Corpus load and reload problems, shown to the person instead of only logged. */
  corpusHooks: {
    onSwap(library: Library, warnings: IngestWarning[]): void;
    onReloadFailed(message: string): void;
  };
  poster(shared: PlatformShared): Poster;
  /** Resolves when the person leaves. */
  run(shared: PlatformShared): Promise<void>;
}
