import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/platforms/discord/definitions.js';
import { LIMITS, markdownWithHighlights, renderDiscord } from '../../src/platforms/discord/render.js';
import { shorten as fit } from '../../src/core/search/text.js';
import { sameDefinition } from '../../src/platforms/discord/register.js';
import type { Reply, ReplyPassage } from '../../src/bot/reply.js';
import { BAD_URL, DISCORD_LIVE, hostilePassage, hostileReplies, stringsIn } from '../helpers/hostile.js';
import { ENGINEERING, libraryWithSkipped, POWER } from '../helpers/fixtures.js';
import { runCommand } from '../../commands/index.js';

const passage = (text: string, extra: Partial<ReplyPassage> = {}): ReplyPassage => ({
  id: `doc:${text.length.toString(16).padStart(8, '0')}`,
  text,
  highlights: [],
  doc: { id: 'doc', title: 'A document', kind: 'article' },
  ...extra,
});

describe('Discord rendering', () => {
  it('escapes markdown in corpus text and bolds only the highlights', () => {
    const text = 'Use *stars* and _underscores_ with `code` for scaling laws.';
    const start = text.indexOf('scaling laws');
    expect(markdownWithHighlights(text, [[start, start + 12]])).toBe('Use \\*stars\\* and \\_underscores\\_ with \\`code\\` for **scaling laws**.');
  });

  it('cuts long text at a sentence end', () => {
    const text = 'First sentence is here. Second sentence is here. ' + 'x'.repeat(100);
    expect(fit(text, 60)).toBe('First sentence is here. Second sentence is here. …');
  });

  it('keeps a page of very long passages within every Discord limit', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Sentence ${i} about *scaling*.`).join(' ');
    const reply: Reply = {
      kind: 'passages',
      visibility: 'private',
      title: 'On “x”'.repeat(500),
      passages: [passage(long), passage(long + ' '), passage(long + '  ')],
      notes: ['n'.repeat(3000)],
      actions: [],
      page: 1,
      total: 9,
    };
    const m = renderDiscord(reply, '1');
    expect(m.content!.length).toBeLessThanOrEqual(LIMITS.content);
    const total = m.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(LIMITS.embedsTotal);
    for (const e of m.embeds) expect(e.description!.length).toBeLessThanOrEqual(LIMITS.description);
    for (const e of m.embeds) expect(e.description!.split('**').length % 2).toBe(1);
    expect(m.flags).toBe(MessageFlags.Ephemeral);
    expect(m.allowedMentions).toEqual({ parse: [] });
  });

  it('lays out buttons in rows with unique custom ids of at most 100 characters', () => {
    const ps = [passage('One passage here.'), passage('Another passage there.'), passage('A third passage, longer.')];
    const reply: Reply = {
      kind: 'passages',
      visibility: 'private',
      passages: ps,
      notes: [],
      actions: [
        { kind: 'more', query: 'q '.repeat(150), page: 2 },
        ...ps.map((p) => ({ kind: 'context' as const, passageId: p.id })),
        ...ps.map((p) => ({ kind: 'share' as const, passageId: p.id })),
      ],
    };
    const m = renderDiscord(reply, '123456789012345678');
    expect(m.components.length).toBeLessThanOrEqual(LIMITS.rows);
    const buttons = m.components.flatMap((r) => r.components) as { type: number; style: number; custom_id: string; label: string }[];
    expect(buttons.every((b) => b.type === ComponentType.Button)).toBe(true);
    expect(buttons.map((b) => b.label)).toEqual(['More', 'Context 1', 'Context 2', 'Context 3', 'Share 1', 'Share 2', 'Share 3']);
    expect(buttons[0]!.style).toBe(ButtonStyle.Primary);
    for (const b of buttons) expect(b.custom_id.length).toBeLessThanOrEqual(100);
    expect(new Set(buttons.map((b) => b.custom_id)).size).toBe(buttons.length);
  });

  it('shows errors privately with their suggestions', () => {
    const m = renderDiscord({ kind: 'error', code: 'no_results', message: 'I found nothing about "x_y".', suggestions: ['checkpoints'], visibility: 'private', notes: [], actions: [] });
    expect(m.flags).toBe(MessageFlags.Ephemeral);
    expect(m.content).toBe('I found nothing about "x\\_y".\nTry: `checkpoints`');
  });
});

describe('Discord rendering of hostile document and user text', () => {
  const shown = (m: ReturnType<typeof renderDiscord>) => stringsIn({ content: m.content, embeds: m.embeds });

  it('leaves no live mention, @everyone or masked link in any field of any reply kind', () => {
    for (const reply of hostileReplies()) {
      const m = renderDiscord(reply, '1');
      expect(m.allowedMentions).toEqual({ parse: [] });
      for (const s of shown(m)) {
        for (const live of DISCORD_LIVE) expect(s, `${reply.kind}: ${s}`).not.toMatch(live);
        expect(s).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      }
    }
  });

  it('sets the embed url only for a well-formed http(s) url', () => {
    const embedUrl = (url: string) =>
      renderDiscord({ kind: 'passages', visibility: 'public', passages: [hostilePassage({ doc: { id: 'd', title: 'Talk', kind: 'article', url } })], notes: [], actions: [] }).embeds[0]!.url;
    for (const url of [BAD_URL, 'javascript:alert(1)', 'https://u:p@x.org/', 'ftp://x.org/f']) expect(embedUrl(url), url).toBeUndefined();
    expect(embedUrl('https://example.org/t?a=1&b=2')).toBe('https://example.org/t?a=1&b=2');
    const sources = renderDiscord(hostileReplies().find((r) => r.kind === 'sources')!);
    expect(JSON.stringify(sources.embeds)).not.toContain('example.org/a');
  });

  it('echoes a masked link in a query as plain text', () => {
    const query = '[click me](https://evil.example)';
    const m = renderDiscord({ kind: 'passages', visibility: 'private', title: `On “${query}”`, passages: [hostilePassage()], notes: [], actions: [] });
    expect(m.content).toContain('\\[click me\\](https://evil.example)');
    const e = renderDiscord({ kind: 'error', code: 'no_results', message: `I found nothing about "${query}".`, suggestions: [], visibility: 'private', notes: [], actions: [] });
    expect(e.content).toBe('I found nothing about "\\[click me\\](https://evil.example)".');
  });
});

describe('Discord command definitions', () => {
  it('declares every command with the contract option names, required options first', () => {
    const defs = commandDefinitions();
    const byName = Object.fromEntries(defs.map((d) => [d.name, d]));
    const names = (o: unknown) => ((o as { options?: { name: string }[] }).options ?? []).map((x) => x.name);
    expect(names(byName.quote)).toEqual(['query', 'source', 'ahead']);
    expect(names(byName.topic)).toEqual(['query', 'source', 'ahead']);
    expect(names(byName.daily)).toEqual(['today', 'subscribe', 'unsubscribe', 'status']);
    expect(names(byName.discuss)).toEqual(['topic', 'source', 'ahead']);
    // Looking past a reading plan is a Discord boolean, ahead:True.
    expect((byName.quote!.options as { name: string; type: number }[]).find((o) => o.name === 'ahead')!.type).toBe(5);
    const topicQuery = (byName.topic!.options as { name: string; required: boolean; autocomplete: boolean }[])[0]!;
    expect(topicQuery).toMatchObject({ required: true, autocomplete: true });
    for (const d of defs) expect(d.description!.length).toBeLessThanOrEqual(100);
  });

  it('treats Discord-added fields and omitted false flags as unchanged, and a changed description as changed', () => {
    const wanted = { name: 'x', description: 'd', options: [{ name: 'q', type: 3, required: false, autocomplete: false }] };
    const held = { id: '1', version: '2', name: 'x', description: 'd', options: [{ name: 'q', type: 3 }] };
    expect(sameDefinition(wanted, held)).toBe(true);
    expect(sameDefinition({ ...wanted, description: 'e' }, held)).toBe(false);
  });

});

describe('Discord rendering of files not served', () => {
  it('lists the files not served after the documents, with why, and counts the rest', async () => {
    const reply = await runCommand(
      { library: libraryWithSkipped(13, ENGINEERING, POWER), now: new Date('2026-03-14T10:00:00Z'), random: Math.random, channelKey: 'c', userName: 'u' },
      'sources',
      {},
    );
    const message = renderDiscord(reply);
    const [docs, notServed] = message.embeds;
    expect(docs!.fields!.map((f) => f.name)).toEqual(['Engineering at scale', 'Power and data centres']);
    expect(notServed!.title).toBe('Not served');
    expect(notServed!.description).toContain('scan-0.pdf: has no text layer');
    expect(notServed!.description).toMatch(/and 3 more$/);
    expect(notServed!.description).not.toContain('scan-10.pdf');
    expect(message.allowedMentions).toEqual({ parse: [] });
  });

  it('keeps the hostile name and reason of a skipped file from pinging or linking', () => {
    const sources = renderDiscord(hostileReplies().find((r) => r.kind === 'sources')!);
    const notServed = sources.embeds.find((e) => e.title === 'Not served')!;
    expect(notServed.description).toMatch(/and 3 more/);
    for (const live of DISCORD_LIVE) expect(notServed.description).not.toMatch(live);
  });
});
