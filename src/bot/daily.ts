// What the /daily commands need from the subscription service, as an interface: the commands stay
// platform-neutral and know nothing of SQLite or cron; the service is wired in by main.ts.
import type { DaySet } from './days.js';

/** A platform's id ('discord', 'slack', 'terminal', ...): the platforms declare theirs; nothing here lists them. */
export type DailyPlatform = string;

/** A place daily excerpts can be posted. */
export interface DailyChannel {
  platform: DailyPlatform;
  /** The platform's own channel id ('terminal' for the terminal). */
  channelId: string;
  /** Discord guild or Slack workspace. */
  workspaceId?: string;
}

export interface DailySchedule {
  /** 'HH:MM', 24 hours. */
  time: string;
  /** IANA zone, e.g. Europe/Berlin. */
  timezone: string;
  /** The local weekdays it posts on. */
  days: DaySet;
}

export interface DailyStatus extends DailySchedule {
  channel: DailyChannel;
  /** The next post, in the subscriber's zone, written for people ("Mon 24 Nov 2026, 09:00 CET"). */
  nextPost: string;
  lastPost?: { at: string; messageId?: string };
  lastError?: { at: string; message: string };
}

export interface DailyService {
  subscribe(channel: DailyChannel, schedule: DailySchedule, by: string): Promise<DailyStatus>;
  /** False when the channel had no subscription. */
  unsubscribe(channel: DailyChannel): Promise<boolean>;
  status(channel: DailyChannel): Promise<DailyStatus | undefined>;
  /** What is wrong with the saved state (its file deleted or replaced under the bot), and how to restore it. */
  stateProblem?(): Promise<{ message: string; restore: string } | undefined>;
  /** The passage posted (or to be posted) in this channel on its local date of `now`, if subscribed. */
  todaysPassage(channel: DailyChannel, now: Date): Promise<{ passageId: string; localDate: string } | undefined>;
}
