// Who asked, as a reader sees it on every platform: a role never stands beside a title that opens
// with a person's name as if that person asked, and a named asker reads as asking.

import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import { analyzeText } from '../../src/core/ingest/index.js';
import { guessKind } from '../../src/core/ingest/structure.js';
import { attributionWords } from '../../src/core/attribution.js';
import { renderReply } from '../../src/platforms/terminal/render.js';
import { renderSlack } from '../../src/platforms/slack/render.js';
import { renderDiscord } from '../../src/platforms/discord/render.js';
import type { Reply, ReplyPassage } from '../../src/bot/reply.js';
import { meta } from '../ingest/helpers.js';

const TITLE = 'Mara Oduya at the Harbour Robotics Summit';
const passage = (text: string, extra: Partial<ReplyPassage> = {}): ReplyPassage => ({
  id: 'summit:0000abcd',
  text,
  highlights: [],
  doc: { id: 'summit', title: TITLE, kind: 'transcript' },
  ...extra,
});
const replyOf = (p: ReplyPassage): Reply => ({ kind: 'passages', visibility: 'public', passages: [p], notes: [], actions: [] });
const terminal = (p: ReplyPassage) => renderReply(replyOf(p), { width: 200, color: false });
const slack = (p: ReplyPassage) => JSON.stringify(renderSlack(replyOf(p)));
const discordFooter = (p: ReplyPassage) => renderDiscord(replyOf(p)).embeds?.[0]?.footer?.text;

describe('attribution of questions', () => {
  it('shows a role question as the role asking, in the document, never beside its title', () => {
    const q = passage('How do you keep the arms calibrated on a moving ship?', { speaker: 'Question' });
    expect(terminal(q)).toContain(`— A question, in “${TITLE}”`);
    expect(terminal(q)).not.toContain(`Question, ${TITLE}`);
    expect(slack(q)).toContain(`— A question, in “${TITLE}”`);
    expect(discordFooter(q)).toBe('A question');

    const host = passage('What went wrong the first time you tried it?', { speaker: 'Host', section: 'Early days' });
    expect(terminal(host)).toContain(`— Question from the host, in “${TITLE}” · Early days`);
    expect(slack(host)).toContain(`— Question from the host, in “${TITLE}” · Early days`);
    expect(discordFooter(host)).toBe('Question from the host · Early days');

    const audience = passage('Will the kits be sold to schools?', { speaker: 'Audience' });
    expect(terminal(audience)).toContain(`— Audience question, in “${TITLE}”`);
  });

  it('shows a host who is not asking as the host, still in the document', () => {
    const host = passage('Thanks everyone for coming out on a rainy evening to hear about ships.', { speaker: 'Host' });
    expect(terminal(host)).toContain(`— The host, in “${TITLE}”`);
    expect(terminal(host)).not.toContain('Question from');
  });

  it('shows a named asker as asking, and a person answering as before', () => {
    const asker = passage('Did the salt water ruin the first prototype?', { speaker: 'Lena Park', asks: true });
    expect(terminal(asker)).toContain(`— Lena Park (question), in “${TITLE}”`);
    expect(slack(asker)).toContain(`— Lena Park (question), in “${TITLE}”`);
    expect(discordFooter(asker)).toBe('Lena Park (question)');

    const answer = passage('It did, twice, and we learned to seal every joint.', { speaker: 'Mara Oduya' });
    expect(terminal(answer)).toContain(`— Mara Oduya, ${TITLE}`);
    expect(slack(answer)).toContain(`— Mara Oduya · ${TITLE}`);
    expect(discordFooter(answer)).toBe('Mara Oduya');
    expect(attributionWords({ text: 'x' }, TITLE)).toBe(TITLE);
    // The interviewer's lead-in that asks nothing is simply theirs, not labelled a question.
    const remark = passage('We first met at a summer camp, and it was extremely memorable.', { speaker: 'Lena Park', asks: true });
    expect(terminal(remark)).toContain(`— Lena Park, ${TITLE}`);
  });

  it('marks the passage of a named asker from a transcript, and not the answer after it', () => {
    const raw = [
      'Mara Oduya: We built the first arm in a garage near the docks, and it rusted in a week.',
      '',
      'Question, Lena Park at Tidewater Labs',
      '',
      'Did the salt water ruin the first prototype, or was it the cold?',
      '',
      'Mara Oduya: It was the salt. We learned to seal every joint and to rinse the arms each night.',
      '',
      'Mara Oduya: After that the arms lasted a whole season at sea without a single failure.',
    ].join('\n');
    const m = meta({ kind: guessKind(raw), speakers: ['Mara Oduya'] });
    const corpus = buildCorpus([{ meta: m, sentences: analyzeText(raw, m).sentences, file: 'summit.txt', hash: '' }]);
    const asked = corpus.passages.filter((p) => p.asks);
    expect(asked.map((p) => [p.speaker, p.text])).toEqual([['Lena Park', 'Did the salt water ruin the first prototype, or was it the cold?']]);
    expect(corpus.passages.filter((p) => p.text.includes('salt.')).every((p) => p.speaker === 'Mara Oduya' && !p.asks)).toBe(true);
    // Her question is not served as a quotation, as a host's would not be.
    expect(asked[0]!.quotability).toBeLessThan(0.5);
  });
});
