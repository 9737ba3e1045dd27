// startFakeSlack(): one HTTP server on 127.0.0.1 serving the Web API under /api/<method>, response URLs
// under /response/<id>, and the Socket Mode WebSocket under /link/?ticket=….
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PayloadBuilders, type BlockActionInput, type BuiltDelivery, type EnvelopeType, type EventCallbackOptions, type MessageEventInput, type SlashCommandInput } from './payloads.js';
import { ResponseUrls, type ResponseHook, type ResponsePost } from './response-url.js';
import { computeSignature, signedRequest, type SignedRequest } from './sign.js';
import { FakeSocketMode, type SendEnvelopeOptions, type SentEnvelope, type SocketAck, type SocketConnectionRecord } from './socket-mode.js';
import { Waiters } from '../waiters.js';
import { readBody, type Json } from './util.js';
import { WebApi, type ApiCall, type FailOptions, type RateLimitOptions } from './web-api.js';
import { DEFAULT_IDS, World, type FakeChannel, type FakeChannelSpec, type FakeEphemeral, type FakeMessage, type FakeUser, type FakeUserSpec } from './world.js';

export interface FakeSlackOptions {
  /** Default `xoxb-…`. */
  botToken?: string;
  /** App-level token for Socket Mode (`apps.connections.open`). Default `xapp-1-…`. */
  appToken?: string;
  signingSecret?: string;
  /** The deprecated `token` field Slack still puts in payloads. */
  verificationToken?: string;
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  appId?: string;
  botId?: string;
  botUserId?: string;
  botName?: string;
  /** Create the default users and channels (see README / DEFAULT_IDS). Default true. */
  defaults?: boolean;
  users?: FakeUserSpec[];
  channels?: FakeChannelSpec[];
  /** The bot may post in public channels it hasn't joined (`chat:write.public`). Default false: not_in_channel. */
  chatWritePublic?: boolean;
  /** response_url lifetime. Default 30 minutes. */
  responseUrlTtlMs?: number;
  /** Uses per response_url. Default 5. */
  responseUrlMaxUses?: number;
  /** Server-side WebSocket pings (Slack sends them; the SDK then expects one every 30 s). Default 0: off. */
  pingIntervalMs?: number;
  /** Receives one line per protocol problem (also collected in `fake.protocolErrors`). */
  log?: (line: string) => void;
}

export interface PostToAppOptions {
  /** `x-slack-retry-num` header. */
  retryNum?: number;
  /** `x-slack-retry-reason` header (`http_timeout`, `http_error`, `too_many_redirects`, `ssl_error`, `unknown_error`). */
  retryReason?: string;
  /** `x-slack-request-timestamp` in unix seconds. Default now. */
  timestamp?: number;
  /** true: sign with a wrong secret; a string: send it verbatim as `x-slack-signature`. */
  forgeSignature?: boolean | string;
  /** Sign with this secret instead of `fake.signingSecret`. */
  secret?: string;
  headers?: Record<string, string>;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON body when there is one. */
  json?: Json;
}

export type { ApiCall, ResponseHook, ResponsePost, SocketAck, SentEnvelope, SocketConnectionRecord, BuiltDelivery };

export class FakeSlack {
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly verificationToken: string;
  readonly teamId: string;
  readonly appId: string;
  readonly botId: string;
  readonly botUserId: string;
  /** Ids of the default fixture (meaningful unless `defaults: false`). */
  readonly ids = DEFAULT_IDS;
  readonly world: World;
  readonly webApi: WebApi;
  readonly socketMode: FakeSocketMode;
  readonly responseUrls: ResponseUrls;
  /** Things a real Slack would reject or that indicate a bug in the fake; assert this stays empty. */
  readonly protocolErrors: string[] = [];

  private readonly waiters = new Waiters('fake-slack');
  private readonly builders: PayloadBuilders;
  private port = 0;

