// Emcee introductions, sign-offs and more editorial notes must never reach a passage, while the
// talk, interview or post around them comes through word for word. Every document here is written
// for this test, of the kinds a reading group brings (conference transcript, podcast, interview).
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/core/ingest/index.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import type { DocumentMeta } from '../../src/core/corpus.js';
import { meta } from './helpers.js';

function passages(raw: string, over: Partial<DocumentMeta> = {}) {
  const m = meta(over);
  const { sentences } = analyzeText(raw, m);
  return buildCorpus([{ meta: m, file: 'x.txt', hash: 'x', sentences }]).passages;
}
const all = (raw: string, over: Partial<DocumentMeta> = {}) => passages(raw, over).map((p) => p.text).join('\n');

describe('emcee introductions', () => {
  it('drops the welcome and the bio read before it, keeps the talk', () => {
    const raw = `Emcee: Good afternoon. Our next speaker needs no introduction. Lena Okafor was previously the CTO of Brindle Labs, which she helped build from 6 to 300 employees. Before that she led the storage team at Corvid. Please join me in welcoming to the stage Lena Okafor!

Lena Okafor: Thank you. I want to talk about why most caches are too big. When we measured our fleet, a third of the memory held keys nobody had read in a month.`;
    const text = all(raw, { kind: 'transcript' });
    for (const junk of ['needs no introduction', 'previously the CTO', 'helped build', 'led the storage team', 'join me in welcoming']) expect(text).not.toContain(junk);
    expect(text).toContain('I want to talk about why most caches are too big.');
    expect(text).toContain('When we measured our fleet, a third of the memory held keys nobody had read in a month.');
  });

  it('drops a panel introduction at the top of an unlabelled transcript', () => {
    const raw = `We're joined next by Marco Vidal, CEO of Tessel, and Hana Sato, who leads research at Quarry. Tessel is a freight company whose goal is to move goods across borders in a day. Marco co-founded Tessel in 2016 after eight years at a shipping firm. Let's give a warm welcome to Marco and Hana.

So the first thing to understand about freight is that the trucks are never the bottleneck. The bottleneck is the paperwork at the border, and it has been for thirty years.`;
    const text = all(raw, { kind: 'transcript' });
    for (const junk of ['joined next by', 'whose goal is', 'co-founded Tessel', 'warm welcome']) expect(text).not.toContain(junk);
    expect(text).toContain('So the first thing to understand about freight is that the trucks are never the bottleneck.');
    expect(text).toContain('The bottleneck is the paperwork at the border, and it has been for thirty years.');
  });

  it('keeps a career profile that no introduction frames', () => {
    const raw = `Lena Okafor was previously the CTO of Brindle Labs, which she helped build from 6 to 300 employees. Her view of caching was shaped by a single outage in 2019.`;
    expect(all(raw)).toBe(raw);
  });
});

describe('sign-offs and outros', () => {
  const junk = [
    "That's all for today.",
    "Well, that's it for this week's episode.",
    'Thanks for watching.',
    'See you next week!',
    'Until next time, take care.',
    'This has been Field Notes.',
    "You've been listening to The Long Table, a show about food and cities.",
    "And that's all we have time for.",
  ];
  const body = 'The ferry stopped running in 1987, and the island lost half its families within a decade.';
  for (const j of junk) {
    it(j, () => {
      expect(all(`${body}\n\n${j}`)).toBe(body);
      expect(all(`${body} ${j}`, { kind: 'transcript' })).toBe(body);
    });
  }
  const keep = [
    "That's all the evidence the court needed to overturn the ruling.",
    'See you in court, the lawyer told the landlord, and he meant it.',
    'This has been a hard year for the farmers along the river.',
    'Until next year the bridge stays closed to heavy trucks.',
  ];
  for (const k of keep) it(`keeps: ${k}`, () => expect(all(k)).toBe(k));
});

describe('more editorial meta-text', () => {
  const junk = [
    "[Editor's note: This interview took place before the merger was announced.]",
    'Editor’s note: Some answers have been condensed.',
    'Sorry for the typos, we are typing this from the press row.',
    'Some portions have been omitted.',
    'Due to space limitations, we have summarised the second half.',
    'The audio cut out here for about a minute.',
    'The following is a lightly edited transcript of a talk given at the Harbour Forum in May.',
    'This transcript was automatically generated and may contain errors.',
    'Apologies for the delay, the Wi-Fi in the hall keeps dropping.',
    'This post will be updated as the session goes on.',
    'Stay tuned for more updates from the show floor.',
  ];
  const body = 'The harbour authority spent four years and nine million pounds dredging a channel that silted up in two.';
  for (const j of junk) {
    it(j, () => {
      expect(all(`${j}\n\n${body}`)).toBe(body);
      expect(all(`${body}\n\n${j}`)).toBe(body);
    });
  }
  const keep = [
    'The following is a list of the towns that lost their rail link, which the report printed in full.',
    'Due to time constraints, the council chose to repair the old bridge instead of building a new one.',
    'The video went viral within a day, and the mayor apologised by evening.',
    'The railway apologised for the delays and promised new trains by spring.',
    'The timetable will be updated in May, when the summer service begins.',
  ];
  for (const k of keep) it(`keeps: ${k}`, () => expect(all(k)).toBe(k));
});

