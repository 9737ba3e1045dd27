// Spoiler limits on every command a reading plan bears on: /quote, /topic (its More pages and
// totals), /discuss, the Context and Share buttons, no-result help, ahead:true, and the buttons'
// modes; typed the way Discord, Slack and the terminal hand them in.
import { describe, expect, it } from 'vitest';
import { actionVisibility, expectedVisibility, runAction, runCommand } from '../../commands/index.js';
import type { CommandContext } from '../../src/bot/command.js';
import { slashForm } from '../../src/bot/command-forms.js';
import { decodeAction, encodeAction } from '../../src/bot/actions.js';
import type { PlanService, Reach } from '../../src/bot/plan.js';
import type { PromptRequest, PromptWriter } from '../../src/bot/prompt-writer.js';
import type { Action, Reply } from '../../src/bot/reply.js';
import { seededRandom } from '../../src/core/search/text.js';
import { TerminalSession } from '../../src/platforms/terminal/session.js';
import { library } from '../helpers/fixtures.js';
import { BOOK, BOOK_ID, bookPassages, HARBOUR, LATER_WORDS, reachAfterChapter } from '../helpers/book.js';

const lib = library(BOOK, HARBOUR);
const reach = reachAfterChapter(lib, 2);
/** A plan service as the store would give it: a fixed reach in one channel, none elsewhere. */
const plans = (r: Reach | undefined = reach, channel = 'reading'): PlanService => ({
  reach: async (here) => (here.channelId === channel ? r : undefined),
});
const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
  library: lib,
  now: new Date('2026-03-02T10:00:00Z'),
  random: seededRandom(7),
  channelKey: 'discord:g:reading',
  userName: 'reader',
  userId: 'u1',
  here: { platform: 'discord', channelId: 'reading', workspaceId: 'g' },
  plans: plans(),
  ...over,
});
const run = (name: string, options: Record<string, unknown> = {}, over: Partial<CommandContext> = {}) => runCommand(ctx(over), name, options);

const positionOf = (id: string) => lib.corpus.byId.get(id)!;
const isAhead = (id: string) => {
  const p = positionOf(id);
  return p.docId === BOOK_ID && p.position > reach.upTo;
};
const shown = (r: Reply) => (r.kind === 'passages' || r.kind === 'discussion' ? r.passages : []);
const text = (r: Reply) => JSON.stringify(r);
const laterIn = (r: Reply) => LATER_WORDS.filter((w) => new RegExp(`\\b${w}`, 'i').test(text(r)));
const LIMIT_NOTE = /Only up to chapter 2 — this channel’s reading plan\. \/\w+ ahead:true looks further, just for you\./;

describe('/quote under a reading plan', () => {
  it('draws random quotes only from what the group has read, says so, and keeps Another within the plan', async () => {
    for (let seed = 0; seed < 25; seed++) {
      const r = await run('quote', {}, { random: seededRandom(seed) });
      expect(r.kind).toBe('passages');
      expect(r.visibility).toBe('public');
      expect(isAhead(shown(r)[0]!.id)).toBe(false);
      expect(r.notes.join(' ')).toMatch(LIMIT_NOTE);
      const another = r.actions.find((a) => a.kind === 'another')!;
      expect('ahead' in another && another.ahead).toBeFalsy();
      const next = await runAction(ctx(), another);
      expect(isAhead(shown(next)[0]!.id)).toBe(false);
    }
  });

  it('quotes on a query from the chapters read, and says a later name is further on instead of missing', async () => {
    const r = await run('quote', { query: 'the lamp in a storm' });
    expect(isAhead(shown(r)[0]!.id)).toBe(false);
    expect(laterIn(r)).toEqual([]);
    const later = await run('quote', { query: 'Moriarty' });
    expect(later.kind).toBe('error');
    if (later.kind !== 'error') return;
    expect(later.message).toMatch(/“Moriarty” comes further on than this channel has read \(up to chapter 2\)\. \/quote Moriarty ahead:true looks there, just for you\./);
    expect(later.message).not.toMatch(/Nothing in/);
    // With no plan, the same question is answered from the later chapters, in public.
    const open = await run('quote', { query: 'Moriarty' }, { plans: undefined });
    expect(open.visibility).toBe('public');
    expect(isAhead(shown(open)[0]!.id)).toBe(true);
  });

  it('looks ahead with ahead:true, privately, and Another stays ahead and private', async () => {
    expect(expectedVisibility('quote', { ahead: true })).toBe('private');
    expect(expectedVisibility('quote', { ahead: 'true' })).toBe('private');
    expect(expectedVisibility('quote', {})).toBe('public');
    const r = await run('quote', { query: 'Moriarty', ahead: true });
    expect(r.visibility).toBe('private');
    expect(isAhead(shown(r)[0]!.id)).toBe(true);
    expect(r.notes.join(' ')).toMatch(/Looking past this channel’s reading plan \(up to chapter 2\): only you see this\./);
    const drawn = await run('quote', { ahead: true }, { random: seededRandom(3) });
    const another = drawn.actions.find((a): a is Extract<Action, { kind: 'another' }> => a.kind === 'another')!;
    expect(another.ahead).toBe(true);
    expect(actionVisibility(another)).toBe('private');
    // The mode survives the button's round trip through its custom id.
    const decoded = decodeAction(encodeAction(another, 'u1'), lib.corpus)!.action;
    expect(decoded).toEqual(another);
    const seen = new Set<boolean>();
    for (let seed = 0; seed < 30; seed++) {
      const next = await runAction(ctx(), { ...another, seed });
      expect(next.visibility).toBe('private');
      seen.add(isAhead(shown(next)[0]!.id));
    }
    expect(seen.has(true)).toBe(true);
  });
});

