// Reply -> terminal text: wrapped to the terminal's width, highlights in bold on a TTY, and the
// reply's actions shown as the follow-up commands a person can type. Escape sequences and control
// characters in document or user text are removed, so only the renderer's own codes reach the TTY.
import { continuedCommand } from '../../../commands/index.js';
import { COMPARED_HEADING, docLabel, leadInWords, NOT_SERVED, notServedLines, resultCount, type Action, type Reply, type ReplyPassage } from '../../bot/reply.js';
import { attributionWords } from '../../core/attribution.js';
import { safeUrl, withoutControls } from '../../core/untrusted.js';

export interface RenderOptions {
  width: number;
  /** ANSI bold for highlights and headings (only on a TTY). */
  color: boolean;
}

const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

interface Word {
  text: string;
  /** The highlighted part of the word, as [from, to) within it, if any. */
  bold?: [number, number];
}

/** Splits text into words, marking the part of each that a highlight range covers. */
function words(text: string, highlights: [number, number][] = []): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    const hit = highlights.find(([s, e]) => s < end && e > start);
    out.push({ text: m[0], bold: hit && [Math.max(hit[0], start) - start, Math.min(hit[1], end) - start] });
  }
  return out;
}

/** Lines for a terminal `columns` wide (80 when it does not say), at most 100 so prose stays readable. */
export function terminalWidth(stream: { columns?: number }): number {
  return Math.min(100, stream.columns || 80);
}

// Characters a terminal draws two columns wide (East Asian wide and fullwidth forms, emoji) and
// ones it draws on top of the previous character (combining marks, joiners, variation selectors).
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
const ZERO = /[\p{M}\u200b-\u200f\ufe00-\ufe0f]/u;

