// Fake Socket Mode: apps.connections.open hands out `ws://127.0.0.1:PORT/link/?ticket=…&app_id=…` (one
// single-use ticket per connection); the socket gets `hello`, then envelopes, and must ack each with
// `{ envelope_id, payload? }`. `disconnect` messages ask the client to reconnect (via apps.connections.open).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { EnvelopeType } from './payloads.js';
import { randomKey, type Json } from './util.js';
import { HANG_GUARD_MS } from '../waiters.js';

export interface SocketConnectionRecord {
  id: number;
  ticket: string;
  /** Request path + query as received. */
  url: string;
  openedAt: number;
  closedAt?: number;
  closeCode?: number;
  closedBy?: 'client' | 'server';
  /** The `hello` message sent on this connection. */
  hello: Json;
}

export interface SocketAck {
  envelope_id: string;
  /** What the client put in `payload` (Bolt always sends one; `{}` for a bare ack()). */
  payload?: Json;
  at: number;
  connectionId: number;
  envelopeType: string;
  /** ms between sending the envelope and receiving the ack. */
  latencyMs: number;
}

export interface SentEnvelope {
  envelope_id: string;
  type: string;
  payload: Json;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
  connectionId: number;
  at: number;
}

export interface SendEnvelopeOptions {
  /** `retry_attempt` (Slack's redelivery counter; Bolt exposes it as `context.retryNum`). Default: 0 for events_api, omitted otherwise. */
  retryAttempt?: number;
  /** `retry_reason`, e.g. 'timeout'. Default: '' for events_api, omitted otherwise. */
  retryReason?: string;
  /** Default: true for slash_commands, for interactive view_submission/block_suggestion; false otherwise. */
  acceptsResponsePayload?: boolean;
  /** How long to wait for the ack before rejecting. Default 3000 (Slack's ack deadline). */
  timeoutMs?: number;
  envelopeId?: string;
}

export interface SocketModeHost {
  appId: string;
  wsBase(): string;
  pingIntervalMs: number;
  notify(): void;
  protocolError(line: string): void;
}

interface Conn {
  record: SocketConnectionRecord;
  ws: WebSocket;
  ping?: NodeJS.Timeout;
  /** Set when the fake initiated the close (for `closedBy`). */
  serverClosing: boolean;
}

interface PendingAck {
  envelope: SentEnvelope;
  resolve: (ack: SocketAck) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class FakeSocketMode {
  readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  readonly connections: SocketConnectionRecord[] = [];
  readonly envelopes: SentEnvelope[] = [];
  readonly acks: SocketAck[] = [];
  /** Every text frame the client sent, parsed. */
  readonly received: Array<{ at: number; connectionId: number; data: Json }> = [];
  /** Tickets issued by apps.connections.open (ticket -> used). */
  readonly tickets = new Map<string, boolean>();

  private conns = new Set<Conn>();
  private pending = new Map<string, PendingAck>();
  private nextConnId = 1;

  constructor(private readonly host: SocketModeHost) {}

  /** apps.connections.open */
  openConnection(): Json {
    const ticket = randomKey(16);
    this.tickets.set(ticket, false);
    return { ok: true, url: `${this.host.wsBase()}/link/?ticket=${ticket}&app_id=${this.host.appId}` };
  }

  get openConnections(): number {
    return [...this.conns].filter((c) => c.ws.readyState === WebSocket.OPEN).length;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/link/' && url.pathname !== '/link') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const ticket = url.searchParams.get('ticket') ?? '';
    if (this.tickets.get(ticket) !== false) {
      this.host.protocolError(`socket mode: connection with ${this.tickets.has(ticket) ? 'a reused' : 'an unknown'} ticket`);
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.tickets.set(ticket, true);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req.url ?? '/', ticket));
  }

