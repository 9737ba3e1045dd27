// A discussion with a compared passage: every front end must show which passage the questions
// discuss and which they compare it with.
import { describe, expect, it } from 'vitest';
import { COMPARED_HEADING, type Reply, type ReplyPassage } from '../../src/bot/reply.js';
import { renderDiscord } from '../../src/platforms/discord/render.js';
import { renderSlack } from '../../src/platforms/slack/render.js';
import { replyJson } from '../../src/platforms/terminal/json.js';
import { renderReply } from '../../src/platforms/terminal/render.js';

const passage = (id: string, speaker: string, title: string, text: string): ReplyPassage => ({
  id: `${id}:0001`,
  text,
  highlights: [],
  doc: { id, title, kind: 'transcript' },
  speaker,
});
const discussed = passage('remote', 'Dan', 'Working apart', 'Remote teams should write every decision down.');
const compared = { ...passage('calls', 'Mia', 'In defence of calls', 'Written decisions go stale within a month, but a call settles it.'), compared: true };
const reply: Reply = {
  kind: 'discussion',
  visibility: 'public',
  title: 'Discussion prompt',
  passages: [discussed, compared],
  questions: ['“Remote teams should write every decision down.” What does that rest on?', 'Compare Mia, in “In defence of calls”: “Written decisions go stale within a month, but a call settles it.” What would each say to the other?'],
  notes: [],
  actions: [{ kind: 'context', passageId: discussed.id }],
};

describe('a discussion prompt with a compared passage', () => {
  it('Discord: the prompt embed carries the questions; the compared passage follows under the heading', () => {
    const m = renderDiscord(reply);
    expect(m.embeds).toHaveLength(2);
    expect(m.embeds[0]!.description).toContain('Remote teams');
    expect(m.embeds[0]!.fields?.map((f) => f.name)).toEqual(['Question 1', 'Question 2']);
    expect(m.embeds[1]!.author?.name).toBe(COMPARED_HEADING);
    expect(m.embeds[1]!.description).toContain('go stale');
  });

  it('Slack: the compared passage sits under the heading, after the discussed one', () => {
    const text = JSON.stringify(renderSlack(reply).blocks);
    const at = (s: string) => text.indexOf(s);
    expect(at('Remote teams')).toBeGreaterThanOrEqual(0);
    expect(at(COMPARED_HEADING)).toBeGreaterThan(at('Remote teams'));
    expect(at('go stale')).toBeGreaterThan(at(COMPARED_HEADING));
  });

  it('terminal and JSON: the second passage is labelled as the comparison', () => {
    const text = renderReply(reply, { width: 100, color: false });
    expect(text).toMatch(new RegExp(`2\\. ${COMPARED_HEADING}:\\n[^]*go stale`));
    const json = replyJson('discuss', reply) as { results: { id: string; role: string }[] };
    expect(json.results.map((r) => [r.id, r.role])).toEqual([
      [discussed.id, 'discussed'],
      [compared.id, 'compared'],
    ]);
  });

  it('a discussion carrying several passages to read labels none of them as a comparison', () => {
    const day: Reply = { ...reply, passages: [discussed, { ...discussed, id: 'remote:0002', text: 'Calls are for deciding; documents are for remembering.' }] };
    expect(renderReply(day, { width: 100, color: false })).not.toContain(COMPARED_HEADING);
    expect(JSON.stringify(renderSlack(day).blocks)).not.toContain(COMPARED_HEADING);
    const m = renderDiscord(day);
    expect(m.embeds.map((e) => e.author?.name)).toEqual([undefined, undefined]);
    // The questions sit under the last passage read.
    expect(m.embeds[1]!.fields?.map((f) => f.name)).toEqual(['Question 1', 'Question 2']);
    expect((replyJson('discuss', day) as { results: { role: string }[] }).results.map((r) => r.role)).toEqual(['discussed', 'discussed']);
  });
});
