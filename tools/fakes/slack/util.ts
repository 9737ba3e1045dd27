// Small helpers shared by the fake Slack: Slack-style ids and message timestamps, body parsing, waiting.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Parsed JSON coming from the bot. Kept loose on purpose: we validate it like Slack does. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A Slack-looking id: prefix letter + 10 upper-case alphanumerics (`C0123ABCDEF`). */
export function slackId(prefix: string): string {
  const bytes = randomBytes(10);
  let out = prefix;
  for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length];
  return out;
}

/** Opaque random string (tickets, envelope ids, response URL ids). */
export function randomKey(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

let lastTsMicros = 0;

/** A unique, strictly increasing Slack message timestamp: `"1700000000.000100"`. */
export function messageTs(at: number = Date.now()): string {
  let micros = at * 1000;
  if (micros <= lastTsMicros) micros = lastTsMicros + 1;
  lastTsMicros = micros;
  const sec = Math.floor(micros / 1_000_000);
  const frac = String(micros % 1_000_000).padStart(6, '0');
  return `${sec}.${frac}`;
}

/** `trigger_id` as Slack formats it: `<digits>.<digits>.<hex>`. */
export function triggerId(): string {
  return `${Date.now()}.${Math.floor(Math.random() * 1e12)}.${randomKey(16)}`;
}

export function nowSeconds(at: number = Date.now()): number {
  return Math.floor(at / 1000);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Slack parses these form fields as JSON when they arrive form-encoded (@slack/web-api JSON-stringifies them). */
const JSON_FORM_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'user_auth_blocks', 'unfurls', 'view']);

export interface ParsedBody {
  /** Media type without parameters, lower-case (`application/x-www-form-urlencoded`, `application/json`, ...). */
  mediaType: string;
  /** The `charset` parameter if any. */
  charset?: string;
  args: Record<string, Json>;
  /** Set when the body could not be parsed. */
  error?: string;
}

export function parseContentType(header: string | undefined): { mediaType: string; charset?: string } {
  const [type = '', ...params] = (header ?? '').split(';').map((s) => s.trim());
  const charsetParam = params.find((p) => p.toLowerCase().startsWith('charset='));
  return { mediaType: type.toLowerCase(), charset: charsetParam?.slice('charset='.length) };
}

/** Parse a Web API request body the way Slack does (form-encoded with JSON-valued fields, or JSON). */
export function parseApiBody(contentTypeHeader: string | undefined, raw: string, query: URLSearchParams): ParsedBody {
  const { mediaType, charset } = parseContentType(contentTypeHeader);
  const args: Record<string, Json> = {};
  for (const [k, v] of query) args[k] = v;
  if (raw.length === 0) return { mediaType, charset, args };
  if (mediaType === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return { mediaType, charset, args, error: 'invalid_json' };
      }
      Object.assign(args, parsed);
    } catch {
      return { mediaType, charset, args, error: 'invalid_json' };
    }
    return { mediaType, charset, args };
  }
  if (mediaType === 'application/x-www-form-urlencoded' || mediaType === '') {
    for (const [k, v] of new URLSearchParams(raw)) {
      if (JSON_FORM_FIELDS.has(k) && /^\s*[[{]/.test(v)) {
        try {
          args[k] = JSON.parse(v);
          continue;
        } catch {
          args[k] = v;
          continue;
        }
      }
      args[k] = v;
    }
    return { mediaType, charset, args };
  }
  return { mediaType, charset, args, error: 'invalid_form_data' };
}

/** Slack accepts `true`, `"true"`, `"1"` and `1` as true. */
export function truthy(value: Json): boolean {
  return value === true || value === 1 || value === 'true' || value === '1';
}

// ---------------------------------------------------------------------------
// Waiting
// ---------------------------------------------------------------------------

/** Resolves waiters when the fake's state changes (and polls every 20 ms for conditions on the bot's side). */
