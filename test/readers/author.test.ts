// A document's author: accepted from corpus.yaml and front matter like the other text fields, and
// shown beside the title wherever a passage is attributed, escaped like the title.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/bot/reply.js';
import { loadCorpus } from '../../src/core/ingest/index.js';
import { renderDiscord } from '../../src/platforms/discord/render.js';
import { renderSlack } from '../../src/platforms/slack/render.js';
import { renderReply } from '../../src/platforms/terminal/render.js';

const PROSE = 'The committee met on Tuesday to discuss the budget. It approved the plan.\n';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'author-'));

const reply = (author: string, speaker?: string): Reply => ({
  kind: 'passages',
  visibility: 'public',
  passages: [{ id: 'p1', text: 'Tides follow the moon.', highlights: [], doc: { id: 'd', title: 'How Tides Work', kind: 'article', author }, ...(speaker ? { speaker } : {}) }],
  notes: [],
  actions: [],
});

describe('a document’s author', () => {
  it('comes from front matter or corpus.yaml, and a bad value is left out with a warning', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.md'), `---\nauthor: Ruth Okafor\n---\n${PROSE}`);
    fs.writeFileSync(path.join(dir, 'b.txt'), PROSE);
    fs.writeFileSync(path.join(dir, 'c.txt'), PROSE);
    fs.writeFileSync(path.join(dir, 'corpus.yaml'), `documents:\n  b.txt:\n    author: Lena Varga\n  c.txt:\n    author: [not, a, name]\n`);
    const { documents, warnings } = await loadCorpus(dir);
    expect(Object.fromEntries(documents.map((d) => [d.file, d.meta.author]))).toEqual({ 'a.md': 'Ruth Okafor', 'b.txt': 'Lena Varga', 'c.txt': undefined });
    expect(warnings).toEqual([{ file: 'c.txt', message: expect.stringMatching(/field "author" is invalid.*left out/) }]);
  });

  it('is shown beside the title on every platform, and never pings anyone', () => {
    expect(renderReply(reply('Mara Ellison'), { width: 100, color: false })).toContain('How Tides Work — Mara Ellison');
    const slack = JSON.stringify(renderSlack(reply('<!here> Mara')));
    expect(slack).toContain('How Tides Work — &lt;!here&gt; Mara');
    expect(slack).not.toContain('<!here>');
    const discord = JSON.stringify(renderDiscord(reply('@everyone')));
    expect(discord).toContain('How Tides Work — ');
    expect(discord).not.toMatch(/[^`\\\u200b]@everyone/);
  });

  it('is not repeated when the author is the passage’s speaker', () => {
    expect(renderReply(reply('Mara Ellison', 'Mara Ellison'), { width: 100, color: false })).toMatch(/— Mara Ellison, How Tides Work$/m);
  });
});