describe('an editor note over several sentences', () => {
  it('drops the whole bracketed note and keeps the interview', () => {
    const raw = `[Editor's note: This interview took place in March, before the harbour closed. It has been condensed, and two answers were moved.]

Interviewer: How long did the dredging take?

Ola Brandt: Four years, and the channel silted up again in two.`;
    const text = all(raw, { kind: 'transcript' });
    expect(text).not.toMatch(/Editor|took place in March|condensed|answers were moved/);
    expect(text).toContain('How long did the dredging take?');
    expect(text).toContain('Four years, and the channel silted up again in two.');
  });
});

describe('more introduction wordings', () => {
  const talk = 'Thank you. The first bridge on this river was built of rope, and it lasted longer than the steel one that replaced it.';
  const intros = [
    "Ladies and gentlemen, it's my great pleasure to introduce Professor Amara Lind. She chairs the engineering faculty at Norbridge and is the author of three books on bridges.",
    'Please welcome to the stage the head of design at Kestrel, Jonah Pike!',
    'Our next speaker is the founder of Arcline. Before that, she spent ten years at the port authority. Give it up for Sofia Reyes!',
    "I'm thrilled to introduce our keynote speaker, Dev Malhotra, who leads the river programme at Fenwick.",
  ];
  for (const intro of intros) {
    it(intro.slice(0, 50), () => {
      const raw = `Host: ${intro}\n\nGuest: ${talk}`;
      expect(all(raw, { kind: 'transcript' })).toBe(talk);
    });
  }
});

describe('a podcast opened and closed by its host', () => {
  const raw = `[00:00:02] Priya Das: Hello and welcome to Quiet Rooms, the show about the buildings we forget. I'm Priya Das.
[00:00:09] Priya Das: Joining us today is Tom Ellison, an architect who has spent twenty years restoring railway stations. Tom previously ran the conservation office at Northrail and has advised councils across the north. Tom, welcome to the show.
[00:00:25] Tom Ellison: Thanks, Priya. It's good to be here.
[00:00:29] Priya Das: Why railway stations?
[00:00:33] Tom Ellison: Because they were built to impress people who had never travelled before. Every station was a promise that the town mattered.
[00:12:40] Priya Das: Tom, thank you so much.
[00:12:43] Tom Ellison: Thank you for having me.
[00:12:46] Priya Das: And that's our show for this week. You've been listening to Quiet Rooms. If you liked this episode, tell a friend. Until next time, keep looking up.`;
  it('keeps only the conversation', () => {
    const text = all(raw, { kind: 'transcript' });
    for (const junk of ['welcome', 'Quiet Rooms', 'Joining us', 'conservation office', 'thank you so much', 'having me', "that's our show", 'tell a friend', 'Until next time'])
      expect(text.toLowerCase()).not.toContain(junk.toLowerCase());
    expect(text).toContain('Why railway stations?');
    expect(text).toContain('Because they were built to impress people who had never travelled before. Every station was a promise that the town mattered.');
  });
  it('keeps travel writing that welcomes the reader to a place', () => {
    const s = 'Welcome to Marseille, a port that has traded with the whole Mediterranean for two and a half thousand years.';
    expect(all(s)).toBe(s);
  });
});

describe('a conversation that winds down', () => {
  it('drops the goodbye and the small talk inside it, keeps the last real answer', () => {
    const raw = `Interviewer: What would you build next?

Ola Brandt: A lock that fills from the river itself, with no pumps at all. We know how, we just need the money. I think that's a good place to leave it. Thank you all very much. That was fun. Yeah.`;
    const text = all(raw, { kind: 'transcript' });
    expect(text).toContain('A lock that fills from the river itself, with no pumps at all. We know how, we just need the money.');
    for (const junk of ['good place to leave it', 'Thank you all', 'That was fun', 'Yeah']) expect(text).not.toContain(junk);
  });
  it('keeps a short last answer when no goodbye follows it', () => {
    const raw = `Interviewer: Would you do it again?

Ola Brandt: Yes. Every time.`;
    expect(all(raw, { kind: 'transcript' })).toContain('Every time.');
  });
});
