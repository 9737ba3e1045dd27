// Entry of the vector worker thread. Plain JavaScript, so the thread starts the same way under
// tsx, vitest or plain node: it registers tsx itself, then loads the TypeScript job. Only runs from
// source: the compiled bot starts the compiled job directly (worker-entry.ts).
import { register } from 'tsx/esm/api';

register();
await import('./vector-job.ts');
