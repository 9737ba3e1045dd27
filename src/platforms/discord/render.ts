// Reply -> a Discord message: embeds with the matched words in bold, buttons whose custom_id
// carries the action, and allowed_mentions that parse nothing, within Discord's size limits.
import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIComponentInMessageActionRow,
} from 'discord.js';
import { encodeAction } from '../../bot/actions.js';
import { shorten as fit } from '../../core/search/text.js';
import { COMPARED_HEADING, docLabel, leadInWords, NOT_SERVED, notServedLines, type Action, type Reply, type ReplyPassage } from '../../bot/reply.js';
import { speakerWords } from '../../core/attribution.js';
import { safeUrl, stripControls, stripControlsIn, withoutControls } from '../../core/untrusted.js';

/** Discord's documented message limits. */
export const LIMITS = {
  content: 2000,
  description: 4096,
  title: 256,
  footer: 2048,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  embedsTotal: 6000,
  buttonsPerRow: 5,
  rows: 5,
  label: 80,
} as const;

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  flags?: MessageFlags.Ephemeral;
  allowedMentions: { parse: [] };
}

const COLOR = 0x5865f2;

const EVERYONE = /@(everyone|here)\b/g;

/**
 * Text from a document or a user as Discord shows it literally where markdown renders (content,
 * descriptions, field values, titles): markdown escaped, masked links and `<@id>`, `<#id>`,
 * `<t:…>` syntax broken by a backslash, and @everyone/@here split by a zero-width space, so it
 * reads the same but never pings, mentions or links.
 */
export function escapeDiscord(text: string): string {
  return escapeMarkdown(stripControls(text), { heading: true })
    .replace(/[[\]<]/g, '\\$&')
    .replace(EVERYONE, '@\u200b$1');
}

/**
 * The same for places Discord shows as plain text (footers, inline code), where a backslash would
 * show: a zero-width space after `<`, `@` and a masked link's `]` keeps them from being parsed.
 */
