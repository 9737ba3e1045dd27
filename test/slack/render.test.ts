import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { escapeSlack, LIMITS, mrkdwnWithHighlights, renderSlack } from '../../src/platforms/slack/render.js';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Reply, ReplyPassage } from '../../src/bot/reply.js';
import { hostilePassage, hostileReplies, SLACK_LIVE, stringsIn } from '../helpers/hostile.js';
import { ENGINEERING, libraryWithSkipped, POWER } from '../helpers/fixtures.js';
import { runCommand } from '../../commands/index.js';

const passage = (text: string, extra: Partial<ReplyPassage> = {}): ReplyPassage => ({
  id: `doc:${text.length.toString(16).padStart(8, '0')}`,
  text,
  highlights: [],
  doc: { id: 'doc', title: 'A <document> & more', kind: 'article' },
  ...extra,
});

describe('Slack rendering', () => {
  it('escapes &, < and > so corpus or user text can never ping or link', () => {
    expect(escapeSlack('<!everyone> <!channel> <@U123> <http://x|y> & co')).toBe('&lt;!everyone&gt; &lt;!channel&gt; &lt;@U123&gt; &lt;http://x|y&gt; &amp; co');
    const reply: Reply = { kind: 'error', code: 'no_results', message: 'I found nothing about "<!here> <@U1>".', suggestions: ['<!channel>'], visibility: 'private', notes: [], actions: [] };
    const json = JSON.stringify(renderSlack(reply));
    expect(json).not.toMatch(/<!here>|<@U1>|<!channel>/);
  });

  it('bolds the matched words and keeps the cut at a sentence end within 3000 characters', () => {
    const text = 'Scaling laws held. '.repeat(300);
    const md = mrkdwnWithHighlights(text, [[0, 12]], LIMITS.sectionText);
    expect(md.startsWith('*Scaling laws* held.')).toBe(true);
    expect(md.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(md.endsWith('held. …')).toBe(true);
  });

  it('renders passages with a context line (document, speaker, section) and buttons carrying the action', () => {
    const p = passage('Checkpoints matter.', { speaker: 'Ada', section: 'Ops', doc: { id: 'doc', title: 'Talk', kind: 'transcript', url: 'https://example.org/t' } });
    const reply: Reply = {
      kind: 'passages',
      visibility: 'private',
      passages: [p, passage('Second one here.')],
      notes: ['Your query was clipped.'],
      actions: [{ kind: 'more', query: 'checkpoints', page: 2 }, { kind: 'context', passageId: p.id }, { kind: 'share', passageId: p.id }],
      page: 1,
      total: 5,
    };
    const m = renderSlack(reply, 'U42');
    expect(m.responseType).toBe('ephemeral');
    const contexts = m.blocks.filter((b) => b.type === 'context').map((b) => JSON.stringify(b));
    expect(contexts.some((c) => c.includes('Ada · <https://example.org/t|Talk> · Ops'))).toBe(true);
    const actions = m.blocks.find((b) => b.type === "actions") as unknown as { elements: { action_id: string; value: string; text: { text: string } }[] };
    expect(actions.elements.map((e) => e.text.text)).toEqual(['More', 'Context 1', 'Share 1']);
    expect(new Set(actions.elements.map((e) => e.action_id)).size).toBe(3);
    for (const e of actions.elements) expect(e.value).toMatch(/^rg1:[mcs]:U42:/);
    expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  });

  it('never exceeds 50 blocks, keeping the buttons and notes', () => {
    const many = Array.from({ length: 40 }, (_, i) => passage(`Passage number ${i}.`));
    const reply: Reply = { kind: 'passages', visibility: 'public', passages: many, notes: ['note'], actions: [{ kind: 'another', seed: 1 }] };
    const m = renderSlack(reply);
    expect(m.blocks.length).toBe(LIMITS.blocks);
    expect(m.blocks.at(-2)!.type).toBe('actions');
    expect(JSON.stringify(m.blocks.at(-1))).toContain('note');
    expect(m.responseType).toBe('in_channel');
  });
});

describe('Slack rendering of hostile document and user text', () => {
  it('leaves no live mention, channel ping or link in any field of any reply kind', () => {
    for (const reply of hostileReplies()) {
      const m = renderSlack(reply, 'U42');
      for (const s of stringsIn({ text: m.text, blocks: m.blocks.filter((b) => b.type !== 'actions') })) {
        expect(s, `${reply.kind}: ${s}`).not.toMatch(SLACK_LIVE);
        expect(s).not.toContain('\u001b');
      }
    }
  });

  it('marks every mrkdwn text verbatim, so Slack does not turn @here, #channel or bare urls into mentions and links', () => {
    for (const reply of hostileReplies()) {
      const objects: { type?: string; verbatim?: boolean }[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          if ((v as { type?: string }).type === 'mrkdwn') objects.push(v as { verbatim?: boolean });
          Object.values(v).forEach(walk);
        }
      };
      walk(renderSlack(reply).blocks);
      expect(objects.length).toBeGreaterThan(0);
      for (const o of objects) expect(o.verbatim, reply.kind).toBe(true);
    }
  });

  it('drops a document url that is not a well-formed http(s) url instead of linking it', () => {
    for (const url of ['https://example.org/a>b <!here> c', 'javascript:alert(1)', 'https://x.org/a|b', 'https://u:p@x.org/']) {
      const m = renderSlack({ kind: 'passages', visibility: 'public', passages: [hostilePassage({ doc: { id: 'd', title: 'Talk', kind: 'article', url } })], notes: [], actions: [] });
      const attribution = JSON.stringify(m.blocks.at(-1));
      expect(attribution).toContain('Talk');
      expect(attribution, url).not.toMatch(/<[a-z]+:/i);
    }
  });

  it('links a good url, with & escaped and the link text escaped', () => {
    const p = hostilePassage({ speaker: undefined, section: undefined, doc: { id: 'd', title: 'A <b> | c', kind: 'article', url: 'https://example.org/t?a=1&b=2' } });
    const m = renderSlack({ kind: 'passages', visibility: 'public', passages: [p], notes: [], actions: [] });
    const context = (m.blocks.at(-1) as unknown as { elements: { text: string }[] }).elements[0]!.text;
    expect(context).toBe('— <https://example.org/t?a=1&amp;b=2|A &lt;b&gt; | c>');
  });
});

