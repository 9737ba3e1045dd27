// Structured logs: one JSON line per event on stderr, so stdout stays free for command output.
// Callers pass ids, counts and timings, never tokens or message contents.
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: Level = 'info';
let sink: (line: string) => void = (line) => process.stderr.write(line + '\n');

export function configureLog(opts: { level?: Level; sink?: (line: string) => void }): void {
  if (opts.level) threshold = opts.level;
  if (opts.sink) sink = opts.sink;
}

function emit(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < ORDER[threshold]) return;
  sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
}

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => emit('debug', event, fields),
  info: (event: string, fields?: Record<string, unknown>) => emit('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => emit('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => emit('error', event, fields),
};
