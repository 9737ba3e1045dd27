// The DailyService the /daily commands use, on top of the store and the scheduler: subscribing
// stores the schedule and (re)arms its trigger; status and today's passage come from the scheduler.
import type { DailyChannel, DailyService, DailyStatus } from '../bot/daily.js';
import { UserError } from '../core/errors.js';
import type { PlatformId, Store } from '../store/index.js';
import type { DailyScheduler } from './daily.js';
import { PostError, type Poster } from './poster.js';
import { localDate } from './time.js';

export function createDailyService(store: Store, scheduler: DailyScheduler, clock: () => Date = () => new Date()): DailyService {
  const status = async (channel: DailyChannel): Promise<DailyStatus | undefined> => {
    const s = await scheduler.status(channel.platform, channel.channelId);
    if (!s) return undefined;
    return {
      channel,
      time: s.time,
      timezone: s.timezone,
      days: s.days,
      nextPost: s.nextPostLocal,
      ...(s.lastPost ? { lastPost: { at: s.lastPost.atLocal, messageId: s.lastPost.messageId } } : {}),
      // An error that a later post has put right is history, not status.
      ...(s.lastError && !s.lastError.resolved ? { lastError: { at: s.lastError.atLocal, message: s.lastError.message } } : {}),
    };
  };
  // A change saved into a file that is gone would be lost at the next restart: refuse it, saying why.
  const refuseIfBroken = async () => {
    const problem = await store.problem();
    if (problem) throw new UserError(`I can't save daily-post changes right now. ${problem.message} ${problem.restore}`, 'state_broken');
  };
  return {
    async stateProblem() {
      const problem = await store.problem();
      return problem && { message: problem.message, restore: problem.restore };
    },
    async subscribe(channel, schedule, by) {
      await refuseIfBroken();
      const sub = await store.subscriptions.upsert({ platform: channel.platform, channelId: channel.channelId, workspaceId: channel.workspaceId, ...schedule, createdBy: by }, clock());
      scheduler.refresh(sub);
      return (await status(channel))!;
    },
    async unsubscribe(channel) {
      await refuseIfBroken();
      scheduler.unschedule(channel);
      return store.subscriptions.remove(channel.platform, channel.channelId);
    },
    status,
    async todaysPassage(channel, now) {
      const sub = await store.subscriptions.get(channel.platform, channel.channelId);
      if (!sub) return undefined;
      const passageId = await scheduler.todaysPassage(channel.platform, channel.channelId);
      return passageId ? { passageId, localDate: localDate(now, sub.timezone) } : undefined;
    },
  };
}

/** One Poster for the scheduler that hands each subscription to its platform's poster. */
export function routingPoster(posters: Partial<Record<PlatformId, Poster>>): Poster {
  return {
    post(sub, passageId, nonce, localDate, reply) {
      const poster = posters[sub.platform];
      if (!poster) return Promise.reject(new PostError(`${sub.platform} is not connected in this bot process.`, { code: 'platform_unavailable' }));
      return poster.post(sub, passageId, nonce, localDate, reply);
    },
    async findPosted(sub, mark) {
      return posters[sub.platform]?.findPosted?.(sub, mark);
    },
  };
}
