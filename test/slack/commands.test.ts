// How commands are named on Slack: the bot's own words say "/reading topic" where Discord and the
// terminal say "/topic", without touching URLs, longer words or document text.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { plainText, SlackCommands } from '../../src/platforms/slack/commands.js';
import { retype, retypeReply } from '../../src/bot/command-forms.js';
import type { Reply } from '../../src/bot/reply.js';

const names = COMMANDS.map((c) => c.name);
const slack = new SlackCommands({ command: '/reading', prefix: 'rg-' }, COMMANDS);

describe('retype', () => {
  it('writes each command mention in the form typed on Slack', () => {
    expect(retype('Try /topic instead, or see /sources.', names, slack.mainForm)).toBe('Try /reading topic instead, or see /reading sources.');
    expect(retype('(/daily status) "/help"', names, slack.mainForm)).toBe('(/reading daily status) "/reading help"');
  });

  it('leaves URLs, paths, longer words and other commands alone', () => {
    const text = 'See https://example.org/topic and a/topic, /topics, /daily-notes, /invite me.';
    expect(retype(text, names, slack.mainForm)).toBe(text);
  });

  it('rewrites only the bot-written parts of a reply, never passage text', () => {
    const reply: Reply = {
      kind: 'passages',
      visibility: 'private',
      passages: [{ id: 'p', text: 'Type /topic to set it.', highlights: [], doc: { id: 'd', title: 'D', kind: 'article' } }],
      notes: ['Try /quote.'],
      actions: [],
    };
    const out = retypeReply(reply, names, slack.mainForm) as Extract<Reply, { kind: 'passages' }>;
    expect(out.notes).toEqual(['Try /reading quote.']);
    expect(out.passages[0]!.text).toBe('Type /topic to set it.');
  });
});

describe('SlackCommands', () => {
  it('resolves /reading <command>, /reading alone (help) and /rg-<command>; not other commands', () => {
    expect(slack.resolve('/reading', 'topic checkpoint design')).toMatchObject({ name: 'topic', text: 'checkpoint design' });
    expect(slack.resolve('/reading', '  ')).toMatchObject({ name: 'help', text: '' });
    const pre = slack.resolve('/rg-daily', 'subscribe 09:00 <#C1|general>')!;
    expect(pre).toMatchObject({ name: 'daily', text: 'subscribe 09:00 <#C1|general>' });
    expect(pre.form('daily')).toBe('/rg-daily');
    expect(slack.resolve('/quote', 'x')).toBeUndefined();
  });

  it('points an unknown command at the one to type', () => {
    expect(slack.unknown('/quote')).toBe("I don't answer to /quote here. Type /reading quote instead, or /reading help to see what I can do.");
    expect(slack.unknown('/weather')).toBe("I don't answer to /weather here. Type /reading help to see what I can do.");
  });

  it('keeps Slack markup only for the command that picks a #channel', () => {
    expect(slack.keepsMarkup('daily')).toBe(true);
    expect(slack.keepsMarkup('topic')).toBe(false);
    expect(plainText('<@U1|ann> and <#C1|general> on <https://x.example/a|this page> <!here>')).toBe('ann and general on this page <!here>');
  });
});
