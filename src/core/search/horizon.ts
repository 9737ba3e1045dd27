// While a group reads a document in order, nothing the bot answers may quote, suggest or name what
// comes later in it. A reading limit hides one document's passages after a position; it is applied
// to the finished index as a filter (no rebuild per request), and which words the hidden part alone
// uses is worked out once per document and kept beside the index.
import type { Passage } from '../corpus.js';
import type { PostingsData } from './postings.js';

/** How far a reader has got: passages of `docId` after position `upTo` are ahead of them. */
export interface ReadingLimit {
  docId: string;
  /** `Passage.position` of the last passage reached, inclusive. */
  upTo: number;
}

/** What one request may see: passages by their place in the corpus, index terms by id. */
export interface Horizon {
  readonly limit: ReadingLimit;
  /** Where in the corpus the last passage reached is, if the document has one at `upTo`. */
  readonly edge?: number;
  passage(doc: number): boolean;
  term(termId: number): boolean;
}

/** Whether a passage is within the limit (everything is, without one). */
export function within(limit: ReadingLimit | undefined, p: Passage): boolean {
  return !limit || p.docId !== limit.docId || p.position <= limit.upTo;
}

/** Term ids whose earliest passage is at or below this are seen; -1 is seen everywhere (another document uses it). */
const ELSEWHERE = -1;
/** Never used where a reader can see it (only in the context field of neighbours). */
const NOWHERE = 0x7fffffff;

/**
 * For each index term, the earliest position in `docId` of a passage using it, or ELSEWHERE when
 * another document uses it too (then no limit on `docId` hides it). Only the `fields` a reader
 * sees count: the context field holds the neighbours' sentences, so a passage at the limit would
 * otherwise reveal the first words after it.
 */
export function firstSeenIn(data: PostingsData, passages: readonly Passage[], docId: string, fields: readonly number[]): Int32Array {
  const inDoc = new Uint8Array(passages.length);
  const position = new Int32Array(passages.length);
  passages.forEach((p, i) => {
    inDoc[i] = p.docId === docId ? 1 : 0;
    position[i] = p.position;
  });
  const out = new Int32Array(data.terms.length).fill(NOWHERE);
  for (let t = 0; t < data.terms.length; t++) {
    let earliest = NOWHERE;
    scan: for (const f of fields) {
      const field = data.fields[f]!;
      for (let i = field.offsets[t]!; i < field.offsets[t + 1]!; i++) {
        const doc = field.docs[i]!;
        if (!inDoc[doc]) {
          earliest = ELSEWHERE;
          break scan;
        }
        if (position[doc]! < earliest) earliest = position[doc]!;
      }
    }
    out[t] = earliest;
  }
  return out;
}

/** What the index keeps per limited document: its words' first positions, and where each of its passages is. */
export interface DocumentWords {
  firstSeen: Int32Array;
  /** Position in the document -> position in the corpus. */
  at: Map<number, number>;
}

export function documentWords(data: PostingsData, passages: readonly Passage[], docId: string, fields: readonly number[]): DocumentWords {
  const at = new Map<number, number>();
  passages.forEach((p, i) => {
    if (p.docId === docId) at.set(p.position, i);
  });
  return { firstSeen: firstSeenIn(data, passages, docId, fields), at };
}

export function makeHorizon(limit: ReadingLimit, passages: readonly Passage[], { firstSeen, at }: DocumentWords): Horizon {
  return {
    limit,
    edge: at.get(limit.upTo),
    passage: (doc) => within(limit, passages[doc]!),
    term: (id) => firstSeen[id]! <= limit.upTo,
  };
}
