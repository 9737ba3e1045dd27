// Reply -> a Slack message: Block Kit sections with matched words in bold, a context line with
// document, speaker and section, and buttons whose value carries the action; every piece of
// corpus or user text escaped so it can never ping anyone or become a link.
import { encodeAction } from '../../bot/actions.js';
import { shorten as fit } from '../../core/search/text.js';
import { COMPARED_HEADING, docLabel, leadInWords, NOT_SERVED, notServedLines, resultCount, type Action, type Reply, type ReplyPassage } from '../../bot/reply.js';
import { attributionWords } from '../../core/attribution.js';
import { safeUrl, stripControls, withoutControls } from '../../core/untrusted.js';

/** Slack's documented Block Kit limits. */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  contextElements: 10,
  contextText: 3000,
  buttonText: 75,
  actionId: 255,
  value: 2000,
  actionsElements: 25,
  fallbackText: 3000,
} as const;

export interface SlackBlock {
  type: string;
  [key: string]: unknown;
}

export interface SlackMessage {
  /** Notification and accessibility fallback. */
  text: string;
  blocks: SlackBlock[];
  responseType: 'in_channel' | 'ephemeral';
}

/**
 * Escapes the three characters Slack treats as control sequences. `<!everyone>`, `<@U123>` and
 * `<http://x|y>` all need a literal `<`, so escaped text cannot ping or link.
 */
export function escapeSlack(text: string): string {
  return stripControls(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}


/** Escaped text with the highlighted ranges in bold (*...*), kept whole when it must be cut. */
export function mrkdwnWithHighlights(text: string, highlights: [number, number][], max: number): string {
  let budget = max;
  for (;;) {
    const t = fit(text, budget);
    let out = '';
    let at = 0;
    for (const [s, e] of [...highlights].sort((a, b) => a[0] - b[0])) {
      if (s < at || e > t.length) continue;
      // Bold only works on word boundaries in mrkdwn, which highlight ranges always are.
      out += escapeSlack(t.slice(at, s)) + `*${escapeSlack(t.slice(s, e))}*`;
      at = e;
    }
    out += escapeSlack(t.slice(at));
    if (out.length <= max || budget < 100) return out.slice(0, max);
    budget -= out.length - max + 10;
  }
}

// verbatim: Slack would otherwise turn a bare @here into a mention and #name or a bare url into a
// link; our own links are written out as <url|text>, which verbatim text still shows.
const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, LIMITS.sectionText), verbatim: true } });
const context = (...texts: string[]): SlackBlock => ({
  type: 'context',
  elements: texts.filter(Boolean).slice(0, LIMITS.contextElements).map((t) => ({ type: 'mrkdwn', text: fit(t, LIMITS.contextText), verbatim: true })),
});

function attribution(p: ReplyPassage): string {
  // A url that is not plain http(s) could close the link early and ping the channel: no link then.
  const url = safeUrl(p.doc.url);
  const title = url ? `<${escapeSlack(url)}|${escapeSlack(docLabel(p))}>` : escapeSlack(docLabel(p));
  const where = p.section ? ` · ${escapeSlack(p.section)}` : '';
  return `— ${attributionWords(p, title, ' · ', escapeSlack)}${where}`;
}

function passageBlocks(p: ReplyPassage, n?: number): SlackBlock[] {
  const label = n ? `*${n}.* ` : '';
  const blocks: SlackBlock[] = [];
  if (p.before) blocks.push(context(`… ${escapeSlack(p.before)}`));
  if (p.leadIn) blocks.push(context(escapeSlack(leadInWords(p.leadIn))));
  blocks.push(section(`${label}“${mrkdwnWithHighlights(p.text, p.highlights, LIMITS.sectionText - label.length - 2)}”`));
  if (p.after) blocks.push(context(`${escapeSlack(p.after)} …`));
  blocks.push(context(attribution(p)));
  return blocks;
}

function buttons(reply: Reply, owner: string | undefined): SlackBlock[] {
  const passages = 'passages' in reply ? reply.passages : [];
  const numbered = passages.length > 1;
  const no = (id: string) => passages.findIndex((p) => p.id === id) + 1;
  const label = (a: Action): string => {
    switch (a.kind) {
      case 'more':
        return 'More';
      case 'another':
        return 'Another';
      case 'context':
        return numbered ? `Context ${no(a.passageId)}` : 'Context';
      case 'share':
        return numbered ? `Share ${no(a.passageId)}` : 'Share to channel';
    }
  };
  const elements = reply.actions.slice(0, LIMITS.actionsElements).map((a, i) => ({
    type: 'button',
    text: { type: 'plain_text', text: label(a).slice(0, LIMITS.buttonText) },
    // Slack needs unique action ids within a message; the state itself travels in the value.
    action_id: `rg:${a.kind}:${i}`,
    value: encodeAction(a, a.kind === 'another' && !a.ahead ? undefined : owner).slice(0, LIMITS.value),
    ...(a.kind === 'more' || a.kind === 'another' ? { style: 'primary' } : {}),
  }));
  return elements.length ? [{ type: 'actions', elements }] : [];
}

