// HTTP plumbing of the fake REST API: body parsing (JSON and multipart `payload_json`), request
// recording, fault injection (429 / arbitrary errors) and a tiny router for `/api/v10/...`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, defaultErrorBody, DiscordErrors, type DiscordErrorBody, type Json } from './util.js';

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  seq: number;
  at: number;
  method: string;
  /** Path after `/api/v10`, percent-decoded, without query, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** Full request URL as received. */
  url: string;
  query: Record<string, string>;
  /** Lower-cased header names, as Node parses them (`authorization`, `content-type`, ...). */
  headers: Record<string, string>;
  /** Parsed JSON body; for multipart, the parsed `payload_json` part. */
  body: Json;
  multipart: boolean;
  files: RecordedFile[];
  status: number;
  responseBody: Json;
  /** Set when the response came from `rateLimitNext` / `failNext`. */
  injected?: 'rateLimit' | 'fail';
}

export interface RouteContext {
  req: RecordedRequest;
  params: string[];
}

export interface RouteResult {
  status?: number;
  body?: Json;
  headers?: Record<string, string>;
}

type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  auth: boolean;
}

export interface RateLimitOptions {
  retryAfterSeconds: number;
  global?: boolean;
  /** Value of `X-RateLimit-Scope` (default `user`, or `global` when global). */
  scope?: 'user' | 'global' | 'shared';
  /** How many consecutive matching requests get the 429 (default 1). */
  times?: number;
}

interface Fault {
  method: string;
  pattern: RegExp;
  times: number;
  respond: () => { status: number; body: Json; headers: Record<string, string>; kind: 'rateLimit' | 'fail' };
}

export class RestServer {
  readonly requests: RecordedRequest[] = [];
  private routes: Route[] = [];
  private faults: Fault[] = [];
  private seq = 0;

  constructor(
    private readonly token: () => string,
    private readonly notify: () => void,
    private readonly protocolError: (message: string) => void,
  ) {}

  route(method: string, pattern: RegExp, handler: Handler, opts: { auth?: boolean } = {}): void {
    this.routes.push({ method, pattern, handler, auth: opts.auth ?? true });
  }

  rateLimitNext(method: string, pathRegex: RegExp, opts: RateLimitOptions): void {
    const seconds = opts.retryAfterSeconds;
    this.faults.push({
      method: method.toUpperCase(),
      pattern: pathRegex,
      times: opts.times ?? 1,
      respond: () => {
        const headers: Record<string, string> = {
          // Discord rounds the header up to whole seconds; the body has the precise value.
          'Retry-After': String(Math.ceil(seconds)),
          'X-RateLimit-Scope': opts.scope ?? (opts.global ? 'global' : 'user'),
        };
        if (opts.global) {
          headers['X-RateLimit-Global'] = 'true';
        } else {
          headers['X-RateLimit-Limit'] = '5';
          headers['X-RateLimit-Remaining'] = '0';
          headers['X-RateLimit-Reset'] = ((Date.now() + seconds * 1000) / 1000).toFixed(3);
          headers['X-RateLimit-Reset-After'] = seconds.toFixed(3);
          headers['X-RateLimit-Bucket'] = bucketHash(pathRegex.source);
        }
        return {
          status: 429,
          kind: 'rateLimit',
          headers,
          body: { message: 'You are being rate limited.', retry_after: seconds, global: Boolean(opts.global), code: 0 },
        };
      },
    });
  }

  failNext(method: string, pathRegex: RegExp, status: number, body?: DiscordErrorBody | Json, times = 1): void {
    this.faults.push({
      method: method.toUpperCase(),
      pattern: pathRegex,
      times,
      respond: () => ({ status, kind: 'fail', headers: {}, body: body ?? defaultErrorBody(status) }),
    });
  }

