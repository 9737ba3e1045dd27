// Text a hostile document or user could send, and checks for what each platform would turn into a
// ping, a mention or a link. Shared by the render tests and the end-to-end platform tests.
import type { Reply, ReplyPassage } from '../../src/bot/reply.js';

/** Everything that pings, mentions or links on Slack or Discord, plus terminal control sequences. */
export const HOSTILE =
  '<!here> <!channel|c> <@U123> <#C42> @everyone @here <@&99> <t:1:R> [click](https://evil.example) <https://evil.example|x> \u001b[31mred\u001b]8;;https://evil.example\u0007osc\u001b]8;;\u0007\u0007';
export const BAD_URL = 'https://example.org/a>b <!here> c';

export const hostilePassage = (over: Partial<ReplyPassage> = {}): ReplyPassage => ({
  id: 'evil:0000abcd',
  text: `Plain words about checkpoints. ${HOSTILE}`,
  highlights: [[12, 17]],
  doc: { id: 'evil', title: `Title ${HOSTILE}`, kind: 'transcript', url: BAD_URL },
  speaker: `Speaker ${HOSTILE}`,
  section: `Section ${HOSTILE}`,
  leadIn: { text: `Lead-in ${HOSTILE}?`, speaker: `Asker ${HOSTILE}`, asks: true },
  before: `Before ${HOSTILE}`,
  after: `After ${HOSTILE}`,
  ...over,
});

/** One reply of every kind, each field filled from HOSTILE. */
export function hostileReplies(): Reply[] {
  const base = { notes: [`Shared by ${HOSTILE}`], actions: [] };
  return [
    { ...base, kind: 'passages', visibility: 'public', title: `On “${HOSTILE}”`, passages: [hostilePassage()] },
    { ...base, kind: 'passages', visibility: 'private', title: `On “${HOSTILE}”`, passages: [hostilePassage(), hostilePassage({ id: 'evil:2' })], page: 1, total: 2 },
    { ...base, kind: 'discussion', visibility: 'public', title: `Discussion: ${HOSTILE}`, passages: [hostilePassage(), hostilePassage({ id: 'evil:0000beef', compared: true })], questions: [`What does “${HOSTILE}” mean?`] },
    {
      ...base,
      kind: 'sources',
      visibility: 'private',
      title: 'Sources',
      sources: [{ id: 'evil', title: `Title ${HOSTILE}`, kind: 'article', speakers: [HOSTILE], passages: 3, source: HOSTILE, date: '2024', url: BAD_URL }],
      // File names and reasons come from the folder and the file: as untrusted as document text.
      skipped: [{ file: `${HOSTILE}.pdf`, reason: `cannot be read (${HOSTILE})` }],
      skippedTotal: 4,
    },
    { ...base, kind: 'notice', visibility: 'private', title: `Notice ${HOSTILE}`, lines: [HOSTILE] },
    { ...base, kind: 'error', visibility: 'private', code: 'no_results', message: `I found nothing about "${HOSTILE}".`, suggestions: [HOSTILE] },
  ];
}

/** Every string inside a JSON-like value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * Slack mrkdwn syntax that is live: any `<` opens a link or mention (`<!here>`, `<@U1>`,
 * `<http://x|y>`), so text from documents or users must contain none.
 */
export const SLACK_LIVE = /<[!@#]|<(?:https?|javascript|mailto):/i;

/** Discord markdown that is live: unescaped mentions, @everyone/@here, masked links. */
export const DISCORD_LIVE = [
  /(?<!\\)<(?:@|#|!|a?:\w+:\d|t:|\/)/, // <@1>, <@&1>, <#1>, <:e:1>, <t:1:R>, </cmd:1>
  /@(?:everyone|here)\b/,
  /(?<!\\)\[[^\]\n]*(?<!\\)\]\(/, // [text](url)
];
