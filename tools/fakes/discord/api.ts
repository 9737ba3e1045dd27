// The fake's REST endpoints (API v10) and the state behind them: application commands, messages,
// threads and interaction responses.
import type { FakeGateway } from './gateway.js';
import type { RecordedFile, RecordedRequest, RestServer, RouteResult } from './rest.js';
import {
  ApiError,
  DiscordErrors,
  FormErrors,
  has,
  isoNow,
  MessageFlagBits,
  Perm,
  snowflake,
  validateChoices,
  validateCommands,
  validateMessageBody,
  validateModal,
  type Json,
} from './util.js';
import type { FakeChannel, FakeGuild, World } from './world.js';

/** One accepted response to an interaction (callback or webhook operation on its token). */
export interface InteractionEvent {
  kind: 'callback' | 'editOriginal' | 'deleteOriginal' | 'followup' | 'editFollowup' | 'deleteFollowup';
  interactionId: string;
  at: number;
  /** For callbacks: 4 reply, 5 defer, 6 deferred update, 7 update message, 8 autocomplete result, 9 modal. */
  type?: number;
  /** Callback `data`, or the webhook body (message create/edit payload). */
  data: Json;
  /** Snapshot of the message created/edited by this step, when there is one. */
  message?: Json;
  /** True when a followup replaced the "thinking" message of a deferred reply (Discord does that). */
  editedDeferredOriginal?: boolean;
  files: RecordedFile[];
  request: RecordedRequest;
}

/** Every POST to /interactions/:id/:token/callback that reached the route, accepted or rejected. */
export interface InteractionCallbackRecord {
  interactionId: string;
  token: string;
  at: number;
  type: number | undefined;
  data: Json;
  status: number;
  error?: Json;
  request: RecordedRequest;
}

export interface InteractionState {
  id: string;
  token: string;
  /** Interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  payload: Json;
  createdAt: number;
  responseType: number | null;
  respondedAt: number | null;
  originalMessageId: string | null;
  followupIds: string[];
  events: InteractionEvent[];
  /** Set while the interaction is being POSTed to an Interactions Endpoint URL: webhook calls wait for its answer. */
  httpPending?: Promise<unknown>;
}

export interface ApiOptions {
  interactionAckTimeoutMs: number;
  interactionTokenTtlMs: number;
  nonceWindowMs: number;
  enforcePermissions: boolean;
  applicationFlags: number;
}

const THREAD_TYPES = new Set([10, 11, 12]);
const TEXT_TYPES = new Set([0, 5, 10, 11, 12, 2, 13, 15, 16]);
const GUILD_MESSAGES_INTENT = 1 << 9;
const GUILDS_INTENT = 1 << 0;
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  2: [4, 5, 9, 12],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

export class DiscordApi {
  readonly globalCommands: Json[] = [];
  readonly guildCommands = new Map<string, Json[]>();
  readonly messages = new Map<string, Json>();
  readonly interactions = new Map<string, InteractionState>();
  readonly interactionCallbacks: InteractionCallbackRecord[] = [];
  private byToken = new Map<string, InteractionState>();
  private nonces = new Map<string, { at: number; messageId: string }>();

  constructor(
    private readonly world: World,
    private readonly gateway: FakeGateway,
    private readonly opts: ApiOptions,
    private readonly urls: { gatewayUrl: () => string; httpBase: () => string },
    private readonly notify: () => void,
  ) {}

  get applicationId(): string {
    return this.world.applicationId;
  }

  register(rest: RestServer): void {
    const app = this.applicationId;
    const SF = '(\\d{15,21})';
    const r = (s: string) => new RegExp(`^${s}$`);

    rest.route('GET', r('/gateway'), () => ({ body: { url: this.urls.gatewayUrl() } }), { auth: false });
    rest.route('GET', r('/gateway/bot'), () => ({
      body: {
        url: this.urls.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000 - this.gateway.identifyCount, reset_after: 14_400_000, max_concurrency: 1 },
      },
    }));
    rest.route('GET', r('/users/@me'), () => ({ body: this.world.botUser }));
    rest.route('GET', r(`/users/${SF}`), ({ params }) => {
      const user = this.world.users.get(params[0]!);
      if (!user) throw new ApiError(404, { message: 'Unknown User', code: 10013 });
      return { body: user };
    });
    rest.route('GET', r('/applications/@me'), () => ({ body: this.applicationObject() }));