  clearFaults(): void {
    this.faults = [];
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const method = (req.method ?? 'GET').toUpperCase();
    const versioned = /^\/api\/v(\d+)(\/.*)$/.exec(url.pathname);
    const record: RecordedRequest = {
      seq: ++this.seq,
      at: Date.now(),
      method,
      // discord.js percent-encodes route segments (e.g. `@original` -> `%40original`)
      path: safeDecode(versioned?.[2] ?? url.pathname),
      url: req.url ?? '/',
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      multipart: false,
      files: [],
      status: 0,
      responseBody: undefined,
    };

    let status = 200;
    let body: Json;
    let extraHeaders: Record<string, string> = {};
    try {
      await parseInto(record, raw, headers['content-type'] ?? '');
      if (!versioned) throw DiscordErrors.notFound();
      if (versioned[1] !== '10') this.protocolError(`REST request to API v${versioned[1]}: ${method} ${url.pathname}`);

      const fault = this.faults.find((f) => (f.method === '*' || f.method === method) && f.pattern.test(record.path));
      if (fault) {
        if (--fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
        const r = fault.respond();
        record.injected = r.kind;
        throw new ApiError(r.status, r.body, r.headers);
      }

      let params: string[] | null = null;
      let route: Route | undefined;
      let pathMatched = false;
      for (const candidate of this.routes) {
        const m = candidate.pattern.exec(record.path);
        if (!m) continue;
        pathMatched = true;
        if (candidate.method !== method) continue;
        route = candidate;
        params = m.slice(1).map((p) => p ?? '');
        break;
      }
      if (!route || !params) throw pathMatched ? DiscordErrors.methodNotAllowed() : DiscordErrors.notFound();
      if (route.auth && headers.authorization !== `Bot ${this.token()}`) throw DiscordErrors.unauthorized();

      const result = await route.handler({ req: record, params });
      status = result.status ?? (result.body === undefined ? 204 : 200);
      body = result.body;
      extraHeaders = result.headers ?? {};
    } catch (error) {
      if (error instanceof ApiError) {
        status = error.status;
        body = error.body;
        extraHeaders = error.headers;
      } else {
        status = 500;
        body = { message: '500: Internal Server Error', code: 0 };
        this.protocolError(`fake-discord bug handling ${method} ${record.path}: ${(error as Error)?.stack ?? String(error)}`);
      }
    }

    record.status = status;
    record.responseBody = body;
    const outHeaders: Record<string, string> = { ...extraHeaders };
    if (!('X-RateLimit-Bucket' in outHeaders) && status !== 429 && record.path !== '/gateway/bot') {
      // Generous limits so discord.js never waits on its own.
      outHeaders['X-RateLimit-Limit'] = '50';
      outHeaders['X-RateLimit-Remaining'] = '49';
      outHeaders['X-RateLimit-Reset'] = ((Date.now() + 1000) / 1000).toFixed(3);
      outHeaders['X-RateLimit-Reset-After'] = '1.000';
      outHeaders['X-RateLimit-Bucket'] = bucketHash(`${method} ${record.path.replace(/\d{17,20}/g, ':id')}`);
    }
    // Record before answering, so the client can never observe a response the fake hasn't recorded.
    this.requests.push(record);
    this.notify();
    if (body !== undefined && status !== 204) {
      const text = JSON.stringify(body);
      res.writeHead(status, { ...outHeaders, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    } else {
      res.writeHead(status, outHeaders);
      res.end();
    }
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function bucketHash(input: string): string {
  let h = 0;
  for (const ch of input) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return (h >>> 0).toString(16).padStart(8, '0') + 'fakebucket';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseInto(record: RecordedRequest, raw: Buffer, contentType: string): Promise<void> {
  if (raw.length === 0) return;
  if (contentType.startsWith('multipart/form-data')) {
    record.multipart = true;
    // Node's built-in (undici) multipart parser.
    const form = await new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') record.body = JSON.parse(value);
        else (record.body ??= {})[field] = value;
      } else {
        record.files.push({
          field,
          filename: value.name,
          contentType: value.type,
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    return;
  }
  const text = raw.toString('utf8');
  try {
    record.body = JSON.parse(text);
  } catch {
    throw new ApiError(400, { message: '400: Bad Request', code: 50109, errors: { _errors: [{ code: 'JSON_INVALID', message: 'The request body contains invalid JSON.' }] } });
  }
}
