// Bolt answers most requests through listeners; anything no listener acknowledges is left to a
// 404 after 3 s (Slack then shows the person an error), and a signed JSON `null` makes Bolt's HTTP
// receiver throw before any listener runs, so the request is never answered. These two wrappers
// make sure every request gets a prompt answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPModuleFunctions, HTTPReceiver, isRawBodyError, type HTTPReceiverOptions, type ReceiverEvent } from '@slack/bolt';
import { log } from '../../core/log.js';
import { errorMessage } from '../../core/errors.js';
import type { HealthRoutes } from '../../health/http.js';

export const SLACK_REQUEST_REFUSED = 'slack_request_refused';
export const SLACK_REQUEST_UNHANDLED = 'slack_request_unhandled';

const EVENTS_PATH = '/slack/events';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What kind of request it was, for the log (never its contents). */
function kindOf(body: unknown): string {
  if (!isPlainObject(body)) return body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body;
  if (typeof body.command === 'string') return 'slash_command';
  if (typeof body.type === 'string') return body.type.slice(0, 40);
  return 'unknown';
}

/** An App that acknowledges, once its listeners are done, whatever none of them acknowledged. */
export class AckingApp extends App {
  override async processEvent(event: ReceiverEvent): Promise<void> {
    let acked = false;
    const ack = event.ack;
    const tracked: ReceiverEvent = {
      ...event,
      ack: (response?: unknown) => {
        acked = true;
        return ack(response as never);
      },
    };
    try {
      // Bolt reads the body as an object; anything else would throw inside it.
      if (isPlainObject(event.body)) await super.processEvent(tracked);
    } catch (e) {
      log.error('slack_request_failed', { kind: kindOf(event.body), error: errorMessage(e) });
    } finally {
      if (!acked) {
        log.info(SLACK_REQUEST_UNHANDLED, { kind: kindOf(event.body) });
        await ack().catch(() => undefined);
      }
    }
  }
}

/**
 * Bolt's HTTP receiver, but a signed body that is not a JSON object (null, an array, a number)
 * gets a 400 at once. Unsigned requests still get Bolt's 401. `extraRoutes` (the health checks)
 * are answered before Bolt sees the request.
 */
export class CheckedHTTPReceiver extends HTTPReceiver {
  constructor(options: HTTPReceiverOptions & { signingSecret: string }, extraRoutes?: HealthRoutes) {
    super(options);
    const inner = this.requestListener;
    this.requestListener = (req, res) => {
      if (extraRoutes?.(req, res)) return;
      if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== EVENTS_PATH) return inner(req, res);
      refuseOddBody(req, res, options.signingSecret).then(
        (refused) => {
          if (!refused) inner(req, res);
        },
        (e) => {
          log.error('slack_request_failed', { kind: 'http', error: errorMessage(e) });
          if (!res.headersSent) res.writeHead(500).end();
        },
      );
    };
  }
}

/** True if the request was answered here: a body that could not be read, or a signed non-object. */
async function refuseOddBody(req: IncomingMessage, res: ServerResponse, signingSecret: string): Promise<boolean> {
  let buffered;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
  } catch (e) {
    const tooLarge = isRawBodyError(e) && (e as { statusCode?: number }).statusCode === 413;
    log.warn(SLACK_REQUEST_REFUSED, { reason: tooLarge ? 'body too large' : 'body unreadable' });
    res.writeHead(tooLarge ? 413 : 400).end();
    return true;
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return false; // Bolt answers malformed bodies itself (401 unsigned, 400 signed).
  }
  if (isPlainObject(body)) return false;
  try {
    await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ enabled: true, signingSecret }, buffered);
  } catch {
    return false; // Unsigned: Bolt's 401.
  }
  log.warn(SLACK_REQUEST_REFUSED, { reason: 'body is not a JSON object', kind: kindOf(body) });
  res.writeHead(400).end();
  return true;
}
