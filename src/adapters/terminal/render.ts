// Reply -> terminal text: wrapped to the terminal's width, highlights in bold on a TTY, and the
// reply's actions shown as the follow-up commands a person can type. Escape sequences and control
// characters in document or user text are removed, so only the renderer's own codes reach the TTY.
import type { Action, Reply, ReplyPassage } from '../../core/reply.js';
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

export function wrapText(text: string, width: number, indent = ''): string[] {
  return wrap(words(text), width, indent, false);
}

function wrap(ws: Word[], width: number, indent: string, color: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  let visible = 0;
  for (const w of ws) {
    const add = (visible ? 1 : 0) + w.text.length;
    if (visible && indent.length + visible + add > width) {
      lines.push(indent + line);
      line = '';
      visible = 0;
    }
    const shown = color && w.bold ? `${w.text.slice(0, w.bold[0])}${BOLD}${w.text.slice(...w.bold)}${RESET}${w.text.slice(w.bold[1])}` : w.text;
    line += (visible ? ' ' : '') + shown;
    visible += (visible ? 1 : 0) + w.text.length;
  }
  if (visible) lines.push(indent + line);
  return lines;
}

function attribution(p: ReplyPassage): string {
  const who = p.speaker ? `${p.speaker}, ` : '';
  const where = p.section ? ` · ${p.section}` : '';
  return `— ${who}${p.doc.title}${where}`;
}

function renderPassage(p: ReplyPassage, o: RenderOptions, indent: string): string[] {
  const lines: string[] = [];
  const dim = (s: string) => (o.color ? `${DIM}${s}${RESET}` : s);
  if (p.before) lines.push(...wrap(words(`… ${p.before}`), o.width, indent, false).map(dim));
  lines.push(...wrap(words(`“${p.text}”`, p.highlights.map(([s, e]) => [s + 1, e + 1])), o.width, indent, o.color));
  if (p.after) lines.push(...wrap(words(`${p.after} …`), o.width, indent, false).map(dim));
  lines.push(...wrap(words(attribution(p)), o.width, indent + '  ', false).map(dim));
  const url = safeUrl(p.doc.url);
  if (url) lines.push(dim(`${indent}  ${url}`));
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
  if (reply.title) out.push(bold(reply.title), '');
  switch (reply.kind) {
    case 'error':
      out.push(...wrap(words(reply.message), o.width, '', false));
      break;
    case 'passages':
    case 'discussion': {
      const numbered = reply.passages.length > 1;
      reply.passages.forEach((p, i) => {
        if (numbered) out.push(bold(`${i + 1}.`));
        out.push(...renderPassage(p, o, numbered ? '   ' : ''), '');
      });
      if (reply.kind === 'discussion') {
        out.push(bold('For discussion:'));
        reply.questions.forEach((q, i) => out.push(...wrap(words(`${i + 1}. ${q}`), o.width, '', false).map((l, j) => (j ? '   ' + l : l))));
        out.push('');
      }
      if (reply.kind === 'passages' && reply.total !== undefined && reply.page !== undefined && reply.total > 0) {
        out.push(`Page ${reply.page}, ${reply.total} matching passage${reply.total === 1 ? '' : 's'} in all.`);
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
      break;
    case 'notice':
      for (const line of reply.lines) out.push(...wrap(words(line), o.width, '', false));
      break;
    case 'help':
      for (const c of reply.commands) {
        out.push(...wrap(words(c.usage), o.width, '', false).map((l, i) => (i ? `  ${bold(l)}` : bold(l))));
        out.push(...wrap(words(c.description), o.width, '  ', false));
        out.push(`  e.g. ${c.example}`, '');
      }
      out.push(...wrap(words('After a reply: /more, /another, /context N and /share N act on it. Type /exit or press Ctrl-D to leave.'), o.width, '', false));
      break;
  }
  for (const n of reply.notes) out.push(...wrap(words(`Note: ${n}`), o.width, '', false));
  const hints = actionHints(reply);
  if (hints.length) out.push(...wrap(words(`Next: ${hints.join(' · ')}`), o.width, '', false));
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