describe('buttons carry their mode', () => {
  it('a looked-ahead More, Another or Context decodes as ahead; the same button without it as limited; Share never', () => {
    const id = bookPassages(lib)[5]!.id;
    const actions: Action[] = [
      { kind: 'more', query: 'treasure gold', source: BOOK_ID, page: 2 },
      { kind: 'another', query: 'treasure', seed: 4 },
      { kind: 'context', passageId: id },
    ];
    for (const a of actions) {
      for (const ahead of [true, false]) {
        const action = ahead ? { ...a, ahead: true } : a;
        const encoded = encodeAction(action, 'u1');
        expect(encoded.length).toBeLessThanOrEqual(100);
        expect(decodeAction(encoded, lib.corpus)!.action).toEqual(action);
      }
    }
    expect(decodeAction(encodeAction({ kind: 'share', passageId: id }, 'u1'), lib.corpus)!.action).toEqual({ kind: 'share', passageId: id });
  });
});

describe('/topic under a reading plan', () => {
  it('pages and counts only what the group has read, and More keeps the limit', async () => {
    const open = await run('topic', { query: 'Elsie lighthouse lamp storm' }, { plans: undefined });
    const r = await run('topic', { query: 'Elsie lighthouse lamp storm' });
    expect(r.kind).toBe('passages');
    if (r.kind !== 'passages' || open.kind !== 'passages') return;
    expect(r.total).toBeLessThan(open.total!);
    expect(r.notes.join(' ')).toMatch(LIMIT_NOTE);
    const ids = shown(r).map((p) => p.id);
    let more = r.actions.find((a) => a.kind === 'more');
    while (more) {
      expect('ahead' in more && more.ahead).toBeFalsy();
      const page = await runAction(ctx(), more);
      ids.push(...shown(page).map((p) => p.id));
      more = page.actions.find((a) => a.kind === 'more');
    }
    expect(ids.length).toBe(r.total);
    expect(ids.some(isAhead)).toBe(false);
    // A More button pressed for a page past the visible results says that was all, not what lies ahead.
    const past = await runAction(ctx(), { kind: 'more', query: 'Elsie lighthouse lamp storm', page: 5 });
    expect(shown(past)).toEqual([]);
    expect(laterIn(past)).toEqual([]);
  });

  it('leaves other documents as they are: source:harbour is not limited, and a word the book has later is found there', async () => {
    const harbour = await run('topic', { query: 'smugglers', source: 'harbour' });
    expect(harbour.notes.join(' ')).not.toMatch(/reading plan/);
    const anywhere = await run('topic', { query: 'smugglers' });
    expect(shown(anywhere).map((p) => p.doc.id)).toEqual(['harbour']);
    expect((await run('topic', { query: 'smugglers' }, { plans: undefined })).kind).toBe('passages');
  });

  it('suggests no spelling or subject from the later chapters when nothing is found', async () => {
    const r = await run('topic', { query: 'Pembertn' });
    expect(r.kind).toBe('error');
    expect(laterIn(r)).toEqual([]);
    const open = await run('topic', { query: 'Pembertn' }, { plans: undefined });
    expect(text(open)).toMatch(/pemberton/i);
    const ahead = await run('topic', { query: 'shipwreck' });
    expect(ahead.kind === 'error' && ahead.message).toMatch(/“shipwreck” comes further on than this channel has read \(up to chapter 2\)\. \/topic shipwreck ahead:true/);
  });

  it('Context shows nothing after the limit, Share refuses what is further on, and ahead answers keep their mode', async () => {
    const last = bookPassages(lib).find((p) => p.position === reach.upTo)!;
    const context = await runAction(ctx(), { kind: 'context', passageId: last.id });
    expect(shown(context)[0]!.after).toBeUndefined();
    expect(laterIn(context)).toEqual([]);
    const later = bookPassages(lib).find((p) => p.position > reach.upTo)!;
    const refused = await runAction(ctx(), { kind: 'share', passageId: later.id });
    expect(refused.kind === 'error' && refused.message).toMatch(/further on than this channel has read/);
    const hiddenContext = await runAction(ctx(), { kind: 'context', passageId: later.id });
    expect(hiddenContext.kind).toBe('error');
    // Looking ahead: private, beyond the limit, Context and More stay ahead, and no Share for what is further on.
    const r = await run('topic', { query: 'treasure gold wreck', ahead: true });
    expect(r.visibility).toBe('private');
    expect(shown(r).some((p) => isAhead(p.id))).toBe(true);
    for (const a of r.actions) {
      if (a.kind === 'share') expect(isAhead(a.passageId)).toBe(false);
      else expect(a.ahead).toBe(true);
    }
    const aheadContext = await runAction(ctx(), { kind: 'context', passageId: later.id, ahead: true });
    expect(aheadContext.kind).toBe('passages');
    expect(aheadContext.actions.some((a) => a.kind === 'share')).toBe(false);
    // Shared to the channel from an answer that looked ahead, a passage already read is fine.
    expect((await runAction(ctx(), { kind: 'share', passageId: last.id })).visibility).toBe('public');
  });
});

