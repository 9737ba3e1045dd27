// Sponsor reads, calls to action, show notes and editorial notes must never reach a passage, while
// prose that mentions a sponsor, a review or a transcript in passing comes through whole. Every
// document here is written for this test, of the kinds users bring (podcast, live blog, interview).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, loadCorpus } from '../../src/core/ingest/index.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import type { DocumentMeta } from '../../src/core/corpus.js';
import { meta } from './helpers.js';

function passages(raw: string, over: Partial<DocumentMeta> = {}): string[] {
  const m = meta(over);
  const { sentences } = analyzeText(raw, m);
  return buildCorpus([{ meta: m, file: 'x.txt', hash: 'x', sentences }]).passages.map((p) => p.text);
}
const all = (ps: string[]) => ps.join('\n');

const PODCAST = `[00:00:05] Marta Quill: Welcome back to Field Notes, the show about how small farms adapt. Today I'm talking with Devon Achebe about soil.
[00:00:21] Devon Achebe: Thanks for having me, Marta. I have wanted to talk about cover crops for a long time.
[00:00:40] Marta Quill: Let's start with the basics. Why do cover crops matter so much for a small farm?
[00:01:02] Devon Achebe: Bare soil loses its structure over a single winter, and the rain carries the best of it away. A cover crop holds the ground together with living roots until spring planting begins.
[00:04:10] Marta Quill: Before we go on, this episode is brought to you by Loamly. Loamly tests your soil at home in ten minutes and sends the results to your phone. Go to loamly.com/fieldnotes and use code FIELD for 20% off your first kit. Now, Devon, how did you convince your neighbours to try it?
[00:04:44] Devon Achebe: Honestly, by letting them walk my fields in April. The difference in the soil was visible from the road, and nobody needed a lecture after that.
[00:09:30] Marta Quill: That's all for today. If you enjoyed this conversation, please rate and review us wherever you get your podcasts. And don't forget to subscribe so you never miss an episode. Thanks for listening.`;

describe('sponsor reads and calls to action in a podcast', () => {
  it('drops the mid-roll ad and the outro, keeps the sentences around them whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asides-'));
    fs.writeFileSync(path.join(dir, 'field-notes.txt'), PODCAST);
    const r = await loadCorpus(dir);
    const text = all(buildCorpus(r.documents).passages.map((p) => p.text));
    for (const junk of ['brought to you', 'Loamly', 'loamly.com', 'use code', '20% off', 'rate and review', 'wherever you get', 'subscribe', 'Thanks for listening'])
      expect(text).not.toContain(junk);
    expect(text).toContain('Now, Devon, how did you convince your neighbours to try it?');
    expect(text).toContain('Honestly, by letting them walk my fields in April.');
    expect(text).not.toContain("That's all for today.");
    expect(text).toContain('A cover crop holds the ground together with living roots until spring planting begins.');
  });

  it('drops a sponsor read that spans several sentences naming the brand, ending where the topic resumes', () => {
    const raw = `Our sponsor today is Brightwell. Brightwell makes notebooks that survive a rainstorm. Head over to brightwell.co and try it free for a month. Anyway, the second chapter of the book is where the argument really turns.`;
    expect(passages(raw)).toEqual(['Anyway, the second chapter of the book is where the argument really turns.']);
  });
});

describe('interview questions that look like calls to action survive', () => {
  it('keeps "tell us" and "give us" questions', () => {
    const raw = `Host: Tell us about the first farm you worked on, and what it taught you.

Devon Achebe: It was a dairy farm in the hills, and it taught me that soil is slow to forgive.

Host: Give us an example of a mistake you would not make again.`;
    const text = all(passages(raw, { kind: 'transcript' }));
    expect(text).toContain('Tell us about the first farm you worked on, and what it taught you.');
    expect(text).toContain('Give us an example of a mistake you would not make again.');
  });
});

