// The acknowledgement benchmark: do Discord and Slack see the bot's FIRST response to every command
// within 1 s, while the library is still loading, once it is ready, and while a changed corpus
// folder is being reloaded? Starts the fake Discord and fake Slack (test/fakes, the real wire
// protocols on 127.0.0.1), spawns the bot as a user would (`node --import tsx src/main.ts`, its own
// process group, a temporary database, snapshot folder and corpus folder of symlinks to the
// corpus's files) and measures, per command, the time from the platform sending it to the first
// response the platform receives:
// - Discord: the first POST to /interactions/:id/:token/callback (reply, defer, update or
//   autocomplete result), whatever its status (a callback after 3 s is refused, as Discord does);
// - Slack (Socket Mode): the envelope acknowledgement the bot sends back over the websocket.
// Then, without timing, it waits for the real answer (Discord reply or edit of a deferral, Slack
// response_url post) and classifies it: an answer, "still loading", no results, or an error.
//
// Timing targets live here and in `npm run bench -- --acks`, never in unit tests.
//
//   npx tsx scripts/bench/acks.ts --dir DIR [--commands 60] [--interval 200] [--timeout 10]
//                                 [--start-timeout 300] [--heap MB] [--seed 42] [--samples] [--json]
//
// Prints one line "ACK_RESULT {json}" on stdout and (unless --json) a short table. Progress goes
// to stderr. The library-ready and reload log events it waits for are named in READY_EVENTS and
// RELOADED_EVENTS below: update them if src/main.ts renames its events.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startFakeDiscord, type FakeDiscord } from '../../tools/fakes/discord/index.js';
import { startFakeSlack, type FakeSlack } from '../../tools/fakes/slack/index.js';
import { makeQueryMix } from './queries.js';
import { percentile, round } from './report.js';
import { errorMessage } from '../../src/core/errors.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ACK_PREFIX = 'ACK_RESULT ';

/** Log events meaning "the library is ready to answer" (src/main.ts logs corpus_loaded today). */
export const READY_EVENTS = ['corpus_loaded', 'library_ready', 'corpus_ready', 'index_ready'];
/** Log events that end a hot reload (src/core/library/live.ts). */
export const RELOADED_EVENTS = ['corpus_reloaded', 'corpus_reload_failed'];
const PLATFORM_EVENTS = ['discord_ready', 'slack_ready'];

export type Phase = 'loading' | 'ready' | 'reloading';
export type Platform = 'discord' | 'slack';
/**
 * What the person finally saw: a real answer; "still loading"; a no-results answer; an error
 * message; an empty autocomplete list; a first response Discord refused (too late); nothing.
 */
export type ReplyClass = 'answer' | 'still_loading' | 'no_results' | 'error' | 'empty' | 'rejected' | 'none';

export interface AckSample {
  phase: Phase;
  platform: Platform;
  /** e.g. "/topic", "/quote", "/quote (random)", "autocomplete /quote query", "button More". */
  command: string;
  query?: string;
  /** The interaction id (Discord) or envelope id (Slack). */
  id?: string;
  /** ms after the bot was spawned. */
  sentAtMs: number;
  /** Time to the platform's first response; null when none came within the per-command timeout. */
  firstMs: number | null;
  /** Discord callback type (4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete) or "ack". */
  first?: number | 'ack';
  /** HTTP status the fake Discord gave the first callback (404 = later than 3 s). */
  status?: number;
  reply: ReplyClass;
  /** A first response that came after the timeout, found at the end of the run. */
  lateMs?: number;
}

export interface AckStats {
  sent: number;
  /** First responses within the per-command timeout. */
  firstResponses: number;
  missing: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** First responses later than 1 s, missing ones included (the target: 0). */
  over1s: number;
  /** Later than 3 s, missing ones included: past Discord's and Slack's own deadlines. */
  over3s: number;
  answers: number;
  stillLoadingReplies: number;
  noResultReplies: number;
  errorReplies: number;
  emptyChoices: number;
  /** First responses the fake Discord refused (a callback later than its 3 s deadline). */
  rejected: number;
  noReply: number;
  /** Missing first responses that did arrive later: how late the slowest one was. */
  lateFirstResponses: number;
  lateMaxMs: number | null;
}

export interface PhaseResult extends AckStats {
  durationMs: number;
  byPlatform: Record<Platform, AckStats>;
  byCommand: Record<string, Pick<AckStats, 'sent' | 'missing' | 'p50Ms' | 'maxMs' | 'over1s'>>;
  note?: string;
}

