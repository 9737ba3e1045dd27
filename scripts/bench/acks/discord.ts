// The Discord side of the acks bench: the fake Discord, the commands of the mix as interactions,
// the first response timed as the first POST to the interaction's callback (reply, defer, update
// or autocomplete result, whatever its status: a callback after 3 s is refused, as Discord does),
// and the answer (the reply, or the edit of a deferral) classified.
import { startFakeDiscord, type FakeDiscord } from '../../../tools/fakes/discord/index.js';
import { DISCORD_READY } from '../../../src/platforms/discord/bot.js';
import type { AckSample, Driver, ReplyClass, Spec } from './types.js';
import { poll } from './waiting.js';

/** Discord: a callback's or webhook edit's data. */
export function classifyDiscord(type: number | undefined, data: unknown): ReplyClass {
  const d = (data ?? {}) as { content?: unknown; embeds?: unknown[]; choices?: unknown[] };
  if (type === 8) return (d.choices?.length ?? 0) > 0 ? 'answer' : 'empty';
  const text = String(d.content ?? '');
  if (/still loading/i.test(text)) return 'still_loading';
  if ((d.embeds?.length ?? 0) > 0) return 'answer';
  if (/I found nothing about/i.test(text)) return 'no_results';
  return 'error';
}

export async function startDiscordDriver(): Promise<Driver> {
  return new DiscordDriver(await startFakeDiscord());
}

class DiscordDriver implements Driver {
  readonly platform = 'discord';
  readonly readyEvent = DISCORD_READY;
  /** The last /topic answer with a More button, for a later press. */
  private lastTopic: unknown;

  constructor(private readonly d: FakeDiscord) {}

  env(): Record<string, string> {
    const d = this.d;
    return { DISCORD_TOKEN: d.token, DISCORD_APP_ID: d.applicationId, DISCORD_GUILD_ID: d.ids.guildId, DISCORD_API_URL: d.apiUrl };
  }

  /** Commands registered, so the fake builds option types as Discord would (not fatal if slow). */
  async settle(): Promise<void> {
    await poll(() => this.d.commands(this.d.ids.guildId).length > 0, 10_000);
  }

  hasMore(): boolean {
    return Boolean(this.lastTopic);
  }

  newPhase(): void {
    this.lastTopic = undefined;
  }

  async send(sample: AckSample, spec: Spec, spawnedAt: number, timeoutMs: number): Promise<void> {
    const d = this.d;
    const target = { guildId: d.ids.guildId, channelId: d.ids.channelId, user: d.ids.userId };
    let payload;
    switch (spec.command) {
      case '/topic':
        payload = d.chatInput('topic', { query: spec.query! }, target);
        break;
      case '/quote':
        payload = d.chatInput('quote', { query: spec.query! }, target);
        break;
      case '/quote (random)':
        payload = d.chatInput('quote', {}, target);
        break;
      case '/daily today':
        payload = d.chatInput('daily', {}, { ...target, subcommand: 'today' });
        break;
      case 'autocomplete /quote query':
        payload = d.autocomplete('quote', 'query', spec.query!, target);
        break;
      case 'button More': {
        const message = this.lastTopic as { components?: { components?: { label?: string; custom_id?: string }[] }[] };
        const more = message.components?.flatMap((r) => r.components ?? []).find((c) => c.label === 'More');
        if (!more?.custom_id) throw new Error('the /topic reply had no More button');
        payload = d.button(more.custom_id, message as never, d.ids.userId, target);
        break;
      }
      default:
        throw new Error(`unknown command ${spec.command}`);
    }
    const { id } = d.sendInteraction(payload);
    sample.id = id;
    const createdAt = d.interaction(id)!.createdAt;
    sample.sentAtMs = createdAt - spawnedAt;
    const first = await poll(() => d.interactionCallbacks.find((c) => c.interactionId === id), timeoutMs);
    if (!first) return;
    sample.firstMs = first.at - createdAt;
    sample.first = first.type;
    sample.status = first.status;
    if (first.status >= 400) {
      sample.reply = 'rejected';
      return;
    }
    // The answer: the reply itself, or what replaced the "thinking…" of a deferral.
    const final = await poll(() => {
      const events = d.interactionResponses(id);
      const cb = events.find((e) => e.kind === 'callback');
      if (cb && cb.type !== 5 && cb.type !== 6) return cb;
      return events.find((e) => e.kind === 'editOriginal' || e.kind === 'followup');
    }, timeoutMs);
    if (!final) return;
    sample.reply = classifyDiscord(final.kind === 'callback' ? final.type : undefined, final.data);
    // A /topic with more results than one page has a More button: keep it for a later press.
    const rows = (final.message as { components?: { components?: { label?: string }[] }[] } | undefined)?.components ?? [];
    if (spec.command === '/topic' && sample.reply === 'answer' && rows.some((r) => r.components?.some((c) => c.label === 'More'))) this.lastTopic = final.message;
  }

  lateMs(id: string): number | undefined {
    const cb = this.d.interactionCallbacks.find((c) => c.interactionId === id);
    const st = this.d.interaction(id);
    return cb && st ? cb.at - st.createdAt : undefined;
  }

  connections() {
    return { discordGateway: this.d.gatewayConnections.length, discordResumes: this.d.resumeCount, discordIdentifies: this.d.identifyCount };
  }

  protocolErrors(): readonly string[] {
    return this.d.protocolErrors;
  }

  close(): Promise<void> {
    return this.d.close();
  }
}
