// `npm start`: read config, load the corpus, then run the front ends that are configured. With no
// platform tokens the terminal front end runs, so the bot can be tried with nothing set up.
import { loadConfig, type Config } from './config.js';
import { runRepl } from './adapters/terminal/repl.js';
import { isUserError } from './core/errors.js';
import type { Library } from './core/library.js';
import { loadLibrary } from './core/load.js';
import { configureLog, log } from './core/log.js';

interface Running {
  name: string;
  stop(): Promise<void>;
}

async function startPlatforms(config: Config, library: () => Library): Promise<Running[]> {
  const running: Running[] = [];
  try {
    await startEach(config, library, running);
  } catch (e) {
    // One platform failing to start must not leave the other half-running.
    await Promise.allSettled(running.map((r) => r.stop()));
    throw e;
  }
  return running;
}

async function startEach(config: Config, library: () => Library, running: Running[]): Promise<void> {
  if (config.DISCORD_TOKEN && config.DISCORD_APP_ID) {
    // Imported only when used: discord.js adds a noticeable share of start-up time.
    const { startDiscord } = await import('./adapters/discord/bot.js');
    const bot = await startDiscord(
      { token: config.DISCORD_TOKEN, appId: config.DISCORD_APP_ID, guildId: config.DISCORD_GUILD_ID, apiUrl: config.DISCORD_API_URL },
      library,
    );
    running.push({ name: 'discord', stop: bot.stop });
  }
  if (config.SLACK_BOT_TOKEN) {
    const { startSlack } = await import('./adapters/slack/app.js');
    const bot = await startSlack(
      { botToken: config.SLACK_BOT_TOKEN, appToken: config.SLACK_APP_TOKEN, signingSecret: config.SLACK_SIGNING_SECRET, port: config.PORT, apiUrl: config.SLACK_API_URL },
      library,
    );
    running.push({ name: 'slack', stop: bot.stop });
  }
}

async function main(): Promise<number> {
  const config = loadConfig();
  const platformsConfigured = Boolean(config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN);
  // In the terminal, JSON log lines would drown the conversation; warnings still show.
  configureLog({ level: config.LOG_LEVEL ?? (platformsConfigured ? 'info' : 'warn') });
  // A stray rejected promise must be logged, never take the process (and its connections) down.
  process.on('unhandledRejection', (reason) => log.error('unhandled_rejection', { error: reason instanceof Error ? reason.message : String(reason) }));

  const { library, warnings, ms } = await loadLibrary(config.CORPUS_DIR);
  for (const w of warnings) log.warn('corpus_file_skipped', { file: w.file, reason: w.message });
  log.info('corpus_loaded', { dir: config.CORPUS_DIR, documents: library.corpus.documents.length, passages: library.corpus.passages.length, ms });

  const running = await startPlatforms(config, () => library);
  if (!running.length) {
    await runRepl(library);
    return 0;
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      log.info('shutting_down', { signal });
      resolve();
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  await Promise.allSettled(running.map((r) => r.stop()));
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
