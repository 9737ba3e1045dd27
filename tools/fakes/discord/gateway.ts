// Fake Discord gateway: plain JSON over WebSocket (no zlib, no ETF), one shard.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import type { Json } from './util.js';

export interface GatewayConnectionRecord {
  id: number;
  /** Request path + query as received, e.g. `/gateway?v=10&encoding=json`. */
  url: string;
  path: string;
  query: Record<string, string>;
  openedAt: number;
  closedAt?: number;
  closeCode?: number;
  closedBy?: 'client' | 'server';
  sessionId?: string;
  /** What the client did on this connection. */
  authenticatedWith?: 'identify' | 'resume';
}

export interface IdentifyRecord {
  at: number;
  connectionId: number;
  token: string;
  intents: number;
  properties: Json;
  shard?: [number, number];
  compress?: boolean;
  large_threshold?: number;
  presence?: Json;
}

export interface ResumeRecord {
  at: number;
  connectionId: number;
  sessionId: string;
  seq: number | null;
  /** How many dispatches were replayed. */
  replayed: number;
  ok: boolean;
}

export interface DispatchRecord {
  op: 0;
  t: string;
  s: number;
  d: Json;
}

interface Session {
  id: string;
  seq: number;
  log: DispatchRecord[];
  socket: WebSocket | null;
  intents: number;
  /** Set when the client closed with 1000/1001 (Discord invalidates the session) or we invalidated it. */
  ended: boolean;
}

interface Conn {
  record: GatewayConnectionRecord;
  ws: WebSocket;
  session: Session | null;
  serverClosing: boolean;
}

export interface GatewayHost {
  token: string;
  heartbeatIntervalMs: number;
  /** Intents the bot may request; privileged ones not in here close with 4014. */
  allowedPrivilegedIntents: number;
  readyPayload(sessionId: string, resumeGatewayUrl: string): Json;
  guildCreatePayloads(intents: number): Json[];
  resumeGatewayUrl(): string;
  notify(): void;
  protocolError(message: string): void;
}

const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
const MAX_LOG = 2000;

export class FakeGateway {
  readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  readonly connections: GatewayConnectionRecord[] = [];
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  /** Every payload the client sent (heartbeats included), in order. */
  readonly received: Array<{ at: number; connectionId: number; op: number; d: Json }> = [];
  heartbeatCount = 0;
  /** Set to false to stop ACKing heartbeats (discord.js then treats the connection as zombied and resumes). */
  ackHeartbeats = true;

  private conns = new Set<Conn>();
  private sessions = new Map<string, Session>();
  private nextConnId = 1;

  constructor(private readonly host: GatewayHost) {}

  get identifyCount(): number {
    return this.identifies.length;
  }

  get resumeCount(): number {
    return this.resumes.filter((r) => r.ok).length;
  }

  /** Connections that are open and authenticated. */
  get liveSessionCount(): number {
    return [...this.sessions.values()].filter((s) => !s.ended && s.socket?.readyState === WebSocket.OPEN).length;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/gateway' && url.pathname !== '/gateway-resume') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req.url ?? '/', url));
  }

  private onConnection(ws: WebSocket, rawUrl: string, url: URL): void {
    const record: GatewayConnectionRecord = {
      id: this.nextConnId++,
      url: rawUrl,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      openedAt: Date.now(),
    };
    this.connections.push(record);
    const conn: Conn = { record, ws, session: null, serverClosing: false };
    this.conns.add(conn);

    if (record.query.v !== '10') this.host.protocolError(`gateway connected with v=${record.query.v ?? '(none)'}; expected 10`);
    if (record.query.encoding !== 'json') this.host.protocolError(`gateway connected with encoding=${record.query.encoding ?? '(none)'}; the fake only speaks json`);
    if (record.query.compress) this.host.protocolError(`gateway connected with compress=${record.query.compress}; the fake never compresses`);

    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    ws.on('close', (code) => {
      record.closedAt = Date.now();
      record.closeCode = code;
      record.closedBy = conn.serverClosing ? 'server' : 'client';
      this.conns.delete(conn);
      const session = conn.session;
      if (session && session.socket === ws) {
        session.socket = null;
        // Discord invalidates the session when the client closes with 1000 or 1001.
        if (!conn.serverClosing && (code === 1000 || code === 1001)) session.ended = true;
      }
      this.host.notify();
    });
    ws.on('error', () => undefined);

    this.send(ws, { op: 10, d: { heartbeat_interval: this.host.heartbeatIntervalMs, _trace: ['["fake-discord-gateway"]'] } });
    this.host.notify();
  }

