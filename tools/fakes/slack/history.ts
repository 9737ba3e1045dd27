// Fake conversations.history: a channel's top-level messages, newest first, between `oldest` and
// `latest`, paged by cursor, with message metadata only when `include_all_metadata` asks for it
// (as on Slack). Kept apart from web-api.ts so the method reads on its own.
import { truthy, type Json } from './util.js';
import type { MethodContext, WebApi } from './web-api.js';
import type { World } from './world.js';

const MAX_LIMIT = 999;

const tsNumber = (v: Json): number | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

export function registerHistory(api: WebApi, world: World): void {
  api.register('conversations.history', ({ args }: MethodContext) => {
    const channel = world.resolveChannel(args.channel);
    if (!world.visibleToBot(channel)) return { ok: false, error: 'channel_not_found' };
    if (!world.botIsMember(channel)) return { ok: false, error: 'not_in_channel' };
    const oldest = tsNumber(args.oldest);
    const latest = tsNumber(args.latest);
    const inclusive = truthy(args.inclusive);
    const limit = Math.max(1, Math.min(MAX_LIMIT, Number(args.limit ?? 100) || 100));
    // The cursor is the ts the next page starts below (exclusive), as an opaque base64 string.
    const below = typeof args.cursor === 'string' && args.cursor ? tsNumber(Buffer.from(args.cursor, 'base64').toString('utf8').replace(/^next_ts:/, '')) : undefined;
    const inRange = world.messages
      .filter((m) => m.channel === channel.id && !m.deleted)
      .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
      .filter((m) => {
        const ts = Number(m.ts);
        if (oldest !== undefined && (inclusive ? ts < oldest : ts <= oldest)) return false;
        if (latest !== undefined && (inclusive ? ts > latest : ts >= latest)) return false;
        if (below !== undefined && ts >= below) return false;
        return true;
      })
      .sort((a, b) => Number(b.ts) - Number(a.ts));
    const page = inRange.slice(0, limit);
    const hasMore = inRange.length > page.length;
    const withMetadata = truthy(args.include_all_metadata);
    const messages = page.map((m) => {
      const out = world.messageObject(m);
      if (!withMetadata) delete out.metadata;
      return out;
    });
    const next = hasMore ? Buffer.from(`next_ts:${page[page.length - 1]!.ts}`).toString('base64') : '';
    return { ok: true, messages, has_more: hasMore, pin_count: 0, ...(hasMore ? { response_metadata: { next_cursor: next } } : {}) };
  });
}
