// Fake Slack Web API: POST|GET /api/<method>, form-encoded or JSON bodies, Bearer tokens, Slack's
// { ok, error } envelopes (always HTTP 200 except 429 rate limits), recording and fault injection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { failureBody, validateMessage } from './blocks.js';
import { registerHistory } from './history.js';
import { messageTs, parseApiBody, randomKey, truthy, type Json } from './util.js';
import type { FakeChannel, World } from './world.js';

export type TokenType = 'bot' | 'app' | 'none' | 'invalid';

export interface ApiCall {
  /** Sequence number, from 1. */
  id: number;
  method: string;
  /** Parsed arguments (form fields with JSON values such as `blocks` parsed), without `token`. */
  args: Record<string, Json>;
  /** The token used (from `Authorization: Bearer` or, for form bodies, the `token` field). */
  token?: string;
  tokenType: TokenType;
  /** Media type of the body (`application/x-www-form-urlencoded` for @slack/web-api). */
  contentType: string;
  httpMethod: string;
  /** When the request arrived (ms since epoch). */
  at: number;
  status: number;
  /** The JSON body the fake answered with. */
  response: Json;
  /** Set when the answer came from `rateLimitNext` / `failNext`. */
  injected?: 'ratelimited' | 'failed';
}

export interface RateLimitOptions {
  /** `Retry-After` header value (whole seconds; @slack/web-api waits this long, then retries). Default 1. */
  retryAfterSeconds?: number;
  /** How many consecutive calls get the 429. Default 1. */
  times?: number;
}

export interface FailOptions {
  times?: number;
  /** Extra fields merged into `{ ok: false, error }` (e.g. `{ needed: 'chat:write', provided: '...' }`). */
  extra?: Json;
  /** HTTP status. Slack uses 200 for API errors; use 5xx to simulate an outage (@slack/web-api then throws WebAPIHTTPError without retrying). */
  status?: number;
}

interface Fault {
  method: string;
  remaining: number;
  kind: 'ratelimited' | 'failed';
  retryAfterSeconds?: number;
  error?: string;
  extra?: Json;
  status?: number;
}

export interface MethodContext {
  args: Record<string, Json>;
  token: string;
  tokenType: TokenType;
}

/** A handler returns the JSON body (`{ ok: true, ... }` or `{ ok: false, error }`). */
export type MethodHandler = (ctx: MethodContext) => Json | Promise<Json>;

export interface WebApiHost {
  world: World;
  botToken: string;
  appToken: string;
  /** Bot may post in public channels it hasn't joined (the `chat:write.public` scope). */
  chatWritePublic: boolean;
  openConnection(): Json;
  notify(): void;
  protocolError(line: string): void;
}

const ok = (body: Json = {}): Json => ({ ok: true, ...body });
const err = (error: string, extra: Json = {}): Json => ({ ok: false, error, ...extra });

export class WebApi {
  readonly calls: ApiCall[] = [];
  private handlers = new Map<string, MethodHandler>();
  private faults: Fault[] = [];
  private nextId = 1;

  constructor(private readonly host: WebApiHost) {
    this.registerDefaults();
    registerHistory(this, host.world);
  }

  /** Add or replace a method (e.g. in one test: `fake.webApi.register('reactions.add', () => ({ ok: true }))`). */
  register(method: string, handler: MethodHandler): void {
    this.handlers.set(method, handler);
  }

  rateLimitNext(method: string, opts: RateLimitOptions = {}): void {
    this.faults.push({ method, remaining: opts.times ?? 1, kind: 'ratelimited', retryAfterSeconds: opts.retryAfterSeconds ?? 1 });
  }

  failNext(method: string, error: string, opts: FailOptions = {}): void {
    this.faults.push({ method, remaining: opts.times ?? 1, kind: 'failed', error, extra: opts.extra, status: opts.status });
  }

  clearFaults(): void {
    this.faults = [];
  }

