// One command from the shell: `npm run cli -- topic scaling laws --source hot-chips --json`.
// Exit codes: 0 answered, 2 bad input or an error reply, 1 the bot could not start.
import { parseArgs } from 'node:util';
import { COMMANDS, findCommand, runCommand } from '../../../commands/index.js';
import { schemaKeys, type CommandContext } from '../../bot/command.js';
import { loadConfig } from '../../config.js';
import { withStoredVectors } from '../../core/library/live-vectors.js';
import { errorMessage, isUserError } from '../../core/errors.js';
import { parseInvocation } from '../../bot/invocation.js';
import { loadLibrary } from '../../core/library/load.js';
import { createPromptWriter } from '../../llm/index.js';
import { configureLog } from '../../core/log.js';
import { seededRandom } from '../../core/search/text.js';
import { replyJson } from './json.js';
import { describeWarning } from './notices.js';
import { passageStats, renderStats, STATS_HELP } from './stats.js';
import { renderReply, terminalWidth } from './render.js';
import type { Store } from '../../store/index.js';

const USAGE = `Usage: npm run cli -- <command> [words...] [--source S] [--limit N] [--seed N] [--date YYYY-MM-DD] [--channel KEY] [--json]\n       --channel KEY acts as that channel (its reading plan and daily posts, in DATABASE_PATH); --date runs it on that local date\n       npm run cli -- passages [--source S] [--stats] [--json]\nCommands: ${[...COMMANDS.map((c) => c.name), 'passages'].join(', ')}\nProblems with corpus files (files not served included) are printed on stderr, one line each.\n${STATS_HELP}`;