export interface AckResult {
  corpusDir: string;
  corpusMB: number;
  commands: number;
  intervalMs: number;
  timeoutMs: number;
  /** Bot spawned -> both platforms connected. */
  platformsReadyAfterMs: number | null;
  /** Bot spawned -> library ready (the READY_EVENTS line). */
  readyAfterMs: number | null;
  readyEvent: string | null;
  /** The bot's own figure for the load, when it logs one (`ms` on corpus_loaded). */
  loadMsReported: number | null;
  /** True when the library was ready before both platforms were: no loading phase to measure. */
  libraryReadyBeforePlatforms: boolean | null;
  /** New file written -> corpus_reloaded. */
  reloadMs: number | null;
  phases: Record<Phase, PhaseResult>;
  /**
   * The bot's connections as the fakes saw them: more than one Slack socket or Discord gateway
   * connection means the bot dropped and reopened it (a blocked event loop misses pings).
   */
  connections: { slackSockets: number; slackSocketsClosedByBot: number; discordGateway: number; discordResumes: number; discordIdentifies: number };
  /** Protocol problems the fakes saw (late Slack acks included), first few. */
  protocolErrors: { discord: string[]; slack: string[] };
  /** What went wrong with the measurement itself (the bot not starting, a reload never seen...). */
  errors: string[];
  /** Warnings and errors the bot logged (discord_interaction_failed, slack_bolt...): how many, and the first one's message. */
  botLogged: Record<string, { count: number; example: string }>;
  wallMs: number;
  samples?: AckSample[];
}

export interface AckOptions {
  corpusDir: string;
  /**
   * Commands in the ready phase, and at the full pace in the other two. The loading and reloading
   * phases end with their phase: early, or after these with one more a second (at most 600 more),
   * so a long load is sampled to its end. Default 60.
   */
  commands?: number;
  /** Per-command timeout for the first response, and again for the answer. Default 10 000. */
  timeoutMs?: number;
  log?: (msg: string) => void;
  /** Time between two commands sent. Default 200. */
  intervalMs?: number;
  /** How long to wait for the platforms, the library and a reload. Default 300 000. */
  startTimeoutMs?: number;
  /** --max-old-space-size for the bot. */
  heapMB?: number;
  seed?: number;
}

// ------------------------------------------------------------------ small helpers

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const DOC = /\.(txt|md)$/i;

async function docFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const n of (await readdir(dir)).sort()) if (DOC.test(n) && !n.startsWith('.') && (await stat(path.join(dir, n))).isFile()) out.push(n);
  return out;
}

/** `data` means the bundled corpus in `data/corpus`: a folder without documents but with a corpus/ that has some. */
async function resolveCorpusDir(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  if ((await docFiles(abs)).length) return abs;
  const inner = path.join(abs, 'corpus');
  const has = await docFiles(inner).catch(() => []);
  if (has.length) return inner;
  throw new Error(`no .txt or .md documents in ${abs}`);
}

/** The environment of a fresh install, like test/helpers/spawn.ts cleanEnv, plus ours. */
function botEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(DISCORD_|SLACK_|CORPUS_DIR|SNAPSHOT_DIR|LOG_LEVEL|DATABASE_PATH|DAILY_TIMEZONE|ADMIN_USER_IDS|PORT$)/.test(k)) delete env[k];
  return { ...env, NO_COLOR: '1', LOG_LEVEL: 'info', ...extra };
}

interface LogEvent {
  event: string;
  level?: string;
  at: number;
  fields: Record<string, unknown>;
}

/** The bot's JSON log lines on stderr, and waits on them that give up when the bot dies. */
class BotLog {
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
const lastLines = (s: string) =>
  (s.split('\n').find((l) => /error|out of memory/i.test(l) && !/^\s+at |^\s*\d+: 0x/.test(l))?.trim() ?? s.trim().split('\n').slice(-3).join(' | ')).slice(0, 600);

/** Polls `check` (every 10 ms) until truthy or the time is up; undefined then. */
async function poll<T>(check: () => T | undefined | null | false, timeoutMs: number): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() >= until) return undefined;
    await sleep(10);
  }
}

// ------------------------------------------------------------------ reply classification

/** Discord: a callback's or webhook edit's data. */
export function classifyDiscord(type: number | undefined, data: unknown): ReplyClass {
  const d = (data ?? {}) as { content?: unknown; embeds?: unknown[]; choices?: unknown[] };
  if (type === 8) return (d.choices?.length ?? 0) > 0 ? 'answer' : 'empty';
  const text = String(d.content ?? '');
  if (/still loading/i.test(text)) return 'still_loading';
  if ((d.embeds?.length ?? 0) > 0) return 'answer';
  if (/I found nothing about/i.test(text)) return 'no_results';
  return 'error';
}

