// The seam between a file's bytes and the cleaning pipeline: each document format is one reader,
// and ingest asks the registry rather than knowing formats, so a new format (PDF, EPUB, HTML, ...)
// is one new reader file and one line in ./index.ts.
import path from 'node:path';

/** What a reader made of a file: its text, and metadata it found inside the file itself. */
export interface ReadDocument {
  /** The document's text, for the cleaning pipeline (headings and speaker labels still in it). */
  text: string;
  /**
   * Raw fields found in the file (YAML front matter, a PDF's info), validated by ingest exactly
   * like corpus.yaml's. `where` names them in warnings ("front matter").
   */
  metadata?: { where: string; fields: unknown };
  /** Problems that still leave the document readable, such as broken front matter. */
  warnings: string[];
}

/** `error` says why the file cannot be served, for a warning that names the file. */
export type ReadOutcome = ReadDocument | { error: string };

/**
 * How sure a reader is that bytes are its format, for a file whose name does not say. Ranked, so
 * a format with a signature beats one whose marks merely show, which beats "this is some text".
 */
export const SNIFF_STRENGTHS = ['no', 'could-be', 'looks-like', 'signature'] as const;
export type Sniffed = (typeof SNIFF_STRENGTHS)[number];
/** The rank from which a sniff is the format's own marks rather than "this decodes". */
const MARKED = SNIFF_STRENGTHS.indexOf('looks-like');

export interface DocumentReader {
  /** File name endings this reader takes, with the dot (".txt"); matched without regard to case. */
  readonly extensions: readonly string[];
  sniff(bytes: Uint8Array): Sniffed;
  /** May be async (PDF and EPUB libraries are); may throw on a damaged file, which ingest reports. */
  read(bytes: Uint8Array): ReadOutcome | Promise<ReadOutcome>;
}

export class ReaderRegistry {
  private readonly byExtension = new Map<string, DocumentReader>();

  constructor(readonly readers: readonly DocumentReader[]) {
    for (const reader of readers)
      for (const extension of reader.extensions) {
        const key = extension.toLowerCase();
        // A file must have one reading: two readers for one ending is a mistake in the list.
        if (!/^\.[a-z0-9]+$/.test(key)) throw new Error(`document reader extension "${extension}" must be a dot and letters or digits`);
        if (this.byExtension.has(key)) throw new Error(`two document readers claim ${key}`);
        this.byExtension.set(key, reader);
      }
  }

  /** Every ending a corpus file is listed by, in the readers' order. */
  get extensions(): string[] {
    return [...this.byExtension.keys()];
  }

  /** The reader a file's name asks for (".MD" is Markdown too), if any. */
  byName(name: string): DocumentReader | undefined {
    return this.byExtension.get(path.extname(name).toLowerCase());
  }

  /**
   * The reader for a file: the one its ending names, unless another reader is surer of the bytes
   * (HTML or captions saved as ".txt" are read as what they are). Only a marked sniff
   * (`looks-like` or `signature`) can overrule the ending, and the ending keeps a tie. For an
   * unknown or missing ending, the reader surest of the bytes (the earlier on a tie).
   */
  forFile(name: string, bytes: Uint8Array): DocumentReader | undefined {
    const named = this.byName(name);
    const best = this.surest(bytes, named);
    if (!named) return best?.reader;
    if (best && best.rank >= MARKED && best.rank > SNIFF_STRENGTHS.indexOf(named.sniff(bytes))) return best.reader;
    return named;
  }

  /**
   * A reader for a file whose ending no reader takes, only when the bytes carry its marks: a file
   * any text could be is not a document just because it decodes (a log, a licence, a CSV).
   */
  byContent(bytes: Uint8Array): DocumentReader | undefined {
    const best = this.surest(bytes);
    return best && best.rank >= MARKED ? best.reader : undefined;
  }

  private surest(bytes: Uint8Array, except?: DocumentReader): { reader: DocumentReader; rank: number } | undefined {
    let best: { reader: DocumentReader; rank: number } | undefined;
    for (const reader of this.readers) {
      if (reader === except) continue;
      const rank = SNIFF_STRENGTHS.indexOf(reader.sniff(bytes));
      if (rank > 0 && rank > (best?.rank ?? 0)) best = { reader, rank };
    }
    return best;
  }

  /** ".txt or .md": what people are told to put in a corpus folder. */
  describe(): string {
    const all = this.extensions;
    return all.length <= 1 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} or ${all.at(-1)}`;
  }
}
