// Speaker attribution on transcripts written for these tests: each label style, prose colons that
// are not labels, one name per person, askers, and transcript detection from labelled turns.

import { describe, it, expect } from 'vitest';
import { analyzeText } from '../../src/core/ingest/index.js';
import { guessKind } from '../../src/core/ingest/structure.js';
import { meta } from './helpers.js';

/** What a user sees: [speaker, text] per sentence, with the kind guessed as loading a file does. */
const read = (raw: string, over = {}) =>
  analyzeText(raw, meta({ kind: guessKind(raw), ...over })).sentences.map((s) => [s.speaker, s.text]);

const turns = (label: (name: string, i: number) => string) =>
  [
    `${label('Marta Quill', 0)} Welcome back. Today we talk about bees.`,
    `${label('Ivo Brandt', 1)} Thanks, Marta. Um, I have kept bees for years.`,
    `${label('Marta Quill', 2)} What surprised you most?`,
    `${label('Ivo Brandt', 3)} How calm they are in the rain.`,
  ].join('\n\n');

const expected = [
  ['Marta Quill', 'Welcome back.'],
  ['Marta Quill', 'Today we talk about bees.'],
  ['Ivo Brandt', 'Thanks, Marta.'],
  ['Ivo Brandt', 'I have kept bees for years.'],
  ['Marta Quill', 'What surprised you most?'],
  ['Ivo Brandt', 'How calm they are in the rain.'],
];

describe('label styles', () => {
  const ts = (i: number) => `00:0${i}:1${i}`;
  it.each([
    ['[00:12:34] Name:', (n: string, i: number) => `[${ts(i)}] ${n}:`],
    ['00:12:34 Name:', (n: string, i: number) => `${ts(i)} ${n}:`],
    ['(12:34) Name:', (n: string, i: number) => `(1${i}:3${i}) ${n}:`],
    ['Name (Role):', (n: string) => `${n} (${n.startsWith('M') ? 'Host' : 'Guest'}):`],
    ['Name (Organisation):', (n: string) => `${n} (${n.startsWith('M') ? 'Radio North' : 'Hive Trust'}):`],
    ['**Name:**', (n: string) => `**${n}:**`],
    ['**Role (Name):**', (n: string) => `**${n.startsWith('M') ? 'Host' : 'Guest'} (${n}):**`],
    ['Name [00:12:34]:', (n: string, i: number) => `${n} [${ts(i)}]:`],
  ])('reads %s labels as the person, with no timestamp or role left in the text', (_style, label) => {
    const raw = turns(label);
    expect(guessKind(raw)).toBe('transcript');
    expect(read(raw)).toEqual(expected);
  });
  it('reads NAME: in capitals as the person, in ordinary case', () => {
    const raw = 'MARTA: Welcome back.\n\nIVO: Thanks for having me.\n\nMARTA: What surprised you?\n\nIVO: The calm.';
    expect(read(raw).map((s) => s[0])).toEqual(['Marta', 'Ivo', 'Marta', 'Ivo']);
  });
  it('removes a timestamp alone on its line from a transcript', () => {
    const raw = turns((n) => `${n}:`).replace('What surprised', '[00:03:10]\nWhat surprised');
    expect(read(raw).map((s) => s[1]).join(' ')).not.toMatch(/\d:\d/);
  });
});

describe('timestamps without a name', () => {
  it('removes an h:mm:ss time opening a line even in an article, but keeps a clock time in prose', () => {
    const raw = '00:01:10\nThe hives were moved at dawn.\n\n00:02:15 The keepers counted the frames.\n\n10:30 was when the vote began.';
    const out = analyzeText(raw, meta({ kind: 'article' })).sentences.map((s) => s.text);
    expect(out).toEqual(['The hives were moved at dawn.', 'The keepers counted the frames.', '10:30 was when the vote began.']);
  });
});

describe('prose colons are not speakers', () => {
  it('keeps Note:, Summary:, a place name and a one-off lead-in as the narrator’s', () => {
    const raw = [
      'Note: the figures are preliminary and may change.',
      'Summary: costs fell by a third over the year.',
      'London: the council voted on Tuesday to close the bridge.',
      'Closing Thoughts: we did well, all told.',
      'The rule is simple: no phones at the table.',
      'WASHINGTON (AP): The senate passed the bill late on Friday.',
      'Paris (Reuters): Officials met again on Monday.',
    ].join('\n\n');
    expect(guessKind(raw)).toBe('article');
    expect(read(raw).every(([speaker]) => speaker === undefined)).toBe(true);
  });
});