/** Most corpus problems printed before one "and N more" line. */
const WARNINGS_SHOWN = 50;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        source: { type: 'string' },
        limit: { type: 'string' },
        seed: { type: 'string' },
        date: { type: 'string' },
        channel: { type: 'string' },
        stats: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`, argv.includes('--json'));
  }
  const { values, positionals } = args;
  const json = values.json;
  const [rawName, ...words] = positionals;
  if (values.help || !rawName) {
    process.stdout.write(USAGE + '\n');
    return rawName || values.help ? 0 : 2;
  }
  const name = rawName.replace(/^\//, '').toLowerCase();

  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100)) return fail('--limit must be a whole number from 1 to 100.', json);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0)) return fail('--seed must be a whole number, 0 or more.', json);

  let loaded;
  let config;
  let promptWriter;
  try {
    config = loadConfig();
    promptWriter = createPromptWriter(config);
    configureLog({ level: config.LOG_LEVEL ?? 'warn' });
    loaded = await loadLibrary(config.CORPUS_DIR, { snapshotDir: config.SNAPSHOT_DIR });
    // Ranks as the bot does when the snapshot has vectors (the bot computes them; a one-shot run does not).
    loaded = { ...loaded, library: await withStoredVectors(loaded, { mode: config.SEMANTIC, modelDir: config.SEMANTIC_MODEL_DIR }) };
  } catch (e) {
    if (isUserError(e)) return fail(e.message, json, 1);
    throw e;
  }
  const { library } = loaded;
  // The same plain lines `npm start` shows at its prompt: a file left out is never silent here either.
  // Capped, so a folder of thousands of stray files cannot bury the answer; the JSON lists every skipped file.
  for (const w of loaded.warnings.slice(0, WARNINGS_SHOWN)) process.stderr.write(describeWarning(w) + '\n');
  if (loaded.warnings.length > WARNINGS_SHOWN) {
    process.stderr.write(`… and ${loaded.warnings.length - WARNINGS_SHOWN} more corpus problems (passages --json lists every file not served).\n`);
  }

  if (name === 'passages') {
    const docId = values.source ? safeResolve(() => library.resolveSource(values.source!).id) : undefined;
    if (docId instanceof Error) return fail(docId.message, json);
    if (values.stats) {
      const stats = passageStats(library, docId);
      if (json) print({ command: 'passages', stats: { documents: stats.documents, totals: stats.totals }, skipped: stats.skipped });
      else process.stdout.write(renderStats(stats) + '\n');
      return 0;
    }
    const list = library.corpus.passages.filter((p) => !docId || p.docId === docId).slice(0, limit);
    if (json) {
      print({
        command: 'passages',
        results: list.map((p) => ({
          id: p.id,
          text: p.text,
          source: { id: p.docId, title: library.doc(p.docId).title },
          speaker: p.speaker ?? null,
          // The speaker asks rather than answers ("Question, Lena Park at Acme:").
          asks: p.asks === true,
          section: p.section ?? null,
          position: p.position,
          groupId: p.groupId,
          quotability: p.quotability,
        })),
        skipped: library.skipped,
      });
    } else {
      for (const p of list) process.stdout.write(`${p.id}${p.speaker ? ` [${p.speaker}]` : ''}\n  ${p.text}\n\n`);
    }
    return 0;
  }

  const inv = parseInvocation(['/' + name, ...words].join(' '), findCommand);
  const options: Record<string, unknown> = { ...inv.options };
  if (values.source !== undefined) options.source = values.source;
  if (values.date !== undefined) options.date = values.date;
  // --seed also fixes the draw of a command whose schema takes a seed (the Another button's).
  const command = findCommand(name);
  if (seed !== undefined && command && schemaKeys(command).includes('seed')) options.seed = seed;
  const base: CommandContext = {
    library,
    now: new Date(),
    random: seed === undefined ? Math.random : seededRandom(seed),
    channelKey: values.channel ?? 'terminal',
    userName: 'cli',
    promptWriter,
  };
  // A channel (or /plan) acts on the saved state: the channel's plan, its spoiler limit and its daily posts.
  let store: Store | undefined;
  let reply;
  try {
    if (values.channel !== undefined || name === 'plan') {
      // Only a channel or a plan reads the database: the store and the scheduler (SQLite, cron)
      // are loaded here, so a one-shot answer from the library never loads them.
      const { openConfiguredStore } = await import('../../store/index.js');
      try {
        store = await openConfiguredStore(config);
      } catch (e) {
        return fail(errorMessage(e), json, 1);
      }
      const ctx = await channelContext(base, store, values.channel ?? 'terminal', values.date, config.DAILY_TIMEZONE);
      reply = await runCommand(ctx, inv.name, options);
    } else reply = await runCommand(base, inv.name, options);
  } finally {
    await store?.close();
  }
  if (limit !== undefined && (reply.kind === 'passages' || reply.kind === 'discussion')) reply.passages = reply.passages.slice(0, limit);
  if (json) print(replyJson(name, reply));
  else process.stdout.write(renderReply(reply, { width: terminalWidth(process.stdout), color: Boolean(process.stdout.isTTY) }) + '\n');
  return reply.kind === 'error' ? 2 : 0;
}

/**
 * The context of a command typed in channel `key` of the terminal: its plan, its daily posts, and
 * `now` at noon of `date` in the plan's zone (a date the plan reads is the plan's local date).
 */
async function channelContext(base: CommandContext, store: Store, key: string, date: string | undefined, defaultTimezone: string | undefined): Promise<CommandContext> {
  const [{ DailyScheduler }, { createPlanService }, { createDailyService }, { zonedInstant }] = await Promise.all([
    import('../../scheduler/daily.js'),
    import('../../scheduler/plan/service.js'),
    import('../../scheduler/service.js'),
    import('../../scheduler/time.js'),
  ]);
  const here = { platform: 'terminal', channelId: key };
  const plans = createPlanService({ store, library: () => base.library, ...(defaultTimezone ? { defaultTimezone } : {}) });
  let now = base.now;
  if (date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    const plan = await store.plans.get(here.platform, here.channelId);
    const sub = await store.subscriptions.get(here.platform, here.channelId);
    now = zonedInstant(date, '12:00', plan?.timezone ?? sub?.timezone ?? defaultTimezone ?? 'UTC');
  }
  // Never started: it only answers /daily status and keeps the subscription rows, as the bot's would.
  const scheduler = new DailyScheduler({ store, poster: { post: async () => ({ messageId: 'cli' }) }, eligibleIds: () => base.library.eligible.map((p) => p.id), sweepCron: false, clock: () => now });
  return { ...base, now, here, plans, daily: createDailyService(store, scheduler, () => now), ...(defaultTimezone ? { defaultTimezone } : {}) };
}

function safeResolve<T>(f: () => T): T | Error {
  try {
    return f();
  } catch (e) {
    return e as Error;
  }
}

function print(obj: unknown): void {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function fail(message: string, json: boolean, code = 2): number {
  if (json) print({ error: message });
  else process.stderr.write(message + '\n');
  return code;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`Unexpected error: ${errorMessage(e)}\n`);
    process.exitCode = 1;
  },
);
