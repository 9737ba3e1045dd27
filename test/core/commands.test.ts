import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS, expectedVisibility, findCommand, runAction, runCommand } from '../../commands/index.js';
import { renderDiscord } from '../../src/platforms/discord/render.js';
import { renderSlack } from '../../src/platforms/slack/render.js';
import { renderReply } from '../../src/platforms/terminal/render.js';
import { schemaKeys, type CommandContext, type CommandSpec } from '../../src/bot/command.js';
import type { DailyService, DailyStatus } from '../../src/bot/daily.js';
import type { PlanStatus, ReadingPlans } from '../../src/bot/plan.js';
import { parseInvocation } from '../../src/bot/invocation.js';
import type { Reply } from '../../src/bot/reply.js';
import { seededRandom } from '../../src/core/search/text.js';
import { doc, ENGINEERING, library, POWER, TRANSLATION } from '../helpers/fixtures.js';
import type { PromptRequest, PromptWriter } from '../../src/bot/prompt-writer.js';
import { EVERY_DAY } from '../../src/bot/days.js';

const lib = library(ENGINEERING, POWER, TRANSLATION);
const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
  library: lib,
  now: new Date('2026-03-14T10:00:00Z'),
  random: seededRandom(7),
  channelKey: 'test-channel',
  userName: 'Grace',
  ...over,
});
const run = (name: string, options: Record<string, unknown> = {}, over: Partial<CommandContext> = {}) => runCommand(ctx(over), name, options);

function passages(r: Reply) {
  if (r.kind !== 'passages' && r.kind !== 'discussion') throw new Error(`expected passages, got ${r.kind}: ${JSON.stringify(r)}`);
  return r.passages;
}
function error(r: Reply) {
  if (r.kind !== 'error') throw new Error(`expected an error, got ${r.kind}`);
  return r;
}

describe('/quote', () => {
  it('quotes the passage that matches a query, attributed to document and speaker', async () => {
    const [p] = passages(await run('quote', { query: 'blast radius' }));
    expect(p!.text).toMatch(/blast radius/);
    expect(p!.speaker).toBe('Ada Lovelace');
    expect(p!.doc.title).toBe('Engineering at scale');
    expect(p!.text.length).toBeGreaterThanOrEqual(40);
    expect(p!.text.length).toBeLessThanOrEqual(600);
    expect(p!.text).toMatch(/[.!?]$/);
  });

  it('without a query gives a quotable passage, never the host question', async () => {
    for (let seed = 0; seed < 40; seed++) {
      const [p] = passages(await run('quote', {}, { random: seededRandom(seed) }));
      expect(p!.speaker).not.toBe('Host');
      expect(p!.text).not.toMatch(/\?$/);
    }
  });

  it('offers Another, which gives a different quote', async () => {
    const first = await run('quote', { query: 'checkpoints failures power' });
    const another = first.actions.find((a) => a.kind === 'another');
    expect(another).toBeDefined();
    const second = await runAction(ctx(), another!);
    expect(passages(second)[0]!.id).not.toBe(passages(first)[0]!.id);
  });

  it('keeps to a source and suggests the closest one for an unknown name', async () => {
    const [p] = passages(await run('quote', { source: 'power' }));
    expect(p!.doc.id).toBe('power');
    const e = error(await run('quote', { source: 'powr' }));
    expect(e.code).toBe('unknown_source');
    expect(e.message).toContain('"power"');
  });
});

