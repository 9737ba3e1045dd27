// The acknowledgement benchmark on the bundled corpus: the bot as a user runs it, against the fake
// Discord and Slack. Behaviour only (every command is acknowledged and answered, a reload keeps the
// library serving); the 1 s target is measured by `npm run bench -- --acks`, never asserted here.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyDiscord, classifySlack, runAckScenario, type AckSample } from '../../scripts/bench/acks/index.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { UNHANDLED_REJECTION } from '../../src/main-events.js';
import { DISCORD_INTERACTION_FAILED } from '../../src/platforms/discord/interactions.js';
import { SLACK_ACTION_FAILED, SLACK_COMMAND_FAILED } from '../../src/platforms/slack/app.js';

const show = (samples: AckSample[]) => samples.map((s) => `${s.platform} ${s.command} ${s.query ?? ''}: first ${s.firstMs} ms, ${s.reply}`).join('\n');

describe('acknowledgement benchmark', () => {
  it('classifies what the platforms received', () => {
    expect(classifyDiscord(4, { embeds: [{ description: 'x' }] })).toBe('answer');
    expect(classifyDiscord(4, { content: 'The library is still loading. Try again in a few seconds.', embeds: [] })).toBe('still_loading');
    expect(classifyDiscord(4, { content: 'I found nothing about "zzz".', embeds: [] })).toBe('no_results');
    expect(classifyDiscord(4, { content: 'Sorry, something went wrong on my side.' })).toBe('error');
    expect(classifyDiscord(8, { choices: [] })).toBe('empty');
    expect(classifyDiscord(8, { choices: [{ name: 'a', value: 'a' }] })).toBe('answer');
    expect(classifySlack({ text: 'Sorry, something went wrong on my side.' })).toBe('error');
    expect(classifySlack({ text: 'No.', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'No.' } }] })).toBe('error');
    const passage = [
      { type: 'section', text: { type: 'mrkdwn', text: '“A passage.”' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Someone, A talk' }] },
      { type: 'actions', elements: [{ type: 'button', action_id: 'rg:another:0', text: { type: 'plain_text', text: 'Another' }, value: 'rg1:a:-:1:' }] },
    ];
    expect(classifySlack({ text: 'A passage.', blocks: passage })).toBe('answer');
  });

  it('on the bundled corpus, every command gets a first response and a real answer, during a reload too', async () => {
    const commands = 12;
    const r = await runAckScenario({ corpusDir: path.join(PROJECT_ROOT, 'data/corpus'), commands, timeoutMs: 60_000, startTimeoutMs: 150_000 });
    expect(r.errors).toEqual([]);
    expect(r.readyAfterMs).not.toBeNull();
    expect(r.reloadMs).not.toBeNull();
    expect(r.protocolErrors).toEqual({ discord: [], slack: [] });
    for (const event of [DISCORD_INTERACTION_FAILED, SLACK_COMMAND_FAILED, SLACK_ACTION_FAILED, UNHANDLED_REJECTION]) expect(r.botLogged[event]).toBeUndefined();
    const samples = r.samples!;

    // None missing, in any phase.
    for (const phase of ['loading', 'ready', 'reloading'] as const) {
      const p = r.phases[phase];
      expect(p.firstResponses, `${phase}:\n${show(samples.filter((s) => s.phase === phase))}`).toBe(p.sent);
      expect(p.missing).toBe(0);
    }

    // Ready: the whole mix, on both platforms, each a real answer.
    const ready = samples.filter((s) => s.phase === 'ready');
    expect(ready).toHaveLength(commands);
    expect(new Set(ready.map((s) => `${s.platform} ${s.command}`))).toEqual(
      new Set([
        'discord /topic',
        'discord /quote',
        'discord /quote (random)',
        'discord autocomplete /quote query',
        'discord button More',
        'discord /daily today',
        'slack /topic',
        'slack /quote',
        'slack /quote (random)',
        'slack action More',
      ]),
    );
    expect(ready.filter((s) => s.reply !== 'answer'), show(ready)).toEqual([]);
    expect(r.phases.ready.answers).toBe(commands);

    // Loading (only when the platforms connect before the library is ready): "still loading", never silence.
    const loading = samples.filter((s) => s.phase === 'loading');
    for (const s of loading) expect(['answer', 'still_loading', 'empty'], show([s])).toContain(s.reply);
    if (r.libraryReadyBeforePlatforms) expect(loading).toEqual([]);

    // Reloading: the current library keeps serving.
    const reloading = samples.filter((s) => s.phase === 'reloading');
    expect(reloading.length).toBeGreaterThan(0);
    expect(reloading.filter((s) => s.reply !== 'answer'), show(reloading)).toEqual([]);
  });
});
