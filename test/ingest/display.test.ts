// Transcript text as a reader sees it: acknowledgement runs, half-words, transcriber's tags and
// block-quote markers gone, every other word kept. Documents written for these tests.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, loadCorpus } from '../../src/core/ingest/index.js';
import { guessKind } from '../../src/core/ingest/structure.js';
import { meta } from './helpers.js';

const sentences = (raw: string, over = {}) => analyzeText(raw, meta({ kind: 'transcript', ...over })).sentences.map((s) => s.text);
const turns = (raw: string) => {
  const m = meta({ kind: guessKind(raw) });
  return analyzeText(raw, m).sentences.map((s) => `${s.speaker}: ${s.text}`);
};

describe('acknowledgements in transcripts', () => {
  it('drops a run of acknowledgements inside a turn and across turns', () => {
    expect(sentences('The kiln cracked on the third firing. Yeah. Yeah. Yeah. So we rebuilt the door with brick.')).toEqual([
      'The kiln cracked on the third firing.',
      'So we rebuilt the door with brick.',
    ]);
    const raw = [
      'Ines Moreau: The glaze only took when the kiln stayed above a thousand degrees.',
      '',
      'Tomas Reyes: Right. Right.',
      '',
      'Ines Moreau: Okay. Sure.',
      '',
      'Tomas Reyes: How long did a firing take back then?',
      '',
      'Ines Moreau: Most of a day, and the night after it to cool down slowly.',
    ].join('\n');
    expect(turns(raw)).toEqual([
      'Ines Moreau: The glaze only took when the kiln stayed above a thousand degrees.',
      'Tomas Reyes: How long did a firing take back then?',
      'Ines Moreau: Most of a day, and the night after it to cool down slowly.',
    ]);
  });

  it('keeps a lone acknowledgement that is the whole answer, drops one that only opens an answer', () => {
    const raw = [
      'Tomas Reyes: Did the new clay cost more than the old one?',
      '',
      'Ines Moreau: Yeah.',
      '',
      'Tomas Reyes: And did the students like working with it?',
      '',
      'Ines Moreau: Sure. They said it held its shape on the wheel much better.',
    ].join('\n');
    expect(turns(raw)).toEqual([
      'Tomas Reyes: Did the new clay cost more than the old one?',
      'Ines Moreau: Yeah.',
      'Tomas Reyes: And did the students like working with it?',
      'Ines Moreau: They said it held its shape on the wheel much better.',
    ]);
  });

  it('keeps short answers with content: "No." and a plain "Yes." after a question', () => {
    const raw = [
      'Tomas Reyes: Did you keep the old kiln?',
      '',
      'Ines Moreau: No.',
      '',
      'Tomas Reyes: Was the new one gas fired?',
      '',
      'Ines Moreau: Yes. We ran it on propane from the farm next door.',
    ].join('\n');
    expect(turns(raw)).toEqual([
      'Tomas Reyes: Did you keep the old kiln?',
      'Ines Moreau: No.',
      'Tomas Reyes: Was the new one gas fired?',
      'Ines Moreau: Yes.',
      'Ines Moreau: We ran it on propane from the farm next door.',
    ]);
  });

  it('keeps a lone acknowledgement inside a turn, where it may be the speaker\'s own', () => {
    expect(sentences('I think the second kiln was worth it. Yeah. So we kept both running through the winter.')).toEqual([
      'I think the second kiln was worth it.',
      'Yeah.',
      'So we kept both running through the winter.',
    ]);
  });

  it('keeps acknowledgement words that belong to a sentence', () => {
    expect(sentences('Yeah, that is the part nobody warned us about. Right now the kiln runs twice a week.')).toEqual([
      'Yeah, that is the part nobody warned us about.',
      'Right now the kiln runs twice a week.',
    ]);
  });
});