describe('/discuss under a reading plan', () => {
  it('picks random and topical passages from what was read, and looks ahead only privately, with no thread', async () => {
    for (let seed = 0; seed < 15; seed++) {
      const r = await run('discuss', { source: BOOK_ID }, { random: seededRandom(seed) });
      expect(r.kind).toBe('discussion');
      expect(r.follow).toBe('thread');
      expect(isAhead(shown(r)[0]!.id)).toBe(false);
      expect(laterIn(r)).toEqual([]);
    }
    const topical = await run('discuss', { topic: 'keeping the watch' });
    expect(isAhead(shown(topical)[0]!.id)).toBe(false);
    const later = await run('discuss', { topic: 'the betrayal' });
    expect(later.kind).toBe('error');
    expect(laterIn(later).filter((w) => w !== 'betrayal')).toEqual([]);
    const ahead = await run('discuss', { topic: 'the betrayal', ahead: true });
    expect(ahead.kind).toBe('discussion');
    expect(ahead.visibility).toBe('private');
    expect(ahead.follow).toBeUndefined();
    expect(isAhead(shown(ahead)[0]!.id)).toBe(true);
  });
});

describe('/discuss with a language model under a reading plan', () => {
  it('never shows the model a passage past the limit: the last passage read goes without the one after it', async () => {
    const sent: PromptRequest[] = [];
    const promptWriter: PromptWriter = {
      write: async (request) => {
        sent.push(request);
        return { questions: ['What does the keeper owe the ships that pass?'], model: 'test-model' };
      },
    };
    // Move the limit forward a passage at a time: the first limit that gives a prompt gives it on
    // the passage at the limit (nothing before it was worth discussing), whose next passage is ahead.
    const book = lib.corpus.byDoc.get(BOOK_ID)!;
    let found;
    for (const limit of book) {
      const r = await run('discuss', { source: BOOK_ID }, { promptWriter, plans: plans({ ...reach, upTo: limit.position }) });
      if (r.kind !== 'discussion') continue;
      found = { limit, reply: r, request: sent.at(-1)! };
      break;
    }
    expect(found).toBeDefined();
    const { limit, reply, request } = found!;
    expect(shown(reply)[0]!.id).toBe(limit.id);
    expect(limit.nextId).toBeDefined();
    expect(request.neighbours).not.toContain(lib.corpus.byId.get(limit.nextId!)!.text);
    expect(request.neighbours).toEqual(limit.prevId ? [lib.corpus.byId.get(limit.prevId)!.text] : []);
    // Without a plan the same passage goes with the passage after it.
    const open = await run('discuss', { source: BOOK_ID }, { promptWriter, plans: plans({ ...reach, upTo: book.at(-1)!.position }) });
    expect(open.kind).toBe('discussion');
    if (shown(open)[0]!.id === limit.id) expect(sent.at(-1)!.neighbours).toContain(lib.corpus.byId.get(limit.nextId!)!.text);
  });
});