export function plainDiscord(text: string): string {
  return stripControls(text)
    .replace(/<(?=[@#!:/]|a:|t:)/g, '<\u200b')
    .replace(/\](?=\()/g, ']\u200b')
    .replace(EVERYONE, '@\u200b$1');
}

/** Escapes Discord markdown in corpus text and wraps the highlighted ranges in bold. */
export function markdownWithHighlights(raw: string, rawHighlights: [number, number][]): string {
  const { text, ranges: highlights } = stripControlsIn(raw, rawHighlights);
  let out = '';
  let at = 0;
  for (const [s, e] of [...highlights].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    out += escapeDiscord(text.slice(at, s)) + `**${escapeDiscord(text.slice(s, e))}**`;
    at = e;
  }
  return out + escapeDiscord(text.slice(at));
}

/** The passage text for a description, cut before it is marked up so bold is never split. */
function passageMarkdown(p: ReplyPassage, max: number): string {
  let budget = max - 2;
  for (;;) {
    const text = fit(p.text, budget);
    const md = `“${markdownWithHighlights(text, p.highlights.filter(([, e]) => e <= text.length))}”`;
    if (md.length <= max || budget < 50) return md.slice(0, max);
    budget -= md.length - max + 10;
  }
}

/** The footer under the embed, whose title is the document: who speaks, then the section. */
function attribution(p: ReplyPassage): string {
  return [speakerWords(p)?.who, p.section].filter(Boolean).join(' · ') || p.doc.kind;
}

/** The question an answer was served with, as a quoted line above it. */
function leadInMarkdown(p: ReplyPassage, max: number): string {
  return p.leadIn ? `> ${escapeDiscord(fit(leadInWords(p.leadIn), Math.floor(Math.min(max / 3, 600))))}\n` : '';
}

function passageEmbed(p: ReplyPassage, descriptionMax: number = LIMITS.description): APIEmbed {
  const lead = leadInMarkdown(p, descriptionMax);
  const embed: APIEmbed = {
    color: COLOR,
    title: fit(escapeDiscord(docLabel(p)), LIMITS.title),
    description: lead + passageMarkdown(p, descriptionMax - lead.length),
    footer: { text: fit(plainDiscord(attribution(p)), LIMITS.footer) },
  };
  // Discord refuses the whole message for a malformed url, and a javascript: one must never link.
  const url = safeUrl(p.doc.url);
  if (url) embed.url = url;
  const fields = [];
  if (p.before) fields.push({ name: 'Before', value: fit(escapeDiscord(p.before), LIMITS.fieldValue) });
  if (p.after) fields.push({ name: 'After', value: fit(escapeDiscord(p.after), LIMITS.fieldValue) });
  if (fields.length) embed.fields = fields;
  return embed;
}

function button(action: Action, label: string, owner: string | undefined, style: APIButtonComponentWithCustomId["style"] = ButtonStyle.Secondary): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style, label: label.slice(0, LIMITS.label), custom_id: encodeAction(action, owner) };
}

function buttons(reply: Reply, owner: string | undefined): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const passages = 'passages' in reply ? reply.passages : [];
  const numbered = passages.length > 1;
  const no = (id: string) => passages.findIndex((p) => p.id === id) + 1;
  const all: APIButtonComponentWithCustomId[] = [];
  for (const a of reply.actions) {
    switch (a.kind) {
      case 'more':
        all.push(button(a, 'More', owner, ButtonStyle.Primary));
        break;
      case 'another':
        // Anyone may draw again under a public quote; one that looked ahead of the reading plan is the asker's.
        all.push(button(a, 'Another', a.ahead ? owner : undefined, ButtonStyle.Primary));
        break;
      case 'context':
        all.push(button(a, numbered ? `Context ${no(a.passageId)}` : 'Context', owner));
        break;
      case 'share':
        all.push(button(a, numbered ? `Share ${no(a.passageId)}` : 'Share to channel', owner, ButtonStyle.Success));
        break;
    }
  }
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  // Same-kind buttons share a row (More + Context, then Share) so the layout reads as a grid.
  const groups = [all.filter((b) => !b.label?.startsWith('Share')), all.filter((b) => b.label?.startsWith('Share'))];
  for (const group of groups) {
    for (let i = 0; i < group.length && rows.length < LIMITS.rows; i += LIMITS.buttonsPerRow) {
      rows.push({ type: ComponentType.ActionRow, components: group.slice(i, i + LIMITS.buttonsPerRow) });
    }
  }
  return rows;
}

