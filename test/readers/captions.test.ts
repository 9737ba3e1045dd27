// Caption files (SRT, WebVTT) read as transcripts: what a reading group sees served from a video's
// captions is whole sentences by the right speaker, with no timing, markup or sound tags left.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IngestedDocument } from '../../src/core/corpus.js';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { buildCorpus } from '../../src/core/ingest/passages.js';
import { DOCUMENT_READERS } from '../../src/core/readers/index.js';
import { srtCaptions, webVtt } from '../../src/core/readers/captions/index.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'captions-'));

async function load(files: Record<string, string>) {
  const dir = tmp();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return loadCorpus(dir);
}
const doc = (docs: IngestedDocument[], file: string) => docs.find((d) => d.file === file)!;
const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}' ]+/gu, ' ').split(/\s+/).filter(Boolean);

/** Auto-generated captions as a video site exports them: rolling two-line cues, word timestamps. */
const AUTO_VTT = `WEBVTT
Kind: captions
Language: en

00:00:00.000 --> 00:00:02.350 align:start position:0%
 
so<00:00:00.359><c> today</c><00:00:00.799><c> we're</c><00:00:01.200><c> looking</c>

00:00:02.350 --> 00:00:02.360 align:start position:0%
so today we're looking
 

00:00:02.360 --> 00:00:05.030 align:start position:0%
so today we're looking
at<00:00:02.879><c> how</c><00:00:03.120><c> glaciers</c><00:00:03.500><c> move</c>

00:00:05.030 --> 00:00:05.040 align:start position:0%
at how glaciers move
 

00:00:05.040 --> 00:00:07.900 align:start position:0%
at how glaciers move
[Music]

00:00:07.900 --> 00:00:10.000 align:start position:0%
[Music]
the<00:00:08.200><c> ice</c><00:00:08.500><c> slides</c><00:00:08.800><c> on</c><00:00:09.100><c> meltwater</c>

00:00:10.000 --> 00:00:10.010 align:start position:0%
the ice slides on meltwater
 

00:00:10.010 --> 00:00:12.500 align:start position:0%
the ice slides on meltwater
and<00:00:10.400><c> grinds</c><00:00:10.900><c> the</c><00:00:11.300><c> rock</c><00:00:11.700><c> beneath</c>
`;
const AUTO_WORDS = "so today we're looking at how glaciers move the ice slides on meltwater and grinds the rock beneath";

/** A hand-made SRT: two named speakers marked with ">>", a sentence over three cues, an unnamed voice. */
const TWO_SPEAKER_SRT = `1
00:00:01,000 --> 00:00:03,500
>> MAYA ORTIZ: Welcome back, everyone.
This week we read the chapter

2
00:00:03,500 --> 00:00:06,000
on tidal forces, which most of you

3
00:00:06,000 --> 00:00:08,200
told me was the hardest one so far.

4
00:00:08,400 --> 00:00:11,000
>> DEV PATEL: It was hard, but the diagrams
of the moon's pull helped a lot.

5
00:00:11,000 --> 00:00:14,000
I only understood the spring tides
after drawing them myself.

6
00:00:14,500 --> 00:00:16,000
>> MAYA ORTIZ: That is a good habit to keep.

7
00:00:16,200 --> 00:00:18,000
(laughter)
>> Can we do the neap tides next week?
`;

/** A careful WebVTT: voices, a NOTE and a STYLE block, cue ids, settings, entities, lyrics. */
const VOICED_VTT = `\uFEFFWEBVTT - seminar recording
Language: en-GB

STYLE
::cue(v[voice="Ana Lima"]) { color: yellow }

NOTE This file was checked by hand.
The timings were shifted by two seconds.

intro-1
00:00:02.000 --> 00:00:05.000 line:90% align:center
<v Ana Lima>Good evening. Tonight's book asks
<v Ana Lima>whether cities can be planned for people

intro-2
00:00:05.000 --> 00:00:08.000 line:90%
<v Ana Lima>rather than for cars &amp; trucks.

00:00:09.000 --> 00:00:12.000
<v Ben>♪ la la la ♪ I think the answer is <i>yes</i>,
<v Ben>but only where the streets are narrow.

00:00:12.000 --> 00:00:15.000
<v.loud Ben>Wide roads fill with traffic &quot;every&quot; time.

00:00:15.500 --> 00:00:18.000
<v Ana Lima>(LAUGHS) That was the author's point too.
`;