  constructor(
    private readonly server: Server,
    opts: FakeSlackOptions,
  ) {
    this.botToken = opts.botToken ?? 'xoxb-1000000001-2000000002-FakeBotTokenForTests';
    this.appToken = opts.appToken ?? 'xapp-1-A0FAKEAPP01-3000000003-fakeapptokenfortests';
    this.signingSecret = opts.signingSecret ?? 'fake0signing0secret0000000000000';
    this.verificationToken = opts.verificationToken ?? 'FakeVerificationToken1';
    this.teamId = opts.teamId ?? DEFAULT_IDS.teamId;
    this.appId = opts.appId ?? DEFAULT_IDS.appId;
    this.botId = opts.botId ?? DEFAULT_IDS.botId;
    this.botUserId = opts.botUserId ?? DEFAULT_IDS.botUserId;

    this.world = new World(
      { id: this.teamId, name: opts.teamName ?? 'Fake Reading Group', domain: opts.teamDomain ?? DEFAULT_IDS.teamDomain, enterpriseId: null },
      { appId: this.appId, botId: this.botId, botUserId: this.botUserId, botName: opts.botName ?? 'reading-bot' },
    );
    if (opts.defaults ?? true) this.world.addDefaults();
    for (const u of opts.users ?? []) this.world.addUser(u);
    for (const c of opts.channels ?? []) this.world.addChannel(c);

    const notify = () => this.waiters.notify();
    const protocolError = (line: string) => {
      this.protocolErrors.push(line);
      opts.log?.(`[fake-slack] ${line}`);
      notify();
    };
    this.socketMode = new FakeSocketMode({
      appId: this.appId,
      wsBase: () => `ws://127.0.0.1:${this.port}`,
      pingIntervalMs: opts.pingIntervalMs ?? 0,
      notify,
      protocolError,
    });
    this.webApi = new WebApi({
      world: this.world,
      botToken: this.botToken,
      appToken: this.appToken,
      chatWritePublic: opts.chatWritePublic ?? false,
      openConnection: () => this.socketMode.openConnection(),
      notify,
      protocolError,
    });
    this.responseUrls = new ResponseUrls({
      world: this.world,
      baseUrl: () => this.baseUrl,
      ttlMs: opts.responseUrlTtlMs ?? 30 * 60_000,
      maxUses: opts.responseUrlMaxUses ?? 5,
      notify,
      protocolError,
    });
    this.builders = new PayloadBuilders(
      this.world,
      this.responseUrls,
      this.verificationToken,
      () => (this.world.users.has(DEFAULT_IDS.userId) ? DEFAULT_IDS.userId : (this.world.humanIds()[0] ?? this.botUserId)),
      () => (this.world.channels.has(DEFAULT_IDS.channelId) ? DEFAULT_IDS.channelId : ([...this.world.channels.keys()][0] ?? DEFAULT_IDS.channelId)),
    );

    server.on('request', (req, res) => void this.route(req, res, protocolError));
    server.on('upgrade', (req, socket, head) => this.socketMode.handleUpgrade(req, socket, head));
  }

