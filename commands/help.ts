// /help: every command with its usage and an example. The list comes in the context, so this
// file does not import the command list that includes it.
import { z } from 'zod';
import { defineCommand } from '../src/bot/command.js';

export const help = defineCommand({
  name: 'help',
  description: 'Every command, with an example.',
  usage: '/help',
  visibility: 'private',
  example: '/help',
  options: [],
  schema: z.object({}),
  run(ctx) {
    return {
      kind: 'help',
      visibility: 'private',
      title: 'Reading-group bot commands',
      commands: (ctx.commands ?? []).map((c) => ({ name: c.name, usage: c.usage, description: c.description, example: c.example })),
      notes: ['Add source:NAME to /quote, /topic or /discuss to stay within one document (see /sources for the names).'],
      actions: [],
    };
  },
});
