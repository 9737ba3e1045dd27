// startFakeLlm(): an OpenAI-compatible chat-completions server on 127.0.0.1 for tests, so the real
// client (src/llm) is exercised over real HTTP without a model or the network. It records every
// request and answers as the test says: good questions, a misquote, fenced JSON, an HTTP error,
// a broken body, or nothing at all (to exercise the timeout, with its sockets counted).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Waiters } from '../waiters.js';

export type FakeLlmAnswer =
  /** 200 with these questions as the message content: a JSON array, or inside a ```json fence. */
  | { kind: 'questions'; questions: string[]; fenced?: boolean }
  /** 200 with exactly this message content. */
  | { kind: 'content'; content: string }
  /**
   * 200 with questions that quote five words of the passage in the request (the text between
   * <passage> and </passage> in the last user message), word for word; with `misquote`, one of the
   * quoted words is changed. For end-to-end tests, where the passage is not known in advance.
   */
  | { kind: 'quote-passage'; misquote?: boolean }
  /** This HTTP status, with an OpenAI-style error body unless one is given. */
  | { kind: 'status'; status: number; body?: string }
  /** This body as is, with status 200 unless given: malformed JSON, a wrong shape. */
  | { kind: 'raw'; body: string; status?: number }
  /** Reads the request and never answers; the connection stays open until the client gives up. */
  | { kind: 'hang' };

export interface FakeLlmRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent. */
  raw: string;
  /** The body parsed as JSON, when it is. */
  body?: { model?: unknown; messages?: Array<{ role: string; content: string }>; temperature?: unknown } & Record<string, unknown>;
  /** Whether the connection it came on has closed since (a client giving up closes its own). */
  connectionClosed: boolean;
}

export interface FakeLlmOptions {
  /** How to answer each request. Default: two questions with no quotations. */
  answer?: FakeLlmAnswer | ((request: FakeLlmRequest) => FakeLlmAnswer);
}

export interface FakeLlm {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** `http://127.0.0.1:PORT/v1`, what LLM_BASE_URL is set to. */
  readonly baseUrl: string;
  /** Every request, in order, chat completions or not. */
  readonly requests: FakeLlmRequest[];
  /** Changes how later requests are answered. */
  answerWith(answer: FakeLlmAnswer | ((request: FakeLlmRequest) => FakeLlmAnswer)): void;
  /** Connections open now, idle kept-alive ones included. */
  openConnections(): number;
  /** Waits until `check` holds, re-checked after each request and connection change. */
  waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
  /** Closes the server and every connection still open. */
  close(): Promise<void>;
}

export const DEFAULT_QUESTIONS = [
  'What would a group have to believe for the main claim here to hold?',
  'Where does the passage leave room for disagreement, and what would settle it?',
];

const QUOTABLE_WORD = /^[\p{L}\p{N}][\p{L}\p{N},;:’'-]*$/u;

/** Five consecutive plain words of the passage in the request (no quote marks in them), if any. */
function quotableRun(request: FakeLlmRequest): string[] | undefined {
  const users = (request.body?.messages ?? []).filter((m) => m.role === 'user');
  const content = users[users.length - 1]?.content ?? '';
  const passage = /<passage>\n?([\s\S]*?)\n?<\/passage>/.exec(content)?.[1] ?? content;
  const words = passage.split(/\s+/).filter(Boolean);
  for (let i = 0; i + 5 <= words.length; i++) {
    const run = words.slice(i, i + 5);
    if (run.every((w) => QUOTABLE_WORD.test(w))) return run.map((w, j) => (j === 4 ? w.replace(/[,;:]+$/, '') : w));
  }
  return undefined;
}

function quotingQuestions(request: FakeLlmRequest, misquote: boolean): string[] {
  const run = quotableRun(request);
  if (!run) return DEFAULT_QUESTIONS;
  const words = [...run];
  // A changed word keeps its neighbours, as a model's paraphrase does.
  if (misquote) words[2] = words[2] === 'certainly' ? 'surely' : 'certainly';
  return [`What does the text mean by “${words.join(' ')}”, and do you agree?`, DEFAULT_QUESTIONS[1]!];
}

function completion(model: unknown, content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof model === 'string' ? model : 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

export async function startFakeLlm(opts: FakeLlmOptions = {}): Promise<FakeLlm> {
  const requests: FakeLlmRequest[] = [];
  const sockets = new Set<Socket>();
  // The requests each kept-alive connection carried, marked when it closes.
  const onSocket = new WeakMap<Socket, FakeLlmRequest[]>();
  const waiters = new Waiters('fake-llm');
  let answer = opts.answer ?? { kind: 'questions', questions: DEFAULT_QUESTIONS };

  const respond = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    let body: FakeLlmRequest['body'];
    try {
      body = JSON.parse(raw) as FakeLlmRequest['body'];
    } catch {
      body = undefined;
    }
    const request: FakeLlmRequest = { method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, raw, body, connectionClosed: req.socket.destroyed };
    onSocket.get(req.socket)?.push(request);
    requests.push(request);
    waiters.notify();
    // Like Ollama and llama.cpp: chat completions under /v1, a 404 anywhere else.
    if (request.method !== 'POST' || new URL(request.path, 'http://x').pathname !== '/v1/chat/completions') {
      send(res, 404, JSON.stringify({ error: `404 page not found: ${request.path}` }));
      return;
    }
    const a = typeof answer === 'function' ? answer(request) : answer;
    const model = body?.model;
    switch (a.kind) {
      case 'questions': {
        const json = JSON.stringify(a.questions, null, 2);
        send(res, 200, completion(model, a.fenced ? `Here are the questions:\n\n\`\`\`json\n${json}\n\`\`\`` : json));
        return;
      }
      case 'content':
        send(res, 200, completion(model, a.content));
        return;
      case 'quote-passage':
        send(res, 200, completion(model, JSON.stringify(quotingQuestions(request, a.misquote ?? false))));
        return;
      case 'status':
        send(res, a.status, a.body ?? JSON.stringify({ error: { message: `fake error ${a.status}`, type: 'fake', code: a.status } }));
        return;
      case 'raw':
        send(res, a.status ?? 200, a.body);
        return;
      case 'hang':
        return;
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => respond(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    onSocket.set(socket, []);
    waiters.notify();
    socket.on('close', () => {
      sockets.delete(socket);
      for (const r of onSocket.get(socket) ?? []) r.connectionClosed = true;
      waiters.notify();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    baseUrl: `${origin}/v1`,
    requests,
    answerWith(next) {
      answer = next;
    },
    openConnections: () => sockets.size,
    waitFor: (check, what, timeoutMs = 10_000) => waiters.waitFor(check, timeoutMs, what),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
