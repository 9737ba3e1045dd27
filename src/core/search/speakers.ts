// Questions about a person ("what does Amin think ...", "Greg's view on ...") want that person's
// own words, not passages that merely mention the name. The name is recognised by its place in
// the question (possessive, after "does", before "think") and resolved against the shelf's
// speakers as speaker attribution resolves them (first names, surnames, short forms), per document.
import { nameResolver } from '../ingest/turns.js';
import { QUESTION_SPEAKERS } from '../ingest/passages.js';
import { termOf } from './text.js';
import type { Corpus, Passage } from '../corpus.js';

/** Passage by the person asked about. */
const BY_SPEAKER = 1.6;
/** Unattributed passage right after a question that calls on the person by name ("Dan, why ...?"). */
const CALLED_ON = 1.4;
/** Unattributed passage in a document the person speaks in. */
const IN_THEIR_DOCUMENT = 1.15;

// Where a person's name sits in a question about their view.
const SLOTS = [
  /\b(\p{L}[\p{L}-]+)['’]s\b/giu,
  /\b(?:does|did|do|would|will|can|could|should|has|had|is|was|might)\s+(\p{L}[\p{L}-]+)\b/giu,
  /\b(\p{L}[\p{L}-]+)\s+(?:thinks?|thought|says?|said|reckons?|believes?|feels?|argues?|makes? of|sees?)\b/giu,
  /\baccording to\s+(\p{L}[\p{L}-]+)/giu,
];

/** Words that ask for a view ("think", "view", "take"): in a question about a person they say what
 * is asked, like "how many" does, and a passage saying "I think" is no closer to the answer. */
const VIEW_WORDS = /\b(?:think|thinks|thought|say|says|said|reckon|reckons|believe|believes|feel|feels|view|views|take|opinion|opinions|stance|position|answer|answers|reply|response|make of)\b/gi;

/** The index terms of a question's view words, once it asks about a person. */
export function viewTerms(query: string): string[] {
  return (query.match(VIEW_WORDS) ?? []).flatMap((w) => w.split(/\s+/)).map((w) => termOf(w)).filter((t): t is string => !!t);
}

/** A person a question asks about: the word that names them and who it is in each document. */
export interface AskedPerson {
  /** Index term of the name as written in the question. */
  term: string;
  /** Document id -> the speaker's full name there. */
  byDoc: Map<string, string>;
}

export class Speakers {
  private readonly resolvers = new Map<string, (mention: string) => string | undefined>();

  constructor(private readonly corpus: Corpus) {
    for (const d of corpus.documents) {
      const names = new Set(d.speakers);
      for (const p of corpus.byDoc.get(d.id) ?? []) if (p.speaker && !QUESTION_SPEAKERS.test(p.speaker)) names.add(p.speaker);
      if (names.size) this.resolvers.set(d.id, nameResolver([...names]));
    }
  }

  /** The people a question asks the view of, by where their names sit in it. */
  askedAbout(query: string): AskedPerson[] {
    if (!this.resolvers.size) return [];
    const found = new Map<string, AskedPerson>();
    for (const slot of SLOTS) {
      for (const m of query.matchAll(slot)) {
        const word = m[1]!;
        const term = termOf(word);
        if (!term || word.length < 3 || found.has(term)) continue;
        const byDoc = new Map<string, string>();
        for (const [docId, resolve] of this.resolvers) {
          const who = resolve(word);
          if (who) byDoc.set(docId, who);
        }
        // "Alex" is Alex Paino where he speaks, not Alexandr Wang elsewhere: a name written whole
        // beats a short form of another.
        const whole = [...byDoc].filter(([, who]) => who.toLowerCase().split(/\s+/).includes(word.toLowerCase()));
        if (whole.length && whole.length < byDoc.size) for (const [docId] of byDoc) if (!whole.some(([d]) => d === docId)) byDoc.delete(docId);
        if (byDoc.size) found.set(term, { term, byDoc });
      }
    }
    return [...found.values()];
  }

  /** Multiplier for a passage: the person's own words, or where they are most likely speaking. */
  preference(people: AskedPerson[]): (p: Passage) => number {
    return (p) => {
      let best = 1;
      for (const person of people) {
        const who = person.byDoc.get(p.docId);
        if (!who) continue;
        if (p.speaker === who) return BY_SPEAKER;
        if (p.speaker || p.asks) continue;
        best = Math.max(best, this.calledOn(p, who) ? CALLED_ON : IN_THEIR_DOCUMENT);
      }
      return best;
    };
  }

  /** Whether the passage follows a question whose last sentence names the person ("Dan, why ...?"). */
  private calledOn(p: Passage, who: string): boolean {
    const prev = p.prevId ? this.corpus.byId.get(p.prevId) : undefined;
    const last = prev?.sentences.at(-1);
    const resolve = this.resolvers.get(p.docId);
    if (!last || !resolve || !/\?["”’)]?\s*$/.test(last)) return false;
    return (last.match(/\p{Lu}[\p{L}'’-]+/gu) ?? []).some((w) => resolve(w) === who);
  }
}
