import { z } from 'zod';
import { defineCommand } from '../src/bot/command.js';
import { COMMANDS } from './index.js';

export const help = defineCommand({
  name: 'help',
  description: 'Every command, with an example.',
  usage: '/help',
  visibility: 'private',
  example: '/help',
  options: [],
  schema: z.object({}),
  run() {
    return {
      kind: 'help',
      visibility: 'private',
      title: 'Reading-group bot commands',
      commands: COMMANDS.map((c) => ({ name: c.name, usage: c.usage, description: c.description, example: c.example })),
      notes: ['Add source:NAME to /quote, /topic or /discuss to stay within one document (see /sources for the names).'],
      actions: [],
    };
  },
});