type SlackBlock = { type?: string; text?: { text?: string }; elements?: { text?: string | { text?: string }; action_id?: string; value?: string }[] };

/** Slack: a response_url post. Errors are text only, or one section with an optional "Try:" context. */
export function classifySlack(body: unknown): ReplyClass {
  const b = (body ?? {}) as { text?: unknown; blocks?: SlackBlock[] };
  const text = String(b.text ?? '');
  if (/still loading/i.test(text)) return 'still_loading';
  if (/I found nothing about/i.test(text)) return 'no_results';
  const blocks = Array.isArray(b.blocks) ? b.blocks : [];
  if (!blocks.length) return 'error';
  const errorShaped =
    blocks.length <= 2 &&
    blocks[0]?.type === 'section' &&
    blocks.slice(1).every((x) => x.type === 'context' && /Try:/.test(JSON.stringify(x)));
  return errorShaped ? 'error' : 'answer';
}

// ------------------------------------------------------------------ statistics

function stats(samples: AckSample[]): AckStats {
  const got = samples.filter((s) => s.firstMs !== null).map((s) => s.firstMs!);
  const count = (c: ReplyClass) => samples.filter((s) => s.reply === c).length;
  const late = samples.filter((s) => s.firstMs === null && s.lateMs !== undefined).map((s) => s.lateMs!);
  return {
    sent: samples.length,
    firstResponses: got.length,
    missing: samples.length - got.length,
    p50Ms: got.length ? round(percentile(got, 50)) : null,
    p99Ms: got.length ? round(percentile(got, 99)) : null,
    maxMs: got.length ? round(Math.max(...got)) : null,
    over1s: got.filter((ms) => ms > 1000).length + (samples.length - got.length),
    over3s: got.filter((ms) => ms > 3000).length + (samples.length - got.length),
    answers: count('answer'),
    stillLoadingReplies: count('still_loading'),
    noResultReplies: count('no_results'),
    errorReplies: count('error'),
    emptyChoices: count('empty'),
    rejected: count('rejected'),
    noReply: count('none'),
    lateFirstResponses: late.length,
    lateMaxMs: late.length ? round(Math.max(...late)) : null,
  };
}

function phaseResult(samples: AckSample[], durationMs: number, note?: string): PhaseResult {
  const byCommand: PhaseResult['byCommand'] = {};
  for (const key of [...new Set(samples.map((s) => `${s.platform} ${s.command}`))]) {
    const st = stats(samples.filter((s) => `${s.platform} ${s.command}` === key));
    byCommand[key] = { sent: st.sent, missing: st.missing, p50Ms: st.p50Ms, maxMs: st.maxMs, over1s: st.over1s };
  }
  return {
    ...stats(samples),
    durationMs: Math.round(durationMs),
    byPlatform: { discord: stats(samples.filter((s) => s.platform === 'discord')), slack: stats(samples.filter((s) => s.platform === 'slack')) },
    byCommand,
    ...(note ? { note } : {}),
  };
}

// ------------------------------------------------------------------ the queries

interface Queries {
  /** For /topic and /quote: common words, words as they occur, two- and three-word runs. */
  search: string[];
  common: string[];
  /** For autocomplete: the first letters of a word, maybe after a whole word. */
  prefixes: string[];
  /** Content words, for the file that triggers the reload. */
  words: string[];
}

async function corpusQueries(dir: string, seed: number): Promise<Queries> {
  const texts: string[] = [];
  let bytes = 0;
  for (const f of await docFiles(dir)) {
    const text = await readFile(path.join(dir, f), 'utf8');
    texts.push(...text.split(/\n\s*\n/).filter((p) => p.trim().length > 40));
    bytes += text.length;
    if (bytes > 400_000) break;
  }
  const mix = makeQueryMix(texts, 600, seed);
  const of = (...kinds: string[]) => [...new Set(mix.filter((q) => kinds.includes(q.kind)).map((q) => q.text))];
  const common = of('common');
  return { search: of('single', 'phrase2', 'phrase3'), common, prefixes: of('prefix').filter((p) => p.replace(/.* /, '').length >= 2), words: common.slice(0, 12) };
}

// ------------------------------------------------------------------ the scenario

interface Spec {
  platform: Platform;
  command: string;
  query?: string;
}