describe('/topic', () => {
  it('gives up to three passages with More, Context and Share actions, privately', async () => {
    const r = await run('topic', { query: 'checkpoints failures cluster power' });
    expect(r.visibility).toBe('private');
    const ps = passages(r);
    expect(ps).toHaveLength(3);
    expect(r.actions.filter((a) => a.kind === 'context')).toHaveLength(3);
    expect(r.actions.filter((a) => a.kind === 'share')).toHaveLength(3);
    const more = r.actions.find((a) => a.kind === 'more');
    expect(more).toMatchObject({ kind: 'more', page: 2 });
    const page2 = passages(await runAction(ctx(), more!));
    expect(page2.map((p) => p.id)).not.toEqual(expect.arrayContaining(ps.map((p) => p.id)));
  });

  it('context shows the neighbouring sentences; share posts publicly with who shared it', async () => {
    const r = await run('topic', { query: 'blast radius' });
    const id = passages(r)[0]!.id;
    const context = passages(await runAction(ctx(), { kind: 'context', passageId: id }))[0]!;
    expect(context.before).toBeTruthy();
    const shared = await runAction(ctx(), { kind: 'share', passageId: id });
    expect(shared.visibility).toBe('public');
    expect(shared.notes).toContain('Shared by Grace');
  });

  it('refuses an empty query and clips an overlong one, saying so', async () => {
    expect(error(await run('topic', { query: '   ' })).message).toMatch(/what topic/i);
    expect(error(await run('topic', {})).message).toMatch(/what topic/i);
    const r = await run('topic', { query: 'checkpoints '.repeat(40) });
    expect(r.notes.join(' ')).toMatch(/first 200/);
  });

  it('answers a query with no results with related terms', async () => {
    const e = error(await run('topic', { query: 'xylophone zebra' }));
    expect(e.code).toBe('no_results');
    expect(e.message).toMatch(/nothing about "xylophone zebra"/);
    expect(e.suggestions.length).toBeGreaterThan(0);
  });
});

describe('/daily', () => {
  it('is the same for everyone in a channel on a date, and differs by date', async () => {
    const a = passages(await run('daily', { subcommand: 'today' }))[0]!.id;
    const b = passages(await run('daily', { subcommand: 'today' }, { random: seededRandom(99) }))[0]!.id;
    expect(a).toBe(b);
    const next = passages(await run('daily', { date: '2026-03-15' }))[0]!.id;
    expect(next).not.toBe(a);
  });

  it('does not repeat a passage until every eligible one has been shown', async () => {
    const n = lib.eligible.length;
    expect(n).toBeGreaterThan(3);
    const start = Date.parse('2026-01-01T00:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      ids.push(passages(await run('daily', { date }))[0]!.id);
    }
    expect(new Set(ids).size).toBe(n);
  });

  it('rejects an impossible date and an unknown subcommand', async () => {
    expect(error(await run('daily', { date: '2026-02-30' })).message).toMatch(/does not exist/);
    expect(error(await run('daily', { date: 'tomorrow' })).message).toMatch(/YYYY-MM-DD/);
    expect(error(await run('daily', { subcommand: 'tomorow' })).message).toMatch(/try \/daily today/);
  });
});

