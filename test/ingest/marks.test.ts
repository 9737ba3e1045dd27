import { describe, it, expect } from 'vitest';
import { isDateTime, isMetaLine, isCueLine, isTranscriptNote, stripTranscriptMarks, stripUpdateMark } from '../../src/core/ingest/marks.js';
import { ingestText } from '../../src/core/ingest/index.js';
import { meta } from './helpers.js';

describe('dates and times', () => {
  it('recognises dates and clock times in the usual formats', () => {
    for (const s of ['March 3, 2025', '3 March 2025', 'Mon, 3 Mar 2025 10:42', '2025-03-03', '03/03/2025', '10:42 am', '10:42 a.m. ET', 'Updated 14 May 2025, 09:12 BST', '9 pm'])
      expect(isDateTime(s), s).toBe(true);
  });
  it('does not take words, numbers or sentences for dates', () => {
    for (const s of ['2025', 'May the best model win', 'Version 3.10 is out', 'March 3 was a busy day for us.']) expect(isDateTime(s), s).toBe(false);
    expect(isMetaLine('Q3 revenue | 12% growth')).toBe(false);
  });
});

describe('transcript timestamps and stage directions', () => {
  it('removes bracketed timestamps and sound notes wherever they are', () => {
    expect(stripTranscriptMarks('It is (laughs) embarrassingly low [00:01:10] and slow.', true)).toBe('It is embarrassingly low and slow.');
    expect(stripTranscriptMarks('[inaudible 00:00:41] We measured it [crosstalk]. (00:01:30) Then [MUSIC] more.', true)).toBe('We measured it. Then more.');
    expect(stripTranscriptMarks('Right. [BLANK_AUDIO] [audience laughs] [Applause]', true)).toBe('Right.');
  });
  it('removes a bare leading timestamp in transcripts only', () => {
    expect(stripTranscriptMarks('[00:00:06] SPEAKER 2: yeah', true)).toBe('SPEAKER 2: yeah');
    expect(stripTranscriptMarks('00:12:34 so we went home', true)).toBe('so we went home');
    expect(stripTranscriptMarks('10:30 was when the doors opened.', false)).toBe('10:30 was when the doors opened.');
  });
  it('keeps editorial brackets and parenthetical prose', () => {
    const s = 'He said [the company] would grow (slowly) in 2025 (see table 2).';
    expect(stripTranscriptMarks(s, true)).toBe(s);
  });
  it('drops subtitle cue lines and machine-transcript notes', () => {
    expect(isCueLine('00:00:01,000 --> 00:00:04,000')).toBe(true);
    expect(isCueLine('WEBVTT')).toBe(true);
    expect(isTranscriptNote('This transcript was generated automatically and may contain errors.')).toBe(true);
    expect(isTranscriptNote('Weekly sync - auto transcript')).toBe(true);
    expect(isTranscriptNote('The transcript shows that he agreed to the terms.')).toBe(false);
  });
});

describe('live-blog update markers', () => {
  it('strips the marker and reports it', () => {
    expect(stripUpdateMark('Update 10:42 am: The demo starts.')).toEqual({ text: 'The demo starts.', marked: true });
    expect(stripUpdateMark('UPDATE (10:42 a.m. ET) — The demo starts.')).toEqual({ text: 'The demo starts.', marked: true });
    expect(stripUpdateMark('10:42 am: The demo starts.')).toEqual({ text: 'The demo starts.', marked: true });
  });
  it('leaves ranges and ordinary sentences alone', () => {
    expect(stripUpdateMark('10:30 - 11:00 was the slowest hour.').marked).toBe(false);
    expect(stripUpdateMark('Update: the talk has started.').marked).toBe(false);
  });
});

describe('timestamped speaker labels', () => {
  it('reads "Name (00:01:02):", "SPEAKER 1:" after a timestamp, and "Name 0:03" on its own line', () => {
    const raw = 'Lisa Wong (00:00:03):\nWelcome back. [laughter]\n\nJohn Smith (00:00:15):\nThanks for having me.\n\n[00:00:20] SPEAKER 3: can i ask something\n\nLisa Wong 0:25\nSure, go ahead.';
    const out = ingestText(raw, meta({ kind: 'transcript' }));
    expect(out.map((s) => [s.speaker, s.text])).toEqual([
      ['Lisa Wong', 'Welcome back.'],
      ['John Smith', 'Thanks for having me.'],
      ['Speaker 3', 'Can I ask something.'],
      ['Lisa Wong', 'Sure, go ahead.'],
    ]);
  });
});
