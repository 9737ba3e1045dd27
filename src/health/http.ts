// /healthz and /readyz over plain node:http: on a listener of their own (HEALTH_PORT), or answered
// by a platform that already listens (Slack in HTTP mode, on PORT) through the same handler, so
// both places give the same answers. Probes are tiny and frequent: no body is read, nothing cached.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage } from '../core/errors.js';
import { log } from '../core/log.js';
import type { Readiness } from './readiness.js';

/** The health listener is up (or a platform's listener answers the health paths). */
export const HEALTH_LISTENING = 'health_listening';
/** The health listener could not bind; the bot runs on without it. */
export const HEALTH_LISTEN_FAILED = 'health_listen_failed';

export const HEALTH_PATHS = ['/healthz', '/readyz'] as const;

/** Answers the request and returns true when it is for a health path; false leaves it to the caller. */
export type HealthRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body) + '\n';
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

export function healthRoutes(readiness: Readiness): HealthRoutes {
  return (req, res) => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return false;
    }
    if (pathname !== '/healthz' && pathname !== '/readyz') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, { error: 'method not allowed; use GET or HEAD' }, { Allow: 'GET, HEAD' });
      return true;
    }
    if (pathname === '/healthz') {
      // Answering at all is the proof: the event loop is turning.
      send(req, res, 200, { alive: true });
      return true;
    }
    const report = readiness.report();
    send(req, res, report.ready ? 200 : 503, report);
    return true;
  };
}

export interface HealthServer {
  /** The port listened on, once bound; undefined if binding failed. */
  port(): number | undefined;
  close(): Promise<void>;
}

/**
 * Listens on host:port for the two health paths (anything else is a 404). A port that cannot be
 * bound is logged with the variable to change and otherwise ignored: health checks failing must
 * never take the bot down with them.
 */
export function startHealthServer(opts: { port: number; host: string; readiness: Readiness }): Promise<HealthServer> {
  const routes = healthRoutes(opts.readiness);
  const server: Server = createServer((req, res) => {
    if (!routes(req, res)) send(req, res, 404, { error: 'not found; try /healthz or /readyz' });
  });
  // A probe that stalls mid-request must not hold a socket for long.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  let bound: number | undefined;
  return new Promise((resolve) => {
    const handle: HealthServer = {
      port: () => bound,
      close: () =>
        new Promise<void>((done) => {
          if (!server.listening) return done();
          server.close(() => done());
          server.closeAllConnections();
        }),
    };
    server.once('error', (e: NodeJS.ErrnoException) => {
      log.error(HEALTH_LISTEN_FAILED, { host: opts.host, port: opts.port, code: e.code, error: bindProblem(e, opts.host, opts.port) });
      resolve(handle);
    });
    server.listen(opts.port, opts.host, () => {
      bound = (server.address() as AddressInfo).port;
      server.on('error', (e) => log.error(HEALTH_LISTEN_FAILED, { error: errorMessage(e) }));
      log.info(HEALTH_LISTENING, { host: opts.host, port: bound, paths: HEALTH_PATHS });
      resolve(handle);
    });
  });
}

/** A sentence for the operator: what went wrong and which variable fixes it. */
function bindProblem(e: NodeJS.ErrnoException, host: string, port: number): string {
  switch (e.code) {
    case 'EADDRINUSE':
      return `Port ${port} is already in use, so /healthz and /readyz are not served; set HEALTH_PORT to a free port (the bot runs on without them).`;
    case 'EACCES':
      return `Not allowed to listen on port ${port}; set HEALTH_PORT to a port above 1023 (the bot runs on without health checks).`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot listen on ${host}: no such address on this machine; set HEALTH_HOST to one of its addresses, or unset it for all (0.0.0.0).`;
    default:
      return `Cannot listen on ${host}:${port} (${errorMessage(e)}); check HEALTH_PORT and HEALTH_HOST (the bot runs on without health checks).`;
  }
}