  private onConnection(ws: WebSocket, url: string, ticket: string): void {
    const record: SocketConnectionRecord = { id: this.nextConnId++, ticket, url, openedAt: Date.now(), hello: undefined };
    const conn: Conn = { record, ws, serverClosing: false };
    this.conns.add(conn);
    this.connections.push(record);

    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.host.protocolError('socket mode: binary frame from client');
        return;
      }
      let msg: Json;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        this.host.protocolError(`socket mode: unparsable frame ${data.toString().slice(0, 200)}`);
        return;
      }
      this.received.push({ at: Date.now(), connectionId: record.id, data: msg });
      this.onClientMessage(record, msg);
      this.host.notify();
    });
    ws.on('close', (code) => {
      record.closedAt = Date.now();
      record.closeCode = code;
      record.closedBy = conn.serverClosing ? 'server' : 'client';
      if (conn.ping) clearInterval(conn.ping);
      this.conns.delete(conn);
      this.host.notify();
    });
    ws.on('error', () => {
      /* the close event follows */
    });
    if (this.host.pingIntervalMs > 0) {
      conn.ping = setInterval(() => {
        if (ws.readyState === WebSocket.OPEN) ws.ping(Buffer.from(`ping-${Date.now()}`));
      }, this.host.pingIntervalMs);
    }

    record.hello = {
      type: 'hello',
      num_connections: this.openConnections,
      debug_info: { host: `applink-fake-${record.id}`, build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: this.host.appId },
    };
    ws.send(JSON.stringify(record.hello));
    this.host.notify();
  }

  private onClientMessage(record: SocketConnectionRecord, msg: Json): void {
    const envelopeId = msg?.envelope_id;
    if (typeof envelopeId !== 'string') {
      this.host.protocolError(`socket mode: client message without envelope_id: ${JSON.stringify(msg).slice(0, 200)}`);
      return;
    }
    const pending = this.pending.get(envelopeId);
    const sent = this.envelopes.find((e) => e.envelope_id === envelopeId);
    if (!sent) {
      this.host.protocolError(`socket mode: ack for unknown envelope ${envelopeId}`);
      return;
    }
    if (this.acks.some((a) => a.envelope_id === envelopeId)) {
      this.host.protocolError(`socket mode: envelope ${envelopeId} acked twice`);
      return;
    }
    const at = Date.now();
    const ack: SocketAck = {
      envelope_id: envelopeId,
      payload: msg.payload,
      at,
      connectionId: record.id,
      envelopeType: sent.type,
      latencyMs: at - sent.at,
    };
    this.acks.push(ack);
    if (pending) {
      clearTimeout(pending.timer);
      this.pending.delete(envelopeId);
      pending.resolve(ack);
    } else {
      this.host.protocolError(`socket mode: envelope ${envelopeId} acked after its ${sent.type} deadline`);
    }
  }

  private latestOpen(): Conn | undefined {
    return [...this.conns].filter((c) => c.ws.readyState === WebSocket.OPEN).at(-1);
  }

  /** Send an envelope on the newest open connection; resolves with the client's ack. */
  sendEnvelope(type: EnvelopeType | string, payload: Json, opts: SendEnvelopeOptions = {}): Promise<SocketAck> {
    const conn = this.latestOpen();
    if (!conn) return Promise.reject(new Error('fake-slack: no open Socket Mode connection'));
    const envelopeId = opts.envelopeId ?? `${randomKey(4)}-${randomKey(2)}-${randomKey(2)}-${randomKey(2)}-${randomKey(6)}`;
    const accepts =
      opts.acceptsResponsePayload ??
      (type === 'slash_commands' || (type === 'interactive' && ['view_submission', 'block_suggestion'].includes(payload?.type)));
    const msg: Json = { envelope_id: envelopeId, payload, type, accepts_response_payload: accepts };
    if (type === 'events_api' || opts.retryAttempt !== undefined) msg.retry_attempt = opts.retryAttempt ?? 0;
    if (type === 'events_api' || opts.retryReason !== undefined) msg.retry_reason = opts.retryReason ?? '';
    const envelope: SentEnvelope = { ...msg, connectionId: conn.record.id, at: Date.now() } as SentEnvelope;
    this.envelopes.push(envelope);
    // Slack's 3 s is a latency target, measured by `npm run bench -- --acks`; here the limit only catches a hang.
    const timeoutMs = opts.timeoutMs ?? HANG_GUARD_MS;
    const promise = new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`fake-slack: ${type} envelope ${envelopeId} not acked within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, { envelope, resolve, reject, timer });
    });
    conn.ws.send(JSON.stringify(msg));
    this.host.notify();
    return promise;
  }

  /** Send `{ type: 'disconnect', reason }` to every open connection. Optionally close them from our side after a delay, as Slack does. */
  sendDisconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' | string, opts: { closeAfterMs?: number } = {}): void {
    for (const conn of this.conns) {
      if (conn.ws.readyState !== WebSocket.OPEN) continue;
      conn.ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: `applink-fake-${conn.record.id}` } }));
      if (opts.closeAfterMs !== undefined) {
        setTimeout(() => this.closeConn(conn, 1000), opts.closeAfterMs).unref();
      }
    }
    this.host.notify();
  }

  /** Close every connection from the server side (`terminate: true` drops the TCP socket without a close frame). */
  closeConnections(code = 1001, opts: { terminate?: boolean } = {}): void {
    for (const conn of [...this.conns]) this.closeConn(conn, code, opts.terminate);
  }

  private closeConn(conn: Conn, code: number, terminate = false): void {
    conn.serverClosing = true;
    if (terminate) conn.ws.terminate();
    else if (conn.ws.readyState === WebSocket.OPEN) conn.ws.close(code);
  }

  close(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('fake-slack: closed'));
    }
    this.pending.clear();
    for (const conn of this.conns) {
      if (conn.ping) clearInterval(conn.ping);
      conn.serverClosing = true;
      conn.ws.terminate();
    }
    this.wss.close();
  }
}
