// The acks bench's three phases in order: commands while the library loads, once it is ready, and
// while a file added to the corpus folder is reloaded; each platform's side is its driver
// (discord.ts, slack.ts), the bot its own process (bot.ts), the figures stats.ts.
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { errorMessage } from '../../../src/core/errors.js';
import { CORPUS_RELOAD_FAILED, CORPUS_RELOADED } from '../../../src/core/library/live.js';
import { CORPUS_LOADED } from '../../../src/main-events.js';
import { round } from '../report.js';
import { spawnBot, stopBot } from './bot.js';
import { BotLog } from './bot-log.js';
import { addedDocument, corpusQueries, docFiles, linkCorpus, resolveCorpusDir } from './corpus.js';
import { startDiscordDriver } from './discord.js';
import { commandMix } from './mix.js';
import { startSlackDriver } from './slack.js';
import { phaseResult } from './stats.js';
import type { AckOptions, AckResult, AckSample, Driver, Phase, Platform, Spec } from './types.js';
import { sleep } from './waiting.js';

/** The log event meaning "the library is ready to answer" (src/main.ts). */
export const READY_EVENTS = [CORPUS_LOADED];
/** Log events that end a hot reload (src/core/library/live.ts). */
export const RELOADED_EVENTS = [CORPUS_RELOADED, CORPUS_RELOAD_FAILED];
/** Started in this order, stopped after the bot. */
const DRIVERS = [startDiscordDriver, startSlackDriver];

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

  const drivers: Driver[] = [];
  const driver = (platform: Platform) => drivers.find((d) => d.platform === platform);
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

    const corpus = path.join(tmp, 'corpus');
    await linkCorpus(corpusDir, corpus);
    await mkdir(path.join(tmp, 'snapshot'));
    await mkdir(path.join(tmp, 'state'));
    const queries = await corpusQueries(corpusDir, opts.seed ?? 42);
    if (!queries.search.length || !queries.prefixes.length) throw new Error(`could not draw queries from ${corpusDir}`);
    log(`corpus ${corpusDir}: ${files.length} documents, ${result.corpusMB} MB; ${queries.search.length} queries, ${queries.prefixes.length} prefixes`);

    for (const start of DRIVERS) drivers.push(await start());

    spawnedAt = Date.now();
    const env = { CORPUS_DIR: corpus, DATABASE_PATH: path.join(tmp, 'state', 'bot.db'), SNAPSHOT_DIR: path.join(tmp, 'snapshot') };
    child = spawnBot(Object.assign(env, ...drivers.map((d) => d.env())), botLog, errors, opts.heapMB);
    log(`bot spawned (pid ${child.pid})`);

    // Every platform connected.
    const platformEvents = drivers.map((d) => d.readyEvent);
    await botLog.waitFor(() => platformEvents.every((e) => botLog.find([e])), startTimeoutMs, platformEvents.join(' and '));
    const platformsAt = Math.max(...platformEvents.map((e) => botLog.find([e])!.at));
    result.platformsReadyAfterMs = platformsAt - spawnedAt;
    log(`platforms connected after ${result.platformsReadyAfterMs} ms`);
    for (const d of drivers) await d.settle();

    const mix = commandMix(queries, (platform) => Boolean(driver(platform)?.hasMore()));
    let n = 0;

    /** Sends one command, measures its first response, classifies its answer. Never throws. */
    const sendOne = (phase: Phase, spec: Spec): Promise<void> => {
      const sample: AckSample = { phase, platform: spec.platform, command: spec.command, ...(spec.query !== undefined ? { query: spec.query } : {}), sentAtMs: 0, firstMs: null, reply: 'none' };
      samples.push(sample);
      const p = driver(spec.platform)!
        .send(sample, spec, spawnedAt, timeoutMs)
        .catch((e: unknown) => {
          errors.push(`${phase} ${spec.platform} ${spec.command}: ${errorMessage(e)}`);
          // Never sent: not a sample.
          if (!sample.id) samples.splice(samples.indexOf(sample), 1);
        });
      pendingAll.add(p);
      void p.finally(() => pendingAll.delete(p));
      return p;
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
      for (const d of drivers) d.newPhase();
      for (let i = 0; !stopping && !stop() && (i < max || (untilStop && i < max + 600)); i++) {
        // A button needs an earlier /topic's reply: on a busy machine it may still be on its way,
        // so wait for the replies so far rather than silently sending another /topic instead.
        const entry = mix[n % mix.length]!;
        if (phase !== 'loading' && entry.presses && !driver(entry.presses)?.hasMore()) await Promise.all(mine);
        const cycle = Math.floor(n / mix.length);
        n++;
        mine.push(sendOne(phase, entry.spec(cycle)));
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
      if (done.event !== CORPUS_RELOADED) errors.push(`the reload failed: ${JSON.stringify(done.fields).slice(0, 300)}`);
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
      const late = driver(sm.platform)?.lateMs(sm.id);
      if (late !== undefined) sm.lateMs = late;
    }
    if (drivers.length === DRIVERS.length) Object.assign(result.connections, ...drivers.map((d) => d.connections()));
    await stopBot(child, botLog, log);
    for (const d of drivers) result.protocolErrors[d.platform] = d.protocolErrors().slice(0, 10).map((l) => l.slice(0, 300));
    for (const d of drivers) await d.close().catch(() => undefined);
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
