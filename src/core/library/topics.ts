// The subjects a shelf keeps coming back to ("compost heap", "scaling laws"): pairs of adjacent
// content words that several passages share, written the way the texts write them, and shaped
// like a subject (ending in a noun; "years ago" and "keep pushing" recur too, but name nothing).
// What a search that finds nothing can offer when the query's own words give nothing to go on.
// Built from the text's own statistics and word classes, so it works on any corpus.
import { termOf, tokenize } from '../search/text.js';
import type { Passage } from '../corpus.js';

/** Passages read at most: a spread-out sample names a large shelf's subjects as well as all would. */
const SAMPLE = 1500;
/** A word suggested alone is letters only (no contractions, numbers or codes) and not too short. */
export const PLAIN_WORD = /^\p{L}{3,}$/u;

interface PhraseCount {
  passages: number;
  docs: Set<string>;
  /** How each written form occurs (mid-sentence only), to show the usual spelling. */
  forms: Map<string, number>;
  /** Occurrences where both words are capitalised mid-sentence: a name, not a subject. */
  named: number;
  terms: [string, string];
}

type Tagger = (text: string) => { json(): { terms: { tags: string[] }[] }[] };
let tagger: Promise<Tagger> | undefined;
// compromise tags word classes; loaded on the first search that finds nothing, not at start-up.
const loadTagger = () => (tagger ??= import('compromise').then((m) => m.default as unknown as Tagger));

/** How many of the best-counted phrases are tagged, to find `limit` subjects among them. */
const CANDIDATES = 80;

/** Whether a two-word phrase reads as a subject: a noun, led by a word that can modify it. */
function isSubject(tag: Tagger, phrase: string): boolean {
  const terms = tag(phrase).json()[0]?.terms ?? [];
  if (terms.length !== 2) return false;
  const [first, last] = terms.map((t) => new Set(t.tags)) as [Set<string>, Set<string>];
  const not = (tags: Set<string>, ...bad: string[]) => !bad.some((b) => tags.has(b));
  return last.has('Noun') && not(last, 'Date', 'Pronoun', 'Value') && not(first, 'Adverb', 'Preposition', 'Determiner', 'Pronoun', 'Conjunction', 'Date', 'Value');
}

/** Up to `limit` recurring two-word subjects of `passages`, most established first. */
export async function corpusTopics(passages: readonly Passage[], limit = 5): Promise<string[]> {
  const step = Math.max(1, Math.ceil(passages.length / SAMPLE));
  const phrases = new Map<string, PhraseCount>();
  const termPassages = new Map<string, number>();
  let sampled = 0;
  for (let i = 0; i < passages.length; i += step) {
    const p = passages[i]!;
    sampled++;
    const seen = new Set<string>();
    const tokens = tokenize(p.text);
    const terms = tokens.map((t) => (PLAIN_WORD.test(t.word) ? termOf(t.word) : null));
    for (const t of new Set(terms)) if (t) termPassages.set(t, (termPassages.get(t) ?? 0) + 1);
    for (let j = 0; j + 1 < tokens.length; j++) {
      const [a, b] = [terms[j], terms[j + 1]];
      if (!a || !b || a === b || !/^[\s-]$/.test(p.text.slice(tokens[j]!.end, tokens[j + 1]!.start))) continue;
      const key = `${a} ${b}`;
      let c = phrases.get(key);
      if (!c) phrases.set(key, (c = { passages: 0, docs: new Set(), forms: new Map(), named: 0, terms: [a, b] }));
      if (!seen.has(key)) {
        seen.add(key);
        c.passages++;
        c.docs.add(p.docId);
      }
      const midSentence = j > 0 && !/[.!?:]["”’)]?\s*$/.test(p.text.slice(0, tokens[j]!.start));
      if (!midSentence) continue;
      const written = p.text.slice(tokens[j]!.start, tokens[j + 1]!.end).replace(/\s+/g, ' ');
      c.forms.set(written, (c.forms.get(written) ?? 0) + 1);
      if (/^\p{Lu}\S* \p{Lu}/u.test(written)) c.named++;
    }
  }
  const docCount = new Set(passages.map((p) => p.docId)).size;
  // Words in most passages are the shelf's everyday vocabulary ("people", "think"), not subjects.
  const rarity = (t: string) => Math.log(1 + sampled / (termPassages.get(t) ?? 1));
  const ranked = [...phrases.values()]
    .filter((c) => c.passages >= 2 && c.docs.size >= Math.min(2, docCount) && c.named * 2 <= [...c.forms.values()].reduce((a, b) => a + b, 0))
    .map((c) => ({ c, score: c.passages * Math.sqrt(c.docs.size) * Math.min(rarity(c.terms[0]), rarity(c.terms[1])) }))
    .sort((a, b) => b.score - a.score || (a.c.terms.join(' ') < b.c.terms.join(' ') ? -1 : 1));
  const tag = await loadTagger();
  const out: string[] = [];
  const used = new Set<string>();
  for (const { c } of ranked.slice(0, CANDIDATES)) {
    // One subject per word, so five suggestions name five different things.
    if (used.has(c.terms[0]) || used.has(c.terms[1])) continue;
    const form = [...c.forms].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!form || !isSubject(tag, form)) continue;
    out.push(form);
    used.add(c.terms[0]).add(c.terms[1]);
    if (out.length >= limit) break;
  }
  return out;
}
