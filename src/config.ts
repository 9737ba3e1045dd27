// Configuration from the environment (and a .env file), parsed once by one zod schema into a typed
// object. A wrong value names the variable and says how to fix it.
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { z } from 'zod';
import { COMMANDS } from '../commands/index.js';
import { DEFAULT_SLACK_COMMAND, normaliseCommandName, settingsProblems } from './platforms/slack/commands.js';
import { errorMessage, UserError } from './core/errors.js';
import { parseTimezone } from './bot/schedule-words.js';
import { modelFolderProblem } from './core/search/vectors/use-embedder.js';
import { isPostgresUrl } from './store/postgres/url.js';

/**
 * The checkout's root, where data/, state/ and .env live: one folder up from src/config.ts, two from
 * the compiled dist/src/config.js, so the bot finds the same files however it was started.
 */
export const PROJECT_ROOT = projectRoot(path.dirname(fileURLToPath(import.meta.url)));

function projectRoot(here: string): string {
  const up = path.resolve(here, '..');
  return path.basename(up) === 'dist' ? path.resolve(up, '..') : up;
}

const optionalString = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));

const SNOWFLAKE = /^\d{17,20}$/;

/** How long /discuss waits for a language model before using its own questions. */
export const LLM_TIMEOUT_DEFAULT_MS = 6000;
const LLM_TIMEOUT_MIN_MS = 500;
const LLM_TIMEOUT_MAX_MS = 60_000;

function isHttpUrl(s: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}

function parsesAsUrl(s: string): boolean {
  try {
    return Boolean(new URL(s).hostname);
  } catch {
    return false;
  }
}