describe('/discuss', () => {
  it('builds questions from what the passage says, quoting it or the passage it compares it with', async () => {
    const r = await run('discuss', { topic: 'hardware failures' });
    if (r.kind !== 'discussion') throw new Error(r.kind);
    const texts = r.passages.map((p) => p.text.replace(/\s+/g, ' '));
    const titles = r.passages.map((p) => p.doc.title);
    expect(r.questions.length).toBeGreaterThanOrEqual(2);
    expect(r.questions.length).toBeLessThanOrEqual(3);
    // Each question quotes words of the passages themselves, verbatim, not generic filler.
    for (const q of r.questions) {
      expect(q).not.toMatch(/Do you agree/);
      const quoted = [...q.matchAll(/“([^”]+)”/g)].map((m) => m[1]!).filter((s) => !titles.includes(s));
      expect(quoted.length).toBeGreaterThan(0);
      for (const span of quoted) for (const piece of span.split('…').map((s) => s.trim()).filter(Boolean)) expect(texts.some((t) => t.includes(piece)), piece).toBe(true);
    }
  });

  // Two people who take different lines on one idea, and a document with nothing to argue about.
  const DAN = doc({ id: 'remote', title: 'Working apart', speakers: ['Dan'] }, [
    { speaker: 'Dan', sentences: ['Remote teams should write every decision down, because a decision made in a call is forgotten by the next week.', 'Written decisions let people in other time zones catch up without waiting for a meeting.'] },
  ]);
  const MIA = doc({ id: 'calls', title: 'In defence of calls', speakers: ['Mia'] }, [
    { speaker: 'Mia', sentences: ['I disagree that remote teams should write every decision down: written decisions go stale within a month, but a short call settles a question in minutes.', 'The cost of writing is paid by the people who least need the record.'] },
  ]);
  const NOTES = doc({ id: 'notes', title: 'Notes' }, [
    ["Editor's note: the chapter on budget planning has been left out of this edition.", 'The budget planning appendix was omitted from this version.'],
    ['What is your budget planning process? Who signs off on the budget planning each year?'],
  ]);
  const debate = library(DAN, MIA, NOTES);

  it('quotes and attributes a passage that takes another line, and serves it second', async () => {
    for (let seed = 0; seed < 6; seed++) {
      const r = await run('discuss', {}, { library: debate, random: seededRandom(seed) });
      if (r.kind !== 'discussion') throw new Error(r.kind);
      expect(r.passages).toHaveLength(2);
      const [shown, other] = r.passages;
      expect(other!.doc.id).not.toBe(shown!.doc.id);
      expect([shown!.compared, other!.compared]).toEqual([undefined, true]);
      const compare = r.questions.find((q) => q.startsWith('Compare '));
      expect(compare).toContain(`Compare ${other!.speaker}, in “${other!.doc.title}”: “`);
      const quoted = compare!.slice(compare!.indexOf('”: “') + 4, compare!.lastIndexOf('”'));
      expect(other!.text).toContain(quoted.replace(/…$/, ''));
    }
  });

  it('says kindly that a topic has nothing worth discussing, and posts nothing', async () => {
    const e = error(await run('discuss', { topic: 'budget planning' }, { library: debate }));
    expect(e.code).toBe('nothing_to_discuss');
    expect(e.visibility).toBe('private');
    expect(e.message).toMatch(/budget planning/);
  });

  it('never picks an editor\'s note or a bare question for a random prompt', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = await run('discuss', {}, { library: debate, random: seededRandom(seed) });
      if (r.kind !== 'discussion') throw new Error(r.kind);
      expect(r.passages[0]!.doc.id).not.toBe('notes');
    }
  });

  it('uses a prompt writer\'s questions and says which model wrote them', async () => {
    const requests: PromptRequest[] = [];
    const promptWriter: PromptWriter = {
      write: async (request) => {
        requests.push(request);
        return { questions: ['Which of these failures have you lived through?', 'What would make a small blast radius too expensive?'], model: 'tiny-model' };
      },
    };
    const r = await run('discuss', { topic: 'hardware failures' }, { promptWriter });
    if (r.kind !== 'discussion') throw new Error(r.kind);
    expect(r.questions).toEqual(['Which of these failures have you lived through?', 'What would make a small blast radius too expensive?']);
    expect(r.notes).toContain('Questions by tiny-model.');
    // Its questions quote nothing from a compared passage, so none is served.
    expect(r.passages).toHaveLength(1);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.passage).toMatchObject({ text: r.passages[0]!.text, title: r.passages[0]!.doc.title, speaker: 'Ada Lovelace' });
    expect(requests[0]!.neighbours.length).toBeGreaterThan(0);
  });

  it('falls back to its own questions when the writer fails or answers badly, and says why', async () => {
    const failing: PromptWriter = { write: () => Promise.reject(new Error('The model took longer than 5 seconds. It was asked once.')) };
    const r = await run('discuss', { topic: 'hardware failures' }, { promptWriter: failing });
    if (r.kind !== 'discussion') throw new Error(r.kind);
    const offline = await run('discuss', { topic: 'hardware failures' });
    if (offline.kind !== 'discussion') throw new Error(offline.kind);
    expect(r.questions).toEqual(offline.questions);
    expect(r.notes).toContain('Questions written offline: The model took longer than 5 seconds.');
    // Without a writer configured, nothing is said about who wrote them.
    expect(offline.notes.join(' ')).not.toMatch(/Questions/);

    const garbled = { write: async () => ({ questions: [], model: '' }) } as PromptWriter;
    const g = await run('discuss', { topic: 'hardware failures' }, { promptWriter: garbled });
    if (g.kind !== 'discussion') throw new Error(g.kind);
    expect(g.questions).toEqual(offline.questions);
    expect(g.notes.some((n) => n.startsWith('Questions written offline: '))).toBe(true);

    // A long reason is cut, marked, and not followed by a stray full stop.
    const wordy: PromptWriter = { write: () => Promise.reject(new Error(`The model's questions were refused: quoted text not in the passage: “${'very '.repeat(40)}long”.`)) };
    const w = await run('discuss', { topic: 'hardware failures' }, { promptWriter: wordy });
    const note = w.notes.find((n) => n.startsWith('Questions written offline: '))!;
    expect(note.length).toBeLessThan(220);
    expect(note).toMatch(/…$/);
  });
});

