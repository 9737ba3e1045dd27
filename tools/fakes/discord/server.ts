// startFakeDiscord(): one HTTP server on 127.0.0.1 serving the REST API under /api/v10 and the
// gateway WebSocket under /gateway (and /gateway-resume, the resume_gateway_url).
import { Waiters } from '../waiters.js';
import { sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIMessage } from 'discord.js';
import { DiscordApi, type InteractionCallbackRecord, type InteractionEvent, type InteractionState } from './api.js';
import { FakeGateway, type DispatchRecord, type GatewayConnectionRecord, type IdentifyRecord, type ResumeRecord } from './gateway.js';
import { InteractionBuilders, type CommandTarget, type FakeInteractionPayload, type InteractionTarget, type OptionValue } from './interactions.js';
import { RestServer, type RateLimitOptions, type RecordedRequest } from './rest.js';
import type { DiscordErrorBody, Json } from './util.js';
import { DEFAULT_IDS, makeUser, World, type FakeGuild, type FakeGuildSpec, type FakeUser } from './world.js';

export interface FakeDiscordOptions {
  /** Bot token the fake accepts (REST `Authorization: Bot <token>` and gateway IDENTIFY/RESUME). */
  token?: string;
  /** Defaults to the bot user id (as for modern Discord apps). */
  applicationId?: string;
  botUser?: Partial<FakeUser>;
  /** `application.flags` in READY (e.g. 1 << 19 GatewayMessageContentLimited). */
  applicationFlags?: number;
  /** Custom guilds. Default: one guild (see README / DEFAULT_IDS) with #general, #read-only, #hidden. */
  guilds?: FakeGuildSpec[];
  /** HELLO heartbeat_interval. Default 41250 like Discord. */
  heartbeatIntervalMs?: number;
  /** Privileged intents (GuildMembers 1<<1, GuildPresences 1<<8, MessageContent 1<<15) the bot may request;
   * others close the gateway with 4014. Default: all allowed. */
  allowedPrivilegedIntents?: number;
  /** Unanswered interactions are rejected with 10062 after this long. Default 3000. */
  interactionAckTimeoutMs?: number;
  /** Interaction webhook token lifetime. Default 15 minutes. */
  interactionTokenTtlMs?: number;
  /** Window in which `enforce_nonce` dedupes messages. Default 5 minutes. */
  nonceWindowMs?: number;
  /** Reject channel operations the bot's computed permissions don't allow (403 50001/50013). Default true. */
  enforcePermissions?: boolean;
  /** Receives one line per protocol problem (also collected in `fake.protocolErrors`). */
  log?: (line: string) => void;
}

