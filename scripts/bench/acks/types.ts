// The shapes the acknowledgement bench measures and reports: one sample per command sent, and
// the statistics per phase, platform and command that the table and the JSON line are made of.

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


/** One command of the mix, as the orchestrator hands it to a platform's driver. */
export interface Spec {
  platform: Platform;
  command: string;
  query?: string;
}

/**
 * One platform's side of the bench: its fake, the bot's settings to reach it, and how a command
 * is sent there, timed to its first response and classified by its answer.
 */
export interface Driver {
  readonly platform: Platform;
  /** The event the bot logs once it is connected to this platform. */
  readonly readyEvent: string;
  /** The bot's environment variables that point it at the fake. */
  env(): Record<string, string>;
  /** Anything to wait for once the bot is connected, before the first command (never fatal). */
  settle(): Promise<void>;
  /** Sends one command, sets the sample's id and timings, and classifies the answer. */
  send(sample: AckSample, spec: Spec, spawnedAt: number, timeoutMs: number): Promise<void>;
  /** Whether an earlier /topic answer left a More button to press. */
  hasMore(): boolean;
  /** Forgets that answer: buttons press replies from the current phase only. */
  newPhase(): void;
  /** For a first response that came after the timeout: how late, if it came at all. */
  lateMs(id: string): number | undefined;
  /** The connections the fake saw, under this platform's keys of AckResult['connections']. */
  connections(): Partial<AckResult['connections']>;
  protocolErrors(): readonly string[];
  close(): Promise<void>;
}
