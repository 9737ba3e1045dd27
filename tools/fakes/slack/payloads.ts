// Builders for what Slack delivers to an app, in both transports:
// - `payload`: the object Socket Mode puts in an envelope (`fake.sendEnvelope(built.kind, built.payload)`),
// - `body` + `contentType`: the exact HTTP body Slack POSTs to the Request URL (`fake.postToApp(url, built)`).
import type { ResponseUrls } from './response-url.js';
import { messageTs, randomKey, triggerId, nowSeconds, type Json } from './util.js';
import type { FakeMessage, World } from './world.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface BuiltDelivery {
  kind: EnvelopeType;
  /** The payload object (Socket Mode envelope `payload`, or what Bolt parses out of the HTTP body). */
  payload: Json;
  /** The raw HTTP body as Slack sends it. */
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  responseUrl?: string;
  /** Id of the response_url hook: `fake.responsesFor(responseId)`. */
  responseId?: string;
  triggerId?: string;
  eventId?: string;
}

export interface SlashCommandInput {
  command: string;
  text?: string;
  user_id?: string;
  channel_id?: string;
  team_id?: string;
  /** Override the generated response_url. */
  response_url?: string;
  trigger_id?: string;
  /** Any other field to add or override (e.g. `channel_name`, `is_enterprise_install`). */
  [extra: string]: string | undefined;
}

export interface BlockActionInput {
  action_id: string;
  value?: string;
  /** User id. Default: the default member. */
  user?: string;
  /** Channel id. Default: the message's channel or #general. */
  channel?: string;
  /** The message holding the button: a ts of a message in the fake, a stored message, or a raw message object. Default: the last bot message in the channel. */
  message?: string | FakeMessage | Json;
  response_url?: string;
  /** Override the container (default `{ type: 'message', message_ts, channel_id, is_ephemeral: false }`). */
  container?: Json;
  block_id?: string;
  /** Element type. Default 'button'. */
  type?: string;
  /** Button label. Default: taken from the message's block, else the action_id. */
  text?: string;
  /** Extra action fields (e.g. `selected_option` for static_select). */
  action?: Json;
  /** `state.values`. */
  state?: Json;
}

export interface MessageEventInput {
  user?: string;
  channel?: string;
  text: string;
  thread_ts?: string;
}

export interface EventCallbackOptions {
  eventId?: string;
  eventTime?: number;
}

export class PayloadBuilders {
  constructor(
    private readonly world: World,
    private readonly responses: ResponseUrls,
    private readonly verificationToken: string,
    private readonly defaultUserId: () => string,
    private readonly defaultChannelId: () => string,
  ) {}

  private userName(id: string): string {
    return this.world.users.get(id)?.name ?? id.toLowerCase();
  }

  private channelName(id: string): string {
    const c = this.world.channels.get(id);
    if (!c) return id;
    return c.is_im ? 'directmessage' : c.is_private ? 'privategroup' : c.name;
  }

