// The terminal renderer wraps every reply to the terminal's width at word boundaries, with
// continuation lines hanging under their label, so the terminal itself never breaks a word.
import { describe, expect, it } from 'vitest';
import { displayWidth, renderReply, terminalWidth, wrapText } from '../../src/platforms/terminal/render.js';
import type { Reply } from '../../src/bot/reply.js';

const WIDTHS = [20, 33, 40, 57, 80, 120];

const question =
  'The speaker says: “And really I think we continue to iterate on our scaling laws methodology.” Do you agree? What would have to be true for that to hold on your own team, being honest about it?';

const discussion: Reply = {
  kind: 'discussion',
  visibility: 'public',
  title: 'Discussion: scaling',
  passages: [
    {
      id: 'p1',
      text: 'Lots of things look good at small scale, don’t look good at large scale. So we had to be very very paranoid through this process.',
      highlights: [[40, 45]],
      doc: { id: 'gpt', title: 'Pre-Training GPT-4.5', kind: 'transcript', url: 'https://example.org/a/rather/long/path/to/the/pre-training-gpt-4-5-transcript' },
      speaker: 'Alex Paino',
      section: 'De-risking the run before it starts',
    },
  ],
  questions: [
    question,
    'How do “front” and “laws methodology” connect in this passage, and which matters more to the point being made?',
    'If the passage is right about “de-risking process”, what would you do differently in your own work?',
  ],
  notes: ['Add source:NAME to /quote, /topic or /discuss to stay within one document (see /sources for the names).'],
  actions: [{ kind: 'context', passageId: 'p1' }],
};

const help: Reply = {
  kind: 'help',
  visibility: 'private',
  title: 'Reading-group bot commands',
  commands: [
    {
      name: 'daily',
      usage: '/daily today | subscribe [time] [timezone] [weekdays] [#channel] | unsubscribe [#channel] | status',
      description: 'Today’s excerpt, and daily posts in this channel at your local time, without repeats.',
      example: '/daily subscribe 09:00 Europe/Berlin weekdays #reading-group-announcements',
    },
  ],
  notes: [],
  actions: [],
};

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const plain = (s: string) => s.replace(/\u001b\[\d+m/g, '');

describe('terminal wrapping', () => {
  for (const width of WIDTHS) {
    it(`keeps every line within ${width} columns and never splits a word that fits`, () => {
      for (const reply of [discussion, help]) {
        for (const color of [false, true]) {
          const out = plain(renderReply(reply, { width, color }));
          for (const line of out.split('\n')) expect(displayWidth(line), `${JSON.stringify(line)} at ${width}`).toBeLessThanOrEqual(width);
          // Every word of the questions is on the screen whole, unless it is wider than the line.
          const shown = new Set(words(out));
          const said = reply.kind === 'discussion' ? question : help.kind === 'help' ? help.commands[0]!.description : '';
          for (const w of words(said)) if (w.length < width - 3) expect(shown, `"${w}" at ${width}`).toContain(w);
        }
      }
    });
  }

  it('hangs a numbered question’s continuation lines under its first word', () => {
    const out = renderReply(discussion, { width: 40, color: false }).split('\n');
    const first = out.findIndex((l) => l.startsWith('1. '));
    const second = out.findIndex((l) => l.startsWith('2. '));
    expect(second - first).toBeGreaterThan(2);
    for (const line of out.slice(first + 1, second)) expect(line).toMatch(/^ {3}\S/);
  });

  it('gives help usage lines a hanging indent and wraps the example too', () => {
    const out = renderReply(help, { width: 40, color: false }).split('\n');
    expect(out[2]).toMatch(/^\/daily today/);
    expect(out[3]).toMatch(/^ {2}\S/);
    expect(out.join('\n')).toContain('#reading-group-announcements');
  });

  it('cuts a word longer than the line into pieces that fit', () => {
    const lines = wrapText(`see ${'x'.repeat(50)} here`, 20, '  ');
    expect(lines.every((l) => displayWidth(l) <= 20)).toBe(true);
    expect(lines.join('').replace(/\s/g, '')).toBe(`see${'x'.repeat(50)}here`);
  });

  it('counts wide characters as two columns', () => {
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('café')).toBe(4);
    expect(displayWidth('cafe\u0301')).toBe(4);
    const lines = wrapText('日本語の文章 日本語の文章 日本語の文章', 14);
    expect(lines).toEqual(['日本語の文章', '日本語の文章', '日本語の文章']);
  });

  it('uses the terminal’s width, 80 when it has none and at most 100', () => {
    expect(terminalWidth({ columns: 57 })).toBe(57);
    expect(terminalWidth({})).toBe(80);
    expect(terminalWidth({ columns: 0 })).toBe(80);
    // Past 100 columns prose gets hard to read, so wide terminals get 100.
    expect(terminalWidth({ columns: 240 })).toBe(100);
  });
});
