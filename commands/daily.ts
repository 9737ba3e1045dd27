// /daily: today's excerpt for a channel, and managing the channel's daily posts (subscribe,
// unsubscribe, status) through the DailyService the platform wires in.
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../src/bot/command.js';
import type { DailyChannel, DailyStatus } from '../src/bot/daily.js';
import { EVERY_DAY, WEEKDAYS as MONDAY_TO_FRIDAY, describeDays, sameDays, type DaySet } from '../src/bot/days.js';
import { UserError } from '../src/core/errors.js';
import { dailyExcerpt } from '../src/bot/daily-excerpt.js';
import { managesPlans } from '../src/bot/plan.js';
import { within } from '../src/core/search/horizon.js';
import { errorReply, type Reply } from '../src/bot/reply.js';
import { refusedChange } from './shared.js';
import { parseDays, parseScheduleWords, parseTime, parseTimezone } from '../src/bot/schedule-words.js';

/** A real calendar date as YYYY-MM-DD (rejects 2026-02-30 and friends). */
const DATE = 'Give the date as YYYY-MM-DD, for example 2026-03-14.';
export const isoDate = z
  .string({ error: DATE })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: DATE })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { message: 'That date does not exist on the calendar; give a real one as YYYY-MM-DD, for example 2026-03-14.' });

const SUBCOMMANDS = ['today', 'subscribe', 'unsubscribe', 'status'] as const;
/** A text option, with the sentence a value that is not text gets. */
const text = (error: string) => z.string({ error }).trim().optional();
const WEEKDAYS = 'Say weekdays:true to post Monday to Friday only, or weekdays:false for every day.';

function describeSchedule(s: DailyStatus): string[] {
  const lines = [`Posts at ${s.time} ${s.timezone}, ${describeDays(s.days)}.`, `Next post: ${s.nextPost}.`];
  lines.push(s.lastPost ? `Last post: ${s.lastPost.at}.` : 'Nothing posted yet.');
  if (s.lastError) lines.push(`Last error (${s.lastError.at}): ${s.lastError.message}`);
  return lines;
}

const info = (title: string, lines: string[]): Reply => ({ kind: 'notice', visibility: 'private', title, lines, notes: [], actions: [] });

/** Where a subscription command applies: the channel named, else the one it was typed in. */
function target(ctx: CommandContext, channelId: string | undefined): DailyChannel {
  if (!ctx.here) throw new UserError('Daily posts need a channel; this front end has none.', 'no_channel');
  return { ...ctx.here, channelId: channelId ?? ctx.here.channelId };
}

/**
 * The days Discord's options give: `days` (any set the free text takes) or the older boolean
 * `weekdays`, kept so weekdays:True still works. Both at once must agree.
 */
function optionDays(days: string | undefined, weekdays: boolean | undefined): DaySet | undefined {
  const fromFlag = weekdays === undefined ? undefined : weekdays ? MONDAY_TO_FRIDAY : EVERY_DAY;
  if (days === undefined || !days) return fromFlag;
  const parsed = parseDays(days);
  if (fromFlag && !sameDays(parsed, fromFlag)) {
    throw new UserError(`You asked for ${describeDays(parsed)} and weekdays:${weekdays}; please give only days.`, 'two_day_sets');
  }
  return parsed;
}

async function mayChange(ctx: CommandContext, channel: DailyChannel): Promise<Reply | undefined> {
  if (!ctx.daily) return errorReply('no_daily', 'Daily posts are not set up on this bot (it has no database).');
  return refusedChange(ctx, channel, { its: 'its daily posts', plain: 'daily posts', instead: '/daily status shows the schedule.' });
}

