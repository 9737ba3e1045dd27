// A restart, as the bot does it, in a process of its own: from launch to a library restored from
// the snapshot, and the memory it then holds. Started by child.ts; prints "RESTART {json}".
import { parseArgs } from 'node:util';
import { loadLibrary } from '../../src/core/library/load.js';

const { values } = parseArgs({ options: { dir: { type: 'string' }, 'snapshot-dir': { type: 'string' } } });
const started = performance.now();
const loaded = await loadLibrary(values.dir!, { snapshotDir: values['snapshot-dir']! });
const loadMs = performance.now() - started;
(globalThis as { gc?: () => void }).gc?.();
const m = process.memoryUsage();
const MB = 1024 * 1024;
process.stdout.write(
  'RESTART ' +
    JSON.stringify({
      source: loaded.source,
      loadMs: Math.round(loadMs),
      // Since the process started, module loading included.
      launchToReadyMs: Math.round(process.uptime() * 1000),
      heapUsedMB: Math.round(m.heapUsed / MB),
      arrayBuffersMB: Math.round(m.arrayBuffers / MB),
      rssMB: Math.round(m.rss / MB),
    }) +
    '\n',
);
