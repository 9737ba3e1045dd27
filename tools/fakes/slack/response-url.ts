// response_url hooks (`/response/:id`): one per slash command / interaction built by payloads.ts.
// Bolt's respond() POSTs JSON here; the fake records it and applies it to the workspace like Slack does
// (ephemeral by default, `in_channel` posts a message, `replace_original` / `delete_original` edit the source message).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { failureBody, validateMessage } from './blocks.js';
import { messageTs, parseContentType, randomKey, truthy, type Json } from './util.js';
import type { World } from './world.js';

export interface ResponseHook {
  id: string;
  url: string;
  /** What the hook was issued for. */
  kind: 'slash_command' | 'block_actions' | 'shortcut' | 'view_submission';
  channelId: string;
  userId: string;
  command?: string;
  /** For interactions on a message: the message `replace_original` / `delete_original` act on. */
  messageTs?: string;
  createdAt: number;
  uses: number;
}

export interface ResponsePost {
  hookId: string;
  hook: ResponseHook | undefined;
  at: number;
  /** Parsed JSON body: `{ text, blocks, response_type, replace_original, delete_original, thread_ts, ... }`. */
  body: Json;
  status: number;
  /** What the fake answered. */
  response: Json;
}

export interface ResponseUrlHost {
  world: World;
  baseUrl(): string;
  ttlMs: number;
  maxUses: number;
  notify(): void;
  protocolError(line: string): void;
}

export class ResponseUrls {
  readonly hooks = new Map<string, ResponseHook>();
  /** Every POST to a response URL, accepted or not. */
  readonly posts: ResponsePost[] = [];

  constructor(private readonly host: ResponseUrlHost) {}

  create(spec: Omit<ResponseHook, 'id' | 'url' | 'createdAt' | 'uses'>): ResponseHook {
    const id = `${spec.kind === 'slash_command' ? 'cmd' : 'act'}-${randomKey(12)}`;
    const hook: ResponseHook = { ...spec, id, url: `${this.host.baseUrl()}/response/${id}`, createdAt: Date.now(), uses: 0 };
    this.hooks.set(id, hook);
    return hook;
  }

  /** Accepts a hook id or a full response URL. */
  idOf(idOrUrl: string): string {
    const m = /\/response\/([^/?#]+)/.exec(idOrUrl);
    return m?.[1] ?? idOrUrl;
  }

  async handle(req: IncomingMessage, res: ServerResponse, hookId: string, raw: string): Promise<void> {
    const at = Date.now();
    const hook = this.hooks.get(hookId);
    let body: Json = undefined;
    const reply = (status: number, response: Json) => {
      this.posts.push({ hookId, hook, at, body, status, response });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(response));
      this.host.notify();
    };

    if ((req.method ?? '').toUpperCase() !== 'POST') return reply(405, { ok: false, error: 'method_not_allowed' });
    const { mediaType } = parseContentType(req.headers['content-type']);
    try {
      if (mediaType === 'application/x-www-form-urlencoded') {
        const payload = new URLSearchParams(raw).get('payload');
        body = payload === null ? undefined : JSON.parse(payload);
      } else {
        body = JSON.parse(raw);
      }
    } catch {
      body = raw;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return reply(400, { ok: false, error: 'invalid_payload' });
    if (!hook) return reply(404, { ok: false, error: 'invalid_url' });
    if (at - hook.createdAt > this.host.ttlMs) return reply(404, { ok: false, error: 'expired_url' });
    if (hook.uses >= this.host.maxUses) {
      this.host.protocolError(`response_url ${hookId} used more than ${this.host.maxUses} times`);
      return reply(404, { ok: false, error: 'used_url' });
    }
    const deleting = truthy(body.delete_original);
    if (!deleting) {
      const invalid = validateMessage(body, { requireContent: true });
      if (invalid) return reply(400, failureBody(invalid));
    }
    if (body.response_type != null && body.response_type !== 'ephemeral' && body.response_type !== 'in_channel') {
      return reply(400, { ok: false, error: 'invalid_response_type' });
    }
    hook.uses += 1;
    this.apply(hook, body);
    return reply(200, { ok: true });
  }

  /** Make the response visible in the fake workspace. */
  private apply(hook: ResponseHook, body: Json): void {
    const { world } = this.host;
    const original = hook.messageTs ? world.findMessage(hook.channelId, hook.messageTs) : undefined;
    if (truthy(body.delete_original)) {
      if (original) original.deleted = true;
      return;
    }
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (truthy(body.replace_original) && original) {
      original.text = text;
      original.blocks = blocks;
      original.edited = { user: world.app.botUserId, ts: String(Date.now() / 1000) };
      return;
    }
    if (body.response_type === 'in_channel') {
      world.addMessage({
        channel: hook.channelId,
        text,
        blocks,
        bot_id: world.app.botId,
        app_id: world.app.appId,
        thread_ts: typeof body.thread_ts === 'string' ? body.thread_ts : undefined,
        via: 'response_url',
      });
      return;
    }
    world.ephemerals.push({
      channel: hook.channelId,
      user: hook.userId,
      ts: messageTs(),
      text,
      blocks,
      thread_ts: typeof body.thread_ts === 'string' ? body.thread_ts : undefined,
      via: 'response_url',
    });
  }
}