    // Application commands (global and guild)
    const checkApp = (id: string) => {
      if (id !== app) throw DiscordErrors.unknownApplication();
    };
    const scope = (guildId: string | undefined): Json[] => {
      if (guildId === undefined) return this.globalCommands;
      if (!this.world.guild(guildId)) throw DiscordErrors.missingAccess();
      let list = this.guildCommands.get(guildId);
      if (!list) this.guildCommands.set(guildId, (list = []));
      return list;
    };
    for (const [prefix, hasGuild] of [[`/applications/${SF}/commands`, false], [`/applications/${SF}/guilds/${SF}/commands`, true]] as const) {
      const guildOf = (params: string[]) => (hasGuild ? params[1] : undefined);
      rest.route('GET', r(prefix), ({ params }) => {
        checkApp(params[0]!);
        return { body: scope(guildOf(params)) };
      });
      rest.route('PUT', r(prefix), ({ params, req }) => {
        checkApp(params[0]!);
        const list = scope(guildOf(params));
        validateCommands(req.body);
        const next = (req.body as Json[]).map((c) => this.makeCommand(c, guildOf(params), list));
        list.splice(0, list.length, ...next);
        return { body: list };
      });
      rest.route('POST', r(prefix), ({ params, req }) => {
        checkApp(params[0]!);
        const list = scope(guildOf(params));
        validateCommands([req.body]);
        const cmd = this.makeCommand(req.body, guildOf(params), list);
        const i = list.findIndex((c) => c.id === cmd.id);
        const created = i < 0;
        if (created) list.push(cmd);
        else list[i] = cmd;
        return { status: created ? 201 : 200, body: cmd };
      });
      const one = `${prefix}/${SF}`;
      const find = (params: string[]) => {
        checkApp(params[0]!);
        const list = scope(guildOf(params));
        const id = params[hasGuild ? 2 : 1]!;
        const i = list.findIndex((c) => c.id === id);
        if (i < 0) throw DiscordErrors.unknownCommand();
        return { list, i };
      };
      rest.route('GET', r(one), ({ params }) => {
        const { list, i } = find(params);
        return { body: list[i] };
      });
      rest.route('PATCH', r(one), ({ params, req }) => {
        const { list, i } = find(params);
        const merged = { ...list[i], ...req.body };
        validateCommands([merged]);
        list[i] = { ...merged, version: snowflake() };
        return { body: list[i] };
      });
      rest.route('DELETE', r(one), ({ params }) => {
        const { list, i } = find(params);
        list.splice(i, 1);
        return {};
      });
    }

