// Reading-group prompts: open questions built from what a passage actually says: its central
// claim, its key terms and any trade-off it weighs, quoted back so the group argues about the text.
import { STOP_WORDS, termOf, tokenize } from './text.js';
import type { DocumentMeta, Passage } from './types.js';

export type Idf = (term: string) => number;

const CLAIM_MARKERS = /\b(i think|i believe|we believe|believes?|should|must|need to|needs|the key|important|essential|the real|always|never|is that|means|matters?)\b/i;
const CONTRAST = /\b(but|however|rather than|instead of|versus|vs\.?|whereas|while|trade-?off|on the other hand|without)\b/i;
const CLAUSE_MAX = 140;

/** The most specific phrases of a passage: runs of content words, ranked by rarity in the corpus. */
export function keyPhrases(text: string, idf: Idf, limit = 3): string[] {
  const tokens = tokenize(text);
  const runs: { phrase: string; score: number }[] = [];
  let run: typeof tokens = [];
  const flush = () => {
    // Runs of content words; the longest useful phrase is three words.
    for (let i = 0; i < run.length; i += 3) {
      const part = run.slice(i, i + 3);
      const phrase = text.slice(part[0]!.start, part[part.length - 1]!.end);
      const score = part.reduce((s, t) => s + idf(termOf(t.word) ?? ''), 0) + 0.5 * (part.length - 1);
      runs.push({ phrase, score });
    }
    run = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const gap = i > 0 ? text.slice(tokens[i - 1]!.end, t.start) : ' ';
    const content = !STOP_WORDS.has(t.word) && termOf(t.word) !== null && !/^\p{N}+$/u.test(t.word);
    if (!content || !/^[\s-]*$/.test(gap)) flush();
    if (content) run.push(t);
  }
  flush();
  const seen = new Set<string>();
  return runs
    .sort((a, b) => b.score - a.score)
    .filter((r) => {
      const key = r.phrase.toLowerCase();
      if (seen.has(key) || [...seen].some((s) => s.includes(key) || key.includes(s))) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit)
    .map((r) => r.phrase);
}

/** A clause short enough to quote inside a question, cut at punctuation or a word boundary. */
export function clip(sentence: string, max = CLAUSE_MAX): string {
  const s = sentence.trim().replace(/[.!?]+$/, '');
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const punct = Math.max(cut.lastIndexOf(', '), cut.lastIndexOf('; '), cut.lastIndexOf(': '));
  if (punct > max * 0.5) return cut.slice(0, punct);
  return cut.slice(0, cut.lastIndexOf(' ')) + '…';
}

function voice(p: Passage, doc: DocumentMeta): string {
  if (p.speaker && !/^(host|question|q)$/i.test(p.speaker)) return p.speaker;
  if (doc.kind === 'transcript') return 'The speaker';
  if (doc.kind === 'live blog') return 'The talk';
  return 'The article';
}

export function discussionQuestions(p: Passage, doc: DocumentMeta, idf: Idf): string[] {
  const who = voice(p, doc);
  const phrases = keyPhrases(p.text, idf);
  const questions: string[] = [];

  const claim =
    p.sentences.filter((s) => CLAIM_MARKERS.test(s) && !s.trim().endsWith('?')).sort((a, b) => b.length - a.length)[0] ??
    p.sentences.find((s) => !s.trim().endsWith('?'));
  if (claim) {
    questions.push(`${who} says: “${clip(claim)}.” Do you agree? What would have to be true for that to hold on your own team?`);
  }

  const [first, second] = phrases;
  if (first && second) {
    questions.push(`How do “${first}” and “${second}” relate in this passage, and which matters more for the argument it makes?`);
  } else if (first) {
    questions.push(`What does “${first}” mean in this passage, and where have you seen it matter in your own work?`);
  }

  const contrastSentence = p.sentences.find((s) => CONTRAST.test(s) && s !== claim) ?? p.sentences.find((s) => CONTRAST.test(s));
  const m = contrastSentence?.match(CONTRAST);
  if (contrastSentence && m && m.index !== undefined) {
    const left = contrastSentence.slice(0, m.index).trim().replace(/[,;:]$/, '');
    const right = contrastSentence.slice(m.index + m[0].length).trim();
    if (left.split(' ').length >= 3 && right.split(' ').length >= 3) {
      questions.push(`The passage weighs “${clip(left, 90)}” against “${clip(right, 90)}”. When would you make the opposite call?`);
    } else {
      questions.push(`“${clip(contrastSentence)}.” What is being traded off here, and who pays the cost?`);
    }
  } else if (phrases[2] ?? first) {
    questions.push(`What evidence or experience would change your mind about “${phrases[2] ?? first}” as it is described here?`);
  }
  return questions.slice(0, 3);
}
