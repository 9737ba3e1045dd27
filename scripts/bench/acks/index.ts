// The acknowledgement benchmark: do Discord and Slack see the bot's FIRST response to every command
// within 1 s, while the library is still loading, once it is ready, and while a changed corpus
// folder is being reloaded? Starts the fake Discord and fake Slack (tools/fakes, the real wire
// protocols on 127.0.0.1), spawns the bot as a user would (`node --import tsx src/main.ts`, its own
// process group, a temporary database, snapshot folder and corpus folder of symlinks to the
// corpus's files) and measures, per command, the time from the platform sending it to the first
// response the platform receives:
// - Discord: the first POST to /interactions/:id/:token/callback (reply, defer, update or
//   autocomplete result), whatever its status (a callback after 3 s is refused, as Discord does);
// - Slack (Socket Mode): the envelope acknowledgement the bot sends back over the websocket.
// Then, without timing, it waits for the real answer (Discord reply or edit of a deferral, Slack
// response_url post) and classifies it: an answer, "still loading", no results, or an error.
//
// Timing targets live here and in `npm run bench -- --acks`, never in unit tests.
//
//   npx tsx scripts/bench/acks/index.ts --dir DIR [--commands 60] [--interval 200] [--timeout 10]
//                                       [--start-timeout 300] [--heap MB] [--seed 42] [--samples] [--json]
//
// Prints one line "ACK_RESULT {json}" on stdout and (unless --json) a short table. Progress goes
// to stderr. The log events it waits for are the bot's own exported names (src/main-events.ts,
// src/core/library/live.ts, each platform's start-up). This file is the command line; the phases
// are scenario.ts, each platform's side its driver (discord.ts, slack.ts).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatAckTable, withoutSamples } from './report.js';
import { runAckScenario } from './scenario.js';

export const ACK_PREFIX = 'ACK_RESULT ';
export { runAckScenario, READY_EVENTS, RELOADED_EVENTS } from './scenario.js';
export { classifyDiscord } from './discord.js';
export { classifySlack } from './slack.js';
export { formatAckTable, withoutSamples } from './report.js';
export type * from './types.js';

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      commands: { type: 'string', default: '60' },
      interval: { type: 'string', default: '200' },
      timeout: { type: 'string', default: '10' },
      'start-timeout': { type: 'string', default: '300' },
      heap: { type: 'string' },
      seed: { type: 'string', default: '42' },
      samples: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.dir) {
    console.error('usage: tsx scripts/bench/acks/index.ts --dir CORPUS_DIR [--commands 60] [--interval 200] [--timeout 10] [--json]');
    process.exit(2);
  }
  const r = await runAckScenario({
    corpusDir: values.dir,
    commands: Number(values.commands),
    intervalMs: Number(values.interval),
    timeoutMs: Number(values.timeout) * 1000,
    startTimeoutMs: Number(values['start-timeout']) * 1000,
    heapMB: values.heap ? Number(values.heap) : undefined,
    seed: Number(values.seed),
    log: (msg) => process.stderr.write(`[acks] ${msg}\n`),
  });
  process.stdout.write(ACK_PREFIX + JSON.stringify(values.samples ? r : withoutSamples(r)) + '\n');
  if (!values.json) process.stdout.write('\n' + formatAckTable(r) + '\n');
  process.exitCode = r.errors.length ? 1 : 0;
}
