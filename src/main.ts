// `npm start`: read config, load the corpus, open the database, then run the platforms that are
// configured and the daily-post scheduler. With no platform configured the fallback front end (a
// prompt) runs, so the bot (daily posts included) can be tried with nothing set up. Platforms are
// named only in their table (platforms/index.ts), never here.
import { loadConfig, type Config } from './config.js';
import { FALLBACK, PLATFORMS, type Platform, type PlatformName, type PlatformShared } from './platforms/index.js';
import { errorMessage, isUserError } from './core/errors.js';
import { logIngestWarnings } from './core/ingest/warnings.js';
import { LiveLibrary } from './core/library/live.js';
import { configureLog, log } from './core/log.js';
import { healthRoutes, HEALTH_LISTENING, HEALTH_PATHS, startHealthServer, type HealthServer } from './health/http.js';
import { Readiness } from './health/readiness.js';
import { createPromptWriter } from './llm/index.js';
import { CORPUS_LOADED, SHUTTING_DOWN, UNHANDLED_REJECTION } from './main-events.js';
import { DailyScheduler } from './scheduler/daily.js';
import type { Poster } from './scheduler/poster.js';
import { createPlanService } from './scheduler/plan/service.js';
import { createDailyService, routingPoster } from './scheduler/service.js';
import { openConfiguredStore } from './store/index.js';

/** How long a stop may take once SIGTERM or SIGINT arrives. */
const SHUTDOWN_GRACE_MS = 5000;

interface Running {
  name: string;
  stop(): Promise<void>;
}

type Posters = Partial<Record<PlatformName, Poster>>;

/** Platforms are added to `running` as each one starts, so a stop mid-start stops what is up. */
async function startPlatforms(config: Config, platforms: readonly Platform<PlatformName>[], shared: PlatformShared, posters: Posters, running: Running[], readiness: Readiness): Promise<void> {
  try {
    await startEach(config, platforms, shared, posters, running, readiness);
  } catch (e) {
    // One platform failing to start must not leave the other half-running.
    await Promise.allSettled(running.map((r) => r.stop()));
    running.length = 0;
    throw e;
  }
}

/**
 * Resolves with the first SIGINT or SIGTERM. Heard from the moment the platforms start, so a stop
 * during a slow login or a large first build closes connections in order instead of killing the
 * process; a platform's retry loop (its API unreachable) cannot hold the exit past the grace period.
 */
function stopSignal(readiness: Readiness): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      // Not ready first, so a load balancer stops sending work before the platforms close.
      readiness.shuttingDown();
      log.info(SHUTTING_DOWN, { signal });
      setTimeout(() => {
        log.warn('shutdown_forced', { after_ms: SHUTDOWN_GRACE_MS });
        process.exit(process.exitCode ?? 0);
      }, SHUTDOWN_GRACE_MS).unref();
      resolve(signal);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/**
 * One at a time, in the table's order. A platform is ready when its start resolves; only after
 * that do its reports of a dropped or restored link move its readiness.
 */
async function startEach(config: Config, platforms: readonly Platform<PlatformName>[], shared: PlatformShared, posters: Posters, running: Running[], readiness: Readiness): Promise<void> {
  for (const platform of platforms) {
    let up = false;
    const connection = (state: 'ready' | 'connecting') => {
      if (up) readiness.platform(platform.name, state);
    };
    let started;
    try {
      started = await platform.start(config, { ...shared, connection });
    } catch (e) {
      readiness.platform(platform.name, 'failed');
      throw e;
    }
    up = true;
    readiness.platform(platform.name, 'ready');
    posters[platform.name] = started.poster;
    running.push({ name: platform.name, stop: started.stop });
  }
}

/**
 * The health listener on HEALTH_PORT, unless a platform already listens on that port (one that
 * takes HTTP requests on PORT), which then answers the health paths itself. Off when HEALTH_PORT is unset.
 */
async function startHealth(config: Config, platforms: readonly Platform<PlatformName>[], readiness: Readiness): Promise<HealthServer | undefined> {
  if (config.HEALTH_PORT === undefined) return undefined;
  if (platforms.some((p) => p.listensOn?.(config) === config.HEALTH_PORT)) return undefined;
  return startHealthServer({ port: config.HEALTH_PORT, host: config.HEALTH_HOST, readiness });
}

/** Says where the health paths are answered when a platform's own listener carries them. */
function logSharedHealth(config: Config, platforms: readonly Platform<PlatformName>[]): void {
  for (const p of platforms) {
    const port = p.listensOn?.(config);
    if (port !== undefined && (config.HEALTH_PORT === undefined || config.HEALTH_PORT === port)) {
      log.info(HEALTH_LISTENING, { port, shared_with: p.name, paths: HEALTH_PATHS });
    }
  }
}

