// An interviewer's question carries the words people search with, but the answer after it is what
// they want to read. A matched question is served as the answer with the question as its lead-in,
// so the two come as one result rather than the bare question or both separately.
import { QUESTION_SPEAKERS } from '../ingest/passages.js';
import type { Passage } from '../corpus.js';

const ENDS_ASKING = /\?["”’)]?\s*$/;
/** A tag ("..., right?", "you know?") asks nothing of anyone: the speaker goes on. */
const TAG = /\b(?:right|no|you know|huh|yeah|okay|ok|correct|isn't it)\?["”’)]?\s*$/i;
/** Said to the other person ("do you", "your view"): a question or the lead-in to one. */
const ADDRESSED = /\byou(?:r|'ve|’ve|'re|’re)?\b/i;
/** The asker taking the floor by pointing back at what the other said ("you mentioned", "you said"). */
const REFERS_BACK = /\byou (?:just )?(?:mentioned|said|talked about|described|were saying|brought up|touched on)\b/i;
/** Words that carry on the same voice rather than open a reply. */
const CONTINUES = /^(?:and|but|or|because|like|which|that|then)\b/i;
/** A "question" longer than this in a caption stream is a run-on remark that happens to end in "?". */
const QUESTION_MAX = 200;
/** Longest lead-up to a question, not put to "you", that still counts as part of asking it. */
const TOLD_MAX = 60;
/** Most of a question shown as a lead-in; its end (where the asking is) is what is kept. */
const LEAD_IN_MAX = 240;

const isAsker = (p: Passage) => p.asks === true || (p.speaker !== undefined && QUESTION_SPEAKERS.test(p.speaker));
const sentencesOf = (p: Passage) => (p.sentences.length ? p.sentences : [p.text]);

/**
 * Where the asking at the end of a passage begins (its questions, and before them what points back
 * at the other's words or is a short word to them, "Alex, I know what your days are like."), or
 * -1 when it does not end by asking.
 */
function askingFrom(p: Passage): number {
  const s = sentencesOf(p);
  const last = s.at(-1)!;
  if (!ENDS_ASKING.test(last) || TAG.test(last) || last.length > QUESTION_MAX) return -1;
  let from = s.length - 1;
  const leadsIn = (t: string) => ENDS_ASKING.test(t) || REFERS_BACK.test(t) || (ADDRESSED.test(t) && t.length <= TOLD_MAX);
  while (from > 0 && leadsIn(s[from - 1]!)) from--;
  return from;
}

/**
 * Whether `next` answers `p`, so p is best served as next's lead-in: p is the asking side (a
 * labelled asker or host, a question followed by another known voice, or, between voices not
 * known, a question put to "you" that the next passage does not carry on from), p is mostly its
 * question (an interviewer who first tells a fact, "ChatGPT reached a million users in five days.
 * What changed?", said something worth finding in itself), and next is a reply, not another question.
 */
export function answers(p: Passage, next: Passage | undefined): boolean {
  if (!next || next.docId !== p.docId || p.nextId !== next.id || isAsker(next)) return false;
  const from = isAsker(p) ? Math.max(0, askingFrom(p)) : askingFrom(p);
  if (from < 0 || sentencesOf(p).slice(0, from).join(' ').length > TOLD_MAX) return false;
  if (isAsker(p)) return true;
  if (p.speaker && next.speaker) return p.speaker !== next.speaker;
  return ADDRESSED.test(sentencesOf(p).slice(from).join(' ')) && !CONTINUES.test(next.text);
}

/** The question as a reply shows it above its answer: its asking part, shortened from the front. */
export function leadInText(question: Passage): string {
  const s = sentencesOf(question);
  const text = s.slice(Math.max(0, askingFrom(question))).join(' ');
  if (text.length <= LEAD_IN_MAX) return text;
  const cut = text.slice(text.length - LEAD_IN_MAX + 1);
  return '…' + cut.slice(cut.indexOf(' ') + 1);
}