  /** @internal */
  setPort(port: number): void {
    this.port = port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Pass as `new App({ clientOptions: { slackApiUrl: fake.apiUrl } })` (or `new WebClient(token, { slackApiUrl })`). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  private async route(req: IncomingMessage, res: ServerResponse, protocolError: (line: string) => void): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = await readBody(req);
      const api = /^\/api\/([A-Za-z0-9_.]+)\/?$/.exec(url.pathname);
      if (api?.[1]) return await this.webApi.handle(req, res, api[1], raw, url.searchParams);
      const hook = /^\/response\/([^/]+)$/.exec(url.pathname);
      if (hook?.[1]) return await this.responseUrls.handle(req, res, hook[1], raw);
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
    } catch (error) {
      protocolError(`fake crashed on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'fatal_error' }));
    }
  }

  // ------------------------------------------------------------------ world

  addUser(spec: FakeUserSpec): FakeUser {
    return this.world.addUser(spec);
  }

  addChannel(spec: FakeChannelSpec): FakeChannel {
    return this.world.addChannel(spec);
  }

  channel(id: string): FakeChannel | undefined {
    return this.world.channels.get(id);
  }

  /** Visible messages in a channel (bot posts, in_channel responses, user messages from builders), oldest first, thread replies included. */
  messagesIn(channelId: string): FakeMessage[] {
    return this.world.messages.filter((m) => m.channel === channelId && !m.deleted);
  }

  /** Replies in a thread (excluding the parent). */
  threadReplies(channelId: string, threadTs: string): FakeMessage[] {
    return this.messagesIn(channelId).filter((m) => m.thread_ts === threadTs && m.ts !== threadTs);
  }

  message(channelId: string, ts: string): FakeMessage | undefined {
    return this.world.findMessage(channelId, ts);
  }

  /** Ephemeral messages (chat.postEphemeral and ephemeral response_url posts), optionally for one user. */
  ephemeralsIn(channelId: string, userId?: string): FakeEphemeral[] {
    return this.world.ephemerals.filter((e) => e.channel === channelId && (!userId || e.user === userId));
  }

  // ------------------------------------------------------------------ recording

  /** Every Web API request, in completion order (injected 429s/failures included). */
  get calls(): readonly ApiCall[] {
    return this.webApi.calls;
  }

  callsTo(method: string): ApiCall[] {
    return this.webApi.calls.filter((c) => c.method === method);
  }

  /** Every POST to a response_url, in order (rejected ones included, with their status). */
  get responses(): readonly ResponsePost[] {
    return this.responseUrls.posts;
  }

  /** Posts to one response_url: pass `built.responseId` or `built.responseUrl`. */
  responsesFor(idOrUrl: string): ResponsePost[] {
    const id = this.responseUrls.idOf(idOrUrl);
    return this.responseUrls.posts.filter((p) => p.hookId === id);
  }

  get connections(): readonly SocketConnectionRecord[] {
    return this.socketMode.connections;
  }

  /** WebSocket connections accepted so far (a reconnect makes it 2). */
  get connectionCount(): number {
    return this.socketMode.connections.length;
  }

  get openConnectionCount(): number {
    return this.socketMode.openConnections;
  }

  get envelopes(): readonly SentEnvelope[] {
    return this.socketMode.envelopes;
  }

  get acks(): readonly SocketAck[] {
    return this.socketMode.acks;
  }

  // ------------------------------------------------------------------ waiting

  /** Resolve with the first truthy value of `check()`, re-evaluated on every fake state change and every 20 ms. */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    return this.waiters.waitFor(check, timeoutMs, what);
  }

  /** First Web API call (past or future) to `method` matching `predicate`. */
  waitForCall(method: string, predicate: (c: ApiCall) => boolean = () => true, timeoutMs = 5000): Promise<ApiCall> {
    return this.waitFor(() => this.webApi.calls.find((c) => c.method === method && predicate(c)), timeoutMs, `a ${method} call`);
  }

  /** First accepted (200) response_url post for a hook id/URL, or matching a predicate. */
  waitForResponse(idOrPredicate: string | ((p: ResponsePost) => boolean), timeoutMs = 5000): Promise<ResponsePost> {
    const match =
      typeof idOrPredicate === 'string'
        ? (p: ResponsePost) => p.hookId === this.responseUrls.idOf(idOrPredicate) && p.status === 200
        : idOrPredicate;
    return this.waitFor(() => this.responseUrls.posts.find(match), timeoutMs, 'a response_url post');
  }

  /** Resolves when `count` WebSocket connections have received `hello` (and the newest is open). */
  waitForConnection(count = 1, timeoutMs = 5000): Promise<SocketConnectionRecord> {
    return this.waitFor(
      () => {
        const rec = this.socketMode.connections[count - 1];
        return rec && rec.closedAt === undefined ? rec : undefined;
      },
      timeoutMs,
      `Socket Mode connection #${count}`,
    );
  }

  // ------------------------------------------------------------------ fault injection

  /** The next call(s) to `method` (or '*') get HTTP 429, `Retry-After: <s>` and `{ ok: false, error: 'ratelimited' }`. */
  rateLimitNext(method: string, opts: RateLimitOptions = {}): void {
    this.webApi.rateLimitNext(method, opts);
  }

  /** The next call(s) to `method` (or '*') get `{ ok: false, error }` (HTTP 200 unless `status`). */
  failNext(method: string, error: string, opts: FailOptions = {}): void {
    this.webApi.failNext(method, error, opts);
  }

