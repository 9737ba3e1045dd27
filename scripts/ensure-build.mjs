// Preloaded by `npm start` and `npm run cli` (node --import) in the same process as the bot: builds
// dist/ when it is missing or older than the sources and TypeScript is installed, so a new user's
// `npm install && npm start` just works, and costs a few stat calls when the build is up to date.
// After `npm ci --omit=dev` on a built tree there is no tsc and the built tree is used as it is.
import module from 'node:module';
import { buildState } from './build-state.mjs';

// Node 22.1 and later keep compiled code between starts (in the OS temp folder, or
// NODE_COMPILE_CACHE); Node 20 has no such call and starts as before.
module.enableCompileCache?.();

const state = buildState();
if (state !== 'fresh') {
  const { build, findTsc, withLock } = await import('./build.mjs');
  if (findTsc()) {
    process.stderr.write(state === 'missing' ? 'Building the bot (first start, about half a minute)…\n' : 'Sources changed since the last build: rebuilding…\n');
    // Under the lock another start may have built it already.
    const ok = await withLock(async () => buildState() === 'fresh' || (await build()));
    if (!ok) {
      process.stderr.write('The build failed (errors above). Fix them, or run `npm run dev` to start from the sources.\n');
      process.exit(1);
    }
  } else if (state === 'missing') {
    process.stderr.write(
      'dist/ is missing and TypeScript is not installed, so the bot cannot be built here. Run `npm install && npm run build` ' +
        '(then `npm ci --omit=dev` if you want a lean tree), or copy a built dist/ in.\n',
    );
    process.exit(1);
  } else {
    process.stderr.write('Note: the sources are newer than dist/, and TypeScript is not installed to rebuild it: starting the built bot as it is.\n');
  }
}
