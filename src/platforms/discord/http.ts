// Discord's Interactions Endpoint URL: a small node:http listener at /interactions that takes
// only requests Discord signed (Ed25519 over timestamp + body, with the application's public key)
// and recent, so any replica behind a load balancer can answer without a gateway connection.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST, Routes } from 'discord.js';
import { errorMessage } from '../../core/errors.js';
import type { Library } from '../../core/library/library.js';
import { log } from '../../core/log.js';
import type { HealthRoutes } from '../../health/http.js';
import { DISCORD_COMMANDS, DISCORD_COMMANDS_FAILED } from './bot.js';
import { BadInteraction, createHttpInteractionHandler, type HttpInteractionDeps, type HttpInteractionHandler } from './http-interactions.js';
import { registerCommands } from './register.js';
import { restPoster } from './daily.js';
import type { Poster } from '../../scheduler/poster.js';

export const INTERACTIONS_PATH = '/interactions';
/** The listener is up: Discord can be pointed at it. */
export const DISCORD_HTTP_LISTENING = 'discord_http_listening';
/** Answering a verified request failed on our side (answered 500). */
export const DISCORD_HTTP_FAILED = 'discord_http_failed';
/** The bot's own user could not be fetched (it is asked again when a post needs it). */
export const DISCORD_BOT_USER_UNKNOWN = 'discord_bot_user_unknown';
/** A request was turned away (bad signature, stale, unreadable); `reason` says which. */
export const DISCORD_HTTP_REFUSED = 'discord_http_refused';

/** Interaction payloads are a few kilobytes; anything near this is not from Discord. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** How far a request's timestamp may be from our clock, either way. */
export const MAX_SKEW_SECONDS = 5 * 60;

/** The Developer Portal's public key (64 hex characters) as a key node:crypto verifies with. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hexadecimal characters');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

/** Why a request is not Discord's, or undefined when its signature and timestamp hold. */
export function refusal(key: KeyObject, signature: string | undefined, timestamp: string | undefined, raw: Buffer, nowSeconds: number): string | undefined {
  if (!signature || !/^[0-9a-f]{128}$/i.test(signature)) return 'missing or malformed X-Signature-Ed25519';
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'missing or malformed X-Signature-Timestamp';
  let ok = false;
  try {
    ok = verify(null, Buffer.concat([Buffer.from(timestamp), raw]), key, Buffer.from(signature, 'hex'));
  } catch {
    ok = false;
  }
  if (!ok) return 'bad signature';
  // Checked after the signature, so a forged request learns nothing about our clock.
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) return 'stale timestamp';
  return undefined;
}

/** Signatures seen within the skew window: Discord never sends one twice, so a repeat is a replay. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  constructor(private readonly max = 50_000) {}

  /** True the first time a signature is offered while it could still be fresh. */
  first(signature: string, nowSeconds: number): boolean {
    for (const [sig, expires] of this.seen) {
      // Insertion order is expiry order (every entry lives as long), so pruning stops at the first live one.
      if (expires > nowSeconds && this.seen.size < this.max) break;
      this.seen.delete(sig);
    }
    const key = signature.toLowerCase();
    if (this.seen.has(key)) return false;
    this.seen.set(key, nowSeconds + 2 * MAX_SKEW_SECONDS);
    return true;
  }
}

export interface InteractionsServerConfig {
  publicKey: string;
  port: number;
  /** Default: every interface (Discord must reach it); tests use 127.0.0.1. */
  host?: string;
  maxBodyBytes?: number;
  now?: () => Date;
  /** Requests these answer (the health checks, when HEALTH_PORT is this port) never reach /interactions. */
  extraRoutes?: HealthRoutes;
}

export interface InteractionsServer {
  port: number;
  close(): Promise<void>;
}

type Body = { ok: true; raw: Buffer } | { ok: false; reason: string };

function readBody(req: IncomingMessage, max: number): Promise<Body> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) {
      resolve({ ok: false, reason: 'body too large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      const before = size;
      size += chunk.length;
      if (size > max && before <= max) {
        // The rest is read and dropped; the refusal closes the connection.
        resolve({ ok: false, reason: 'body too large' });
        return;
      }
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => resolve({ ok: true, raw: Buffer.concat(chunks) }));
    req.on('error', (e) => resolve({ ok: false, reason: `request failed: ${e.message}` }));
  });
}

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...extra });
  res.end(text);
}

