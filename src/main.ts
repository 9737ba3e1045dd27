// `npm start`: read config, load the corpus, open the database, then run the front ends that are
// configured and the daily-post scheduler. With no platform tokens the terminal front end runs,
// so the bot (daily posts included) can be tried with nothing set up.
import { loadConfig, type Config } from './config.js';
import { TerminalNotices } from './platforms/terminal/notices.js';
import { runRepl } from './platforms/terminal/repl.js';
import { terminalPoster } from './platforms/terminal/daily.js';
import type { DailyService } from './bot/daily.js';
import { errorMessage, isUserError, UserError } from './core/errors.js';
import { logIngestWarnings } from './core/ingest/index.js';
import type { Library } from './core/library/library.js';
import { LiveLibrary } from './core/library/live.js';
import { configureLog, log } from './core/log.js';
import { CORPUS_LOADED, SHUTTING_DOWN, UNHANDLED_REJECTION } from './main-events.js';
import { DailyScheduler } from './scheduler/daily.js';
import type { Poster } from './scheduler/poster.js';
import { createDailyService, routingPoster } from './scheduler/service.js';
import { openStore, type Platform, type Store } from './store/index.js';

/** How long a stop may take once SIGTERM or SIGINT arrives. */
const SHUTDOWN_GRACE_MS = 5000;

interface Running {
  name: string;
  stop(): Promise<void>;
}

interface Shared {
  library: () => Library;
  daily: DailyService;
  posters: Partial<Record<Platform, Poster>>;
}

/** Platforms are added to `running` as each one starts, so a stop mid-start stops what is up. */
async function startPlatforms(config: Config, shared: Shared, running: Running[]): Promise<void> {
  try {
    await startEach(config, shared, running);
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
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
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

async function startEach(config: Config, { library, daily, posters }: Shared, running: Running[]): Promise<void> {
  const common = { daily, defaultTimezone: config.DAILY_TIMEZONE };
  if (config.DISCORD_TOKEN && config.DISCORD_APP_ID) {
    // Imported only when used: discord.js adds a noticeable share of start-up time.
    const { startDiscord } = await import('./platforms/discord/bot.js');
    const { discordPoster } = await import('./platforms/discord/daily.js');
    const bot = await startDiscord(
      { token: config.DISCORD_TOKEN, appId: config.DISCORD_APP_ID, guildId: config.DISCORD_GUILD_ID, apiUrl: config.DISCORD_API_URL, ...common },
      library,
    );
    posters.discord = discordPoster(bot.client, library);
    running.push({ name: 'discord', stop: bot.stop });
  }
  if (config.SLACK_BOT_TOKEN) {
    const { startSlack } = await import('./platforms/slack/app.js');
    const { slackPoster } = await import('./platforms/slack/daily.js');
    const bot = await startSlack(
      {
        botToken: config.SLACK_BOT_TOKEN,
        appToken: config.SLACK_APP_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        port: config.PORT,
        apiUrl: config.SLACK_API_URL,
        adminUserIds: config.ADMIN_USER_IDS,
        commands: { command: config.SLACK_COMMAND, prefix: config.SLACK_COMMAND_PREFIX },
        ...common,
      },
      library,
    );
    posters.slack = slackPoster(bot.app.client, library);
    running.push({ name: 'slack', stop: bot.stop });
  }
}

function openDatabase(path: string): Store {
  try {
    return openStore(path);
  } catch (e) {
    if (isUserError(e)) throw e;
    throw new UserError(`Cannot open the database at ${path} (${errorMessage(e)}). Set DATABASE_PATH to a writable file.`, 'bad_database');
  }
}

async function main(): Promise<number> {
  const config = loadConfig();
  const platformsConfigured = Boolean(config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN);
  // In the terminal, JSON log lines would drown the conversation; warnings still show.
  configureLog({ level: config.LOG_LEVEL ?? (platformsConfigured ? 'info' : 'warn') });
  // A stray rejected promise must be logged, never take the process (and its connections) down.
  process.on('unhandledRejection', (reason) => log.error(UNHANDLED_REJECTION, { error: errorMessage(reason) }));

  // The terminal says what a reload skipped in plain lines above its prompt; platforms log it.
  const notices = platformsConfigured ? undefined : new TerminalNotices();
  const live = new LiveLibrary(config.CORPUS_DIR, {
    snapshotDir: config.SNAPSHOT_DIR,
    // Reloads always build in the worker; the terminal's first build may run here, as nobody is answered before it.
    inlineFirstBuild: !platformsConfigured,
    onSwap: (_, warnings) => logIngestWarnings(warnings),
    ...notices?.corpusHooks(),
  });
  // Chat platforms connect while the library loads, so a big corpus's first build gets "still
  // loading" answers rather than silence; the terminal waits, as one person is at the prompt.
  const loading = live.load().then(({ library, ms, source }) => {
    log.info(CORPUS_LOADED, { dir: config.CORPUS_DIR, documents: library.corpus.documents.length, passages: library.corpus.passages.length, ms, source });
    // Files added, edited or removed later are picked up without a restart.
    live.watch();
  });
  if (!platformsConfigured) {
    // A large corpus's first build takes minutes: say so rather than sit silent at a blank prompt.
    const notice = setTimeout(
      () => process.stderr.write(`Building the search index for ${config.CORPUS_DIR}; a large corpus takes a while the first time (later starts reuse the saved index)…\n`),
      1000,
    );
    await loading.finally(() => clearTimeout(notice));
  } else loading.catch(() => {});

  const store = openDatabase(config.DATABASE_PATH);
  // Backups beside the database, and a watch on the file for deletion or replacement under us.
  void store.protect();
  const platforms: Platform[] = platformsConfigured
    ? [...(config.DISCORD_TOKEN ? (['discord'] as const) : []), ...(config.SLACK_BOT_TOKEN ? (['slack'] as const) : [])]
    : ['terminal'];
  const posters: Partial<Record<Platform, Poster>> = {};
  const scheduler = new DailyScheduler({ store, poster: routingPoster(posters), eligibleIds: () => live.get().eligible.map((p) => p.id), platforms });
  const shared: Shared = { library: () => live.get(), daily: createDailyService(store, scheduler), posters };

  const shutdown = async (running: Running[]) => {
    live.close();
    await scheduler.stop();
    await Promise.allSettled(running.map((r) => r.stop()));
    store.close();
  };

  if (!platformsConfigured) {
    posters.terminal = terminalPoster(shared.library, (text) => process.stdout.write(text + '\n'));
    await scheduler.start();
    await runRepl(shared.library, { daily: shared.daily, defaultTimezone: config.DAILY_TIMEZONE, notices });
    await shutdown([]);
    return 0;
  }

  const running: Running[] = [];
  const stopped = stopSignal();
  let stopping = false;
  void stopped.then(() => (stopping = true));
  const startup = (async () => {
    await startPlatforms(config, shared, running);
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