/** Keeps the sum of all embed text within Discord's 6000 characters by trimming descriptions. */
function withinTotal(embeds: APIEmbed[]): APIEmbed[] {
  const size = (e: APIEmbed) =>
    (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  let total = embeds.reduce((n, e) => n + size(e), 0);
  for (const e of embeds) {
    if (total <= LIMITS.embedsTotal) break;
    const over = total - LIMITS.embedsTotal;
    if (e.description && e.description.length > 200) {
      const before = e.description.length;
      e.description = fit(e.description, Math.max(200, before - over - 8));
      total -= before - e.description.length;
    }
  }
  return embeds;
}

/**
 * Renders a reply. `owner` is the id of the person who asked: private results' buttons carry it
 * so only they can page them.
 */
export function renderDiscord(untrusted: Reply, owner?: string): DiscordMessage {
  const reply = withoutControls(untrusted);
  const base = { allowedMentions: { parse: [] as [] }, ...(reply.visibility === 'private' ? { flags: MessageFlags.Ephemeral as const } : {}) };
  const notes = reply.notes.map((n) => `-# ${escapeDiscord(n)}`);
  const content = (head?: string) => {
    const text = [head, ...notes].filter(Boolean).join('\n');
    return text ? fit(text, LIMITS.content) : undefined;
  };
  switch (reply.kind) {
    case 'error': {
      const tip = reply.suggestions.length ? `\nTry: ${reply.suggestions.map((s) => `\`${plainDiscord(s).replace(/`/g, "'")}\``).join(', ')}` : '';
      return { ...base, content: fit(`${escapeDiscord(reply.message)}${tip}`, LIMITS.content), embeds: [], components: [] };
    }
    case 'passages': {
      const descriptionMax = Math.floor(LIMITS.embedsTotal / Math.max(1, reply.passages.length)) - 400;
      const embeds = withinTotal(reply.passages.map((p) => passageEmbed(p, Math.min(LIMITS.description, descriptionMax))));
      const page = reply.total !== undefined && reply.page ? ` (page ${reply.page}, ${reply.total} in all)` : '';
      const title = reply.title ? `**${escapeDiscord(reply.title)}**${page}` : undefined;
      return { ...base, content: content(title), embeds, components: buttons(reply, reply.visibility === 'private' ? owner : undefined) };
    }
    case 'discussion': {
      // A day of a reading plan carries several passages: one embed each, the questions under the last
      // passage read; a compared passage (/discuss) follows under its heading.
      const asked = reply.questions.slice(0, 5).reduce((n, q) => n + Math.min(q.length, LIMITS.fieldValue) + 12, 0);
      const descriptionMax = reply.passages.length > 1 ? Math.floor((LIMITS.embedsTotal - asked) / reply.passages.length) - 150 : 3000;
      const embeds = reply.passages.map((p) => {
        const embed = passageEmbed(p, Math.min(LIMITS.description, descriptionMax));
        return p.compared ? { ...embed, author: { name: COMPARED_HEADING } } : embed;
      });
      const discussed = embeds[reply.passages.map((p) => !p.compared).lastIndexOf(true)] ?? embeds[0]!;
      discussed.fields = reply.questions.slice(0, 5).map((q, i) => ({ name: `Question ${i + 1}`, value: fit(escapeDiscord(q), LIMITS.fieldValue) }));
      return { ...base, content: content(reply.title ? `**${escapeDiscord(reply.title)}**` : undefined), embeds: withinTotal(embeds), components: buttons(reply, undefined) };
    }
    case 'sources': {
      const embed: APIEmbed = {
        color: COLOR,
        title: reply.title ?? 'Sources',
        fields: reply.sources.slice(0, LIMITS.fields).map((s) => ({
          name: fit(escapeDiscord(s.title), LIMITS.fieldName),
          value: fit(
            [
              `\`${plainDiscord(s.id)}\` · ${s.kind}${s.date ? ` · ${escapeDiscord(s.date)}` : ''} · ${s.passages} passages`,
              s.speakers.length ? `Speakers: ${escapeDiscord(s.speakers.join(', '))}` : '',
              // A bare address: Discord links it, so only a plain http(s) one is shown.
              safeUrl(s.url) ?? '',
            ]
              .filter(Boolean)
              .join('\n'),
            LIMITS.fieldValue,
          ),
        })),
      };
      if (reply.sources.length > LIMITS.fields) embed.footer = { text: `and ${reply.sources.length - LIMITS.fields} more` };
      // Files left out get an embed of their own, so a full shelf of fields never crowds them out.
      const notServed: APIEmbed[] = reply.skippedTotal
        ? [{ color: COLOR, title: NOT_SERVED, description: fit(notServedLines(reply).map(escapeDiscord).join('\n'), 1500) }]
        : [];
      return { ...base, content: content(), embeds: withinTotal([embed, ...notServed]), components: [] };
    }
    case 'notice':
      return {
        ...base,
        content: content(),
        embeds: [{ color: COLOR, title: fit(escapeDiscord(reply.title ?? 'Notice'), LIMITS.title), description: fit(reply.lines.map((l) => escapeDiscord(l)).join('\n'), LIMITS.description) }],
        components: [],
      };
    case 'help': {
      const embed: APIEmbed = {
        color: COLOR,
        title: reply.title ?? 'Commands',
        fields: reply.commands.slice(0, LIMITS.fields).map((c) => ({
          name: fit(c.usage, LIMITS.fieldName),
          value: fit(`${c.description}\nExample: \`${c.example}\``, LIMITS.fieldValue),
        })),
      };
      return { ...base, content: content(), embeds: [embed], components: [] };
    }
  }
}

/** An error shown only to the person who caused it. */
export function privateError(message: string): DiscordMessage {
  return { content: fit(message, LIMITS.content), embeds: [], components: [], flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } };
}