export async function startInteractionsServer(config: InteractionsServerConfig, handler: HttpInteractionHandler): Promise<InteractionsServer> {
  const key = publicKeyFromHex(config.publicKey);
  const max = config.maxBodyBytes ?? MAX_BODY_BYTES;
  const now = config.now ?? (() => new Date());
  const replays = new ReplayGuard();
  const refuse = (res: ServerResponse, status: number, reason: string) => {
    log.warn(DISCORD_HTTP_REFUSED, { status, reason });
    // Closing after a refusal keeps an unread or half-sent body from lingering on the socket.
    send(res, status, { error: reason }, status === 400 ? { connection: 'close' } : {});
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (config.extraRoutes?.(req, res)) return;
      const path = (req.url ?? '').split('?')[0];
      if (path !== INTERACTIONS_PATH) return send(res, 404, { error: 'not found' });
      if (req.method !== 'POST') return send(res, 405, { error: 'use POST' }, { allow: 'POST' });
      const body = await readBody(req, max);
      if (!body.ok) return refuse(res, 400, body.reason);
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const nowSeconds = Math.floor(now().getTime() / 1000);
      const signature = header('x-signature-ed25519');
      const why = refusal(key, signature, header('x-signature-timestamp'), body.raw, nowSeconds);
      if (why) return refuse(res, 401, why);
      if (!replays.first(signature!, nowSeconds)) return refuse(res, 401, 'replayed request');
      let payload: unknown;
      try {
        payload = JSON.parse(body.raw.toString('utf8'));
      } catch {
        return refuse(res, 400, 'body is not JSON');
      }
      try {
        send(res, 200, await handler.handle(payload));
      } catch (e) {
        if (e instanceof BadInteraction) return refuse(res, 400, e.message);
        log.error(DISCORD_HTTP_FAILED, { error: errorMessage(e) });
        send(res, 500, { error: 'internal error' });
      }
    })().catch((e: unknown) => {
      log.error(DISCORD_HTTP_FAILED, { error: errorMessage(e) });
      send(res, 500, { error: 'internal error' });
    });
  });
  // A malformed request line or a reset socket is the client's problem, never a crash.
  server.on('clientError', (_e, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info(DISCORD_HTTP_LISTENING, { port, path: INTERACTIONS_PATH });
  return {
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await handler.settle();
    },
  };
}

export interface DiscordHttpConfig extends Omit<HttpInteractionDeps, 'library'>, Omit<InteractionsServerConfig, 'now'> {
  /** With a bot token the commands are registered at start, as in gateway mode; without, register them once elsewhere. */
  token?: string;
  guildId?: string;
}

/** Discord over HTTP: serves /interactions; with a token also registers the commands and posts daily excerpts. */
export async function startDiscordHttp(config: DiscordHttpConfig, library: () => Library): Promise<InteractionsServer & { poster?: Poster }> {
  const server = await startInteractionsServer(config, createHttpInteractionHandler({ ...config, library }));
  if (!config.token) return server;
  const rest = new REST({ api: config.apiUrl, version: '10' }).setToken(config.token);
  try {
    const outcome = await registerCommands(rest, config.appId, config.guildId);
    log.info(DISCORD_COMMANDS, { outcome, scope: config.guildId ? `guild ${config.guildId}` : 'global' });
  } catch (e) {
    // The endpoint still answers commands registered earlier; say what went wrong and carry on.
    log.error(DISCORD_COMMANDS_FAILED, { error: errorMessage(e) });
  }
  // The bot's own id tells its earlier daily posts apart in a channel's history; asked again until known.
  let botId: string | undefined;
  const knowBotId = async () => {
    try {
      botId ??= ((await rest.get(Routes.user())) as { id: string }).id;
    } catch (e) {
      log.warn(DISCORD_BOT_USER_UNKNOWN, { error: errorMessage(e) });
    }
  };
  await knowBotId();
  const poster = restPoster({ rest, botId: () => (botId ? botId : void knowBotId()), canReadHistory: () => undefined }, library);
  return { ...server, poster };
}
