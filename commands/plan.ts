// /plan: a reading plan for a channel (start, status, next, back, stop), so the bot follows a
// group through one document in order: the daily posts, /daily today and the spoiler limits of
// the other commands read where the group is from the plan service the platform wires in.
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../src/bot/command.js';
import type { DailyChannel } from '../src/bot/daily.js';
import { describeDays, sameDays } from '../src/bot/days.js';
import { managesPlans, type PlanStatus, type ReadingPlans } from '../src/bot/plan.js';
import { parsePace, splitPlanArgs } from '../src/bot/plan-words.js';
import type { Reply } from '../src/bot/reply.js';
import { refusedChange } from './shared.js';
import { parseDays, parseTimezone } from '../src/bot/schedule-words.js';
import { UserError } from '../src/core/errors.js';

const SUBCOMMANDS = ['status', 'start', 'next', 'back', 'stop'] as const;
const text = (error: string) => z.string({ error }).trim().optional();

const info = (title: string, lines: string[], notes: string[] = []): Reply => ({ kind: 'notice', visibility: 'private', title, lines, notes, actions: [] });

/** What /plan status and the replies to changes say: where the group is, what comes next, when it ends. */
export function describePlan(s: PlanStatus): string[] {
  if (s.state === 'broken') return [s.problem ?? 'The plan cannot go on.'];
  const lines = [`Reading "${s.doc.title}": ${s.pace}, ${describeDays(s.days)} (${s.timezone}); ${s.totalDays} readings in all.`];
  if (s.state === 'not-started' && s.next) lines.push(`Starts ${s.next.date} with ${s.next.label}.`);
  if (s.state === 'finished') lines.push(`Finished: the group has read all of "${s.doc.title}". /plan start begins another.`);
  if (s.today) lines.push(`Today (day ${s.today.number} of ${s.totalDays}): ${s.today.label}.`);
  else if (s.current) lines.push(`No reading today. The group is at day ${s.current.number} of ${s.totalDays}: ${s.current.label}.`);
  if (s.next && s.state !== 'not-started') lines.push(`Next: ${s.next.label}, ${s.next.date}.`);
  if (s.finishes && s.state !== 'finished') lines.push(`Finishes ${s.finishes.date} (day ${s.finishes.number}: ${s.finishes.label}).`);
  return lines;
}

function here(ctx: CommandContext): DailyChannel {
  if (!ctx.here) throw new UserError('Reading plans need a channel; this front end has none.', 'no_channel');
  return ctx.here;
}

function service(ctx: CommandContext): ReadingPlans {
  if (!managesPlans(ctx.plans)) throw new UserError('Reading plans are not set up on this bot (it has no database).', 'no_plans');
  return ctx.plans;
}

function resolves(ctx: CommandContext, source: string): boolean {
  try {
    ctx.library.resolveSource(source);
    return true;
  } catch {
    return false;
  }
}

const mayChange = (ctx: CommandContext, channel: DailyChannel) =>
  refusedChange(ctx, channel, { its: 'its reading plan', plain: 'the reading plan', instead: '/plan status shows where the group is.' });