    // Interaction callback and webhook (followups / @original)
    rest.route('POST', r(`/interactions/${SF}/([^/]+)/callback`), (ctx) => this.onCallback(ctx.params[0]!, ctx.params[1]!, ctx.req), { auth: false });
    rest.route('POST', r(`/webhooks/${SF}/([^/]+)`), async (ctx) => {
      await this.httpAnswered(ctx.params[1]!);
      return this.onFollowup(ctx.params[0]!, ctx.params[1]!, ctx.req);
    }, { auth: false });
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      rest.route(method, r(`/webhooks/${SF}/([^/]+)/messages/(@original|\\d{15,21})`), async (ctx) => {
        await this.httpAnswered(ctx.params[1]!);
        return this.onWebhookMessage(method, ctx.params[0]!, ctx.params[1]!, ctx.params[2]!, ctx.req);
      }, { auth: false });
    }

    // Channels, messages, threads
    rest.route('GET', r(`/channels/${SF}`), ({ params }) => {
      const { channel } = this.visibleChannel(params[0]!);
      return { body: channel };
    });
    rest.route('GET', r(`/channels/${SF}/messages`), ({ params, req }) => {
      const { channel, perms } = this.visibleChannel(params[0]!);
      // Discord answers an empty list, not an error, without Read Message History.
      if (this.opts.enforcePermissions && !has(perms, Perm.ReadMessageHistory)) return { body: [] };
      const limit = Math.max(1, Math.min(Number(req.query.limit ?? 50) || 50, 100));
      const id = (s: string | undefined) => (s && /^\d+$/.test(s) ? BigInt(s) : undefined);
      const after = id(req.query.after);
      const before = id(req.query.before);
      const list = [...this.messages.values()]
        .filter((m) => m.channel_id === channel.id && !(m.flags & MessageFlagBits.Ephemeral))
        .filter((m) => (after === undefined || BigInt(m.id) > after) && (before === undefined || BigInt(m.id) < before))
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      // `after` pages forwards from the oldest match; otherwise the newest come first. Either way the
      // page is sent newest first, as Discord does.
      const page = after !== undefined && before === undefined ? list.slice(0, limit) : list.slice(-limit);
      return { body: page.reverse() };
    });
    rest.route('POST', r(`/channels/${SF}/messages`), ({ params, req }) => this.onChannelMessage(params[0]!, req));
    rest.route('GET', r(`/channels/${SF}/messages/${SF}`), ({ params }) => {
      this.visibleChannel(params[0]!);
      const msg = this.messages.get(params[1]!);
      if (!msg || msg.channel_id !== params[0]) throw DiscordErrors.unknownMessage();
      return { body: msg };
    });
    rest.route('PATCH', r(`/channels/${SF}/messages/${SF}`), ({ params, req }) => {
      this.visibleChannel(params[0]!);
      const msg = this.messages.get(params[1]!);
      if (!msg || msg.channel_id !== params[0]) throw DiscordErrors.unknownMessage();
      if (msg.author?.id !== this.world.botUser.id) throw new ApiError(403, { message: 'Cannot edit a message authored by another user', code: 50005 });
      validateMessageBody(req.body, { requireContent: false, fileCount: req.files.length });
      this.applyBody(msg, req.body, req.files, true);
      this.dispatchMessage('MESSAGE_UPDATE', msg);
      return { body: msg };
    });
    rest.route('DELETE', r(`/channels/${SF}/messages/${SF}`), ({ params }) => {
      this.visibleChannel(params[0]!);
      const msg = this.messages.get(params[1]!);
      if (!msg || msg.channel_id !== params[0]) throw DiscordErrors.unknownMessage();
      this.messages.delete(msg.id);
      return {};
    });
    rest.route('POST', r(`/channels/${SF}/messages/${SF}/threads`), ({ params, req }) => this.onThreadFromMessage(params[0]!, params[1]!, req));
    rest.route('POST', r(`/channels/${SF}/threads`), ({ params, req }) => this.onThreadWithoutMessage(params[0]!, req));

    // Guilds (read-only)
    rest.route('GET', r(`/guilds/${SF}`), ({ params }) => ({ body: this.world.guildRestPayload(this.guildOr404(params[0]!)) }));
    rest.route('GET', r(`/guilds/${SF}/channels`), ({ params }) => ({ body: this.guildOr404(params[0]!).channels }));
    rest.route('GET', r(`/guilds/${SF}/roles`), ({ params }) => ({ body: this.guildOr404(params[0]!).roles }));
    rest.route('GET', r(`/guilds/${SF}/members/${SF}`), ({ params }) => {
      const member = this.world.member(this.guildOr404(params[0]!), params[1]!);
      if (!member) throw DiscordErrors.unknownMember();
      return { body: member };
    });
  }

  applicationObject(): Json {
    return {
      id: this.applicationId,
      name: this.world.botUser.username,
      icon: null,
      description: '',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: this.opts.applicationFlags,
      team: null,
      owner: this.world.users.get(this.world.guilds[0]?.owner_id ?? '') ?? undefined,
      bot: this.world.botUser,
      install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
      integration_types_config: { 0: {} },
    };
  }

  private guildOr404(id: string): FakeGuild {
    const guild = this.world.guild(id);
    if (!guild) throw DiscordErrors.unknownGuild();
    return guild;
  }

  private makeCommand(body: Json, guildId: string | undefined, existing: Json[]): Json {
    const type = body.type ?? 1;
    const prev = existing.find((c) => c.name === body.name && (c.type ?? 1) === type);
    const cmd: Json = {
      id: prev?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      default_member_permissions: body.default_member_permissions ?? null,
      type,
      name: body.name,
      name_localizations: body.name_localizations ?? null,
      description: body.description ?? '',
      description_localizations: body.description_localizations ?? null,
      dm_permission: body.dm_permission ?? true,
      contexts: body.contexts ?? null,
      integration_types: body.integration_types ?? [0],
      nsfw: body.nsfw ?? false,
    };
    if (guildId) cmd.guild_id = guildId;
    if (Array.isArray(body.options) && body.options.length) cmd.options = body.options;
    if (body.handler !== undefined) cmd.handler = body.handler;
    return cmd;
  }

  /** The registered command a user would invoke by `name` in `guildId` (guild commands win). */
  findCommand(name: string, type: number, guildId: string): Json | undefined {
    const match = (c: Json) => c.name === name && (c.type ?? 1) === type;
    return this.guildCommands.get(guildId)?.find(match) ?? this.globalCommands.find(match);
  }

  // -------------------------------------------------------------------------
  // Interactions
  // -------------------------------------------------------------------------

  registerInteraction(payload: Json): InteractionState {
    const state: InteractionState = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      payload,
      createdAt: Date.now(),
      responseType: null,
      respondedAt: null,
      originalMessageId: null,
      followupIds: [],
      events: [],
    };
    this.interactions.set(state.id, state);
    this.byToken.set(state.token, state);
    return state;
  }

  /** A webhook call racing the HTTP answer it follows waits for that answer, as Discord has it by then. */
  private async httpAnswered(token: string): Promise<void> {
    await this.byToken.get(token)?.httpPending?.catch(() => undefined);
  }

  /**
   * The body an Interactions Endpoint URL answered with, taken as that interaction's callback
   * (validated and recorded the same way). Returns the error body when Discord would refuse it.
   */
  acceptHttpResponse(id: string, token: string, body: Json, request: RecordedRequest): Json | undefined {
    try {
      this.onCallback(id, token, { ...request, body });
      return undefined;
    } catch (error) {
      if (error instanceof ApiError) return error.body;
      throw error;
    }
  }

  private onCallback(id: string, token: string, req: RecordedRequest): RouteResult {
    const body = req.body ?? {};
    const rec: InteractionCallbackRecord = { interactionId: id, token, at: Date.now(), type: body.type, data: body.data, status: 0, request: req };
    this.interactionCallbacks.push(rec);
    try {
      const result = this.handleCallback(id, token, req);
      rec.status = result.status ?? (result.body === undefined ? 204 : 200);
      return result;
    } catch (error) {
      if (error instanceof ApiError) {
        rec.status = error.status;
        rec.error = error.body;
      }
      throw error;
    }
  }

  private handleCallback(id: string, token: string, req: RecordedRequest): RouteResult {
    const state = this.interactions.get(id);
    if (!state || state.token !== token) throw DiscordErrors.unknownInteraction();
    if (state.responseType !== null) throw DiscordErrors.alreadyAcknowledged();
    if (Date.now() - state.createdAt > this.opts.interactionAckTimeoutMs) throw DiscordErrors.unknownInteraction();
    const body = req.body ?? {};
    const type = body.type;
    if (!(ALLOWED_CALLBACKS[state.type] ?? []).includes(type)) {
      const errs = new FormErrors();
      errs.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${String(type)} is invalid for interaction type ${state.type}`);
      errs.throwIfAny();
    }
    const data = body.data;
    if (type === 4) validateMessageBody(data, { prefix: ['data'], requireContent: true, fileCount: req.files.length });
    if (type === 7 && data != null) validateMessageBody(data, { prefix: ['data'], requireContent: false, fileCount: req.files.length });
    if (type === 8) validateChoices(data);
    if (type === 9) validateModal(data);

    let message: Json | undefined;
    const componentMessage: Json | undefined = state.payload.message
      ? (this.messages.get(state.payload.message.id) ?? state.payload.message)
      : undefined;
    if (type === 4 || type === 5) {
      const flags = (data?.flags ?? 0) & (MessageFlagBits.Ephemeral | MessageFlagBits.SuppressEmbeds | MessageFlagBits.SuppressNotifications | MessageFlagBits.IsComponentsV2);
      message = this.newMessage(state.payload.channel_id ?? state.payload.channel?.id, {
        type: state.type === 2 ? 20 : 0,
        webhook_id: this.applicationId,
        interaction: state,
      });
      if (type === 4) {
        this.applyBody(message, { ...data, flags }, req.files, false);
      } else {
        message.flags = flags | MessageFlagBits.Loading;
      }
      state.originalMessageId = message.id;
      if (type === 4) this.dispatchMessage('MESSAGE_CREATE', message);
    } else if (type === 6 || type === 7) {
      if (!componentMessage) throw DiscordErrors.unknownMessage();
      if (!this.messages.has(componentMessage.id)) this.messages.set(componentMessage.id, componentMessage);
      if (type === 7 && data) {
        this.applyBody(componentMessage, data, req.files, true);
        this.dispatchMessage('MESSAGE_UPDATE', componentMessage);
      }
      message = componentMessage;
      state.originalMessageId = componentMessage.id;
    }

    state.responseType = type;
    state.respondedAt = Date.now();
    this.pushEvent(state, { kind: 'callback', type, data, message, files: req.files, request: req });

    if (req.query.with_response === 'true') {
      return {
        status: 200,
        body: {
          interaction: {
            id: state.id,
            type: state.type,
            response_message_id: message?.id,
            response_message_loading: type === 5,
            response_message_ephemeral: Boolean((message?.flags ?? 0) & MessageFlagBits.Ephemeral),
          },
          resource: { type, ...(message && (type === 4 || type === 7) ? { message } : {}) },
        },
      };
    }
    return { status: 204 };
  }

  private pushEvent(state: InteractionState, e: Omit<InteractionEvent, 'interactionId' | 'at'>): void {
    // Snapshot the message: later edits must not rewrite history.
    state.events.push({ interactionId: state.id, at: Date.now(), ...e, message: e.message ? structuredClone(e.message) : undefined });
  }

  private webhookState(appId: string, token: string): InteractionState {
    const state = this.byToken.get(token);
    if (!state || appId !== this.applicationId) throw DiscordErrors.unknownWebhook();
    if (Date.now() - state.createdAt > this.opts.interactionTokenTtlMs) throw DiscordErrors.invalidWebhookToken();
    return state;
  }

  private onFollowup(appId: string, token: string, req: RecordedRequest): RouteResult {
    const state = this.webhookState(appId, token);
    if (state.responseType === null) throw DiscordErrors.unknownWebhook();
    validateMessageBody(req.body, { requireContent: true, fileCount: req.files.length });
    const original = state.originalMessageId ? this.messages.get(state.originalMessageId) : undefined;
    if (state.responseType === 5 && original && original.flags & MessageFlagBits.Loading) {
      // Discord: the first followup after a deferred reply edits the "thinking" message.
      this.applyBody(original, { ...req.body, flags: undefined }, req.files, true);
      original.flags &= ~MessageFlagBits.Loading;
      this.dispatchMessage('MESSAGE_CREATE', original);
      this.pushEvent(state, { kind: 'followup', data: req.body, message: original, editedDeferredOriginal: true, files: req.files, request: req });
      return req.query.wait === 'true' ? { body: original } : { status: 204 };
    }
    const message = this.newMessage(state.payload.channel_id ?? state.payload.channel?.id, {
      type: 0,
      webhook_id: this.applicationId,
      interaction: state,
    });
    this.applyBody(message, req.body, req.files, false);
    state.followupIds.push(message.id);
    this.dispatchMessage('MESSAGE_CREATE', message);
    this.pushEvent(state, { kind: 'followup', data: req.body, message, files: req.files, request: req });
    return req.query.wait === 'true' ? { body: message } : { status: 204 };
  }

  private onWebhookMessage(method: string, appId: string, token: string, which: string, req: RecordedRequest): RouteResult {
    const state = this.webhookState(appId, token);
    const isOriginal = which === '@original';
    const messageId = isOriginal ? state.originalMessageId : which;
    if (!messageId || (!isOriginal && !state.followupIds.includes(messageId) && messageId !== state.originalMessageId)) {
      throw DiscordErrors.unknownMessage();
    }
    const message = this.messages.get(messageId);
    if (!message) throw DiscordErrors.unknownMessage();
    if (method === 'GET') return { body: message };
    if (method === 'DELETE') {
      this.messages.delete(messageId);
      this.pushEvent(state, { kind: isOriginal ? 'deleteOriginal' : 'deleteFollowup', data: undefined, message, files: [], request: req });
      return {};
    }
    validateMessageBody(req.body, { requireContent: false, fileCount: req.files.length });
    const wasLoading = Boolean(message.flags & MessageFlagBits.Loading);
    this.applyBody(message, { ...req.body, flags: undefined }, req.files, true);
    if (wasLoading) {
      message.flags &= ~MessageFlagBits.Loading;
      message.edited_timestamp = null;
    }
    this.dispatchMessage(wasLoading ? 'MESSAGE_CREATE' : 'MESSAGE_UPDATE', message);
    this.pushEvent(state, { kind: isOriginal ? 'editOriginal' : 'editFollowup', data: req.body, message, files: req.files, request: req });
    return { body: message };
  }

  // -------------------------------------------------------------------------
  // Messages
  // -------------------------------------------------------------------------

  private visibleChannel(channelId: string): { guild: FakeGuild; channel: FakeChannel; perms: bigint } {
    const found = this.world.channel(channelId);
    if (!found) throw DiscordErrors.unknownChannel();
    const perms = this.world.permissions(found.guild, this.world.botUser.id, found.channel);
    if (this.opts.enforcePermissions && !has(perms, Perm.ViewChannel)) throw DiscordErrors.missingAccess();
    return { ...found, perms };
  }

  private onChannelMessage(channelId: string, req: RecordedRequest): RouteResult {
    const { guild, channel, perms } = this.visibleChannel(channelId);
    if (!TEXT_TYPES.has(channel.type) || channel.type === 15 || channel.type === 16) throw DiscordErrors.nonTextChannel();
    if (this.opts.enforcePermissions) {
      const need = THREAD_TYPES.has(channel.type) ? Perm.SendMessagesInThreads : Perm.SendMessages;
      if (!has(perms, need)) throw DiscordErrors.missingPermissions();
      if (req.files.length && !has(perms, Perm.AttachFiles)) throw DiscordErrors.missingPermissions();
    }
    if (channel.thread_metadata?.locked && !has(perms, Perm.ManageThreads)) throw DiscordErrors.missingPermissions();
    const body = req.body ?? {};
    validateMessageBody(body, { requireContent: true, fileCount: req.files.length });

    if (body.enforce_nonce && body.nonce != null) {
      const key = `${channelId}:${String(body.nonce)}`;
      const prior = this.nonces.get(key);
      if (prior && Date.now() - prior.at < this.opts.nonceWindowMs) {
        const existing = this.messages.get(prior.messageId);
        if (existing) return { body: existing };
      }
    }
    const ref = body.message_reference;
    let referenced: Json | undefined;
    if (ref?.message_id) {
      referenced = this.messages.get(ref.message_id);
      if ((!referenced || referenced.channel_id !== (ref.channel_id ?? channelId)) && ref.fail_if_not_exists !== false) {
        const errs = new FormErrors();
        errs.add(['message_reference'], 'REPLIES_UNKNOWN_MESSAGE', 'Unknown message');
        errs.throwIfAny();
      }
    }
    const message = this.newMessage(channelId, { type: referenced ? 19 : 0 });
    this.applyBody(message, body, req.files, false);
    if (body.nonce != null) message.nonce = body.nonce;
    if (referenced) {
      message.message_reference = { type: 0, message_id: referenced.id, channel_id: referenced.channel_id, guild_id: guild.id };
      message.referenced_message = referenced;
    }
    if (body.enforce_nonce && body.nonce != null) this.nonces.set(`${channelId}:${String(body.nonce)}`, { at: Date.now(), messageId: message.id });
    channel.last_message_id = message.id;
    if (THREAD_TYPES.has(channel.type)) {
      channel.message_count = (channel.message_count ?? 0) + 1;
      channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
    }
    this.dispatchMessage('MESSAGE_CREATE', message);
    return { body: message };
  }

  private newMessage(channelId: string, opts: { type: number; webhook_id?: string; interaction?: InteractionState }): Json {
    const id = snowflake();
    const message: Json = {
      type: opts.type,
      channel_id: channelId,
      content: '',
      attachments: [],
      embeds: [],
      timestamp: isoNow(),
      edited_timestamp: null,
      flags: 0,
      components: [],
      id,
      author: { ...this.world.botUser },
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
    };
    if (opts.webhook_id) {
      message.webhook_id = opts.webhook_id;
      message.application_id = this.applicationId;
    }
    const it = opts.interaction;
    if (it) {
      const user = it.payload.member?.user ?? it.payload.user;
      message.interaction_metadata = {
        id: it.id,
        type: it.type,
        user,
        authorizing_integration_owners: it.payload.authorizing_integration_owners ?? {},
        ...(it.type === 2 ? { name: it.payload.data?.name, command_type: it.payload.data?.type } : {}),
        ...(it.type === 3 && it.payload.message ? { interacted_message_id: it.payload.message.id } : {}),
      };
    }
    this.messages.set(id, message);
    return message;
  }

  /** Apply a create/edit body to a stored message like Discord would render it. */
  private applyBody(message: Json, body: Json, files: RecordedFile[], isEdit: boolean): void {
    if (!body) return;
    if ('content' in body) message.content = body.content ?? '';
    if ('embeds' in body) message.embeds = (body.embeds ?? []).map((e: Json) => ({ type: 'rich', ...e }));
    if ('components' in body) message.components = body.components ?? [];
    if ('poll' in body && body.poll) message.poll = body.poll;
    if ('tts' in body) message.tts = Boolean(body.tts);
    if (typeof body.flags === 'number') {
      const settable = MessageFlagBits.SuppressEmbeds | MessageFlagBits.SuppressNotifications | MessageFlagBits.IsComponentsV2 | (isEdit ? 0 : MessageFlagBits.Ephemeral);
      message.flags = (message.flags & ~settable) | (body.flags & settable);
    }
    let attachments: Json[] = message.attachments ?? [];
    if (isEdit && Array.isArray(body.attachments)) {
      const keep = new Set(body.attachments.map((a: Json) => String(a.id)));
      attachments = attachments.filter((a) => keep.has(String(a.id)));
    }
    for (const file of files) {
      const index = /^files\[(\d+)\]$/.exec(file.field)?.[1];
      const meta = Array.isArray(body.attachments) ? body.attachments.find((a: Json) => String(a.id) === index) : undefined;
      const id = snowflake();
      const filename = meta?.filename ?? file.filename;
      attachments.push({
        id,
        filename,
        size: file.data.length,
        url: `${this.urls.httpBase()}/attachments/${message.channel_id}/${id}/${filename}`,
        proxy_url: `${this.urls.httpBase()}/attachments/${message.channel_id}/${id}/${filename}`,
        content_type: file.contentType,
        ...(meta?.description ? { description: meta.description } : {}),
      });
    }
    message.attachments = attachments;
    if (isEdit) message.edited_timestamp = isoNow();

    // Mentions, honouring allowed_mentions like Discord does.
    const content: string = message.content ?? '';
    const am = body.allowed_mentions;
    if ('content' in body || am !== undefined) {
      const parse: string[] = am ? (am.parse ?? []) : ['users', 'roles', 'everyone'];
      const userIds = [...content.matchAll(/<@!?(\d{15,21})>/g)].map((m) => m[1]!);
      const roleIds = [...content.matchAll(/<@&(\d{15,21})>/g)].map((m) => m[1]!);
      const allowedUsers = new Set<string>(am?.users ?? []);
      const allowedRoles = new Set<string>(am?.roles ?? []);
      message.mentions = [...new Set(userIds)]
        .filter((id) => parse.includes('users') || allowedUsers.has(id))
        .map((id) => this.world.users.get(id))
        .filter(Boolean);
      message.mention_roles = [...new Set(roleIds)].filter((id) => parse.includes('roles') || allowedRoles.has(id));
      message.mention_everyone = /@(everyone|here)/.test(content) && parse.includes('everyone');
    }
  }

  private dispatchMessage(event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: Json): void {
    if (message.flags & MessageFlagBits.Ephemeral) return;
    const found = this.world.channel(message.channel_id);
    if (!found) return;
    const member = this.world.member(found.guild, message.author?.id);
    const { user: _user, ...partialMember } = member ?? { user: undefined };
    this.gateway.dispatch(event, { ...message, guild_id: found.guild.id, ...(member ? { member: partialMember } : {}) }, GUILD_MESSAGES_INTENT);
  }

  // -------------------------------------------------------------------------
  // Threads
  // -------------------------------------------------------------------------

  private validateThreadBody(body: Json): void {
    const errs = new FormErrors();
    const name = body?.name;
    if (typeof name !== 'string' || [...name].length < 1 || [...name].length > 100) {
      errs.add(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    if (body?.auto_archive_duration != null && ![60, 1440, 4320, 10080].includes(body.auto_archive_duration)) {
      errs.add(['auto_archive_duration'], 'BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
    }
    errs.throwIfAny();
  }

  private makeThread(guild: FakeGuild, parent: FakeChannel, id: string, type: number, body: Json): FakeChannel {
    const now = isoNow();
    const thread: FakeChannel = {
      id,
      type,
      name: body.name,
      guild_id: guild.id,
      position: 0,
      permission_overwrites: [],
      parent_id: parent.id,
      last_message_id: null,
      rate_limit_per_user: body.rate_limit_per_user ?? 0,
      flags: 0,
      owner_id: this.world.botUser.id,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: body.auto_archive_duration ?? 4320,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
        ...(type === 12 ? { invitable: body.invitable ?? true } : {}),
      },
    };
    guild.threads.push(thread);
    this.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, GUILDS_INTENT);
    return thread;
  }

  private onThreadFromMessage(channelId: string, messageId: string, req: RecordedRequest): RouteResult {
    const { guild, channel, perms } = this.visibleChannel(channelId);
    if (channel.type !== 0 && channel.type !== 5) throw DiscordErrors.invalidChannelType();
    const message = this.messages.get(messageId);
    if (!message || message.channel_id !== channelId) throw DiscordErrors.unknownMessage();
    if (guild.threads.some((t) => t.id === messageId)) throw DiscordErrors.threadAlreadyExists();
    if (this.opts.enforcePermissions && !has(perms, Perm.CreatePublicThreads)) throw DiscordErrors.missingPermissions();
    this.validateThreadBody(req.body);
    const thread = this.makeThread(guild, channel, messageId, channel.type === 5 ? 10 : 11, req.body);
    message.flags |= MessageFlagBits.HasThread;
    message.thread = thread;
    return { status: 201, body: thread };
  }

  private onThreadWithoutMessage(channelId: string, req: RecordedRequest): RouteResult {
    const { guild, channel, perms } = this.visibleChannel(channelId);
    const body = req.body ?? {};
    this.validateThreadBody(body);
    if (channel.type === 15 || channel.type === 16) {
      // Forum/media post: needs a starter message; thread id == starter message id.
      if (!body.message) {
        const errs = new FormErrors();
        errs.add(['message'], 'BASE_TYPE_REQUIRED', 'This field is required');
        errs.throwIfAny();
      }
      validateMessageBody(body.message, { prefix: ['message'], requireContent: true, fileCount: req.files.length });
      if (this.opts.enforcePermissions && !has(perms, Perm.SendMessages)) throw DiscordErrors.missingPermissions();
      const starterId = snowflake();
      const thread = this.makeThread(guild, channel, starterId, 11, body);
      const message = this.newMessage(thread.id, { type: 0 });
      this.messages.delete(message.id);
      message.id = starterId;
      this.messages.set(starterId, message);
      this.applyBody(message, body.message, req.files, false);
      thread.last_message_id = starterId;
      return { status: 201, body: { ...thread, message } };
    }
    if (channel.type !== 0 && channel.type !== 5) throw DiscordErrors.invalidChannelType();
    const type = body.type ?? 12;
    if (type !== 11 && type !== 12 && type !== 10) throw DiscordErrors.invalidChannelType();
    const need = type === 12 ? Perm.CreatePrivateThreads : Perm.CreatePublicThreads;
    if (this.opts.enforcePermissions && !has(perms, need)) throw DiscordErrors.missingPermissions();
    const thread = this.makeThread(guild, channel, snowflake(), type, body);
    return { status: 201, body: thread };
  }
}