  slashCommand(input: SlashCommandInput): BuiltDelivery {
    const { command, text, user_id, channel_id, team_id, response_url, trigger_id, ...extra } = input;
    const user = user_id ?? this.defaultUserId();
    const channel = channel_id ?? this.defaultChannelId();
    const hook = response_url ? undefined : this.responses.create({ kind: 'slash_command', channelId: channel, userId: user, command });
    const tid = trigger_id ?? triggerId();
    const fields: Record<string, string> = {
      token: this.verificationToken,
      team_id: team_id ?? this.world.team.id,
      team_domain: this.world.team.domain,
      channel_id: channel,
      channel_name: this.channelName(channel),
      user_id: user,
      user_name: this.userName(user),
      command,
      text: text ?? '',
      api_app_id: this.world.app.appId,
      is_enterprise_install: 'false',
      response_url: response_url ?? hook!.url,
      trigger_id: tid,
    };
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) fields[k] = v;
    return {
      kind: 'slash_commands',
      payload: fields,
      body: new URLSearchParams(fields).toString(),
      contentType: 'application/x-www-form-urlencoded',
      responseUrl: fields.response_url,
      responseId: hook?.id,
      triggerId: tid,
    };
  }

  blockAction(input: BlockActionInput): BuiltDelivery {
    const user = input.user ?? this.defaultUserId();
    const message = this.resolveMessage(input.message, input.channel);
    const channel = input.channel ?? message?.channel ?? this.defaultChannelId();
    const located = message ? findElement(message.blocks, input.action_id) : undefined;
    const blockId = input.block_id ?? located?.blockId ?? randomKey(3);
    const hook = input.response_url
      ? undefined
      : this.responses.create({ kind: 'block_actions', channelId: channel, userId: user, messageTs: message?.ts });
    const tid = triggerId();
    const type = input.type ?? located?.element?.type ?? 'button';
    const action: Json = {
      action_id: input.action_id,
      block_id: blockId,
      type,
      action_ts: messageTs(),
    };
    if (type === 'button') {
      action.text = { type: 'plain_text', text: input.text ?? located?.element?.text?.text ?? input.action_id, emoji: true };
      const value = input.value ?? located?.element?.value;
      if (value !== undefined) action.value = value;
      if (located?.element?.style) action.style = located.element.style;
    } else if (input.value !== undefined) {
      action.value = input.value;
    }
    Object.assign(action, input.action ?? {});
    const payload: Json = {
      type: 'block_actions',
      user: { id: user, username: this.userName(user), name: this.userName(user), team_id: this.world.team.id },
      api_app_id: this.world.app.appId,
      token: this.verificationToken,
      container: input.container ?? {
        type: 'message',
        message_ts: message?.ts ?? messageTs(),
        channel_id: channel,
        is_ephemeral: false,
      },
      trigger_id: tid,
      team: { id: this.world.team.id, domain: this.world.team.domain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: this.channelName(channel) },
      message: message ? this.world.messageObject(message) : undefined,
      state: input.state ?? { values: {} },
      response_url: input.response_url ?? hook!.url,
      actions: [action],
    };
    if (payload.message === undefined) delete payload.message;
    return {
      kind: 'interactive',
      payload,
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      responseUrl: payload.response_url,
      responseId: hook?.id,
      triggerId: tid,
    };
  }

  /** An Events API `event_callback` wrapping `event`. */
  eventCallback(event: Json, opts: EventCallbackOptions = {}): BuiltDelivery {
    const eventId = opts.eventId ?? `Ev${randomKey(5).toUpperCase()}`;
    const payload: Json = {
      token: this.verificationToken,
      team_id: this.world.team.id,
      context_team_id: this.world.team.id,
      context_enterprise_id: null,
      api_app_id: this.world.app.appId,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: opts.eventTime ?? nowSeconds(),
      authorizations: [
        { enterprise_id: null, team_id: this.world.team.id, user_id: this.world.app.botUserId, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(eventId).toString('base64url')}`,
    };
    return { kind: 'events_api', payload, body: JSON.stringify(payload), contentType: 'application/json', eventId };
  }

  /** A user @-mentions the bot: stores the user's message in the channel and returns the `app_mention` event_callback. */
  appMention(input: MessageEventInput, opts?: EventCallbackOptions): BuiltDelivery {
    const m = this.userMessage(input);
    return this.eventCallback(
      {
        type: 'app_mention',
        user: m.user,
        text: m.text,
        ts: m.ts,
        client_msg_id: randomUuid(),
        team: this.world.team.id,
        thread_ts: m.thread_ts,
        channel: m.channel,
        event_ts: m.ts,
      },
      opts,
    );
  }

  /** A user posts a message: stores it and returns the `message` event_callback. */
  messageEvent(input: MessageEventInput, opts?: EventCallbackOptions): BuiltDelivery {
    const m = this.userMessage(input);
    const c = this.world.channels.get(m.channel);
    return this.eventCallback(
      {
        type: 'message',
        user: m.user,
        text: m.text,
        ts: m.ts,
        client_msg_id: randomUuid(),
        team: this.world.team.id,
        thread_ts: m.thread_ts,
        channel: m.channel,
        event_ts: m.ts,
        channel_type: c?.is_im ? 'im' : c?.is_private ? 'group' : 'channel',
      },
      opts,
    );
  }

  private userMessage(input: MessageEventInput): FakeMessage {
    return this.world.addMessage({
      channel: input.channel ?? this.defaultChannelId(),
      user: input.user ?? this.defaultUserId(),
      text: input.text,
      thread_ts: input.thread_ts,
      via: 'test',
    });
  }

  private resolveMessage(message: BlockActionInput['message'], channel: string | undefined): FakeMessage | undefined {
    if (message === undefined) {
      const ch = channel ?? this.defaultChannelId();
      return [...this.world.messages].reverse().find((m) => m.channel === ch && m.bot_id && !m.deleted);
    }
    if (typeof message === 'string') {
      const found = this.world.messages.find((m) => m.ts === message && (!channel || m.channel === channel) && !m.deleted);
      if (!found) throw new Error(`fake-slack: no message with ts ${message}`);
      return found;
    }
    return { channel: channel ?? this.defaultChannelId(), ...message } as FakeMessage;
  }
}

function findElement(blocks: Json[] | undefined, actionId: string): { blockId?: string; element?: Json } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks) {
    const candidates: Json[] = [...(Array.isArray(block?.elements) ? block.elements : []), ...(block?.accessory ? [block.accessory] : [])];
    const element = candidates.find((e) => e?.action_id === actionId);
    if (element) return { blockId: block.block_id, element };
  }
  return undefined;
}

function randomUuid(): string {
  const h = randomKey(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