describe('Slack app manifest', () => {
  const manifest = parse(readFileSync(path.join(PROJECT_ROOT, 'src/platforms/slack/manifest.yml'), 'utf8'));

  it('declares every command, interactivity and Socket Mode', () => {
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    // Every command is a subcommand of /reading (see manifest.test.ts for the names and scopes).
    expect(declared).toEqual(['/reading']);
    expect(COMMANDS.length).toBeGreaterThan(1);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write']));
  });

});

describe('Slack rendering of files not served', () => {
  it('lists the files not served after the documents, with why, and counts the rest', async () => {
    const reply = await runCommand(
      { library: libraryWithSkipped(13, ENGINEERING, POWER), now: new Date('2026-03-14T10:00:00Z'), random: Math.random, channelKey: 'c', userName: 'u' },
      'sources',
      {},
    );
    const message = renderSlack(reply);
    const texts = message.blocks.map((b) => (b as { text?: { text: string } }).text?.text ?? '');
    const last = texts[texts.length - 1]!;
    expect(texts.findIndex((t) => t.includes('Power and data centres'))).toBeLessThan(texts.length - 1);
    expect(last).toMatch(/^\*Not served\*/);
    expect(last).toContain('scan-0.pdf: has no text layer');
    expect(last).toMatch(/and 3 more$/);
    expect(message.text).toContain('13 not served');
  });

  it('keeps the not-served list when a shelf has more documents than a message holds', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ id: `d${i}`, title: `Doc ${i}`, kind: 'article' as const, speakers: [], passages: 1 }));
    const message = renderSlack({ kind: 'sources', visibility: 'private', title: 'Sources', sources: many, skipped: [{ file: 'scan.pdf', reason: 'has no text layer' }], skippedTotal: 1, notes: [], actions: [] });
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('scan.pdf: has no text layer');
  });

  it('escapes the hostile name and reason of a skipped file', () => {
    const sources = renderSlack(hostileReplies().find((r) => r.kind === 'sources')!);
    const notServed = JSON.stringify(sources.blocks.find((b) => JSON.stringify(b).includes('Not served')));
    expect(notServed).toContain('and 3 more');
    expect(notServed).not.toMatch(SLACK_LIVE);
  });
});