export type { InteractionEvent, InteractionCallbackRecord, RecordedRequest, GatewayConnectionRecord, IdentifyRecord, ResumeRecord, DispatchRecord };

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: FakeUser;
  readonly world: World;
  readonly gateway: FakeGateway;
  readonly rest: RestServer;
  readonly api: DiscordApi;
  /** Ids of the default fixture (meaningful when `opts.guilds` was not given). */
  readonly ids = DEFAULT_IDS;
  /** Things a real Discord would reject or that indicate a bug in the fake; assert this stays empty. */
  readonly protocolErrors: string[] = [];

  private builders: InteractionBuilders;
  private readonly waiters = new Waiters('fake-discord');
  private port = 0;

  constructor(
    private readonly server: Server,
    opts: FakeDiscordOptions,
  ) {
    const botId = opts.botUser?.id ?? DEFAULT_IDS.botUserId;
    this.botUser = makeUser({ username: 'fake-bot', ...opts.botUser, id: botId, bot: true });
    this.applicationId = opts.applicationId ?? botId;
    this.token = opts.token ?? `${Buffer.from(botId).toString('base64')}.fake.token-for-tests`;
    this.world = new World(this.botUser, this.applicationId);
    if (opts.guilds) for (const g of opts.guilds) this.world.addGuild(g);
    else this.world.addDefaultGuild();

    const notify = () => this.notify();
    const protocolError = (line: string) => {
      this.protocolErrors.push(line);
      opts.log?.(`[fake-discord] ${line}`);
      notify();
    };
    this.gateway = new FakeGateway({
      token: this.token,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
      allowedPrivilegedIntents: opts.allowedPrivilegedIntents ?? ((1 << 1) | (1 << 8) | (1 << 15)),
      readyPayload: (sessionId, resumeUrl) => ({
        v: 10,
        user_settings: {},
        user: { ...this.botUser, verified: true, mfa_enabled: false, email: null },
        guilds: this.world.guilds.map((g) => ({ id: g.id, unavailable: true })),
        relationships: [],
        private_channels: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: ['fake'],
        session_type: 'normal',
        session_id: sessionId,
        resume_gateway_url: resumeUrl,
        shard: [0, 1],
        application: { id: this.applicationId, flags: opts.applicationFlags ?? 0 },
        auth: {},
        _trace: ['["fake-discord-gateway"]'],
      }),
      guildCreatePayloads: (intents) => this.world.guilds.map((g) => this.world.guildCreatePayload(g, intents)),
      resumeGatewayUrl: () => `ws://127.0.0.1:${this.port}/gateway-resume`,
      notify,
      protocolError,
    });
    this.rest = new RestServer(() => this.token, notify, protocolError);
    this.api = new DiscordApi(
      this.world,
      this.gateway,
      {
        interactionAckTimeoutMs: opts.interactionAckTimeoutMs ?? 3000,
        interactionTokenTtlMs: opts.interactionTokenTtlMs ?? 15 * 60_000,
        nonceWindowMs: opts.nonceWindowMs ?? 5 * 60_000,
        enforcePermissions: opts.enforcePermissions ?? true,
        applicationFlags: opts.applicationFlags ?? 0,
      },
      { gatewayUrl: () => this.gatewayUrl, httpBase: () => `http://127.0.0.1:${this.port}` },
      notify,
    );
    this.api.register(this.rest);
    this.builders = new InteractionBuilders(
      this.world,
      this.applicationId,
      () => this.world.guilds[0]?.members.find((m) => !m.user.bot && m.user.id !== this.world.guilds[0]?.owner_id)?.user.id ?? this.botUser.id,
      (name, type, guildId) => this.api.findCommand(name, type, guildId),
    );

    server.on('request', (req, res) => void this.rest.handle(req, res));
    server.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
  }

  /** @internal */
  setPort(port: number): void {
    this.port = port;
  }

  /** Pass as `new Client({ rest: { api: fake.apiUrl } })`. discord.js appends `/v10`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** What GET /gateway/bot returns. discord.js appends `?v=10&encoding=json`. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  // ------------------------------------------------------------------ recording

  /** Every REST request, in completion order (including injected 429s/failures). */
  get requests(): readonly RecordedRequest[] {
    return this.rest.requests;
  }

  /** Every interaction callback POST that reached the route (accepted and rejected, not injected 429s). */
  get interactionCallbacks(): readonly InteractionCallbackRecord[] {
    return this.api.interactionCallbacks;
  }

  get identifyCount(): number {
    return this.gateway.identifyCount;
  }

  get resumeCount(): number {
    return this.gateway.resumeCount;
  }

  get identifies(): readonly IdentifyRecord[] {
    return this.gateway.identifies;
  }

  get resumes(): readonly ResumeRecord[] {
    return this.gateway.resumes;
  }

  get gatewayConnections(): readonly GatewayConnectionRecord[] {
    return this.gateway.connections;
  }

  /** Registered commands: global if no guild id. */
  commands(guildId?: string): Json[] {
    return guildId === undefined ? this.api.globalCommands : (this.api.guildCommands.get(guildId) ?? []);
  }

  getMessage(id: string): APIMessage | undefined {
    return this.api.messages.get(id) as APIMessage | undefined;
  }

  /** Messages stored for a channel (bot messages, interaction replies/followups), oldest first. */
  messagesIn(channelId: string): APIMessage[] {
    return [...this.api.messages.values()].filter((m) => m.channel_id === channelId) as APIMessage[];
  }

  guild(id?: string): FakeGuild {
    const guild = id ? this.world.guild(id) : this.world.guilds[0];
    if (!guild) throw new Error(`fake-discord: no guild ${id ?? ''}`);
    return guild;
  }

  // ------------------------------------------------------------------ waiting

  private notify(): void {
    this.waiters.notify();
  }

  /** Resolve with the first truthy value of `check()`, re-evaluated on every fake state change and every 20 ms
   * (so it also works for conditions on the bot's side). */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    return this.waiters.waitFor(check, timeoutMs, what);
  }


  /** First recorded request (past or future) matching `predicate`. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitFor(() => this.rest.requests.find(predicate), timeoutMs, 'a matching REST request');
  }

  /** Resolves when the gateway has sent READY to `count` sessions in total. */
  waitForIdentify(count = 1, timeoutMs = 5000): Promise<IdentifyRecord> {
    return this.waitFor(() => this.gateway.identifies[count - 1], timeoutMs, `IDENTIFY #${count}`);
  }

  waitForResume(count = 1, timeoutMs = 5000): Promise<ResumeRecord> {
    return this.waitFor(() => this.gateway.resumes.filter((r) => r.ok)[count - 1], timeoutMs, `RESUME #${count}`);
  }

  // ------------------------------------------------------------------ fault injection

  /** The next request matching method (or '*') and `pathRegex` (tested against the path after /api/v10) gets a 429. */
  rateLimitNext(method: string, pathRegex: RegExp, opts: RateLimitOptions): void {
    this.rest.rateLimitNext(method, pathRegex, opts);
  }

  /** The next matching request fails with `status` and `body` (default: a Discord-shaped body for the status). */
  failNext(method: string, pathRegex: RegExp, status: number, body?: DiscordErrorBody | Json, times = 1): void {
    this.rest.failNext(method, pathRegex, status, body, times);
  }

  clearFaults(): void {
    this.rest.clearFaults();
  }

  // ------------------------------------------------------------------ gateway control

  /** Close the bot's gateway socket(s) from the server side. 4000/1001/... -> discord.js resumes;
   * 1000 -> discord.js starts a new session (IDENTIFY). Resolves once the sockets are closed. */
  closeGateway(code = 4000, reason = ''): Promise<number> {
    return this.gateway.closeConnections(code, reason);
  }

  /** Send op 7 RECONNECT (discord.js closes and resumes). */
  requestReconnect(): void {
    this.gateway.sendRaw({ op: 7, d: null });
  }

  /** Send op 9 INVALID_SESSION. */
  invalidateSession(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }

  /** Dispatch any gateway event to all sessions (queued for disconnected ones until they RESUME). */
  dispatch(event: string, data: Json, intent?: number): void {
    this.gateway.dispatch(event, data, intent);
  }

  // ------------------------------------------------------------------ interactions

  chatInput(name: string, options?: Record<string, OptionValue> | Json[], target?: CommandTarget) {
    return this.builders.chatInput(name, options, target);
  }

  autocomplete(name: string, focusedOption: string, value: string, target?: CommandTarget & { options?: Record<string, OptionValue> }) {
    return this.builders.autocomplete(name, focusedOption, value, target);
  }

  /** `message` is a message id known to the fake (e.g. a previous reply) or a full message object. */
  button(customId: string, message: string | APIMessage, user?: string, target?: InteractionTarget) {
    return this.builders.button(customId, this.resolveMessage(message), user, target);
  }

  stringSelect(customId: string, values: string[], message: string | APIMessage, user?: string, target?: InteractionTarget) {
    return this.builders.stringSelect(customId, values, this.resolveMessage(message), user, target);
  }

  modalSubmit(customId: string, values: Record<string, string>, target?: InteractionTarget & { message?: APIMessage }) {
    return this.builders.modalSubmit(customId, values, target);
  }

  private resolveMessage(message: string | APIMessage): APIMessage {
    if (typeof message !== 'string') return message;
    const found = this.getMessage(message);
    if (!found) throw new Error(`fake-discord: unknown message ${message}`);
    return structuredClone(found);
  }

  /** Dispatch INTERACTION_CREATE. The 3 s acknowledgement clock starts now. */
  sendInteraction(payload: FakeInteractionPayload | Json): { id: string; token: string; payload: Json } {
    const state = this.api.registerInteraction(payload);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id: state.id, token: state.token, payload };
  }

  /**
   * POST an interaction to an Interactions Endpoint URL as Discord does: signed with Ed25519 over
   * timestamp + body. A 200 answer with a JSON `type` is taken as the interaction's callback (and
   * validated like one). `forge` bends the request for refusal tests.
   */
  async deliverInteraction(
    url: string,
    payload: FakeInteractionPayload | Json,
    signing: { privateKey: KeyObject; timestamp?: number; forge?: { signature?: string; body?: string } },
  ): Promise<{ id: string; token: string; status: number; body: Json }> {
    const state = this.api.registerInteraction(payload);
    const raw = signing.forge?.body ?? JSON.stringify(payload);
    const timestamp = String(signing.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = signing.forge?.signature ?? sign(null, Buffer.from(timestamp + raw), signing.privateKey).toString('hex');
    const delivered = (async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp, 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)' },
        body: raw,
      });
      const text = await res.text();
      let body: Json = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Refusals may be plain text; kept as it came.
      }
      // A PONG answers Discord's PING and is no callback; anything else is the interaction's answer.
      if (payload.type !== 1 && res.status === 200 && body && typeof body === 'object' && typeof body.type === 'number') {
        const request: RecordedRequest = {
          seq: 0, at: Date.now(), method: 'POST', path: `(endpoint) ${new URL(url).pathname}`, url, query: {},
          headers: Object.fromEntries(res.headers), body, multipart: false, files: [], status: 200, responseBody: null,
        };
        const refused = this.api.acceptHttpResponse(state.id, state.token, body, request);
        if (refused) this.protocolErrors.push(`interaction ${state.id}: Discord would refuse the endpoint's answer: ${JSON.stringify(refused)}`);
      }
      this.notify();
      return { status: res.status, body };
    })();
    state.httpPending = delivered;
    const { status, body } = await delivered;
    return { id: state.id, token: state.token, status, body };
  }

  interaction(id: string): InteractionState | undefined {
    return this.api.interactions.get(id);
  }

  /** Accepted responses to an interaction, in order: the callback, then webhook edits/followups/deletes. */
  interactionResponses(id: string): InteractionEvent[] {
    return this.api.interactions.get(id)?.events ?? [];
  }

  /** First accepted response (optionally of `kind` / matching `predicate`), past or future. */
  waitForInteractionResponse(
    id: string,
    opts: { kind?: InteractionEvent['kind']; predicate?: (e: InteractionEvent) => boolean; timeoutMs?: number } = {},
  ): Promise<InteractionEvent> {
    return this.waitFor(
      () => this.interactionResponses(id).find((e) => (!opts.kind || e.kind === opts.kind) && (!opts.predicate || opts.predicate(e))),
      opts.timeoutMs ?? 5000,
      `a ${opts.kind ?? 'response'} to interaction ${id}`,
    );
  }

  // ------------------------------------------------------------------ lifecycle

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const server = createServer();
  const fake = new FakeDiscord(server, opts);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  fake.setPort((server.address() as AddressInfo).port);
  return fake;
}