function notesBlock(reply: Reply): SlackBlock[] {
  return reply.notes.length ? [context(...reply.notes.map((n) => `_${escapeSlack(n)}_`))] : [];
}

export function renderSlack(untrusted: Reply, owner?: string): SlackMessage {
  const reply = withoutControls(untrusted);
  const responseType = reply.visibility === 'public' ? 'in_channel' : 'ephemeral';
  const title = reply.title ? [section(`*${escapeSlack(reply.title)}*`)] : [];
  let blocks: SlackBlock[];
  let text: string;
  switch (reply.kind) {
    case 'error':
      text = reply.message;
      blocks = [section(escapeSlack(reply.message))];
      if (reply.suggestions.length) blocks.push(context(`Try: ${reply.suggestions.map((s) => `\`${escapeSlack(s.replace(/`/g, "'"))}\``).join(', ')}`));
      break;
    case 'passages': {
      const numbered = reply.passages.length > 1;
      blocks = [...title, ...reply.passages.flatMap((p, i) => passageBlocks(p, numbered ? i + 1 : undefined))];
      if (reply.total !== undefined && reply.page !== undefined && reply.total > 0) {
        blocks.push(context(`Page ${reply.page} · ${resultCount(reply)}`));
      }
      text = reply.title ?? reply.passages[0]?.text ?? '';
      break;
    }
    case 'discussion':
      blocks = [
        ...title,
        // A day of a reading plan carries several passages, numbered like a page of results; a
        // compared passage (/discuss) comes under its heading.
        ...reply.passages.flatMap((p, i) =>
          p.compared ? [context(`*${COMPARED_HEADING}*`), ...passageBlocks(p)] : passageBlocks(p, reply.passages.filter((q) => !q.compared).length > 1 ? i + 1 : undefined),
        ),
        section(['*For discussion*', ...reply.questions.map((q, i) => `${i + 1}. ${escapeSlack(q)}`)].join('\n')),
      ];
      text = reply.title ?? 'Discussion prompt';
      break;
    case 'sources': {
      // Files left out come after the documents but are never the blocks cut for length.
      const notServed = reply.skippedTotal ? [section(fit([`*${NOT_SERVED}*`, ...notServedLines(reply).map(escapeSlack)].join('\n'), LIMITS.sectionText))] : [];
      blocks = [
        ...title,
        ...reply.sources.slice(0, LIMITS.blocks - title.length - notServed.length - 2).map((s) =>
          section(
            [
              `*${escapeSlack(s.title)}*`,
              `\`${escapeSlack(s.id)}\` · ${s.kind}${s.date ? ` · ${escapeSlack(s.date)}` : ''} · ${s.passages} passages`,
              s.speakers.length ? `Speakers: ${escapeSlack(s.speakers.join(', '))}` : '',
            ]
              .filter(Boolean)
              .join('\n'),
          ),
        ),
        ...notServed,
      ];
      text = `${reply.sources.length} sources` + (reply.skippedTotal ? `, ${reply.skippedTotal} not served` : '');
      break;
    }
    case 'notice':
      blocks = [...title, section(reply.lines.map((l) => escapeSlack(l)).join('\n'))];
      text = [reply.title, ...reply.lines].filter(Boolean).join(' ');
      break;
    case 'help':
      blocks = [...title, ...reply.commands.map((c) => section(`*${escapeSlack(c.usage)}*\n${escapeSlack(c.description)}\nExample: \`${escapeSlack(c.example)}\``))];
      text = reply.title ?? 'Commands';
      break;
  }
  // Buttons and notes always survive; content is cut from the end if the reply would exceed 50 blocks.
  const tail = [...buttons(reply, reply.visibility === 'private' ? owner : undefined), ...notesBlock(reply)];
  blocks = [...blocks.slice(0, LIMITS.blocks - tail.length), ...tail];
  return { text: fit(escapeSlack(text), LIMITS.fallbackText), blocks, responseType };
}