  private takeFault(method: string): Fault | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (f.method === method || f.method === '*'));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  async handle(req: IncomingMessage, res: ServerResponse, method: string, raw: string, query: URLSearchParams): Promise<void> {
    const at = Date.now();
    const httpMethod = (req.method ?? 'GET').toUpperCase();
    const parsed = parseApiBody(req.headers['content-type'], raw, query);
    const args = { ...parsed.args };

    // Token: Authorization header first; a `token` field only counts in form/query bodies (not in JSON).
    let token: string | undefined;
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) token = auth.replace(/^Bearer\s+/i, '').trim();
    if (!token && parsed.mediaType !== 'application/json' && typeof args.token === 'string') token = args.token;
    delete args.token;
    const tokenType: TokenType = !token ? 'none' : token === this.host.botToken ? 'bot' : token === this.host.appToken ? 'app' : 'invalid';

    let status = 200;
    const headers: Record<string, string> = {};
    let body: Json;
    let injected: ApiCall['injected'];

    if (httpMethod !== 'POST' && httpMethod !== 'GET') {
      status = 405;
      body = err('method_not_allowed');
    } else if (parsed.error) {
      body = err(parsed.error);
    } else {
      const fault = this.takeFault(method);
      if (fault?.kind === 'ratelimited') {
        status = 429;
        headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
        body = err('ratelimited');
        injected = 'ratelimited';
      } else if (fault?.kind === 'failed') {
        status = fault.status ?? 200;
        body = err(fault.error ?? 'fatal_error', fault.extra);
        injected = 'failed';
      } else {
        body = await this.dispatch(method, { args, token: token ?? '', tokenType });
      }
    }
    if (parsed.mediaType === 'application/json' && !parsed.charset && body.ok) {
      // What Slack says when a JSON body arrives without `; charset=utf-8`.
      body.warning = 'missing_charset';
      body.response_metadata = { ...(body.response_metadata ?? {}), warnings: ['missing_charset'] };
    }

    this.calls.push({ id: this.nextId++, method, args, token, tokenType, contentType: parsed.mediaType, httpMethod, at, status, response: body, injected });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-slack-req-id': randomKey(8), ...headers });
    res.end(JSON.stringify(body));
    this.host.notify();
  }

  private async dispatch(method: string, ctx: MethodContext): Promise<Json> {
    const handler = this.handlers.get(method);
    if (!handler) return err('unknown_method', { req_method: method });
    if (ctx.tokenType === 'none') return err('not_authed');
    if (ctx.tokenType === 'invalid') return err('invalid_auth');
    const needsApp = method === 'apps.connections.open';
    if (needsApp !== (ctx.tokenType === 'app')) return err('not_allowed_token_type');
    return handler(ctx);
  }

  // ------------------------------------------------------------------ methods

  private registerDefaults(): void {
    const { world } = this.host;
    const team = world.team;
    const app = world.app;

    this.register('auth.test', () =>
      ok({
        url: `https://${team.domain}.slack.com/`,
        team: team.name,
        user: app.botName,
        team_id: team.id,
        user_id: app.botUserId,
        bot_id: app.botId,
        is_enterprise_install: false,
      }),
    );

    this.register('apps.connections.open', () => this.host.openConnection());

    this.register('team.info', ({ args }) => {
      if (args.team != null && args.team !== team.id) return err('team_not_found');
      return ok({
        team: {
          id: team.id,
          name: team.name,
          url: `https://${team.domain}.slack.com/`,
          domain: team.domain,
          email_domain: '',
          icon: { image_default: true, image_34: 'https://a.slack-edge.com/fake/team-34.png', image_44: 'https://a.slack-edge.com/fake/team-44.png' },
          avatar_base_url: 'https://ca.slack-edge.com/',
          is_verified: false,
          enterprise_id: team.enterpriseId ?? undefined,
        },
      });
    });

    this.register('users.info', ({ args }) => {
      const user = typeof args.user === 'string' ? world.users.get(args.user) : undefined;
      if (!user) return err('user_not_found');
      return ok({ user: world.userObject(user) });
    });

    this.register('conversations.info', ({ args }) => {
      const channel = typeof args.channel === 'string' ? world.channels.get(args.channel) : undefined;
      if (!world.visibleToBot(channel)) return err('channel_not_found');
      return ok({ channel: world.channelObject(channel, { includeNumMembers: truthy(args.include_num_members) }) });
    });

    this.register('conversations.join', ({ args }) => {
      const channel = typeof args.channel === 'string' ? world.channels.get(args.channel) : undefined;
      if (!world.visibleToBot(channel)) return err('channel_not_found');
      if (channel.is_private || channel.is_im) return err('method_not_supported_for_channel_type');
      if (channel.is_archived) return err('is_archived');
      if (world.botIsMember(channel)) {
        return ok({ channel: world.channelObject(channel), warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } });
      }
      channel.members.add(app.botUserId);
      return ok({ channel: world.channelObject(channel) });
    });

    this.register('chat.postMessage', ({ args }) => {
      const channel = world.resolveChannel(args.channel);
      const problem = this.checkPostable(channel);
      if (problem) return problem;
      const invalid = validateMessage(args, { requireContent: true });
      if (invalid) return failureBody(invalid);
      const threadTs = typeof args.thread_ts === 'string' || typeof args.thread_ts === 'number' ? String(args.thread_ts) : undefined;
      const message = world.addMessage({
        channel: channel!.id,
        text: typeof args.text === 'string' ? args.text : '',
        user: app.botUserId,
        bot_id: app.botId,
        app_id: app.appId,
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        attachments: Array.isArray(args.attachments) ? args.attachments : undefined,
        metadata: args.metadata,
        thread_ts: threadTs,
        via: 'chat.postMessage',
      });
      return ok({ channel: channel!.id, ts: message.ts, message: world.messageObject(message) });
    });

    this.register('chat.postEphemeral', ({ args }) => {
      const channel = world.resolveChannel(args.channel);
      const problem = this.checkPostable(channel);
      if (problem) return problem;
      const user = typeof args.user === 'string' ? world.users.get(args.user) : undefined;
      if (!user) return err('user_not_found');
      if (!channel!.members.has(user.id)) return err('user_not_in_channel');
      const invalid = validateMessage(args, { requireContent: true });
      if (invalid) return failureBody(invalid);
      const ts = messageTs();
      world.ephemerals.push({
        channel: channel!.id,
        user: user.id,
        ts,
        text: typeof args.text === 'string' ? args.text : '',
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        thread_ts: typeof args.thread_ts === 'string' ? args.thread_ts : undefined,
        via: 'chat.postEphemeral',
      });
      return ok({ message_ts: ts });
    });

    this.register('chat.update', ({ args }) => {
      const channel = world.resolveChannel(args.channel);
      if (!world.visibleToBot(channel)) return err('channel_not_found');
      if (typeof args.ts !== 'string') return err('message_not_found');
      const message = world.findMessage(channel.id, args.ts);
      if (!message) return err('message_not_found');
      if (message.bot_id !== app.botId) return err('cant_update_message');
      if (channel.is_archived) return err('is_archived');
      const invalid = validateMessage(args, { requireContent: true });
      if (invalid) return failureBody(invalid);
      if (args.text !== undefined) message.text = String(args.text);
      if (args.blocks !== undefined) message.blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
      if (args.attachments !== undefined) message.attachments = Array.isArray(args.attachments) ? args.attachments : undefined;
      message.edited = { user: app.botUserId, ts: String(Date.now() / 1000) };
      return ok({ channel: channel.id, ts: message.ts, text: message.text, message: world.messageObject(message) });
    });
  }

  /** channel_not_found / is_archived / not_in_channel, in Slack's order. */
  private checkPostable(channel: FakeChannel | undefined): Json | undefined {
    const { world } = this.host;
    if (!world.visibleToBot(channel)) return err('channel_not_found');
    if (channel.is_archived) return err('is_archived');
    if (!world.botIsMember(channel) && !(this.host.chatWritePublic && !channel.is_private)) return err('not_in_channel');
    return undefined;
  }
}
