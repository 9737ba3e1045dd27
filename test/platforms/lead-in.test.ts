// An answer served for an interviewer's question carries the question as its lead-in: every
// platform shows it as one short quoted line above the answer, saying who asked.
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/platforms/terminal/render.js';
import { renderSlack } from '../../src/platforms/slack/render.js';
import { renderDiscord } from '../../src/platforms/discord/render.js';
import { replyJson } from '../../src/platforms/terminal/json.js';
import type { Reply, ReplyPassage } from '../../src/bot/reply.js';

const answer: ReplyPassage = {
  id: 'talk:0000abcd',
  text: 'We checkpoint every ten minutes and restore from the last good one.',
  highlights: [],
  doc: { id: 'talk', title: 'Operating big clusters', kind: 'transcript' },
  speaker: 'Ada Lovelace',
  leadIn: { text: 'What happens when a rack fails mid-run?', speaker: 'Host' },
};
const reply: Reply = { kind: 'passages', visibility: 'public', passages: [answer], notes: [], actions: [] };

describe('a question served as the lead-in to its answer', () => {
  it('shows who asked and the question above the answer in the terminal', () => {
    const out = renderReply(reply, { width: 200, color: false });
    const lead = out.indexOf('Question from the host: “What happens when a rack fails mid-run?”');
    expect(lead).toBeGreaterThan(-1);
    expect(lead).toBeLessThan(out.indexOf('We checkpoint every ten minutes'));
  });

  it('puts it in a context line before the answer on Slack', () => {
    const blocks = renderSlack(reply).blocks;
    const at = blocks.findIndex((b) => JSON.stringify(b).includes('What happens when a rack fails mid-run?'));
    expect(blocks[at]?.type).toBe('context');
    expect(at).toBeLessThan(blocks.findIndex((b) => JSON.stringify(b).includes('We checkpoint every ten minutes')));
  });

  it('quotes it as the first line of the Discord embed', () => {
    const description = renderDiscord(reply).embeds[0]!.description!;
    expect(description.split('\n')[0]).toBe('> Question from the host: “What happens when a rack fails mid-run?”');
    expect(description).toContain('We checkpoint every ten minutes');
  });

  it('carries it in the JSON result', () => {
    const json = replyJson('topic', reply) as { results: { leadIn?: unknown }[] };
    expect(json.results[0]!.leadIn).toEqual({ text: 'What happens when a rack fails mid-run?', speaker: 'Host' });
  });

  it('names a labelled asker as asking, and says "Asked" when nobody is known', () => {
    const named = renderReply({ ...reply, passages: [{ ...answer, leadIn: { text: 'Why now?', speaker: 'Sam Altman', asks: true } }] }, { width: 200, color: false });
    expect(named).toContain('Sam Altman (question): “Why now?”');
    const unknown = renderReply({ ...reply, passages: [{ ...answer, leadIn: { text: 'Why now?' } }] }, { width: 200, color: false });
    expect(unknown).toContain('Asked: “Why now?”');
  });
});
