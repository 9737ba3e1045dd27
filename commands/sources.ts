import { z } from 'zod';
import { defineCommand } from '../src/bot/command.js';

export const sources = defineCommand({
  name: 'sources',
  description: 'The documents in the library, with kind, speakers and passage counts.',
  usage: '/sources',
  visibility: 'private',
  example: '/sources',
  options: [],
  schema: z.object({}),
  run(ctx) {
    return { kind: 'sources', visibility: 'private', title: 'Sources', sources: ctx.library.sources(), notes: [], actions: [] };
  },
});
