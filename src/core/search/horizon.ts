// While a group reads a document in order, nothing the bot answers may quote, suggest or name what
// comes later in it. A reading limit hides one document's passages after a position; it is applied
// to the finished index as a filter (no rebuild per request), and which words the hidden part alone
// uses is worked out word by word as requests ask, once each, and kept beside the index.
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

/** A term another document uses too: no limit on this one hides it. */
const ELSEWHERE = -1;
/** Not worked out yet. */
const UNREAD = -2;
/** Never used where a reader can see it (only in the context field of neighbours). */
const NOWHERE = 0x7fffffff;

/**
 * What the index keeps per limited document: for each index term, the earliest position in the
 * document of a passage using it, or ELSEWHERE when another document uses it too. Each term is
 * read from its postings the first time a request asks about it and kept, so the cost is once per
 * term and library, never per keystroke, and a large shelf pays only for the words people type.
 * Only the `fields` a reader sees count: the context field holds the neighbours' sentences, so a
 * passage at the limit would otherwise reveal the first words after it.
 */
export class DocumentWords {
  private readonly inDoc: Uint8Array;
  private readonly position: Int32Array;
  private readonly first: Int32Array;
  /** Position in the document -> position in the corpus. */
  readonly at = new Map<number, number>();

  constructor(
    private readonly data: PostingsData,
    passages: readonly Passage[],
    docId: string,
    private readonly fields: readonly number[],
  ) {
    this.inDoc = new Uint8Array(passages.length);
    this.position = new Int32Array(passages.length);
    passages.forEach((p, i) => {
      if (p.docId !== docId) return;
      this.inDoc[i] = 1;
      this.position[i] = p.position;
      this.at.set(p.position, i);
    });
    this.first = new Int32Array(data.terms.length).fill(UNREAD);
  }

  /** The earliest position in the document that uses the term, or ELSEWHERE. */
  firstSeen(termId: number): number {
    let earliest = this.first[termId]!;
    if (earliest !== UNREAD) return earliest;
    earliest = NOWHERE;
    scan: for (const f of this.fields) {
      const field = this.data.fields[f]!;
      for (let i = field.offsets[termId]!; i < field.offsets[termId + 1]!; i++) {
        const doc = field.docs[i]!;
        if (!this.inDoc[doc]) {
          earliest = ELSEWHERE;
          break scan;
        }
        if (this.position[doc]! < earliest) earliest = this.position[doc]!;
      }
    }
    this.first[termId] = earliest;
    return earliest;
  }
}

export function makeHorizon(limit: ReadingLimit, passages: readonly Passage[], words: DocumentWords): Horizon {
  return {
    limit,
    edge: words.at.get(limit.upTo),
    passage: (doc) => within(limit, passages[doc]!),
    term: (id) => words.firstSeen(id) <= limit.upTo,
  };
}
