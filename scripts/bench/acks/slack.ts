// The Slack side of the acks bench: the fake Slack in Socket Mode, the commands of the mix as
// slash commands after the bot's own command and as button presses, the first response timed as
// the envelope acknowledgement the bot sends back over the websocket, and the answer (the
// response_url post) classified.
import { randomUUID } from 'node:crypto';
import { startFakeSlack, type FakeSlack } from '../../../tools/fakes/slack/index.js';
import { SLACK_READY } from '../../../src/platforms/slack/app.js';
import type { AckSample, Driver, ReplyClass, Spec } from './types.js';
import { poll } from './waiting.js';

type SlackBlock = { type?: string; text?: { text?: string }; elements?: { text?: string | { text?: string }; action_id?: string; value?: string }[] };

/** Slack: a response_url post. Errors are text only, or one section with an optional "Try:" context. */
export function classifySlack(body: unknown): ReplyClass {
  const b = (body ?? {}) as { text?: unknown; blocks?: SlackBlock[] };
  const text = String(b.text ?? '');
  if (/still loading/i.test(text)) return 'still_loading';
  if (/I found nothing about/i.test(text)) return 'no_results';
  const blocks = Array.isArray(b.blocks) ? b.blocks : [];
  if (!blocks.length) return 'error';
  const errorShaped =
    blocks.length <= 2 &&
    blocks[0]?.type === 'section' &&
    blocks.slice(1).every((x) => x.type === 'context' && /Try:/.test(JSON.stringify(x)));
  return errorShaped ? 'error' : 'answer';
}

export async function startSlackDriver(): Promise<Driver> {
  return new SlackDriver(await startFakeSlack());
}

class SlackDriver implements Driver {
  readonly platform = 'slack';
  readonly readyEvent = SLACK_READY;
  /** The More button of the last /topic answer that had one, for a later press. */
  private lastTopic: { action_id: string; value: string } | undefined;

  constructor(private readonly s: FakeSlack) {}

  env(): Record<string, string> {
    return { SLACK_BOT_TOKEN: this.s.botToken, SLACK_APP_TOKEN: this.s.appToken, SLACK_API_URL: this.s.apiUrl };
  }

  async settle(): Promise<void> {}

  hasMore(): boolean {
    return Boolean(this.lastTopic);
  }

  newPhase(): void {
    this.lastTopic = undefined;
  }

  async send(sample: AckSample, spec: Spec, spawnedAt: number, timeoutMs: number): Promise<void> {
    const s = this.s;
    let built;
    switch (spec.command) {
      case '/topic':
        // On Slack the commands are typed after the bot's own command (SLACK_COMMAND, /reading).
        built = s.slashCommand({ command: '/reading', text: `topic ${spec.query!}` });
        break;
      case '/quote':
        built = s.slashCommand({ command: '/reading', text: `quote ${spec.query!}` });
        break;
      case '/quote (random)':
        built = s.slashCommand({ command: '/reading', text: 'quote' });
        break;
      case 'action More':
        built = s.blockAction({ action_id: this.lastTopic!.action_id, value: this.lastTopic!.value, channel: s.ids.channelId });
        break;
      default:
        throw new Error(`unknown command ${spec.command}`);
    }
    const envelopeId = randomUUID();
    const acked = s.deliver(built, { timeoutMs, envelopeId });
    sample.id = envelopeId;
    const sent = s.envelopes.find((e) => e.envelope_id === envelopeId);
    sample.sentAtMs = (sent?.at ?? Date.now()) - spawnedAt;
    const ack = await acked.catch(() => undefined);
    if (!ack) return;
    sample.firstMs = ack.latencyMs;
    sample.first = 'ack';
    const post = await poll(() => s.responsesFor(built.responseId!)[0], timeoutMs);
    if (!post) return;
    sample.reply = post.status >= 400 ? 'error' : classifySlack(post.body);
    if (spec.command === '/topic' && sample.reply === 'answer') {
      const blocks = ((post.body as { blocks?: SlackBlock[] }).blocks ?? []) as SlackBlock[];
      const more = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).find((e) => (typeof e.text === 'object' ? e.text?.text : e.text) === 'More');
      if (more?.action_id && more.value) this.lastTopic = { action_id: more.action_id, value: more.value };
    }
  }

  lateMs(id: string): number | undefined {
    return this.s.acks.find((a) => a.envelope_id === id)?.latencyMs;
  }

  connections() {
    return { slackSockets: this.s.connectionCount, slackSocketsClosedByBot: this.s.connections.filter((c) => c.closedBy === 'client').length };
  }

  protocolErrors(): readonly string[] {
    return this.s.protocolErrors;
  }

  close(): Promise<void> {
    return this.s.close();
  }
}