/** Columns a string takes on a terminal (ANSI colour codes take none). */
export function displayWidth(s: string): number {
  let n = 0;
  for (const ch of s.replace(/\u001b\[\d+m/g, '')) n += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return n;
}

/** A word wider than a line, as the part that fits in `room` columns (at least a character) and the rest. */
function cut(w: Word, room: number): [Word, Word] {
  let at = 0;
  let cols = 0;
  for (const ch of w.text) {
    if (at && cols + displayWidth(ch) > room) break;
    cols += displayWidth(ch);
    at += ch.length;
  }
  const part = (from: number, to: number): Word => {
    const b = w.bold;
    const bold = b && b[0] < to && b[1] > from ? ([Math.max(b[0], from) - from, Math.min(b[1], to) - from] as [number, number]) : undefined;
    return { text: w.text.slice(from, to), bold };
  };
  return [part(0, at), part(at, w.text.length)];
}

export function wrapText(text: string, width: number, indent = '', hanging = indent): string[] {
  return wrap(words(text), width, indent, false, hanging);
}

/**
 * Fills lines of at most `width` columns: `first` starts the first line and `rest` every other,
 * so a label's continuation hangs under its text. Words are never split unless wider than a line.
 */
function wrap(ws: Word[], width: number, first: string, color: boolean, rest = first): string[] {
  const lines: string[] = [];
  let indent = first;
  let line = '';
  let visible = 0;
  const room = () => Math.max(1, width - displayWidth(indent));
  const flush = () => {
    lines.push(indent + line);
    indent = rest;
    line = '';
    visible = 0;
  };
  for (let w of ws) {
    if (visible && visible + 1 + displayWidth(w.text) > room()) flush();
    while (displayWidth(w.text) > room()) {
      const [head, tail] = cut(w, room());
      line = show(head, color);
      visible = displayWidth(head.text);
      flush();
      w = tail;
    }
    line += (visible ? ' ' : '') + show(w, color);
    visible += (visible ? 1 : 0) + displayWidth(w.text);
  }
  if (visible) lines.push(indent + line);
  return lines;
}

const show = (w: Word, color: boolean) =>
  color && w.bold ? `${w.text.slice(0, w.bold[0])}${BOLD}${w.text.slice(...w.bold)}${RESET}${w.text.slice(w.bold[1])}` : w.text;

function attribution(p: ReplyPassage): string {
  const where = p.section ? ` · ${p.section}` : '';
  return `— ${attributionWords(p, docLabel(p))}${where}`;
}

function renderPassage(p: ReplyPassage, o: RenderOptions, indent: string): string[] {
  const lines: string[] = [];
  const dim = (s: string) => (o.color ? `${DIM}${s}${RESET}` : s);
  if (p.before) lines.push(...wrap(words(`… ${p.before}`), o.width, indent, false).map(dim));
  if (p.leadIn) lines.push(...wrap(words(leadInWords(p.leadIn)), o.width, indent, false).map(dim));
  lines.push(...wrap(words(`“${p.text}”`, p.highlights.map(([s, e]) => [s + 1, e + 1])), o.width, indent, o.color));
  if (p.after) lines.push(...wrap(words(`${p.after} …`), o.width, indent, false).map(dim));
  lines.push(...wrap(words(attribution(p)), o.width, indent + '  ', false).map(dim));
  const url = safeUrl(p.doc.url);
  if (url) lines.push(...wrap([{ text: url }], o.width, indent + '  ', false).map(dim));
  return lines;
}

/** The typed follow-ups for a reply's actions, numbered like the passages they belong to. */
export function actionHints(reply: Reply): string[] {
  const hints: string[] = [];
  const passageNo = (id: string) =>
    'passages' in reply ? reply.passages.findIndex((p) => p.id === id) + 1 : 0;
  const kinds = new Set(reply.actions.map((a) => a.kind));
  if (kinds.has('more')) hints.push('/more for the next results');
  if (kinds.has('another')) hints.push('/another for a different one');
  for (const kind of ['context', 'share'] as const) {
    const nos = reply.actions.filter((a): a is Extract<Action, { kind: typeof kind }> => a.kind === kind).map((a) => passageNo(a.passageId));
    if (!nos.length) continue;
    const what = kind === 'context' ? 'to read around it' : 'to post it to the channel';
    hints.push(nos.length > 1 ? `/${kind} N (1-${nos.length}) ${what}` : `/${kind} ${what}`);
  }
  return hints;
}

export function renderReply(untrusted: Reply, o: RenderOptions): string {
  const reply = withoutControls(untrusted);
  const bold = (s: string) => (o.color ? `${BOLD}${s}${RESET}` : s);
  const out: string[] = [];
  if (reply.title) out.push(...wrap(words(reply.title), o.width, '', false).map(bold), '');
  switch (reply.kind) {
    case 'error':
      out.push(...wrap(words(reply.message), o.width, '', false));
      break;
    case 'passages':
    case 'discussion': {
      const numbered = reply.passages.length > 1;
      reply.passages.forEach((p, i) => {
        // A discussion's compared passage is headed as such.
        if (numbered) out.push(bold(p.compared ? `${i + 1}. ${COMPARED_HEADING}:` : `${i + 1}.`));
        out.push(...renderPassage(p, o, numbered ? '   ' : ''), '');
      });
      if (reply.kind === 'discussion') {
        out.push(bold('For discussion:'));
        reply.questions.forEach((q, i) => {
          const label = `${i + 1}. `;
          out.push(...wrap(words(q), o.width, label, false, ' '.repeat(label.length)));
        });
        out.push('');
      }
      if (reply.kind === 'passages' && reply.total !== undefined && reply.page !== undefined && reply.total > 0) {
        out.push(`Page ${reply.page}, ${resultCount(reply)}.`);
      }
      break;
    }
    case 'sources':
      for (const s of reply.sources) {
        out.push(bold(s.title));
        const meta = [`id: ${s.id}`, s.kind, s.date, s.source, `${s.passages} passages`].filter(Boolean).join(' · ');
        out.push(...wrap(words(meta), o.width, '  ', false));
        if (s.speakers.length) out.push(...wrap(words(`speakers: ${s.speakers.join(', ')}`), o.width, '  ', false));
        out.push('');
      }
      if (reply.skippedTotal > 0) {
        out.push(bold(`${NOT_SERVED}:`));
        for (const line of notServedLines(reply)) out.push(...wrap(words(line), o.width, '  ', false, '    '));
        out.push('');
      }
      break;
    case 'notice':
      for (const line of reply.lines) out.push(...wrap(words(line), o.width, '', false));
      break;
    case 'help':
      for (const c of reply.commands) {
        out.push(...wrap(words(c.usage), o.width, '', false, '  ').map((l) => l.replace(/\S.*/, bold)));
        out.push(...wrap(words(c.description), o.width, '  ', false));
        out.push(...wrap(words(c.example), o.width, '  e.g. ', false, '       '), '');
      }
      out.push(...wrap(words(`After a reply: /context N and /share N act on passage N of the last list, /more pages the last /${continuedCommand('more')}, /another re-rolls the last /${continuedCommand('another')}. Type /exit or press Ctrl-D to leave.`), o.width, '', false));
      break;
  }
  for (const n of reply.notes) out.push(...wrap(words(`Note: ${n}`), o.width, '', false));
  const hints = actionHints(reply);
  if (hints.length) out.push(...wrap(words(`Next: ${hints.join(' · ')}`), o.width, '', false));
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