describe('one person, one name', () => {
  it('merges a first-name label into the one full name it belongs to', () => {
    const raw = turns((n, i) => `${i >= 2 ? n.split(' ')[0] : n}:`);
    expect(read(raw)).toEqual(expected);
  });
  it('merges into a full name from the metadata', () => {
    const raw = 'Marta: Welcome back.\n\nIvo: Thanks for having me.\n\nMarta: What surprised you?\n\nIvo: The calm.';
    expect(new Set(read(raw, { speakers: ['Marta Quill', 'Ivo Brandt'] }).map((s) => s[0]))).toEqual(new Set(['Marta Quill', 'Ivo Brandt']));
  });
  it('leaves a first name shared by two full names as it is', () => {
    const raw = [
      'Marta Quill: Welcome back.',
      'Marta Ruiz: Glad to be here.',
      'Ivo Brandt: Me too.',
      'Marta: Shall we start?',
      'Ivo Brandt: Yes, please.',
      'Marta: Then bees first.',
    ].join('\n\n');
    const speakers = read(raw).map((s) => s[0]);
    expect(speakers.filter((s) => s === 'Marta')).toHaveLength(2);
    expect(speakers.filter((s) => s === 'Marta Quill' || s === 'Marta Ruiz')).toHaveLength(2);
  });
});

describe('kind from labelled turns', () => {
  it('treats recurring turns by two people as a transcript, so fillers go', () => {
    const raw = turns((n, i) => `[00:0${i}:00] ${n}:`);
    expect(guessKind(raw)).toBe('transcript');
    expect(read(raw).map((s) => s[1]).join(' ')).not.toMatch(/\bUm\b/);
  });
  it('lets the metadata kind win', () => {
    const raw = turns((n) => `${n}:`);
    const out = analyzeText(raw, meta({ kind: 'article' })).sentences.map((s) => s.text);
    expect(out.join(' ')).toMatch(/\bUm\b/);
  });
  it('does not make a transcript of an FAQ page of Q: and A: lines', () => {
    const raw = ['Q: How often do bees swarm?', 'A: Once a year, in spring.', 'Q: Do they sting?', 'A: Rarely, when calm.'].join('\n\n');
    expect(guessKind(raw)).toBe('article');
  });
  it('does not make a transcript of an article quoting one exchange', () => {
    const body = Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} of the report explains how the hives were moved in spring.`);
    const raw = [...body, 'Marta Quill: It was hard.', 'Ivo Brandt: It was worth it.'].join('\n\n');
    expect(guessKind(raw)).toBe('article');
  });
});

describe('askers', () => {
  it('credits the question to the named asker and the answer to the guest', () => {
    const raw = [
      'Moderator: We have time for questions.',
      'Question, Lena Park at Acme Labs: How do you price the service?',
      'Ivo Brandt: By the hive, mostly.',
      '— Question, Tom Reyes at Globex',
      'What about winter losses?',
      'They are falling every year.',
      'Q (Ana Silva): Any advice for beginners?',
      'Start with two hives, not one.',
    ].join('\n\n');
    expect(read(raw)).toEqual([
      ['Moderator', 'We have time for questions.'],
      ['Lena Park', 'How do you price the service?'],
      ['Ivo Brandt', 'By the hive, mostly.'],
      ['Tom Reyes', 'What about winter losses?'],
      ['Ivo Brandt', 'They are falling every year.'],
      ['Ana Silva', 'Any advice for beginners?'],
      ['Ivo Brandt', 'Start with two hives, not one.'],
    ]);
  });
  it('keeps each speaker’s turn in its own passage paragraph', () => {
    const raw = turns((n) => `${n}:`);
    const s = analyzeText(raw, meta({ kind: 'transcript' })).sentences;
    for (let i = 1; i < s.length; i++) if (s[i]!.speaker !== s[i - 1]!.speaker) expect(s[i]!.paragraph).not.toBe(s[i - 1]!.paragraph);
  });
});

describe('hostile lines', () => {
  it('reads a huge line that opens like an asker line quickly, as text', () => {
    const raw = 'Question from ' + 'at of from, '.repeat(20000) + '\n\nIvo Brandt: Fine.';
    const out = read(raw);
    expect(out.at(-1)).toEqual(['Ivo Brandt', 'Fine.']);
  });
});