const JUNK = [/\d{1,2}:\d{2}/, /-->/, /align:|position:|line:\d/, /\bKind\b|Language:|WEBVTT/i, /\[|\]|♪/, /<|>|&amp;|&quot;/, /\bmusic\b/i, /laugh/i, /NOTE|STYLE|::cue/];

function expectClean(d: IngestedDocument) {
  for (const s of d.sentences) for (const j of JUNK) expect(s.text, `${j} in "${s.text}"`).not.toMatch(j);
  // No word doubled where two cues meet.
  for (const s of d.sentences) expect(s.text.toLowerCase(), s.text).not.toMatch(/\b(\w+(?: \w+){1,5}) \1\b/);
}

describe('caption files', () => {
  it('turn auto-generated rolling captions into the words spoken, once each, with no caption furniture', async () => {
    const { documents } = await load({ 'glaciers.vtt': AUTO_VTT });
    const d = doc(documents, 'glaciers.vtt');
    expectClean(d);
    expect(words(d.sentences.map((s) => s.text).join(' '))).toEqual(words(AUTO_WORDS));
    expect(d.meta.kind).toBe('transcript');
    expect(d.meta.language).toBe('en');
  });

  it('join a sentence spread over three cues and keep each speaker’s words apart', async () => {
    const { documents } = await load({ 'tides.srt': TWO_SPEAKER_SRT });
    const d = doc(documents, 'tides.srt');
    expectClean(d);
    expect(d.meta.kind).toBe('transcript');
    const texts = d.sentences.map((s) => s.text);
    expect(texts).toContain('This week we read the chapter on tidal forces, which most of you told me was the hardest one so far.');
    const by = (w: string) => d.sentences.find((s) => s.text.includes(w))?.speaker;
    expect(by('Welcome back')).toBe('Maya Ortiz');
    expect(by('hardest one')).toBe('Maya Ortiz');
    expect(by('diagrams')).toBe('Dev Patel');
    expect(by('spring tides')).toBe('Dev Patel');
    expect(by('good habit')).toBe('Maya Ortiz');
    // Someone else asks, unnamed: not credited to the last named speaker.
    expect(by('neap tides')).toBeUndefined();
    const corpus = buildCorpus([d]);
    for (const p of corpus.passages) {
      const voices = new Set(p.sentences.map((s) => d.sentences.find((x) => x.text === s)?.speaker ?? '?'));
      expect([...voices], p.text).toHaveLength(1);
    }
    const mayaPassage = corpus.passages.find((p) => p.text.includes('Welcome back'))!;
    expect(mayaPassage.text).not.toMatch(/diagrams|neap/);
  });

  it('read voices as speakers and leave notes, styles, ids, settings and lyrics out', async () => {
    const { documents, warnings } = await load({ 'cities.vtt': VOICED_VTT });
    expect(warnings).toEqual([]);
    const d = doc(documents, 'cities.vtt');
    expectClean(d);
    expect(d.meta.language).toBe("en");
    expect(d.meta.kind).toBe('transcript');
    const all = d.sentences.map((s) => s.text).join(' ');
    expect(all).not.toMatch(/intro-|checked by hand|shifted|la la/);
    expect(d.sentences.map((s) => s.text)).toContain(
      "Tonight's book asks whether cities can be planned for people rather than for cars & trucks.",
    );
    const by = (w: string) => d.sentences.find((s) => s.text.includes(w))?.speaker;
    expect(by('Good evening')).toBe('Ana Lima');
    expect(by('streets are narrow')).toBe('Ben');
    expect(by('Wide roads')).toBe('Ben');
    expect(by("author's point")).toBe('Ana Lima');
    expect(all).toContain('every');
  });

  it('follow subtitle conventions: dialogue dashes, CAPITAL labels, font tags, asides kept', async () => {
    const srt = [
      '1', '00:00:01,000 --> 00:00:03,000', '{\\an8}<font color="#ffff00">NARRATOR: The harbour froze</font>',
      '', '2', '00:00:03,000 --> 00:00:05,000', 'for the first time (in 1963) that winter.',
      '', '3', '00:00:06,000 --> 00:00:08,000', '- Is the ferry running today?', '- Not until the ice breaks up.',
      '', '4', '00:00:08,500 --> 00:00:10,000', '[DOOR CLOSES]', 'OLD FISHERMAN: We walked across instead.', '',
    ].join('\n');
    const { documents } = await load({ 'harbour.srt': srt });
    const d = doc(documents, 'harbour.srt');
    expectClean(d);
    expect(d.sentences.map((s) => [s.text, s.speaker])).toEqual([
      ['The harbour froze for the first time (in 1963) that winter.', 'Narrator'],
      ['Is the ferry running today?', undefined],
      ['Not until the ice breaks up.', undefined],
      ['We walked across instead.', 'Old Fisherman'],
    ]);
  });

  it('are told by their content when the name says nothing', () => {
    const vttBytes = Buffer.from(VOICED_VTT);
    expect(webVtt.sniff(vttBytes)).toBe('signature');
    expect(webVtt.sniff(Buffer.from('\n\nWEBVTT\n\n00:00.000 --> 00:01.000\nHi\n'))).toBe('signature');
    expect(srtCaptions.sniff(Buffer.from(TWO_SPEAKER_SRT))).toBe('looks-like');
    expect(srtCaptions.sniff(Buffer.from('\r\n1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n'))).toBe('looks-like');
    expect(webVtt.sniff(Buffer.from('The WEBVTT format is described below.\n'))).toBe('no');
    expect(srtCaptions.sniff(Buffer.from('1. Boil the water.\n2. Add the pasta.\n'))).toBe('no');
    expect(srtCaptions.sniff(Buffer.from('00:00:01,000 --> 00:00:02,000\nAn export without indexes.\n'))).toBe('looks-like');
    expect(DOCUMENT_READERS.forFile('talk', vttBytes)).toBe(webVtt);
    expect(DOCUMENT_READERS.forFile('talk.subtitles', Buffer.from(TWO_SPEAKER_SRT))).toBe(srtCaptions);
    expect(DOCUMENT_READERS.byName('Talk.VTT')).toBe(webVtt);
    expect(DOCUMENT_READERS.byName('talk.srt')).toBe(srtCaptions);
  });

  it('read a WebVTT given a .srt name, and CRLF SRT with dot millis and no blank lines', async () => {
    const sloppy = '1\r\n00:00:01.000 --> 00:00:02.000\r\nThe river rose overnight\r\n2\r\n00:00:02.000 --> 00:00:04.000\r\nand the bridge was closed by noon.\r\n';
    const { documents } = await load({ 'renamed.srt': VOICED_VTT, 'sloppy.srt': sloppy });
    expect(doc(documents, 'renamed.srt').meta.speakers).toEqual(['Ana Lima', 'Ben']);
    expect(doc(documents, 'sloppy.srt').sentences.map((s) => s.text)).toEqual(['The river rose overnight and the bridge was closed by noon.']);
  });

  it('name a caption file with no cues or no words in a warning instead of serving it', async () => {
    const { warnings } = await load({
      'empty.vtt': 'WEBVTT\nKind: captions\n\nNOTE nothing here\n',
      'music.srt': '1\n00:00:01,000 --> 00:00:05,000\n[Music]\n\n2\n00:00:05,000 --> 00:00:09,000\n♪ ♪\n',
      'ok.srt': TWO_SPEAKER_SRT,
    });
    expect(warnings.find((w) => w.file === 'empty.vtt')).toMatchObject({ skipped: true, message: expect.stringMatching(/no captions/) });
    expect(warnings.find((w) => w.file === 'music.srt')).toMatchObject({ skipped: true });
  });

  it('finish on hostile files: a 2 MB one-line cue, a 2 MB line of tag openers, too many cues', async () => {
    const line = 'word '.repeat(400_000);
    const angle = '<'.repeat(2_000_000);
    const { documents, warnings } = await load({
      'long.vtt': `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${line}\n`,
      'angle.vtt': `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello there, this is fine.\n${angle}\n`,
      'timing.srt': `1\n00:00:01,000 --> ${'9'.repeat(2_000_000)}\nText\n`,
    });
    expect(warnings.find((w) => w.file === 'long.vtt')?.message).toMatch(/cut short/);
    expect(doc(documents, 'angle.vtt').sentences.map((s) => s.text)).toContain('Hello there, this is fine.');
    const many = Array.from({ length: 100_010 }, (_, i) => `${i + 1}\n00:00:01,000 --> 00:00:02,000\nLine ${i}.\n`).join('\n');
    const read = await srtCaptions.read(Buffer.from(many));
    expect('warnings' in read && read.warnings.join(' ')).toMatch(/only the first 100000 captions were read/);
  });
});
