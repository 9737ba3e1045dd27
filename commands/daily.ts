import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';

/** A real calendar date as YYYY-MM-DD (rejects 2026-02-30 and friends). */
export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Dates look like 2026-03-14 (YYYY-MM-DD).' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { message: 'That date does not exist on the calendar. Dates look like 2026-03-14 (YYYY-MM-DD).' });

export const daily = defineCommand({
  name: 'daily',
  description: "Today's excerpt: the same for everyone in the channel, no repeats until all have been shown.",
  usage: '/daily today [date:YYYY-MM-DD]',
  example: '/daily today',
  options: [],
  subcommands: [
    {
      name: 'today',
      description: "Show today's excerpt for this channel",
      options: [{ name: 'date', description: 'Show the excerpt of another day (YYYY-MM-DD)', type: 'string' }],
    },
  ],
  schema: z.object({
    subcommand: z.enum(['today'], { error: (i) => `/daily has no "${String(i.input)}" subcommand; try /daily today.` }).default('today'),
    date: isoDate.optional(),
  }),
  run(ctx, input) {
    const date = input.date ?? ctx.now.toISOString().slice(0, 10);
    const p = ctx.library.dailyPick(ctx.channelKey, date);
    return {
      kind: 'passages',
      visibility: 'public',
      title: `Excerpt of the day, ${date}`,
      passages: [ctx.library.toReply(p)],
      notes: [],
      actions: [{ kind: 'context', passageId: p.id }],
    };
  },
});
