// Semantic retrieval end to end on a corpus of a dozen one-line notes: a question that shares no
// word with its answer finds nothing by words, finds its answer once the vectors are ready, and a
// restart with the saved snapshot finds it at once. The one test that runs the embedding model.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { LiveLibrary } from '../../src/core/library/live.js';
import { configureLog } from '../../src/core/log.js';

const NOTES = [
  ['Bread', 'Feed the starter with flour and water the night before, then let the dough rise slowly in a cool kitchen.'],
  ['Cars', 'Change the engine oil every five thousand miles and check the tyre pressure monthly.'],
  ['Astronomy', 'The telescope reveals the rings of Saturn and the moons of Jupiter on clear winter nights.'],
  ['Savings', 'Interest on a savings account compounds, so money deposited early grows the most.'],
  ['Cats', 'Cats sleep for most of the day and hunt at dawn and dusk.'],
  ['Garden', 'Copper tape around the raised beds stops snails and slugs from reaching the lettuce.'],
  ['Music', 'The orchestra tuned to the oboe before the symphony began.'],
  ['Football', 'The goalkeeper dived left and saved the penalty in the final minute.'],
  ['Health', 'Drinking enough water and sleeping eight hours help the body recover after exercise.'],
  ['Trains', 'The night train from Vienna to Venice crosses the Alps before sunrise.'],
  ['Steak', 'Sear the steak in a hot cast iron pan, then rest it before slicing.'],
  ['Backups', 'Copy your laptop files to an external drive every week.'],
];
// Not one word in common with the astronomy note.
const QUESTION = 'what can you see in the sky through a stargazing instrument';

describe('semantic retrieval', () => {
  configureLog({ level: 'error' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'semantic-'));
  writeFileSync(path.join(dir, 'notes.md'), '# Notes\n\n' + NOTES.map(([h, t]) => `## ${h}\n\n${t}\n`).join('\n'));
  const snapshotDir = mkdtempSync(path.join(os.tmpdir(), 'semantic-snap-'));
  const opened: LiveLibrary[] = [];
  const open = () => {
    const live = new LiveLibrary(dir, { snapshotDir, useWorker: false, semantic: { mode: 'on' } });
    opened.push(live);
    return live;
  };
  afterAll(() => opened.forEach((l) => l.close()));

  it('answers by words at once, then finds a paraphrase by meaning when the vectors are ready', async () => {
    const live = open();
    await live.load();
    // The vectors are still being computed: search is by words and does not wait.
    expect(live.get().semantic).toBeUndefined();
    expect((await live.get().searchAsync(QUESTION)).hits).toEqual([]);
    await live.semanticDone;
    const { hits } = await live.get().searchAsync(QUESTION);
    expect(hits[0]?.passage.text).toMatch(/telescope/);
    // A question the words answer keeps its answer first.
    expect((await live.get().searchAsync('engine oil')).hits[0]?.passage.text).toMatch(/engine oil/);
  });

  it('uses the vectors saved in the snapshot as soon as a restart has loaded', async () => {
    const live = open();
    const loaded = await live.load();
    expect(loaded.source).toBe('snapshot');
    expect(live.get().semantic).toBeDefined();
    await live.semanticDone;
    expect((await live.get().searchAsync(QUESTION)).hits[0]?.passage.text).toMatch(/telescope/);
  });

  /** A folder of its own holding `notes` as a.md, a snapshot folder, and a bot on them in `mode`. */
  function shelf(prefix: string, notes: string[][]) {
    const folder = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    writeFileSync(path.join(folder, 'a.md'), '# Notes\n\n' + notes.map(([h, t]) => `## ${h}\n\n${t}\n`).join('\n'));
    const snaps = mkdtempSync(path.join(os.tmpdir(), `${prefix}-snap-`));
    const add = (file: string, title: string, text: string) => writeFileSync(path.join(folder, file), `# ${title}\n\n${text}\n`);
    const bot = (mode: 'on' | 'off') => {
      const live = new LiveLibrary(folder, { useWorker: false, snapshotDir: snaps, semantic: { mode } });
      opened.push(live);
      return live;
    };
    return { add, bot };
  }

  /** How many sentences each run of `use` embedded, in order, from the semantic_ready log lines. */
  async function embeddedBy(use: () => Promise<void>): Promise<(number | undefined)[]> {
    const logged: string[] = [];
    configureLog({ level: 'info', sink: (line) => logged.push(line) });
    try {
      await use();
    } finally {
      configureLog({ level: 'error' });
    }
    return logged.map((l) => JSON.parse(l) as { event: string; embedded?: number }).filter((e) => e.event === 'semantic_ready').map((e) => e.embedded);
  }

  it('after a reload, or a restart on changed files, embeds only the sentences that are new', async () => {
    const { add, bot } = shelf('semantic-reload', NOTES.slice(3, 9));
    const embedded = await embeddedBy(async () => {
      const live = bot('on');
      await live.load();
      await live.semanticDone;
      add('b.md', 'More', NOTES[2]![1]!);
      await live.reload();
      await live.semanticDone;
      expect((await live.get().searchAsync(QUESTION)).hits[0]?.passage.text).toMatch(/telescope/);
      live.close();
      // The bot is down while a file is added; the next start reuses the stale snapshot's vectors.
      add('c.md', 'Last', NOTES[0]![1]!);
      const restarted = bot('on');
      await restarted.load();
      await restarted.semanticDone;
    });
    expect(embedded).toEqual([6, 1, 1]);
  });

  it('keeps the vectors when a load by words only (the CLI, SEMANTIC=off) rebuilds a changed corpus in between', async () => {
    const { add, bot } = shelf('semantic-words-only', NOTES.slice(0, 10));
    let again: LiveLibrary | undefined;
    const embedded = await embeddedBy(async () => {
      const first = bot('on');
      await first.load();
      await first.semanticDone;
      first.close();
      // A file is added and someone runs a command from the shell, which searches by words.
      add('b.md', 'More', NOTES[11]![1]!);
      const words = bot('off');
      expect((await words.load()).source).toBe('build');
      words.close();
      // The bot starts again: only the new sentence is embedded, and the paraphrase is found.
      again = bot('on');
      await again.load();
      await again.semanticDone;
    });
    expect(embedded).toEqual([10, 1]);
    expect((await again!.get().searchAsync(QUESTION)).hits[0]?.passage.text).toMatch(/telescope/);
  });

  it('stays by words when semantic retrieval is off', async () => {
    const live = new LiveLibrary(dir, { snapshotDir, useWorker: false, semantic: { mode: 'off' } });
    opened.push(live);
    await live.load();
    await live.semanticDone;
    expect((await live.get().searchAsync(QUESTION)).hits).toEqual([]);
  });
});

describe('SEMANTIC settings', () => {
  const load = (env: Record<string, string>) => loadConfig(env, { dotenvPath: false });
  it('defaults to auto, and names the variable for a bad value or a model folder without a model', () => {
    expect(load({}).SEMANTIC).toBe('auto');
    expect(load({ SEMANTIC: 'OFF' }).SEMANTIC).toBe('off');
    expect(() => load({ SEMANTIC: 'maybe' })).toThrow(/SEMANTIC: must be on, off or auto/);
    const empty = mkdtempSync(path.join(os.tmpdir(), 'no-model-'));
    expect(() => load({ SEMANTIC_MODEL_DIR: empty })).toThrow(/SEMANTIC_MODEL_DIR: .*has no model\.json/);
  });
});
