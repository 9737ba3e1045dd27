// Typed follow-ups in the terminal act on what the person last saw: /context N and /share N on the
// numbered passages of the last list, /more on the last /topic, /another on the last /quote, even
// with other follow-ups typed in between. Driven by typed lines; asserts what is printed.
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/platforms/terminal/render.js';
import { TerminalSession } from '../../src/platforms/terminal/session.js';
import { seededRandom } from '../../src/core/search/text.js';
import { ENGINEERING, library, POWER, TRANSLATION } from '../helpers/fixtures.js';

const lib = library(ENGINEERING, POWER, TRANSLATION);

/** A session and a `type` that returns what the terminal prints for a line. */
function terminal() {
  const session = new TerminalSession(lib, { random: seededRandom(3), userName: 'Grace' });
  return async (line: string): Promise<string> => {
    const reply = await session.handle(line);
    return reply ? renderReply(reply, { width: 1000, color: false }) : '';
  };
}

/** The passages' texts in printed output (each is one quoted line at this width), in order. */
const quoted = (out: string) => [...out.matchAll(/^ *“(.+)”$/gm)].map((m) => m[1]!);

describe('terminal follow-ups', () => {
  it('/share 1 and /context 1 after a /quote act on the quoted passage', async () => {
    const type = terminal();
    const quote = await type('/quote blast radius');
    const [text] = quoted(quote);
    expect(text).toMatch(/blast radius/);
    expect(quote).toMatch(/\/context to read around it/);

    const context = await type('/context 1');
    expect(context).toContain('In context');
    expect(context).toContain(text);
    expect(context).toMatch(/whole rack of machines/); // the question before it

    const shared = await type('/share 1');
    expect(shared).toContain(text);
    expect(shared).toContain('Shared by Grace');
  });

  it('/more pages the last /topic even after /context and /share in between', async () => {
    const type = terminal();
    const page1 = await type('/topic checkpoints failures power cluster');
    const first = quoted(page1);
    expect(first).toHaveLength(3);
    expect(page1).toContain('Page 1');

    const context = await type('/context 2');
    expect(context).toContain('In context');
    expect(context).toContain(first[1]);
    // A bare /share after /context shares the passage just read in context.
    expect(await type('/share')).toContain(first[1]);
    // /share N still counts in the list, not in the context view.
    expect(await type('/share 3')).toContain(first[2]);

    const page2 = await type('/more');
    expect(page2).toContain('Page 2');
    const second = quoted(page2);
    expect(second.length).toBeGreaterThan(0);
    for (const t of second) expect(first).not.toContain(t);
    // The numbers now refer to the page just shown.
    expect(await type('/context 1')).toContain(second[0]);
  });

  it('/another re-rolls the last /quote, also after a /topic and its follow-ups', async () => {
    const type = terminal();
    const [quote] = quoted(await type('/quote checkpoints failures power'));
    await type('/topic blast radius');
    await type('/context 1');
    const another = await type('/another');
    const [next] = quoted(another);
    expect(next).toBeDefined();
    expect(next).not.toBe(quote);
    expect(another).not.toContain('In context');
    // And the list is now that quote: /share 1 shares it.
    expect(await type('/share 1')).toContain(next);
  });

  it('/another after a random /quote gives a different random one', async () => {
    const type = terminal();
    const [first] = quoted(await type('/quote'));
    await type('/context 1');
    const [second] = quoted(await type('/another'));
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('says what is missing when nothing was listed or the number is wrong', async () => {
    const type = terminal();
    expect(await type('/share 1')).toMatch(/nothing to \/share right now/);
    expect(await type('/more')).toMatch(/nothing to \/more right now/);
    await type('/quote blast radius');
    expect(await type('/more')).toMatch(/nothing to \/more right now/);
    await type('/topic checkpoints failures power cluster');
    expect(await type('/context 4')).toMatch(/1 to 3/);
    expect(await type('/share two')).toMatch(/1 to 3/);
    expect(await type('/share')).toMatch(/Which one\?.*\/share 2/);
  });

  it('runs a command typed without its slash, and says how it read it', async () => {
    const type = terminal();
    const out = await type('quote blast radius');
    expect(quoted(out)[0]).toMatch(/blast radius/);
    expect(out).toContain('/quote blast radius');
    expect(out).not.toContain('/topic quote');
    expect(await type('Sources')).toContain('Engineering at scale');
    expect(await type('context 1')).toContain('In context');
    expect(await type('more about blast radius')).toMatch(/\/topic more about blast radius/);
    // A near miss is suggested, not run; other words get the /topic hint.
    expect(await type('quot blast radius')).toMatch(/Did you mean \/quote\?/);
    expect(await type('what about blast radius')).toMatch(/\/topic what about blast radius/);
  });
});