describe('editorial meta-text', () => {
  it('drops a live blog typo apology and keeps the updates', () => {
    const raw = `Please note that we are running these updates live from the hall, so please excuse any typos.

The keynote opened with a demo of the new scheduling tool, which planned a week of deliveries in seconds.

The speaker said the tool would reach every customer before the end of the year.`;
    const text = all(passages(raw, { kind: 'live blog' }));
    expect(text).not.toMatch(/typos|running these updates live/);
    expect(text).toContain('The keynote opened with a demo of the new scheduling tool, which planned a week of deliveries in seconds.');
    expect(text).toContain('The speaker said the tool would reach every customer before the end of the year.');
  });

  it('drops an omitted-portion note and an edited-for-length note in an interview', () => {
    const raw = `This interview has been edited for length and clarity.

Interviewer: What surprised you most about the archive?

Priya Raman: How much of it was never catalogued. Whole boxes of letters sat in the basement for forty years.

Due to space limitations, the transcript doesn't include this portion of the discussion.

Interviewer: What would you tell a student starting out?

Priya Raman: Read the margins. The notes people scribble beside the text tell you more than the text.`;
    const text = all(passages(raw, { kind: 'transcript' }));
    expect(text).not.toMatch(/edited for length|space limitations|doesn't include/);
    expect(text).toContain('Whole boxes of letters sat in the basement for forty years.');
    expect(text).toContain('The notes people scribble beside the text tell you more than the text.');
  });
});

describe('one sentence asides of each kind', () => {
  const junk = [
    'Thanks to our sponsor, Northbeam, for supporting the show.',
    'Be sure to hit the bell so you get notified.',
    'If you like what you hear, leave us a five-star review on Apple Podcasts.',
    'Please share this episode with a friend who would enjoy it.',
    'Follow us on Instagram for behind the scenes photos.',
    'This transcript has been lightly edited for clarity.',
    'We apologize for any typos in this live blog.',
    'Portions of this conversation were omitted for brevity.',
    'The rest of this session was not transcribed.',
  ];
  const body = 'The orchard survived the late frost because the growers lit small fires between the rows all night.';
  for (const j of junk) {
    it(j, () => {
      expect(passages(`${body}\n\n${j}`)).toEqual([body]);
      expect(passages(`${j}\n\n${body}`)).toEqual([body]);
    });
  }
});

describe('show notes and chapter lists', () => {
  it('drops a link list and a chapter list under their labels', () => {
    const raw = `In this episode we talk about why libraries still matter in small towns, and what they cost to run.

Show notes:
Rural Library Survey: https://example.org/survey-2024
The book we discussed: www.examplebooks.com/quiet-shelves
Our newsletter - https://fieldnotes.example.fm/news

Chapters
00:00 Introduction
04:12 Why the branch closed
17:45 What the town did next
31:20 Listener questions`;
    expect(passages(raw)).toEqual(['In this episode we talk about why libraries still matter in small towns, and what they cost to run.']);
  });

  it('keeps timestamped speech that comes seconds apart', () => {
    const raw = `0:01 So today we are going to look at the budget
0:04 And what it means for the schools in town
0:07 Because the numbers changed a lot this year`;
    expect(all(passages(raw, { kind: 'transcript' }))).toContain('budget');
  });
});

describe('prose that mentions sponsors, reviews and transcripts in passing survives', () => {
  const keep = [
    "The council's review found that the bus routes had not changed in twenty years.",
    'The festival was sponsored by the city and drew nearly ten thousand visitors.',
    'The exhibition was made possible by Harlow Foundation grants awarded in the spring.',
    'Her first novel received a glowing review in the local paper, and sales followed.',
    'Historians rely on the transcript of the trial, which survived the fire.',
    'We asked readers to share their stories, and hundreds wrote back within a week.',
    'Prices at the market were 30% off by late afternoon, when the stalls began to close.',
    'Follow the river north and you reach the old mill within an hour.',
    'The committee said the report contained several errors in its cost estimates.',
    'The program was funded by the state and supported by three local colleges.',
    'You can use the code from the repository at github.com/example/tools to reproduce the results.',
    'Like the show that preceded it, the new play runs for almost three hours.',
    'The interview was cut short when the fire alarm went off in the building.',
    'The panel did not include any women, which drew criticism from the audience.',
    'Thanks for listening to me ramble about compilers for so long, she laughed.',
    'Please note that the museum is closed on Mondays and public holidays.',
    'This research was supported by a grant from the Wellcome Trust in 2019.',
  ];
  for (const s of keep) {
    it(s, () => {
      expect(all(passages(s))).toBe(s);
    });
  }
});
