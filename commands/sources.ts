import { z } from 'zod';
import { defineCommand } from '../src/bot/command.js';
import { SKIPPED_SHOWN } from '../src/core/library/library.js';

export const sources = defineCommand({
  name: 'sources',
  description: 'The documents in the library, with kind, speakers and passage counts, and any files not served.',
  usage: '/sources',
  visibility: 'private',
  example: '/sources',
  options: [],
  schema: z.object({}),
  run(ctx) {
    const { skipped } = ctx.library;
    return {
      kind: 'sources',
      visibility: 'private',
      title: 'Sources',
      sources: ctx.library.sources(),
      skipped: skipped.slice(0, SKIPPED_SHOWN),
      skippedTotal: skipped.length,
      notes: [],
      actions: [],
    };
  },
});