describe('/sources and /help', () => {
  it('lists every document with kind and passage counts', async () => {
    const r = await run('sources');
    if (r.kind !== 'sources') throw new Error(r.kind);
    expect(r.sources.map((s) => s.id)).toEqual(['eng', 'power', 'eng-2']);
    expect(r.sources.find((s) => s.id === 'power')).toMatchObject({ kind: 'live blog' });
    expect(r.sources.every((s) => s.passages > 0)).toBe(true);
  });

  it('shows every command with an example', async () => {
    const r = await run('help');
    if (r.kind !== 'help') throw new Error(r.kind);
    expect(r.commands.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const c of r.commands) expect(c.example.startsWith(`/${c.name}`)).toBe(true);
  });

  it('answers an unknown command with the closest one', async () => {
    expect(error(await run('qoute')).message).toMatch(/Did you mean \/quote/);
  });
});

describe('wrong, out-of-range and unknown option values', () => {
  // Zod's own wording, and the "option: ..." and "Sorry: ..." prefixes it used to arrive with.
  const VALIDATOR = /\bexpected\b|\breceived\b|Invalid input|Invalid option|Too big|Too small|<=|>=|\bNaN\b|\[object Object\]|^Sorry: /im;
  const BAD: unknown[] = [12345, -1, 0, 1.5, 1e9, true, false, null, {}, [], ['a'], 'zz-unknown', '', '   ', 'x'.repeat(3000), '2026-02-30', '25:99', 'Mars/Olympus'];

  const status = (): DailyStatus => ({ channel: { platform: 'slack', channelId: 'C1' }, time: '09:00', timezone: 'UTC', days: EVERY_DAY, nextPost: 'tomorrow, 09:00 UTC' });
  const daily: DailyService = { subscribe: async () => status(), unsubscribe: async () => true, status: async () => status(), todaysPassage: async () => undefined };
  const full = (over: Partial<CommandContext> = {}) => ctx({ daily, here: { platform: 'slack', channelId: 'C1' }, mayManage: async () => true, ...over });

  /** Every option a command's schema reads, the hidden ones set by buttons included. */
  const optionNames = (c: CommandSpec) => [
    ...new Set([...c.options, ...(c.subcommands ?? []).flatMap((sub) => sub.options)].map((o) => o.name).concat(Object.keys((c.schema as z.ZodObject).shape))),
  ];

  function expectFriendly(reply: Reply, what: string, options: string[]) {
    const said = reply.kind === 'error' ? [reply.message] : [reply.title ?? '', ...reply.notes];
    const shown = [
      ...said,
      renderReply(reply, { width: 100, color: false }),
      renderSlack(reply).text,
      JSON.stringify(renderSlack(reply).blocks),
      renderDiscord(reply).content ?? '',
    ];
    for (const text of shown) {
      expect(text, what).not.toMatch(VALIDATOR);
      for (const name of options) expect(text, what).not.toMatch(new RegExp(`^${name}: `, 'im'));
    }
    if (reply.kind === 'error' && reply.code === 'bad_option') {
      // One sentence: a capital (or a slash command) first, one full stop at the end.
      expect(reply.message, what).toMatch(/^[A-Z/"“]/);
      expect(reply.message, what).toMatch(/[.?!]$/);
      expect(reply.message.slice(0, -1), what).not.toMatch(/[.?!]\s+[A-Z]/);
      expect(reply.message.length, what).toBeLessThanOrEqual(200);
    }
  }

  for (const c of COMMANDS) {
    const names = optionNames(c);
    const subs = c.subcommands?.map((sub) => sub.name) ?? [undefined];
    it(`/${c.name}: every option (${names.join(', ') || 'none'}) answers bad values with one friendly sentence`, async () => {
      for (const name of names.length ? names : ['_extra'])
        for (const sub of subs)
          for (const value of BAD) {
            const raw = { ...(sub && name !== 'subcommand' ? { subcommand: sub } : {}), [name]: value };
            expectFriendly(await runCommand(full(), c.name, raw), `/${c.name} ${JSON.stringify(raw).slice(0, 80)}`, names);
          }
    });

    it(`/${c.name}: typed lines with a bad value for each option answer in plain words`, async () => {
      for (const sub of subs) {
        const specs = [...c.options, ...(c.subcommands?.find((x) => x.name === sub)?.options ?? [])];
        for (const o of specs)
          for (const value of ['zz-unknown', '25:99', '2026-02-30', '-5', 'maybe']) {
            const line = `/${c.name} ${sub ?? ''} ${o.rest ? value : `${o.name}:${value}`}`;
            const inv = parseInvocation(line, findCommand);
            expectFriendly(await runCommand(full(), inv.name, inv.options), line, names);
          }
      }
      if (c.subcommands) expectFriendly(await runCommand(full(), c.name, parseInvocation(`/${c.name} tomorow`, findCommand).options), `/${c.name} tomorow`, names);
    });
  }

  it('says what to type for the options people get wrong most', async () => {
    const message = async (name: string, raw: Record<string, unknown>) => error(await runCommand(full(), name, raw)).message;
    expect(await message('topic', { query: 'checkpoints', page: 5000 })).toMatch(/^Page must be a whole number from 1 to 1000\.$/);
    expect(await message('daily', { subcommand: 'subscribe', time: 9 })).toMatch(/09:00|9am/);
    expect(await message('daily', { subcommand: 'subscribe', weekdays: 'maybe' })).toMatch(/weekdays/i);
    expect(await message('daily', { subcommand: 'tomorow' })).toMatch(/\/daily today/);
    expect(await message('daily', { date: 'tomorrow' })).toMatch(/2026-03-14/);
  });

  it('gives an option added without its own message a friendly sentence too', async () => {
    const probe = { name: 'probe', description: 'd', usage: '/probe', example: '/probe n:2', visibility: 'private', options: [], schema: z.object({ n: z.number().max(3) }), run: () => ({ kind: 'notice', visibility: 'private', lines: [], notes: [], actions: [] }) } as CommandSpec;
    COMMANDS.push(probe);
    try {
      for (const n of [5, 'x']) expect(error(await runCommand(full(), 'probe', { n })).message).toBe("I couldn't use that n; try something like /probe n:2.");
    } finally {
      COMMANDS.splice(COMMANDS.indexOf(probe), 1);
    }
  });
});

describe('declared visibility', () => {
  // Discord must say "thinking…" publicly or privately before the answer exists, so the
  // declaration has to match what each command and subcommand then answers.
  const status = (): DailyStatus => ({ channel: { platform: 'slack', channelId: 'C1' }, time: '09:00', timezone: 'UTC', days: EVERY_DAY, nextPost: 'tomorrow, 09:00 UTC' });
  const daily: DailyService = { subscribe: async () => status(), unsubscribe: async () => true, status: async () => status(), todaysPassage: async () => undefined };
  const planStatus = (): PlanStatus => ({ channel: { platform: 'slack', channelId: 'C1' }, doc: { id: 'eng', title: 'Engineering' }, pace: 'one section a reading day', days: EVERY_DAY, timezone: 'UTC', localDate: '2026-03-14', totalDays: 3, state: 'reading' });
  const plans: ReadingPlans = { reach: async () => undefined, start: async () => planStatus(), status: async () => planStatus(), move: async () => planStatus(), stop: async () => true };
  const cases: [string, Record<string, unknown>][] = [
    ['plan', {}],
    ['plan', { subcommand: 'status' }],
    ['plan', { subcommand: 'start', source: 'eng' }],
    ['plan', { subcommand: 'next' }],
    ['plan', { subcommand: 'back' }],
    ['plan', { subcommand: 'stop' }],
    ['quote', {}],
    ['quote', { query: 'blast radius' }],
    ['topic', { query: 'blast radius' }],
    ['discuss', {}],
    ['sources', {}],
    ['help', {}],
    ['daily', {}],
    ['daily', { subcommand: 'today' }],
    ['daily', { subcommand: 'subscribe', time: '09:00' }],
    ['daily', { subcommand: 'unsubscribe' }],
    ['daily', { subcommand: 'status' }],
  ];

  it('covers every command and subcommand', () => {
    for (const c of COMMANDS) {
      expect(cases.some(([name]) => name === c.name), c.name).toBe(true);
      for (const sub of c.subcommands ?? []) expect(cases.some(([name, raw]) => name === c.name && raw.subcommand === sub.name), `${c.name} ${sub.name}`).toBe(true);
    }
  });

  it.each(cases)('/%s %j answers as declared', async (name, raw) => {
    const reply = await run(name, raw, { daily, plans, here: { platform: 'slack', channelId: 'C1' }, mayManage: async () => true });
    expect(reply.kind, JSON.stringify(reply)).not.toBe('error');
    expect(reply.visibility).toBe(expectedVisibility(name, raw));
  });

  it('answers an unknown command privately', () => {
    expect(expectedVisibility('nope', {})).toBe('private');
  });
});

describe('declared options and the schema agree', () => {
  // Platforms build their forms from the declared options and commands read the schema's output:
  // an option the schema drops, or a key no form can send, is a command that silently misbehaves.

  /** The schema's choices for `subcommand`, through its default. */
  function subcommandChoices(c: CommandSpec): string[] | undefined {
    let s: unknown = (c.schema as z.ZodObject).shape?.subcommand;
    while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap();
    return s instanceof z.ZodEnum ? s.options.map(String) : undefined;
  }

  /** Every place a command's declarations and its schema's keys disagree, one line each. */
  function disagreements(c: CommandSpec): string[] {
    const keys = new Set(schemaKeys(c));
    const scopes = [
      { where: `/${c.name}`, options: c.options },
      ...(c.subcommands ?? []).map((s) => ({ where: `/${c.name} ${s.name}`, options: [...c.options, ...s.options] })),
    ];
    const out: string[] = [];
    for (const { where, options } of scopes) {
      for (const o of options) if (!keys.has(o.name)) out.push(`${where}: option ${o.name} is not in the schema`);
      const names = options.map((o) => o.name);
      for (const n of new Set(names)) if (names.indexOf(n) !== names.lastIndexOf(n)) out.push(`${where}: option ${n} is declared twice`);
    }
    for (const k of c.setByActions ?? []) if (!keys.has(k)) out.push(`/${c.name}: ${k}, set by actions, is not in the schema`);
    const declared = new Set([...scopes.flatMap((s) => s.options.map((o) => o.name)), ...(c.setByActions ?? [])]);
    if (c.subcommands?.length) {
      declared.add('subcommand');
      const choices = subcommandChoices(c);
      const subs = c.subcommands.map((s) => s.name);
      if (JSON.stringify(choices) !== JSON.stringify(subs)) out.push(`/${c.name}: the schema's subcommands ${JSON.stringify(choices)} are not the declared ${JSON.stringify(subs)}`);
    }
    for (const k of keys) if (!declared.has(k)) out.push(`/${c.name}: schema key ${k} is not a declared option`);
    return out;
  }

  for (const c of COMMANDS) {
    it(`/${c.name}${c.subcommands ? ' and each subcommand' : ''}`, () => {
      expect(c.schema).toBeInstanceOf(z.ZodObject);
      expect(disagreements(c)).toEqual([]);
    });
  }

  it('catches each kind of disagreement', () => {
    const base = { description: 'd', usage: '/probe', example: '/probe', visibility: 'private', run: () => ({ kind: 'notice', visibility: 'private', lines: [], notes: [], actions: [] }) };
    const probe = {
      ...base,
      name: 'probe',
      options: [{ name: 'query', description: 'd', type: 'string' }],
      subcommands: [
        { name: 'one', description: 'd', options: [{ name: 'when', description: 'd', type: 'string' }, { name: 'when', description: 'd', type: 'string' }] },
        { name: 'two', description: 'd', options: [] },
      ],
      setByActions: ['page'],
      schema: z.object({ subcommand: z.enum(['one', 'three']).default('one'), query: z.string(), extra: z.string() }),
    } as unknown as CommandSpec;
    expect(disagreements(probe)).toEqual([
      '/probe one: option when is not in the schema',
      '/probe one: option when is not in the schema',
      '/probe one: option when is declared twice',
      '/probe: page, set by actions, is not in the schema',
      `/probe: the schema's subcommands ["one","three"] are not the declared ["one","two"]`,
      '/probe: schema key extra is not a declared option',
    ]);
  });
});
