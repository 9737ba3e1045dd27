// Data shapes shared by the whole core. Everything here is plain data so that corpora, indexes and
// replies can be built, compared and serialised without any platform code.

export const DOC_KINDS = ['article', 'transcript', 'live blog'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface DocumentMeta {
  /** Stable slug; part of every passage id, and what `source:` filters match first. */
  id: string;
  title: string;
  kind: DocKind;
  speakers: string[];
  /** Who wrote it (a book's or page's author), shown beside the title in attributions. */
  author?: string;
  /** Publisher or venue. */
  source?: string;
  url?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  date?: string;
  /** ISO 639-1 code of the document's own language (default "en"). */
  language: string;
  /** Free-form labels from the metadata; kept for the shelf's own use, not searched. */
  tags?: string[];
}

/** One display-ready sentence (or, for unpunctuated transcript text, one readable clause run). */
export interface Sentence {
  text: string;
  /** Heading of the section it sits in, if the document has headings. */
  section?: string;
  /** Who says it, where a speaker label made that known. */
  speaker?: string;
  /** The speaker is a named person asking a question, not the one answering. */
  asks?: boolean;
  /** Index of the paragraph / speaker turn it belongs to; passages never cross a paragraph. */
  paragraph: number;
  /** Speaker turn in a transcript without labels (speaker or not): passages never cross one. */
  turn?: number;
}

export interface IngestedDocument {
  meta: DocumentMeta;
  /** File name relative to the corpus folder. */
  file: string;
  /** sha256 of the raw file bytes, used for caching and change detection. */
  hash: string;
  sentences: Sentence[];
}

export interface IngestWarning {
  file: string;
  message: string;
  /** The file is not served at all; otherwise it is, and the warning is about part of it. */
  skipped?: boolean;
}

export interface IngestResult {
  documents: IngestedDocument[];
  warnings: IngestWarning[];
}

export interface Passage {
  /** Stable: derived from the document id and the passage's own text, never from its position. */
  id: string;
  docId: string;
  text: string;
  section?: string;
  speaker?: string;
  /** The speaker is a named person asking a question, not the one answering. */
  asks?: boolean;
  /** 0-based order of the passage within its document. */
  position: number;
  prevId?: string;
  nextId?: string;
  /** Passages that say the same thing (translations, repeats) share a group id. */
  groupId: string;
  /** 0..1, how well the passage stands alone as a quotation. */
  quotability: number;
  /** Sentences it is made of, for context windows and quotation trimming. */
  sentences: string[];
}

export interface Corpus {
  documents: DocumentMeta[];
  passages: Passage[];
  byId: Map<string, Passage>;
  byDoc: Map<string, Passage[]>;
  docById: Map<string, DocumentMeta>;
}