  private send(ws: WebSocket, payload: Json): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  }

  private closeConn(conn: Conn, code: number, reason = ''): void {
    conn.serverClosing = true;
    if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) conn.ws.close(code, reason);
  }

  private onMessage(conn: Conn, data: WebSocket.RawData, isBinary: boolean): void {
    if (isBinary) {
      this.host.protocolError('client sent a binary gateway frame');
      this.closeConn(conn, 4002, 'Error while decoding payload.');
      return;
    }
    let payload: Json;
    try {
      payload = JSON.parse(String(data));
    } catch {
      this.closeConn(conn, 4002, 'Error while decoding payload.');
      return;
    }
    const op = payload?.op;
    this.received.push({ at: Date.now(), connectionId: conn.record.id, op, d: payload?.d });

    switch (op) {
      case 1: // Heartbeat
        this.heartbeatCount++;
        if (this.ackHeartbeats) this.send(conn.ws, { op: 11 });
        break;
      case 2:
        this.onIdentify(conn, payload.d);
        break;
      case 6:
        this.onResume(conn, payload.d);
        break;
      case 3: // Presence update
      case 4: // Voice state update
      case 8: // Request guild members
      case 31: // Request soundboard sounds
        if (!conn.session) this.closeConn(conn, 4003, 'Not authenticated.');
        break;
      default:
        this.closeConn(conn, 4001, 'Unknown opcode.');
    }
    this.host.notify();
  }

  private onIdentify(conn: Conn, d: Json): void {
    if (conn.session) {
      this.closeConn(conn, 4005, 'Already authenticated.');
      return;
    }
    if (d?.token !== this.host.token) {
      this.closeConn(conn, 4004, 'Authentication failed.');
      return;
    }
    const intents = d?.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0) {
      this.closeConn(conn, 4013, 'Invalid intent(s).');
      return;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.host.allowedPrivilegedIntents) !== 0) {
      this.closeConn(conn, 4014, 'Disallowed intent(s).');
      return;
    }
    if (d.shard && (d.shard[0] !== 0 || d.shard[1] !== 1)) {
      this.closeConn(conn, 4010, 'Invalid shard.');
      return;
    }
    this.identifies.push({
      at: Date.now(),
      connectionId: conn.record.id,
      token: d.token,
      intents,
      properties: d.properties,
      shard: d.shard,
      compress: d.compress,
      large_threshold: d.large_threshold,
      presence: d.presence,
    });
    if (d.compress) this.host.protocolError('IDENTIFY asked for compress: true; the fake never compresses');

    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, log: [], socket: conn.ws, intents, ended: false };
    this.sessions.set(session.id, session);
    conn.session = session;
    conn.record.sessionId = session.id;
    conn.record.authenticatedWith = 'identify';
    this.dispatchTo(session, 'READY', this.host.readyPayload(session.id, this.host.resumeGatewayUrl()));
    for (const guild of this.host.guildCreatePayloads(intents)) this.dispatchTo(session, 'GUILD_CREATE', guild);
  }

  private onResume(conn: Conn, d: Json): void {
    if (conn.session) {
      this.closeConn(conn, 4005, 'Already authenticated.');
      return;
    }
    if (d?.token !== this.host.token) {
      this.closeConn(conn, 4004, 'Authentication failed.');
      return;
    }
    const session = this.sessions.get(d?.session_id);
    const seq: number | null = typeof d?.seq === 'number' ? d.seq : null;
    if (!session || session.ended) {
      this.resumes.push({ at: Date.now(), connectionId: conn.record.id, sessionId: String(d?.session_id), seq, replayed: 0, ok: false });
      this.send(conn.ws, { op: 9, d: false });
      return;
    }
    if (seq !== null && seq > session.seq) {
      this.closeConn(conn, 4007, 'Invalid seq.');
      return;
    }
    // Detach any old socket still bound to this session.
    for (const other of this.conns) {
      if (other !== conn && other.session === session) {
        other.session = null;
        this.closeConn(other, 4000, 'Session resumed elsewhere');
      }
    }
    session.socket = conn.ws;
    conn.session = session;
    conn.record.sessionId = session.id;
    conn.record.authenticatedWith = 'resume';
    const missed = session.log.filter((p) => p.s > (seq ?? 0));
    for (const p of missed) this.send(conn.ws, p);
    this.resumes.push({ at: Date.now(), connectionId: conn.record.id, sessionId: session.id, seq, replayed: missed.length, ok: true });
    this.dispatchTo(session, 'RESUMED', { _trace: ['["fake-discord-gateway"]'] });
  }

  private dispatchTo(session: Session, t: string, d: Json): DispatchRecord {
    session.seq++;
    const payload: DispatchRecord = { op: 0, t, s: session.seq, d };
    session.log.push(payload);
    if (session.log.length > MAX_LOG) session.log.splice(0, session.log.length - MAX_LOG);
    if (session.socket) this.send(session.socket, payload);
    return payload;
  }

  /**
   * Dispatch an event to every session that hasn't ended. Sessions that are currently disconnected
   * get it on RESUME (like Discord). `intent` filters sessions that did not ask for that intent bit.
   */
  dispatch(t: string, d: Json, intent?: number): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      if (session.ended) continue;
      if (intent !== undefined && (session.intents & intent) === 0) continue;
      this.dispatchTo(session, t, d);
      count++;
    }
    this.host.notify();
    return count;
  }

  /** Close every open gateway socket from the server side with `code`. Sessions stay resumable. */
  async closeConnections(code: number, reason = ''): Promise<number> {
    const open = [...this.conns].filter((c) => c.ws.readyState === WebSocket.OPEN);
    await Promise.all(
      open.map(
        (c) =>
          new Promise<void>((resolve) => {
            c.ws.once('close', () => resolve());
            this.closeConn(c, code, reason);
          }),
      ),
    );
    return open.length;
  }

  /** Send a raw opcode to every open connection (e.g. `{ op: 7 }` reconnect, `{ op: 9, d: false }`). */
  sendRaw(payload: Json): void {
    for (const c of this.conns) this.send(c.ws, payload);
  }

  /** Invalidate sessions: `resumable=false` makes the next RESUME fail with op 9 and forces a new IDENTIFY. */
  invalidateSessions(resumable: boolean): void {
    if (!resumable) for (const s of this.sessions.values()) s.ended = true;
    this.sendRaw({ op: 9, d: resumable });
  }

  /** Every dispatch sent (or queued) on any session, in order. */
  dispatches(): DispatchRecord[] {
    return [...this.sessions.values()].flatMap((s) => s.log);
  }

  close(): void {
    for (const c of this.conns) {
      c.serverClosing = true;
      c.ws.terminate();
    }
    this.conns.clear();
    this.wss.close();
  }
}