async function main(): Promise<number> {
  const config = loadConfig();
  const enabled = PLATFORMS.filter((p) => p.enabled(config));
  const platformsConfigured = enabled.length > 0;
  // At a prompt, JSON log lines would drown the conversation; warnings still show.
  configureLog({ level: config.LOG_LEVEL ?? (platformsConfigured ? 'info' : 'warn') });
  // A stray rejected promise must be logged, never take the process (and its connections) down.
  process.on('unhandledRejection', (reason) => log.error(UNHANDLED_REJECTION, { error: errorMessage(reason) }));

  // The fallback shows corpus problems to the person at its prompt; platforms log them.
  const foreground = platformsConfigured ? undefined : FALLBACK.open(config);
  // The fallback has no connection to wait for: it is ready once the library is.
  const readiness = new Readiness(enabled.map((p) => p.name));
  const healthServer = await startHealth(config, enabled, readiness);
  const live = new LiveLibrary(config.CORPUS_DIR, {
    snapshotDir: config.SNAPSHOT_DIR,
    // Reloads always build in the worker; the fallback's first build may run here, as nobody is answered before it.
    inlineFirstBuild: !platformsConfigured,
    semantic: { mode: config.SEMANTIC, modelDir: config.SEMANTIC_MODEL_DIR },
    onSwap: (_, warnings) => logIngestWarnings(warnings),
    ...foreground?.corpusHooks,
  });
  // Chat platforms connect while the library loads, so a big corpus's first build gets "still
  // loading" answers rather than silence; the fallback waits, as one person is at the prompt.
  const loading = live.load().then(({ library, ms, source }) => {
    readiness.libraryLoaded();
    log.info(CORPUS_LOADED, { dir: config.CORPUS_DIR, documents: library.corpus.documents.length, passages: library.corpus.passages.length, ms, source });
    // Files added, edited or removed later are picked up without a restart.
    live.watch();
  });
  loading.catch(() => readiness.libraryFailed());
  if (!platformsConfigured) {
    // A large corpus's first build takes minutes: say so rather than sit silent at a blank prompt.
    const notice = setTimeout(
      () => process.stderr.write(`Building the search index for ${config.CORPUS_DIR}; a large corpus takes a while the first time (later starts reuse the saved index)…\n`),
      1000,
    );
    await loading.finally(() => clearTimeout(notice));
  } else loading.catch(() => {});

  const store = await openConfiguredStore(config);
  // Backups beside the database, and a watch on the file for deletion or replacement under us.
  void store.protect();
  const platforms: PlatformName[] = foreground ? [FALLBACK.name] : enabled.map((p) => p.name);
  const posters: Posters = {};
  // A channel with a reading plan posts the plan's day; the plan service also answers /plan and the spoiler limits.
  const plans = createPlanService({ store, library: () => live.get(), defaultTimezone: config.DAILY_TIMEZONE });
  const scheduler = new DailyScheduler({
    store,
    poster: routingPoster(posters),
    eligibleIds: () => live.get().eligible.map((p) => p.id),
    platforms,
    plannedPosts: (channel, date) => plans.plannedPost(channel, date),
  });
  const shared: PlatformShared = {
    library: () => live.get(),
    daily: createDailyService(store, scheduler),
    plans,
    promptWriter: createPromptWriter(config),
    health: healthRoutes(readiness),
  };

  const shutdown = async (running: Running[]) => {
    live.close();
    await scheduler.stop();
    await Promise.allSettled(running.map((r) => r.stop()));
    await store.close();
    await healthServer?.close();
  };

  if (foreground) {
    posters[FALLBACK.name] = foreground.poster(shared);
    await scheduler.start();
    await foreground.run(shared);
    await shutdown([]);
    return 0;
  }

  const running: Running[] = [];
  const stopped = stopSignal(readiness);
  let stopping = false;
  void stopped.then(() => (stopping = true));
  const startup = (async () => {
    await startPlatforms(config, enabled, shared, posters, running, readiness);
    logSharedHealth(config, enabled);
    // Daily posts need the passages, so the scheduler (and its catch-up) waits for the library.
    await loading;
    if (!stopping) await scheduler.start();
  })();
  try {
    await Promise.race([startup, stopped]);
  } catch (e) {
    await shutdown(running);
    throw e;
  }
  // A stop that came mid-start leaves the rest of the start-up to fail quietly as things close.
  startup.catch(() => undefined);
  await stopped;
  await shutdown(running);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    if (isUserError(e)) process.stderr.write(`${e.message}\n`);
    else process.stderr.write(`The bot could not start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  },
);