export async function runAckScenario(opts: AckOptions): Promise<AckResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const commands = opts.commands ?? 60;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 200;
  const startTimeoutMs = opts.startTimeoutMs ?? 300_000;
  const errors: string[] = [];
  const samples: AckSample[] = [];
  const emptyPhase = (note?: string) => phaseResult([], 0, note);
  const result: AckResult = {
    corpusDir: opts.corpusDir,
    corpusMB: 0,
    commands,
    intervalMs,
    timeoutMs,
    platformsReadyAfterMs: null,
    readyAfterMs: null,
    readyEvent: null,
    loadMsReported: null,
    libraryReadyBeforePlatforms: null,
    reloadMs: null,
    phases: { loading: emptyPhase(), ready: emptyPhase(), reloading: emptyPhase() },
    connections: { slackSockets: 0, slackSocketsClosedByBot: 0, discordGateway: 0, discordResumes: 0, discordIdentifies: 0 },
    protocolErrors: { discord: [], slack: [] },
    errors,
    botLogged: {},
    wallMs: 0,
  };

  let discord: FakeDiscord | undefined;
  let slack: FakeSlack | undefined;
  let child: ChildProcess | undefined;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'rg-acks-'));
  const botLog = new BotLog();
  let spawnedAt = Date.now();
  const pendingAll = new Set<Promise<void>>();
  /** Set when the run ends (normally or not): no stream sends another command. */
  let stopping = false;

  try {
    const corpusDir = (result.corpusDir = await resolveCorpusDir(opts.corpusDir));
    const files = await docFiles(corpusDir);
    let corpusBytes = 0;
    for (const f of files) corpusBytes += (await stat(path.join(corpusDir, f))).size;
    result.corpusMB = round(corpusBytes / (1024 * 1024));

    // A corpus folder of our own: symlinks to the files, so adding one reloads without touching the original.
    const corpus = path.join(tmp, 'corpus');
    await mkdir(corpus);
    await mkdir(path.join(tmp, 'snapshot'));
    await mkdir(path.join(tmp, 'state'));
    for (const n of (await readdir(corpusDir)).sort()) {
      if (n.startsWith('.')) continue;
      if (!(await stat(path.join(corpusDir, n))).isFile()) continue;
      await symlink(path.join(corpusDir, n), path.join(corpus, n));
    }
    const queries = await corpusQueries(corpusDir, opts.seed ?? 42);
    if (!queries.search.length || !queries.prefixes.length) throw new Error(`could not draw queries from ${corpusDir}`);
    log(`corpus ${corpusDir}: ${files.length} documents, ${result.corpusMB} MB; ${queries.search.length} queries, ${queries.prefixes.length} prefixes`);

    discord = await startFakeDiscord();
    slack = await startFakeSlack();
    const d = discord;
    const s = slack;

    const nodeArgs = [...(opts.heapMB ? [`--max-old-space-size=${opts.heapMB}`] : []), '--import', 'tsx', 'src/main.ts'];
    spawnedAt = Date.now();
    child = spawn(process.execPath, nodeArgs, {
      cwd: ROOT,
      env: botEnv({
        CORPUS_DIR: corpus,
        DATABASE_PATH: path.join(tmp, 'state', 'bot.db'),
        SNAPSHOT_DIR: path.join(tmp, 'snapshot'),
        DISCORD_TOKEN: d.token,
        DISCORD_APP_ID: d.applicationId,
        DISCORD_GUILD_ID: d.ids.guildId,
        DISCORD_API_URL: d.apiUrl,
        SLACK_BOT_TOKEN: s.botToken,
        SLACK_APP_TOKEN: s.appToken,
        SLACK_API_URL: s.apiUrl,
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own process group, so the whole bot can be stopped at the end, whatever it spawned.
      detached: true,
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => botLog.feed(chunk));
    child.on('exit', (code, signal) => botLog.exit(code, signal));
    child.on('error', (e) => errors.push(`spawn failed: ${e.message}`));
    log(`bot spawned (pid ${child.pid})`);

    // Both platforms connected.
    await botLog.waitFor(() => PLATFORM_EVENTS.every((e) => botLog.find([e])), startTimeoutMs, 'discord_ready and slack_ready');
    const platformsAt = Math.max(...PLATFORM_EVENTS.map((e) => botLog.find([e])!.at));
    result.platformsReadyAfterMs = platformsAt - spawnedAt;
    log(`platforms connected after ${result.platformsReadyAfterMs} ms`);
    // Commands registered, so the fake builds option types as Discord would (not fatal if slow).
    await poll(() => d.commands(d.ids.guildId).length > 0, 10_000);

    const lastTopic: { discord?: unknown; slack?: { action_id: string; value: string } } = {};
    let n = 0;

    /** Sends one command, measures its first response, classifies its answer. Never throws. */
    const sendOne = (phase: Phase, spec: Spec): Promise<void> => {
      const sample: AckSample = { phase, platform: spec.platform, command: spec.command, ...(spec.query !== undefined ? { query: spec.query } : {}), sentAtMs: 0, firstMs: null, reply: 'none' };
      samples.push(sample);
      const p = (spec.platform === 'discord' ? discordOne(sample, spec) : slackOne(sample, spec)).catch((e: unknown) => {
        errors.push(`${phase} ${spec.platform} ${spec.command}: ${errorMessage(e)}`);
        // Never sent: not a sample.
        if (!sample.id) samples.splice(samples.indexOf(sample), 1);
      });
      pendingAll.add(p);
      void p.finally(() => pendingAll.delete(p));
      return p;
    };

    const discordOne = async (sample: AckSample, spec: Spec): Promise<void> => {
      const target = { guildId: d.ids.guildId, channelId: d.ids.channelId, user: d.ids.userId };
      let payload;
      switch (spec.command) {
        case '/topic':
          payload = d.chatInput('topic', { query: spec.query! }, target);
          break;
        case '/quote':
          payload = d.chatInput('quote', { query: spec.query! }, target);
          break;
        case '/quote (random)':
          payload = d.chatInput('quote', {}, target);
          break;
        case '/daily today':
          payload = d.chatInput('daily', {}, { ...target, subcommand: 'today' });
          break;
        case 'autocomplete /quote query':
          payload = d.autocomplete('quote', 'query', spec.query!, target);
          break;
        case 'button More': {
          const message = lastTopic.discord as { components?: { components?: { label?: string; custom_id?: string }[] }[] };
          const more = message.components?.flatMap((r) => r.components ?? []).find((c) => c.label === 'More');
          if (!more?.custom_id) throw new Error('the /topic reply had no More button');
          payload = d.button(more.custom_id, message as never, d.ids.userId, target);
          break;
        }
        default:
          throw new Error(`unknown command ${spec.command}`);
      }
      const { id } = d.sendInteraction(payload);
      sample.id = id;
      const createdAt = d.interaction(id)!.createdAt;
      sample.sentAtMs = createdAt - spawnedAt;
      const first = await poll(() => d.interactionCallbacks.find((c) => c.interactionId === id), timeoutMs);
      if (!first) return;
      sample.firstMs = first.at - createdAt;
      sample.first = first.type;
      sample.status = first.status;
      if (first.status >= 400) {
        sample.reply = 'rejected';
        return;
      }
      // The answer: the reply itself, or what replaced the "thinking…" of a deferral.
      const final = await poll(() => {
        const events = d.interactionResponses(id);
        const cb = events.find((e) => e.kind === 'callback');
        if (cb && cb.type !== 5 && cb.type !== 6) return cb;
        return events.find((e) => e.kind === 'editOriginal' || e.kind === 'followup');
      }, timeoutMs);
      if (!final) return;
      sample.reply = classifyDiscord(final.kind === 'callback' ? final.type : undefined, final.data);
      // A /topic with more results than one page has a More button: keep it for a later press.
      const rows = (final.message as { components?: { components?: { label?: string }[] }[] } | undefined)?.components ?? [];
      if (spec.command === '/topic' && sample.reply === 'answer' && rows.some((r) => r.components?.some((c) => c.label === 'More'))) lastTopic.discord = final.message;
    };

    const slackOne = async (sample: AckSample, spec: Spec): Promise<void> => {
      let built;
      switch (spec.command) {
        case '/topic':
          // On Slack the commands are typed after the bot's own command (SLACK_COMMAND, /reading).
          built = s.slashCommand({ command: '/reading', text: `topic ${spec.query!}` });
          break;
        case '/quote':
          built = s.slashCommand({ command: '/reading', text: `quote ${spec.query!}` });
          break;
        case '/quote (random)':
          built = s.slashCommand({ command: '/reading', text: 'quote' });
          break;
        case 'action More':
          built = s.blockAction({ action_id: lastTopic.slack!.action_id, value: lastTopic.slack!.value, channel: s.ids.channelId });
          break;
        default:
          throw new Error(`unknown command ${spec.command}`);
      }
      const envelopeId = randomUUID();
      const acked = s.deliver(built, { timeoutMs, envelopeId });
      sample.id = envelopeId;
      const sent = s.envelopes.find((e) => e.envelope_id === envelopeId);
      sample.sentAtMs = (sent?.at ?? Date.now()) - spawnedAt;
      const ack = await acked.catch(() => undefined);
      if (!ack) return;
      sample.firstMs = ack.latencyMs;
      sample.first = 'ack';
      const post = await poll(() => s.responsesFor(built.responseId!)[0], timeoutMs);
      if (!post) return;
      sample.reply = post.status >= 400 ? 'error' : classifySlack(post.body);
      if (spec.command === '/topic' && sample.reply === 'answer') {
        const blocks = ((post.body as { blocks?: SlackBlock[] }).blocks ?? []) as SlackBlock[];
        const more = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).find((e) => (typeof e.text === 'object' ? e.text?.text : e.text) === 'More');
        if (more?.action_id && more.value) lastTopic.slack = { action_id: more.action_id, value: more.value };
      }
    };

    // The mix, one command at a time: both platforms, search-heavy commands, autocomplete, buttons.
    const CYCLE: ((i: number) => Spec)[] = [
      // Each phase opens with a common word, whose many results give the buttons below a More.
      (i) => ({ platform: 'discord', command: '/topic', query: i === 0 ? pick(queries.common, 0) : pick(queries.search, i) }),
      (i) => ({ platform: 'slack', command: '/topic', query: i === 0 ? pick(queries.common, 1) : pick(queries.search, i + 7) }),
      (i) => ({ platform: 'discord', command: '/quote', query: pick(queries.common, i) }),
      () => ({ platform: 'slack', command: '/quote (random)' }),
      (i) => ({ platform: 'discord', command: 'autocomplete /quote query', query: pick(queries.prefixes, i) }),
      (i) => (lastTopic.discord ? { platform: 'discord', command: 'button More' } : { platform: 'discord', command: '/topic', query: pick(queries.common, i + 3) }),
      (i) => ({ platform: 'slack', command: '/quote', query: pick(queries.search, i + 13) }),
      () => ({ platform: 'discord', command: '/daily today' }),
      (i) => (lastTopic.slack ? { platform: 'slack', command: 'action More' } : { platform: 'slack', command: '/topic', query: pick(queries.common, i + 5) }),
      () => ({ platform: 'discord', command: '/quote (random)' }),
      // A very common word: the most postings to walk.
      (i) => ({ platform: 'slack', command: '/topic', query: pick(queries.common, i + 1) }),
      (i) => ({ platform: 'discord', command: '/topic', query: pick(queries.common, i + 2) }),
    ];
    const next = (): Spec => {
      const i = n++;
      return CYCLE[i % CYCLE.length]!(Math.floor(i / CYCLE.length));
    };

    /**
     * Sends `max` commands, one every intervalMs, stopping early at `stop()`; with `untilStop`, then
     * one a second until `stop()` (at most 600 more). Then waits for all of them.
     */
    const stream = async (phase: Phase, max: number, stop: () => boolean, untilStop = false): Promise<void> => {
      const mine: Promise<void>[] = [];
      // Every phase runs the mix from its start, so a short phase still covers every kind.
      n = 0;
      // Buttons press replies from this phase only (the library may have been swapped since).
      lastTopic.discord = undefined;
      lastTopic.slack = undefined;
      for (let i = 0; !stopping && !stop() && (i < max || (untilStop && i < max + 600)); i++) {
        // A button needs an earlier /topic's reply: on a busy machine it may still be on its way,
        // so wait for the replies so far rather than silently sending another /topic instead.
        const slot = n % CYCLE.length;
        if (phase !== 'loading' && ((slot === 5 && !lastTopic.discord) || (slot === 8 && !lastTopic.slack))) await Promise.all(mine);
        mine.push(sendOne(phase, next()));
        await sleep(i < max ? intervalMs : 1000);
      }
      await Promise.all(mine);
    };

    // Phase "loading": the platforms are up, the library is not.
    const loadingStart = Date.now();
    const readyNow = () => botLog.find(READY_EVENTS);
    result.libraryReadyBeforePlatforms = Boolean(readyNow() && readyNow()!.at <= platformsAt);
    let loadingNote: string | undefined;
    if (readyNow()) {
      loadingNote = 'the library was ready before both platforms had connected: no loading phase to measure';
      log(loadingNote);
    } else {
      log('phase loading: sending commands until the library is ready');
      const streaming = stream('loading', commands, () => Boolean(readyNow()), true);
      await botLog.waitFor(readyNow, startTimeoutMs, `a library-ready event (${READY_EVENTS.join(', ')})`);
      await streaming;
    }
    const ready = readyNow()!;
    result.readyAfterMs = ready.at - spawnedAt;
    result.readyEvent = ready.event;
    result.loadMsReported = typeof ready.fields.ms === 'number' ? ready.fields.ms : null;
    result.phases.loading = phaseResult(samples.filter((x) => x.phase === 'loading'), Date.now() - loadingStart, loadingNote);
    log(`library ready after ${result.readyAfterMs} ms (${ready.event})`);

    // Phase "ready".
    log(`phase ready: ${commands} commands`);
    const readyStart = Date.now();
    await stream('ready', commands, () => false);
    result.phases.ready = phaseResult(samples.filter((x) => x.phase === 'ready'), Date.now() - readyStart);

    // Phase "reloading": a new file in the bot's corpus folder; commands until the reload is done.
    log('phase reloading: adding a file to the corpus folder');
    const reloadStart = Date.now();
    await writeFile(path.join(corpus, 'zz-ack-bench-added.md'), addedDocument(queries.words));
    const reloaded = () => botLog.find(RELOADED_EVENTS, reloadStart);
    await stream('reloading', commands, () => Boolean(reloaded()), true);
    const reloadTimeout = Math.max(60_000, 3 * (result.readyAfterMs ?? 0));
    try {
      const done = await botLog.waitFor(reloaded, reloadTimeout, `a reload event (${RELOADED_EVENTS.join(', ')})`);
      result.reloadMs = done.at - reloadStart;
      if (done.event !== 'corpus_reloaded') errors.push(`the reload failed: ${JSON.stringify(done.fields).slice(0, 300)}`);
      log(`reload done after ${result.reloadMs} ms`);
    } catch (e) {
      errors.push(errorMessage(e));
    }
    const reloadNote = result.reloadMs !== null ? undefined : 'no reload event seen';
    result.phases.reloading = phaseResult(samples.filter((x) => x.phase === 'reloading'), Date.now() - reloadStart, reloadNote);
  } catch (e) {
    errors.push(errorMessage(e));
  } finally {
    stopping = true;
    await Promise.allSettled([...pendingAll]);
    // First responses that came after their timeout: how late.
    for (const sm of samples) {
      if (sm.firstMs !== null || !sm.id) continue;
      if (sm.platform === 'discord' && discord) {
        const cb = discord.interactionCallbacks.find((c) => c.interactionId === sm.id);
        const st = discord.interaction(sm.id);
        if (cb && st) sm.lateMs = cb.at - st.createdAt;
      } else if (sm.platform === 'slack' && slack) {
        const ack = slack.acks.find((a) => a.envelope_id === sm.id);
        if (ack) sm.lateMs = ack.latencyMs;
      }
    }
    if (discord && slack) {
      result.connections = {
        slackSockets: slack.connectionCount,
        slackSocketsClosedByBot: slack.connections.filter((c) => c.closedBy === 'client').length,
        discordGateway: discord.gatewayConnections.length,
        discordResumes: discord.resumeCount,
        discordIdentifies: discord.identifyCount,
      };
    }
    await stopBot(child, botLog, log);
    if (discord) result.protocolErrors.discord = discord.protocolErrors.slice(0, 10).map((l) => l.slice(0, 300));
    if (slack) result.protocolErrors.slack = slack.protocolErrors.slice(0, 10).map((l) => l.slice(0, 300));
    await discord?.close().catch(() => undefined);
    await slack?.close().catch(() => undefined);
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
  // Recompute with the late figures filled in.
  for (const phase of ['loading', 'ready', 'reloading'] as const) {
    const mine = samples.filter((x) => x.phase === phase);
    if (mine.length) result.phases[phase] = phaseResult(mine, result.phases[phase].durationMs, result.phases[phase].note);
  }
  for (const e of botLog.events) {
    if (e.level !== 'error' && e.level !== 'warn') continue;
    const seen = (result.botLogged[e.event] ??= { count: 0, example: String(e.fields.message ?? e.fields.error ?? e.fields.reason ?? '').slice(0, 200) });
    seen.count++;
  }
  result.samples = samples;
  result.wallMs = Date.now() - started;
  return result;
}

const pick = <T>(list: T[], i: number): T => list[i % list.length]!;

/** A small, readable document made of the corpus's own common words. */
function addedDocument(words: string[]): string {
  const w = (i: number) => words[i % Math.max(1, words.length)] ?? 'reading';
  return [
    '---',
    'id: ack-bench-added',
    'title: A note added by the acknowledgement benchmark',
    'kind: article',
    '---',
    '',
    '# Why this note exists',
    '',
    `This short note was added while the bot was running, to make it reload its library. It talks about ${w(0)}, ${w(1)} and ${w(2)}, because those words are common in this corpus.`,
    `A reader who searches for ${w(3)} or ${w(4)} may find it next to the other passages. Nothing in it is meant to be quoted, but it is written in whole sentences all the same.`,
    '',
  ].join('\n');
}

/** SIGTERM to the bot's process group, SIGKILL if it has not exited in 5 s (a blocked event loop cannot run its handler). */
async function stopBot(child: ChildProcess | undefined, botLog: BotLog, log: (msg: string) => void): Promise<void> {
  if (!child?.pid || botLog.exited) return;
  const gone = new Promise<void>((resolve) => {
    if (botLog.exited) resolve();
    child.once('exit', () => resolve());
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => {
    log('the bot did not stop within 5 s of SIGTERM: SIGKILL');
    signal('SIGKILL');
  }, 5000);
  await gone;
  clearTimeout(timer);
  // Anything left in the group (there should be nothing): gone too.
  signal('SIGKILL');
}

// ------------------------------------------------------------------ output

const cell = (x: number | string | null | undefined) => (x === null || x === undefined ? '-' : String(x));

/** A small table: one row per phase and platform. */
export function formatAckTable(r: AckResult): string {
  const header = ['phase', 'platform', 'sent', 'first resp', 'missing', 'p50 ms', 'p99 ms', 'max ms', '>1 s', 'answers', 'still loading', 'other'];
  const rows: string[][] = [];
  for (const phase of ['loading', 'ready', 'reloading'] as const) {
    const p = r.phases[phase];
    const row = (platform: string, st: AckStats) => [
      phase,
      platform,
      cell(st.sent),
      cell(st.firstResponses),
      cell(st.missing),
      cell(st.p50Ms),
      cell(st.p99Ms),
      cell(st.maxMs),
      cell(st.over1s),
      cell(st.answers),
      cell(st.stillLoadingReplies),
      cell(st.noResultReplies + st.errorReplies + st.emptyChoices + st.rejected + st.noReply),
    ];
    if (!p.sent) {
      rows.push([phase, 'both', '0', '-', '-', '-', '-', '-', '-', '-', '-', '-']);
      continue;
    }
    rows.push(row('both', p));
    for (const pl of ['discord', 'slack'] as const) if (p.byPlatform[pl].sent) rows.push(row(pl, p.byPlatform[pl]));
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((x) => (x[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push(
    '',
    `corpus ${r.corpusDir} (${r.corpusMB} MB): platforms connected after ${cell(r.platformsReadyAfterMs)} ms, library ready after ${cell(r.readyAfterMs)} ms` +
      (r.reloadMs !== null ? `, reload took ${r.reloadMs} ms` : ''),
  );
  for (const phase of ['loading', 'ready', 'reloading'] as const) {
    const p = r.phases[phase];
    if (p.note) out.push(`${phase}: ${p.note}`);
    if (p.lateFirstResponses) out.push(`${phase}: ${p.lateFirstResponses} first responses came after the ${r.timeoutMs} ms timeout, the last ${p.lateMaxMs} ms after sending`);
  }
  const other = 'other = no results, errors, empty autocomplete, refused by Discord (late) or no answer';
  out.push(other);
  const logged = Object.entries(r.botLogged);
  if (logged.length) out.push(`the bot logged: ${logged.map(([e, c]) => `${e} x${c.count}${c.example ? ` (${c.example.slice(0, 80)})` : ''}`).join('; ')}`);
  const c = r.connections;
  if (c.slackSockets > 1 || c.discordGateway > 1) {
    out.push(`connections: ${c.slackSockets} Slack sockets (${c.slackSocketsClosedByBot} closed by the bot), ${c.discordGateway} Discord gateway connections (${c.discordResumes} resumes)`);
  }
  if (r.errors.length) out.push('errors:', ...r.errors.map((e) => `  ${e}`));
  return out.join('\n');
}

/** The result without per-command samples, for one JSON line. */
export function withoutSamples(r: AckResult): Omit<AckResult, 'samples'> {
  const { samples: _samples, ...rest } = r;
  return rest;
}

// ------------------------------------------------------------------ command line

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      commands: { type: 'string', default: '60' },
      interval: { type: 'string', default: '200' },
      timeout: { type: 'string', default: '10' },
      'start-timeout': { type: 'string', default: '300' },
      heap: { type: 'string' },
      seed: { type: 'string', default: '42' },
      samples: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.dir) {
    console.error('usage: tsx scripts/bench/acks.ts --dir CORPUS_DIR [--commands 60] [--interval 200] [--timeout 10] [--json]');
    process.exit(2);
  }
  const r = await runAckScenario({
    corpusDir: values.dir,
    commands: Number(values.commands),
    intervalMs: Number(values.interval),
    timeoutMs: Number(values.timeout) * 1000,
    startTimeoutMs: Number(values['start-timeout']) * 1000,
    heapMB: values.heap ? Number(values.heap) : undefined,
    seed: Number(values.seed),
    log: (msg) => process.stderr.write(`[acks] ${msg}\n`),
  });
  process.stdout.write(ACK_PREFIX + JSON.stringify(values.samples ? r : withoutSamples(r)) + '\n');
  if (!values.json) process.stdout.write('\n' + formatAckTable(r) + '\n');
  process.exitCode = r.errors.length ? 1 : 0;
}
