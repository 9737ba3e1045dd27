// The residue lint finds the leftovers a reader would call junk in a served passage, and leaves
// ordinary prose alone: both sides matter, since a false alarm hides the passages that are junk.
import { describe, expect, it } from 'vitest';
import { residueOf } from '../../src/core/ingest/residue.js';

const kind = (text: string) => residueOf(text)?.replace(/ ".*$/, '');

describe('residueOf: leftovers by shape', () => {
  it.each([
    ['caption timing', '00:01:02,000 --> 00:01:04,500 and then the harbour froze over.'],
    ['caption timing', 'We rowed out at dawn. 00:02.400 --> 00:04.100 The ice was thin.'],
    ['cue setting', 'the nets were empty align:start position:0% that whole winter'],
    ['cue setting', 'Nobody spoke of it again line:-1 size:80% after the thaw.'],
    ['caption header', 'Kind: captions Language: en The ferry left at noon.'],
    ['caption header', 'WEBVTT The ferry left at noon.'],
    ['sound tag', '[Music] Welcome back to the harbour podcast.'],
    ['sound tag', 'That was the whole season. [LAUGHTER] Anyway, the boats came home.'],
    ['sound tag', 'We lost three boats that year. (applause) Thank you, thank you all.'],
    ['sound tag', '♪ Sailing home ♪ the chorus went, every single night.'],
    ['HTML tag', 'The keeper wrote <b>every</b> storm down in the log.'],
    ['HTML tag', '<v Mara Quist>We kept the lamp lit through March.'],
    ['HTML tag', 'See the chart <img src="chart.png"> for the tides that spring.'],
    ['HTML entity', 'The fish &amp; the nets were sold on the pier.'],
    ['HTML entity', 'It was the keeper&#8217;s last winter on the rock.'],
    ['Markdown quote', '> The sea does not forgive a careless knot, she told us.'],
    ['Markdown quote', '>> AND THAT IS WHEN THE STORM CAME IN.'],
    ['Markdown heading', '## Chapter two: the long winter'],
    ['Markdown emphasis', 'The **only** rule on the boat was to tie off twice.'],
    ['Markdown link', 'Read the [full harbour log](https://harbour.example/log) before you sail.'],
    ['URL', 'The tide tables are at https://tides.example.org/north for anyone sailing.'],
    ['URL', 'Find the tide tables at www.tides-example.org before sailing.'],
    ['e-mail address', 'Write to keeper.mara@harbour-example.org with your sightings.'],
    ['widget', 'A lovely story about my grandfather. Reply · Like (12)'],
    ['widget', 'Share · Tweet · Email this story to a friend.'],
    ['widget', 'Was this article helpful? Yes No'],
    ['timestamp', '00:12:34 So the first thing we did was check the nets.'],
    ['timestamp', 'That was the plan. [03:15] Then the engine failed.'],
    ['timestamp', '04:10 Right, and after that we headed for the lighthouse.'],
    ['interjection run', 'Yeah. Yeah. Yeah. And the boats came home.'],
    ['interjection run', 'We made it back by dawn. Right. Right. That was that.'],
  ])('%s: %s', (what, text) => {
    expect(kind(text)).toBe(what);
  });

  it('names the first leftover in reading order, with the text itself', () => {
    expect(residueOf('[Music] The tide was in, see https://tides.example.org for more.')).toBe('sound tag "[Music]"');
    expect(residueOf('Find us at www.tides.example.org. [Applause] Thank you.')).toMatch(/^URL "www\.tides\.example\.org/);
  });
});

describe('residueOf: prose is left alone', () => {
  it.each([
    'We met at the harbour at 5:30 pm and sailed by 6:15.',
    'The ferry leaves at 10:30 every morning, weather allowing.',
    'At 10:30:15 the engine stalled, and we drifted for an hour.',
    'She said the firm [the harbour trust] would pay for the repairs.',
    'He wrote that the nets were "too thin" (see the log for March).',
    'The keeper called it [sic] a "lighthouse for the soul" in her letter.',
    'You can read the full story on the Harbour Trust website.',
    'If x<y and y>z then the tide table is wrong somewhere.',
    'The class used __init__ methods, as the manual asked.',
    'Was it worth it? Yes. No one who sailed that winter regrets it.',
    'No, no, no, she said, the nets go on the left side.',
    'We said yes. Then we said it again, louder.',
    'Chapter 3 begins with the storm, and #1 on the list was the lamp.',
    'The score was 3 > 2 by the end of the race.',
    'The AT&T tower stood above the harbour for decades.',
    'Right. We pulled the nets in and went home.',
    '',
  ])('%s', (text) => {
    expect(residueOf(text)).toBeUndefined();
  });
});