export const plan = defineCommand({
  name: 'plan',
  description: 'A reading plan for this channel: one document in order, a section or a few passages a day.',
  usage: '/plan start <source> [pace] | status | next | back | stop',
  visibility: (raw) => (raw.subcommand === undefined || raw.subcommand === 'status' ? 'public' : 'private'),
  example: '/plan start hot-chips 3 passages weekdays',
  options: [],
  subcommands: [
    { name: 'status', description: 'Where the group is, what comes next, and when the plan finishes', options: [] },
    {
      name: 'start',
      description: 'Start reading a document in order in this channel (replaces any plan here)',
      options: [
        { name: 'source', description: 'The document to read (id or title)', type: 'string', autocomplete: 'source' },
        { name: 'pace', description: 'How much a day: 1 section a day (default), 3 passages a day, 2 sections a week', type: 'string' },
        { name: 'days', description: 'Reading days: every day, weekdays, mon,wed,fri (default: the daily posts’ days)', type: 'string' },
        { name: 'timezone', description: 'Time zone of the reading days (default: the daily posts’ zone)', type: 'string', autocomplete: 'timezone' },
        { name: 'args', description: 'Free text: hot-chips 3 passages weekdays', type: 'string', rest: true, hidden: true },
      ],
    },
    { name: 'next', description: 'Move the group one reading forward', options: [] },
    { name: 'back', description: 'Move the group one reading back', options: [] },
    { name: 'stop', description: 'End the reading plan in this channel', options: [] },
  ],
  schema: z.object({
    subcommand: z
      .enum(SUBCOMMANDS, {
        error: (i) =>
          `/plan has no ${typeof i.input === 'string' && i.input.trim() ? `"${i.input.trim().slice(0, 40)}"` : 'such'} subcommand; try /plan start, status, next, back or stop.`,
      })
      .default('status'),
    source: text('Give the document as its id or title, for example source:hot-chips.'),
    pace: text('Give the pace as words, for example "3 passages a day" or "sections weekdays".'),
    days: text('Give the days as words, for example weekdays or mon,wed,fri.'),
    timezone: text('Give the time zone as a name like Europe/Berlin or UTC.'),
    args: text('Type the document and the pace as words, for example /plan start hot-chips 3 passages weekdays.'),
  }),
  async run(ctx, input) {
    const channel = here(ctx);
    const plans = service(ctx);
    switch (input.subcommand) {
      case 'status': {
        const status = await plans.status(channel, ctx.now);
        if (!status) return { ...info('No reading plan here', [`Start one with ${'/plan start <source> [pace]'}, for example /plan start hot-chips 3 passages weekdays.`]), visibility: 'public' };
        return { ...info(status.state === 'broken' ? 'The reading plan is stuck' : 'Reading plan', describePlan(status)), visibility: 'public' };
      }
      case 'start': {
        const refused = await mayChange(ctx, channel);
        if (refused) return refused;
        const words = input.args ? splitPlanArgs(input.args) : { source: '', pace: '' };
        // "hot-chips lots of pages": no word looked like a pace, but the first word names a document,
        // so the rest was meant as one and deserves the pace's own answer.
        if (!words.pace && words.source.includes(' ') && !resolves(ctx, words.source)) {
          const [first, ...rest] = words.source.split(' ');
          if (resolves(ctx, first!)) Object.assign(words, { source: first, pace: rest.join(' ') });
        }
        const source = input.source || words.source;
        if (!source) throw new UserError('Which document should the group read? For example /plan start hot-chips; /sources lists them.', 'no_source');
        const pace = parsePace(input.pace ?? words.pace);
        const days = input.days ? parseDays(input.days) : pace.days;
        if (input.days && pace.days && !sameDays(days!, pace.days)) {
          throw new UserError(`The pace names ${describeDays(pace.days)} and days names ${describeDays(days!)}; please give the days once.`, 'two_day_sets');
        }
        const timezone = input.timezone ? parseTimezone(input.timezone) : undefined;
        const status = await plans.start(channel, { source, pace: pace.pace, ...(days ? { days } : {}), ...(timezone ? { timezone } : {}) }, ctx.userId ?? 'unknown', ctx.now);
        const notes: string[] = [];
        // A reading day the channel does not post on is still read: say so rather than surprise the group.
        const daily = await ctx.daily?.status(channel);
        if (!daily) notes.push('This channel has no daily posts: /daily subscribe posts each reading at a set time.');
        else if (status.days.some((d) => !daily.days.includes(d))) {
          notes.push(`Daily posts here go out ${describeDays(daily.days)}, so some reading days will not be posted; /daily subscribe days:${describeDays(status.days)} matches them.`);
        }
        return info('Reading plan started', describePlan(status), notes);
      }
      case 'next':
      case 'back': {
        const refused = await mayChange(ctx, channel);
        if (refused) return refused;
        const status = await plans.move(channel, input.subcommand === 'next' ? 1 : -1, ctx.now);
        if (!status) return info('No reading plan here', ['Start one with /plan start <source> [pace].']);
        return info(input.subcommand === 'next' ? 'Moved one reading forward' : 'Moved one reading back', describePlan(status));
      }
      case 'stop': {
        const refused = await mayChange(ctx, channel);
        if (refused) return refused;
        const removed = await plans.stop(channel);
        return info(removed ? 'Reading plan stopped' : 'There was no reading plan to stop', removed ? ['Daily posts here go back to the excerpt of the day. /plan start begins another plan.'] : []);
      }
    }
  },
});