describe('half-words and caption artefacts', () => {
  it('removes cut fragments at the start of a unit and cut words before their restart', () => {
    expect(sentences('U we are usually two days behind the schedule. Th the glaze ran. I- I think it was the humidity. Wh- what we did next was wait.')).toEqual([
      'We are usually two days behind the schedule.',
      'The glaze ran.',
      'I think it was the humidity.',
      'What we did next was wait.',
    ]);
    expect(sentences('We were go- going to sell the old wheel. Then the buyer we were go-')).toEqual(['We were going to sell the old wheel.', 'Then the buyer we were.']);
    expect(sentences('And e even then the glaze ran. So sorry, th the kiln was late.')).toEqual(['And even then the glaze ran.', 'So sorry, the kiln was late.']);
  });

  it('removes a word doubled across a caption line join', () => {
    expect(sentences('We drove the clay down to the\nthe harbour every Monday,\nMonday and Thursday.')).toEqual(['We drove the clay down to the harbour every Monday and Thursday.']);
  });

  it('keeps real short words, short names and suspended hyphens', () => {
    expect(sentences('A kiln is a furnace. I mean it gets hot. Ed said it was fine. So pre- and post-firing checks matter.')).toEqual([
      'A kiln is a furnace.',
      'I mean it gets hot.',
      'Ed said it was fine.',
      'So pre- and post-firing checks matter.',
    ]);
  });

  it('removes transcriber tags left mid-sentence, keeps editorial brackets', () => {
    expect(sentences('Then the [inaudible] valve stuck at noon. We laughed (laughs) and it [the valve] opened again [crosstalk 00:12:31] an hour later.')).toEqual([
      'Then the valve stuck at noon.',
      'We laughed and it [the valve] opened again an hour later.',
    ]);
    expect(sentences('The mic was fine (noise reduction was on) and she sighed [sighs heavily] at the end.')).toEqual([
      'The mic was fine (noise reduction was on) and she sighed at the end.',
    ]);
  });
});

describe('block quotes', () => {
  const raw = [
    '# Field notes from the pottery',
    '',
    '> The kiln was calm that morning, and the glaze took on the first try.',
    '> > A quote inside a quote, about the harbour clay.',
    '>',
    '> Ines Moreau: We never saw it work like that again.',
    '',
    'In the notes, a > b holds, and >50% of the pots survived the firing.',
  ].join('\n');

  it('never lets a block-quote marker reach a sentence, in articles or transcripts', () => {
    for (const kind of ['article', 'transcript'] as const) {
      const out = analyzeText(raw, meta({ kind })).sentences;
      for (const s of out) expect(s.text).not.toMatch(/^>|^\W*>\s/);
      expect(out.map((s) => s.text)).toContain('We never saw it work like that again.');
      expect(out.find((s) => s.text.includes('never saw'))?.speaker).toBe('Ines Moreau');
      expect(out.map((s) => s.text).join(' ')).toContain('a > b holds, and >50% of the pots');
    }
  });

  it('keeps ">>" as the caption mark of a new speaker', () => {
    const out = analyzeText('Ines Moreau: The clay came from the river.\n>> Where exactly on the river?\n>> Near the old mill.', meta({ kind: 'transcript' })).sentences;
    expect(out.map((s) => s.text)).toEqual(['The clay came from the river.', 'Where exactly on the river?', 'Near the old mill.']);
    expect(out[1]!.speaker).toBeUndefined();
  });

  it('leaves no marker in what .md and .txt files serve, quoted speech included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quotes-'));
    const body = [
      'The potters met at dawn to open the kiln together and see what had survived.',
      '',
      '> Ines Moreau: We never saw the celadon come out that clear again, not once.',
      '> > Tomas Reyes said the river clay was the reason, and he was probably right.',
      '',
      'Later firings were good, but none matched that morning in the old shed.',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'notes.md'), `# Kiln notes\n\n${body}\n`);
    fs.writeFileSync(path.join(dir, 'notes.txt'), `${body}\n`);
    const { documents } = await loadCorpus(dir);
    expect(documents).toHaveLength(2);
    for (const d of documents) {
      const texts = d.sentences.map((s) => s.text);
      expect(texts.some((t) => t.includes('celadon'))).toBe(true);
      expect(texts.join('\n')).not.toMatch(/(^|\n)\W*>/);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