const schema = z.object({
  CORPUS_DIR: optionalString.transform((s) => path.resolve(PROJECT_ROOT, s ?? 'data/corpus')),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' })
    .optional(),
  DISCORD_TOKEN: optionalString.refine((s) => !s || /^\S{20,}$/.test(s), {
    message: 'does not look like a bot token; copy it from the Developer Portal (Bot > Reset Token)',
  }),
  DISCORD_APP_ID: optionalString.refine((s) => !s || SNOWFLAKE.test(s), {
    message: 'must be the numeric Application ID from the Developer Portal (General Information)',
  }),
  DISCORD_GUILD_ID: optionalString.refine((s) => !s || SNOWFLAKE.test(s), {
    message: 'must be a numeric server id (right-click the server > Copy Server ID, with Developer Mode on)',
  }),
  DISCORD_API_URL: optionalString
    .refine((s) => !s || isHttpUrl(s), { message: 'must be an http(s) URL such as https://discord.com/api' })
    .transform((s) => (s ?? 'https://discord.com/api').replace(/\/+$/, '')),
  // Discord's Interactions Endpoint URL mode: commands arrive over HTTP, signed with this key.
  DISCORD_PUBLIC_KEY: optionalString
    .transform((s) => s?.toLowerCase())
    .refine((s) => !s || /^[0-9a-f]{64}$/.test(s), {
      message: 'must be the 64 hexadecimal characters of the Public Key (Developer Portal > General Information)',
    }),
  DISCORD_INTERACTIONS_PORT: optionalString.refine((s) => !s || (/^\d+$/.test(s) && Number(s) > 0 && Number(s) < 65536), {
    message: 'must be a port number from 1 to 65535',
  }).transform((s) => (s ? Number(s) : undefined)),
  SLACK_BOT_TOKEN: optionalString.refine((s) => !s || /^xoxb-\S+$/.test(s), {
    message: 'must be the Bot User OAuth Token (xoxb-…) from your Slack app\'s OAuth & Permissions page',
  }),
  SLACK_APP_TOKEN: optionalString.refine((s) => !s || /^xapp-\S+$/.test(s), {
    message: 'must be an App-Level Token (xapp-…) with the connections:write scope (Basic Information > App-Level Tokens)',
  }),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalString
    .refine((s) => !s || isHttpUrl(s), { message: 'must be an http(s) URL such as https://slack.com/api/' })
    .transform((s) => (s ?? 'https://slack.com/api/').replace(/\/*$/, '/')),
  // Slack's command names: one namespaced command, optionally also one prefixed command each.
  SLACK_COMMAND: optionalString.transform((s) => normaliseCommandName(s ?? DEFAULT_SLACK_COMMAND)),
  SLACK_COMMAND_PREFIX: optionalString.transform((s) => s?.replace(/^\/+/, '')),
  DATABASE_PATH: optionalString.transform((s) => path.resolve(PROJECT_ROOT, s ?? 'state/bot.db')),
  // A PostgreSQL server instead of the SQLite file, for several processes or hosts sharing state.
  // The messages never repeat the value: it holds the password.
  DATABASE_URL: optionalString.refine((s) => !s || isPostgresUrl(s), {
    message: 'must be a postgres:// URL such as postgres://bot:PASSWORD@db.example.com:5432/reading (or unset it to keep the state in the SQLite file at DATABASE_PATH)',
  }).refine((s) => !s || !isPostgresUrl(s) || parsesAsUrl(s), {
    message: 'is not a valid URL: write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE, with any @, : or / in the password written as %40, %3A, %2F',
  }),
  // Where the index snapshot is kept so restarts skip rebuilding; "off" builds at every start.
  SNAPSHOT_DIR: optionalString.transform((s) => (s && /^(off|none|false|0)$/i.test(s) ? undefined : path.resolve(PROJECT_ROOT, s ?? 'state/snapshots'))),
  // Search by meaning beside words: "auto" embeds corpora up to SEMANTIC_AUTO_MAX_PASSAGES (live-vectors.ts).
  SEMANTIC: optionalString
    .transform((s) => s?.toLowerCase() ?? 'auto')
    .pipe(z.enum(['on', 'off', 'auto'], { error: 'must be on, off or auto (auto: on for corpora small enough to embed in minutes)' })),
  // A local sentence-embedding model folder (model.json, weight shards, vocab.json) instead of the bundled one.
  SEMANTIC_MODEL_DIR: optionalString.transform((s, ctx) => {
    if (!s) return undefined;
    const dir = path.resolve(PROJECT_ROOT, s);
    const problem = modelFolderProblem(dir);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${problem}; point it at a TF.js Universal Sentence Encoder-style model folder, or unset it to use the bundled model` });
      return z.NEVER;
    }
    return dir;
  }),
  DAILY_TIMEZONE: optionalString.transform((s, ctx) => {
    try {
      return parseTimezone(s ?? 'UTC');
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: errorMessage(e) });
      return z.NEVER;
    }
  }),
  ADMIN_USER_IDS: optionalString
    .refine((s) => !s || /^[A-Z0-9]+(\s*,\s*[A-Z0-9]+)*$/i.test(s), { message: 'must be Slack user ids separated by commas, e.g. U012ABC,U034DEF' })
    .transform((s) => new Set((s ?? '').split(',').map((x) => x.trim()).filter(Boolean))),
  // Discussion questions from a language model (src/llm): nothing is sent anywhere unless LLM_BASE_URL is set.
  LLM_BASE_URL: optionalString
    .refine((s) => !s || isHttpUrl(s), {
      message: 'must be an http(s) URL of an OpenAI-compatible server, such as http://127.0.0.1:11434/v1 for Ollama',
    })
    // fetch refuses such an address, and its error would repeat the password into the log.
    .refine((s) => !s || !isHttpUrl(s) || (!new URL(s).username && !new URL(s).password), {
      message: 'must not contain a user name or password; put the API key in LLM_API_KEY',
    }),
  LLM_MODEL: optionalString,
  // Only printable characters: anything else would be refused as a header, and that error would quote the key.
  LLM_API_KEY: optionalString.refine((s) => !s || /^[\x21-\x7e]+$/.test(s), {
    message: 'must be the API key alone, with no spaces, line breaks or other characters a header cannot carry',
  }),
  LLM_TIMEOUT_MS: optionalString
    .refine((s) => !s || (/^\d+$/.test(s) && Number(s) >= LLM_TIMEOUT_MIN_MS && Number(s) <= LLM_TIMEOUT_MAX_MS), {
      message: `must be a number of milliseconds from ${LLM_TIMEOUT_MIN_MS} to ${LLM_TIMEOUT_MAX_MS} (default ${LLM_TIMEOUT_DEFAULT_MS})`,
    })
    .transform((s) => Number(s ?? LLM_TIMEOUT_DEFAULT_MS)),
  PORT: optionalString
    .refine((s) => !s || (/^\d+$/.test(s) && Number(s) > 0 && Number(s) < 65536), { message: 'must be a port number from 1 to 65535' })
    .transform((s) => Number(s ?? 3000)),
  // /healthz and /readyz (src/health): off unless set; in Slack HTTP mode they are also answered on PORT.
  HEALTH_PORT: optionalString
    .refine((s) => !s || (/^\d+$/.test(s) && Number(s) > 0 && Number(s) < 65536), {
      message: 'must be a port number from 1 to 65535 for /healthz and /readyz (or unset it to serve none)',
    })
    .transform((s) => (s ? Number(s) : undefined)),
  // All interfaces by default: an orchestrator probes from outside the container or host.
  HEALTH_HOST: optionalString
    .refine((s) => !s || isIP(s) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(s), {
      message: 'must be an address of this machine such as 0.0.0.0 (all, the default), 127.0.0.1 or ::',
    })
    .transform((s) => s ?? '0.0.0.0'),
}).superRefine((env, ctx) => {
  if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_APP_TOKEN'],
      message:
        'set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or SLACK_SIGNING_SECRET (Basic Information > Signing Secret) for HTTP mode',
    });
  }
  for (const p of settingsProblems({ command: env.SLACK_COMMAND, prefix: env.SLACK_COMMAND_PREFIX }, COMMANDS.map((c) => c.name))) {
    const fix =
      p.variable === 'SLACK_COMMAND'
        ? 'set SLACK_COMMAND to a name such as /reading'
        : 'set SLACK_COMMAND_PREFIX to something such as rg- (or leave it unset)';
    ctx.addIssue({ code: 'custom', path: [p.variable], message: `${p.message}; ${fix}, then regenerate the manifest (npm run slack:manifest)` });
  }
  if (env.LLM_BASE_URL && !env.LLM_MODEL) {
    ctx.addIssue({
      code: 'custom',
      path: ['LLM_MODEL'],
      message: 'is required when LLM_BASE_URL is set; set it to a model the server has (for Ollama, a name from `ollama list` such as llama3.1:8b), or unset LLM_BASE_URL',
    });
  }
  if (env.DISCORD_PUBLIC_KEY && !env.DISCORD_APP_ID) {
    ctx.addIssue({
      code: 'custom',
      path: ['DISCORD_APP_ID'],
      message: 'is required when DISCORD_PUBLIC_KEY is set; copy the Application ID from the Developer Portal (General Information)',
    });
  }
  if (env.DISCORD_PUBLIC_KEY && (env.DISCORD_INTERACTIONS_PORT ?? env.PORT) === env.PORT && env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && env.SLACK_SIGNING_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['DISCORD_INTERACTIONS_PORT'],
      message: `must differ from PORT (${env.PORT}) when Slack runs in HTTP mode, which listens there; set it to another port for /interactions`,
    });
  }
  if (env.DISCORD_TOKEN && !env.DISCORD_APP_ID) {
    ctx.addIssue({
      code: 'custom',
      path: ['DISCORD_APP_ID'],
      message: 'is required when DISCORD_TOKEN is set; copy the Application ID from the Developer Portal (General Information)',
    });
  }
});

export type Config = z.output<typeof schema>;

/** Where Discord's Interactions Endpoint URL listens: its own port, else the shared PORT. */
export const discordInteractionsPort = (config: Config): number => config.DISCORD_INTERACTIONS_PORT ?? config.PORT;

/** Reads .env (if present) without overriding variables already set, then validates. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { dotenvPath?: string | false } = {}): Config {
  if (opts.dotenvPath !== false) {
    dotenv.config({ path: opts.dotenvPath ?? path.join(PROJECT_ROOT, '.env'), quiet: true });
  }
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new UserError(`Invalid configuration:\n${lines.join('\n')}\nFix these in your environment or in .env (see .env.example).`, 'bad_config');
  }
  return parsed.data;
}