export const daily = defineCommand({
  name: 'daily',
  description: "Today's excerpt, and daily posts in this channel at your local time, without repeats.",
  usage: '/daily today | subscribe [time] [timezone] [days] [#channel] | unsubscribe [#channel] | status',
  // Today's excerpt is for the channel; managing its subscription is between the bot and one person.
  visibility: (raw) => (raw.subcommand === undefined || raw.subcommand === 'today' ? 'public' : 'private'),
  example: '/daily subscribe 09:00 Europe/Berlin weekdays',
  options: [],
  subcommands: [
    {
      name: 'today',
      description: "Show today's excerpt for this channel",
      options: [{ name: 'date', description: 'Show the excerpt of another day (YYYY-MM-DD)', type: 'string' }],
    },
    {
      name: 'subscribe',
      description: 'Post an excerpt in a channel every day at a set time',
      options: [
        { name: 'channel', description: 'Where to post (default: this channel)', type: 'channel' },
        { name: 'time', description: 'Time of day, e.g. 09:00 or 9am (default 09:00)', type: 'string' },
        { name: 'timezone', description: 'Time zone, e.g. Europe/Berlin (default: the bot’s DAILY_TIMEZONE)', type: 'string', autocomplete: 'timezone' },
        { name: 'days', description: 'Which days: every day (default), weekdays, weekends, mon,wed,fri or mon-thu', type: 'string' },
        { name: 'weekdays', description: 'Post Monday to Friday only (the days option says more)', type: 'boolean' },
        { name: 'args', description: 'Free text: 09:00 Europe/Berlin weekends #channel', type: 'string', rest: true, hidden: true },
      ],
    },
    {
      name: 'unsubscribe',
      description: 'Stop the daily posts in a channel',
      options: [
        { name: 'channel', description: 'Which channel (default: this channel)', type: 'channel' },
        { name: 'args', description: 'Free text: #channel', type: 'string', rest: true, hidden: true },
      ],
    },
    { name: 'status', description: "This channel's daily posts: schedule, next and last post, last error", options: [] },
  ],
  schema: z.object({
    subcommand: z
      .enum(SUBCOMMANDS, {
        error: (i) =>
          `/daily has no ${typeof i.input === 'string' && i.input.trim() ? `"${i.input.trim().slice(0, 40)}"` : 'such'} subcommand; try /daily today, subscribe, unsubscribe or status.`,
      })
      .default('today'),
    date: isoDate.optional(),
    channel: text('Give the channel as a #channel link, or leave it out to use this channel.'),
    time: text('Give the time as 09:00 or 9am.'),
    timezone: text('Give the time zone as a name like Europe/Berlin or UTC.'),
    days: text('Give the days as words, for example weekends or mon,wed,fri.'),
    weekdays: z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')], { error: WEEKDAYS }).optional(),
    args: text('Type the schedule as words, for example /daily subscribe 09:00 Europe/Berlin weekdays.'),
  }),
  async run(ctx, input) {
    switch (input.subcommand) {
      case 'today': {
        const here = ctx.here;
        // A channel reading a plan sees the plan's day, as its daily post shows it.
        const reading = here && managesPlans(ctx.plans) ? await ctx.plans.todaysReading?.(here, ctx.now, input.date) : undefined;
        if (reading) return reading;
        // Nothing further on than the channel's reading plan has reached on that day (spoiler limit).
        const reach = here && (await ctx.plans?.reach(here, input.date ? new Date(`${input.date}T12:00:00Z`) : ctx.now));
        if (input.date) {
          const p = ctx.library.dailyPick(ctx.channelKey, input.date, reach);
          return excerpt(ctx, p.id, input.date);
        }
        // A subscribed channel sees the passage its daily post uses (or will use) today.
        const planned = here && (await ctx.daily?.todaysPassage(here, ctx.now));
        const known = planned && ctx.library.corpus.byId.get(planned.passageId);
        if (planned && known && within(reach, known)) return excerpt(ctx, planned.passageId, planned.localDate);
        const date = ctx.now.toISOString().slice(0, 10);
        return excerpt(ctx, ctx.library.dailyPick(ctx.channelKey, date, reach).id, date);
      }
      case 'subscribe': {
        const words = input.args ? parseScheduleWords(input.args, ctx.here?.platform) : {};
        const channel = target(ctx, input.channel ?? words.channel);
        const refused = await mayChange(ctx, channel);
        if (refused) return refused;
        // Subscribing again changes only what is given: "/daily subscribe 10:00" keeps the zone.
        const current = await ctx.daily!.status(channel);
        const schedule = {
          time: parseTime(input.time ?? words.time ?? current?.time ?? '09:00'),
          timezone: parseTimezone(input.timezone ?? words.timezone ?? current?.timezone ?? ctx.defaultTimezone ?? 'UTC'),
          days: optionDays(input.days, input.weekdays) ?? words.days ?? current?.days ?? EVERY_DAY,
        };
        const blocked = await ctx.checkChannel?.(channel.channelId);
        if (blocked) return errorReply('cannot_post', `I can't post daily excerpts there: ${blocked}`);
        const status = await ctx.daily!.subscribe(channel, schedule, ctx.userId ?? 'unknown');
        return info('Daily excerpts are on', describeSchedule(status).slice(0, 2));
      }
      case 'unsubscribe': {
        const words = input.args ? parseScheduleWords(input.args, ctx.here?.platform) : {};
        const channel = target(ctx, input.channel ?? words.channel);
        const refused = await mayChange(ctx, channel);
        if (refused) return refused;
        const removed = await ctx.daily!.unsubscribe(channel);
        return info(removed ? 'Daily excerpts are off' : 'There were no daily excerpts to stop', removed ? ['Subscribe again any time with /daily subscribe.'] : []);
      }
      case 'status': {
        if (!ctx.daily || !ctx.here) return errorReply('no_daily', 'Daily posts are not set up on this bot (it has no database).');
        const status = await ctx.daily.status(ctx.here);
        // A broken state file is said first: what status shows next may no longer be true.
        const broken = await ctx.daily.stateProblem?.();
        if (broken) return info('Daily excerpts: the saved state is damaged', [broken.message, broken.restore, ...(status ? describeSchedule(status) : [])]);
        if (!status) return info('No daily excerpts here', ['Start them with /daily subscribe 09:00 Europe/Berlin (time, zone and days such as weekdays or weekends are optional).']);
        return info('Daily excerpts in this channel', describeSchedule(status));
      }
    }
  },
});

function excerpt(ctx: CommandContext, passageId: string, date: string): Reply {
  return dailyExcerpt(ctx.library, passageId, date);
}
