// `npm start`: read config, load the corpus, then run the front ends that are configured. With no
// platform tokens the terminal front end runs, so the bot can be tried with nothing set up.
import { loadConfig } from './config.js';
import { runRepl } from './adapters/terminal/repl.js';
import { isUserError } from './core/errors.js';
import { loadLibrary } from './core/load.js';
import { configureLog, log } from './core/log.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const platforms = [config.DISCORD_TOKEN && 'Discord', config.SLACK_BOT_TOKEN && 'Slack'].filter(Boolean);
  // In the terminal, JSON log lines would drown the conversation; warnings still show.
  configureLog({ level: config.LOG_LEVEL ?? (platforms.length ? 'info' : 'warn') });

  const { library, warnings, ms } = await loadLibrary(config.CORPUS_DIR);
  for (const w of warnings) log.warn('corpus_file_skipped', { file: w.file, reason: w.message });
  log.info('corpus_loaded', { dir: config.CORPUS_DIR, documents: library.corpus.documents.length, passages: library.corpus.passages.length, ms });

  if (platforms.length) {
    // The Discord and Slack adapters are not part of this release yet; say so rather than pretend.
    log.warn('platform_not_available', { platforms: platforms.join(','), detail: 'platform adapters are not implemented yet; starting the terminal front end instead' });
  }
  await runRepl(library);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    if (isUserError(e)) process.stderr.write(`${e.message}\n`);
    else process.stderr.write(`The bot could not start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
