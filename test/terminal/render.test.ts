import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/platforms/terminal/render.js';
import { TerminalSession } from '../../src/platforms/terminal/session.js';
import type { Reply } from '../../src/bot/reply.js';
import { seededRandom } from '../../src/core/search/text.js';
import { ENGINEERING, library, libraryWithSkipped, POWER } from '../helpers/fixtures.js';
import { runCommand } from '../../commands/index.js';

const reply: Reply = {
  kind: 'passages',
  visibility: 'private',
  passages: [
    {
      id: 'p1',
      text: 'The blast radius needs to be reduced so that when one component fails, fewer other components fail.',
      highlights: [[4, 16]],
      doc: { id: 'd', title: 'Hot Chips', kind: 'live blog' },
      speaker: 'Ada',
    },
  ],
  notes: ['Your query was clipped.'],
  actions: [{ kind: 'context', passageId: 'p1' }],
};

describe('terminal rendering', () => {
  it('wraps to the width and shows attribution, notes and the follow-ups', () => {
    const out = renderReply(reply, { width: 40, color: false });
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(out).toContain('— Ada, Hot Chips');
    expect(out).toContain('Note: Your query was clipped.');
    expect(out).toContain('/context to read around it');
    expect(out).not.toMatch(/\u001b/);
  });

  it('bolds exactly the matched words on a colour terminal', () => {
    const out = renderReply(reply, { width: 100, color: true });
    expect(out).toContain('\u001b[1mblast\u001b[0m \u001b[1mradius\u001b[0m needs');
  });
});

describe('terminal session follow-ups', () => {
  const session = () => new TerminalSession(library(ENGINEERING, POWER), { random: seededRandom(1) });

  it('/more and /context N act on the previous reply', async () => {
    const s = session();
    const first = await s.handle('/topic checkpoints failures power cluster');
    const more = await s.handle('/more');
    expect(more?.kind).toBe('passages');
    expect(more && 'page' in more ? more.page : 0).toBe(2);
    const ctx = await s.handle('/context 1');
    expect(ctx?.title).toBe('In context');
    expect(first?.kind).toBe('passages');
  });

  it('explains what to do when a follow-up has nothing to act on or a number is wrong', async () => {
    const s = session();
    expect(await s.handle('/another')).toMatchObject({ kind: 'error', code: 'no_action' });
    await s.handle('/topic blast radius');
    expect(await s.handle('/context 9')).toMatchObject({ kind: 'error', code: 'bad_number' });
    expect(await s.handle('hello')).toMatchObject({ kind: 'error', code: 'not_a_command' });
    expect(await s.handle('   ')).toBeUndefined();
  });

});

describe('terminal rendering of files not served', () => {
  it('lists the files not served after the documents, with why, and counts the rest', async () => {
    const reply = await runCommand(
      { library: libraryWithSkipped(13, ENGINEERING, POWER), now: new Date('2026-03-14T10:00:00Z'), random: Math.random, channelKey: 'c', userName: 'u' },
      'sources',
      {},
    );
    const text = renderReply(reply, { width: 80, color: false });
    expect(text).toContain('Not served:');
    expect(text.indexOf('Not served:')).toBeGreaterThan(text.indexOf('Power and data centres'));
    expect(text).toContain('scan-0.pdf: has no text layer');
    expect(text).toContain('scan-9.pdf: has no text layer');
    expect(text).not.toContain('scan-10.pdf');
    expect(text).toContain('and 3 more');
    // A file still served despite a problem is not in the list.
    expect(text).not.toContain('eng.txt');
    expect(renderReply(await runCommand({ library: library(ENGINEERING), now: new Date(), random: Math.random, channelKey: 'c' }, 'sources', {}), { width: 80, color: false })).not.toContain('Not served');
  });
});