describe('spoiler limits as typed on Slack and in the terminal', () => {
  it('reads ahead and ahead:true from free text, and keeps /context in the mode of the list it counts in', async () => {
    const session = new TerminalSession(lib, { plans: plans(reach, 'terminal'), random: seededRandom(1), now: () => new Date('2026-03-02T10:00:00Z') });
    const limited = (await session.handle('/topic wreck treasure gold lamp'))!;
    expect(shown(limited).some((p) => isAhead(p.id))).toBe(false);
    const ahead = (await session.handle('/topic wreck treasure gold ahead'))!;
    expect(ahead.visibility).toBe('private');
    const n = shown(ahead).findIndex((p) => isAhead(p.id)) + 1;
    expect(n).toBeGreaterThan(0);
    const context = (await session.handle(`/context ${n}`))!;
    expect(context.kind).toBe('passages');
    const pair = (await session.handle('/quote Moriarty ahead:true'))!;
    expect(isAhead(shown(pair)[0]!.id)).toBe(true);
    // No /share offered for it, and typed anyway it is refused: the channel has not got there.
    expect(pair.actions.some((a) => a.kind === 'share')).toBe(false);
    const share = (await session.handle('/share'))!;
    expect(share.kind === 'error' && share.message).toMatch(/further on than this channel has read/);
    // "ahead" alone where a query is required is the query, not the option.
    const word = (await session.handle('/topic ahead'))!;
    expect(word.kind === 'passages' ? word.query : 'error').not.toBe(undefined);
  });

  it('writes the note the way Slack types commands', async () => {
    const r = await run('topic', { query: 'lamp' }, { commandForm: (name) => `/reading ${name}` });
    expect(r.notes.join(' ')).toMatch(/\/reading topic ahead:true looks further/);
    expect((await run('topic', { query: 'lamp' }, { commandForm: slashForm })).notes.join(' ')).toMatch(/\/topic ahead:true/);
  });
});

describe('without a reading plan', () => {
  it('answers exactly as before', async () => {
    for (const [name, options] of [
      ['quote', {}],
      ['quote', { query: 'Moriarty' }],
      ['topic', { query: 'treasure gold' }],
      ['discuss', { topic: 'betrayal' }],
    ] as const) {
      const without = await run(name, options, { plans: undefined, random: seededRandom(5) });
      const elsewhere = await run(name, options, { here: { platform: 'discord', channelId: 'other', workspaceId: 'g' }, random: seededRandom(5) });
      expect(elsewhere).toEqual(without);
      expect(text(without)).not.toMatch(/reading plan/);
    }
  });
});

describe('/daily today under a reading plan', () => {
  it('shows no excerpt from further on, on any date, while other channels keep their rotation', async () => {
    const shownIn = async (over: Partial<CommandContext>, date?: string) => shown(await run('daily', { subcommand: 'today', ...(date ? { date } : {}) }, over))[0]!.id;
    const unlimited: string[] = [];
    for (let day = 1; day <= 20; day++) {
      const date = `2026-03-${String(day).padStart(2, '0')}`;
      expect(isAhead(await shownIn({}, date))).toBe(false);
      unlimited.push(await shownIn({ plans: undefined }, date));
    }
    // Without the plan the same rotation does reach the later chapters.
    expect(unlimited.some(isAhead)).toBe(true);
    expect(isAhead(await shownIn({}))).toBe(false);
  });
});