  clearFaults(): void {
    this.webApi.clearFaults();
  }

  // ------------------------------------------------------------------ HTTP mode (Request URL) helpers

  signedRequest(input: { body: string; contentType: string; timestamp?: number; secret?: string }): SignedRequest {
    return signedRequest({ ...input, secret: input.secret ?? this.signingSecret });
  }

  slashCommand(input: SlashCommandInput): BuiltDelivery {
    return this.builders.slashCommand(input);
  }

  blockAction(input: BlockActionInput): BuiltDelivery {
    return this.builders.blockAction(input);
  }

  eventCallback(event: Json, opts?: EventCallbackOptions): BuiltDelivery {
    return this.builders.eventCallback(event, opts);
  }

  appMention(input: MessageEventInput, opts?: EventCallbackOptions): BuiltDelivery {
    return this.builders.appMention(input, opts);
  }

  messageEvent(input: MessageEventInput, opts?: EventCallbackOptions): BuiltDelivery {
    return this.builders.messageEvent(input, opts);
  }

  /**
   * POST a delivery to the app like Slack does: signed, with `x-slack-retry-*` headers when asked.
   * `url` is the app's base URL (`/slack/events` is appended) or a full Request URL.
   * `delivery` is a builder result, or any object (sent as JSON, like Events API).
   */
  async postToApp(url: string, delivery: BuiltDelivery | Json, opts: PostToAppOptions = {}): Promise<AppResponse> {
    const target = new URL(url);
    if (target.pathname === '/' || target.pathname === '') target.pathname = '/slack/events';
    const built = isBuilt(delivery) ? delivery : { body: JSON.stringify(delivery), contentType: 'application/json' as const };
    const signed = this.signedRequest({ body: built.body, contentType: built.contentType, timestamp: opts.timestamp, secret: opts.secret });
    const headers: Record<string, string> = { ...signed.headers, 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)' };
    if (opts.forgeSignature === true) {
      headers['x-slack-signature'] = computeSignature(`${this.signingSecret}-forged`, headers['x-slack-request-timestamp']!, built.body);
    } else if (typeof opts.forgeSignature === 'string') {
      headers['x-slack-signature'] = opts.forgeSignature;
    }
    if (opts.retryNum !== undefined) headers['x-slack-retry-num'] = String(opts.retryNum);
    if (opts.retryReason !== undefined) headers['x-slack-retry-reason'] = opts.retryReason;
    Object.assign(headers, opts.headers ?? {});
    const res = await fetch(target, { method: 'POST', headers, body: built.body });
    const text = await res.text();
    let json: Json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), text, json };
  }

  // ------------------------------------------------------------------ Socket Mode

  /** Send an envelope on the newest connection; resolves with the client's ack `{ envelope_id, payload }`. */
  sendEnvelope(type: EnvelopeType, payload: Json, opts?: SendEnvelopeOptions): Promise<SocketAck> {
    return this.socketMode.sendEnvelope(type, payload, opts);
  }

  /** `sendEnvelope(built.kind, built.payload, opts)`. */
  deliver(built: BuiltDelivery, opts?: SendEnvelopeOptions): Promise<SocketAck> {
    return this.socketMode.sendEnvelope(built.kind, built.payload, opts);
  }

  /** `{ type: 'disconnect', reason }`: the SDK closes the socket and reconnects through apps.connections.open. */
  sendDisconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested', opts?: { closeAfterMs?: number }): void {
    this.socketMode.sendDisconnect(reason, opts);
  }

  /** Drop every Socket Mode connection from the server side. */
  closeSockets(code = 1001, opts?: { terminate?: boolean }): void {
    this.socketMode.closeConnections(code, opts);
  }

  // ------------------------------------------------------------------ lifecycle

  async close(): Promise<void> {
    this.socketMode.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function isBuilt(value: unknown): value is BuiltDelivery {
  return (
    typeof value === 'object' && value !== null && typeof (value as BuiltDelivery).body === 'string' && typeof (value as BuiltDelivery).contentType === 'string'
  );
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const server = createServer();
  const fake = new FakeSlack(server, opts);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  fake.setPort((server.address() as AddressInfo).port);
  return fake;
}
