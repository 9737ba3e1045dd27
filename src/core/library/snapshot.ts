// The library saved to disk, so a restart reads it back in seconds instead of cleaning and
// indexing the corpus again. A snapshot is keyed by a hash of the corpus files and of everything
// that shapes the index; a snapshot with another key, a bad checksum or any decoding problem is
// rejected and rebuilt, never trusted.
//
// Layout: "RGBSNAP" + format byte, a u32 header length, a JSON header (key, sections, checksum),
// then the sections, each 8-byte aligned so typed arrays can be read in place.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCorpusFiles } from '../ingest/files.js';
import { codeFingerprint } from './fingerprint.js';
import type { PostingsData } from '../search/postings.js';
import type { SearchData } from '../search/search-index.js';
import type { VectorData } from '../search/vectors/passage-vectors.js';
import type { Corpus, DocumentMeta, IngestWarning, Passage } from '../corpus.js';

const MAGIC = Buffer.from('RGBSNAP1', 'latin1');
/**
 * Bump when the snapshot layout changes. (Changes to the code that cleans and indexes are caught
 * by the key's fingerprint of the build's source files, fingerprint.ts.)
 */
export const INDEX_VERSION = 3;

export class SnapshotError extends Error {}

/** What a snapshot holds: the corpus, the index data, and the warnings of the load that built it. */
export interface LibraryState {
  corpus: Corpus;
  search: SearchData;
  warnings: IngestWarning[];
  /** The passages' semantic vectors, once computed (they come after the lexical library is served). */
  vectors?: VectorData;
}

/**
 * The key of a corpus folder's current contents, subfolders included: file paths and bytes (as
 * ingest would read them) plus the index version. Same files, same key; any edit, addition or removal changes it.
 */
export async function corpusKey(dir: string): Promise<{ key: string; bytes: number }> {
  const listed = await listCorpusFiles(dir);
  const names = [...listed.documents, ...listed.sidecars].sort();
  // Files of unknown ending count by name, size and time: one may be read (its bytes carry a
  // format's marks) or named in a warning, and either changes with it, but a film beside the books
  // is not worth hashing at every start.
  const others = await Promise.all(
    listed.others.map(async (name) => {
      try {
        const info = await stat(path.join(dir, name));
        return `${name}\nother:${info.size}:${info.mtimeMs}\n`;
      } catch (e) {
        return `${name}\nunreadable:${(e as NodeJS.ErrnoException).code ?? 'error'}\n`;
      }
    }),
  );
  // Files are read a batch at a time (thousands of small reads one by one were half a restart).
  const digests: string[] = new Array(names.length);
  let total = 0;
  for (let at = 0; at < names.length; at += KEY_BATCH) {
    await Promise.all(
      names.slice(at, at + KEY_BATCH).map(async (name, k) => {
        const full = path.join(dir, name);
        try {
          if (!(await stat(full)).isFile()) return;
          const bytes = await readFile(full);
          total += bytes.length;
          digests[at + k] = `${name}\n${bytes.length}\n${createHash('sha256').update(bytes).digest('hex')}\n`;
        } catch (e) {
          // An unreadable file is part of the state too: when it becomes readable, the key changes.
          digests[at + k] = `${name}\nunreadable:${(e as NodeJS.ErrnoException).code ?? 'error'}\n`;
        }
      }),
    );
  }
  const hash = createHash('sha256').update(`reading-group-index:${INDEX_VERSION}\n${await codeFingerprint()}\n`);
  for (const d of digests) if (d) hash.update(d);
  for (const d of others) hash.update(d);
  return { key: hash.digest('hex'), bytes: total };
}

const KEY_BATCH = 64;

/** The snapshot file for a corpus folder: one per folder, replaced whenever it is rebuilt. */
export function snapshotPath(snapshotDir: string, corpusDir: string): string {
  const id = createHash('sha256').update(path.resolve(corpusDir)).digest('hex').slice(0, 16);
  return path.join(snapshotDir, `library-${id}.snap`);
}

interface SectionInfo {
  name: string;
  offset: number;
  bytes: number;
}

interface Header {
  key: string;
  checksum: string;
  sections: SectionInfo[];
  meta: {
    documents: DocumentMeta[];
    warnings: IngestWarning[];
    passageCount: number;
    /** Section and speaker names, referred to by number. */
    names: string[];
    avgLengths: number[];
    docCount: number;
    termCount: number;
    formCount: number;
    /** Present when the snapshot carries semantic vectors: which model made them. */
    vectors?: { model: string; dims: number };
  };
}

const HASH_SLICE = 16 * 1024 * 1024;
const align = (n: number) => (n + 7) & ~7;
const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Serialises a library's state under `key`. */
export function encodeSnapshot(state: LibraryState, key: string): Buffer {
  const { corpus, search } = state;
  const passages = corpus.passages;
  const n = passages.length;
  const docIndex = new Map(corpus.documents.map((d, i) => [d.id, i]));
  const passageIndex = new Map<string, number>();
  passages.forEach((p, i) => passageIndex.set(p.id, i));
  const names = [''];
  const nameIndex = new Map<string, number>([['', 0]]);
  const nameOf = (s: string | undefined) => {
    if (s === undefined) return 0;
    let i = nameIndex.get(s);
    if (i === undefined) {
      nameIndex.set(s, (i = names.length));
      names.push(s);
    }
    return i;
  };

  const docOf = new Uint32Array(n);
  const group = new Uint32Array(n);
  const quotability = new Uint8Array(n);
  const section = new Uint32Array(n);
  const speaker = new Uint32Array(n);
  const asks = new Uint8Array(n);
  const sentenceCounts = new Uint16Array(n);
  const sentenceLengths: number[] = [];
  const ids: string[] = [];
  const texts: string[] = [];
  passages.forEach((p, i) => {
    const d = docIndex.get(p.docId);
    const g = passageIndex.get(p.groupId);
    if (d === undefined || g === undefined) throw new SnapshotError(`passage ${p.id} refers to an unknown document or group`);
    // Sentences are stored as lengths within the text, which is exactly them joined by spaces.
    if (p.sentences.join(' ') !== p.text) throw new SnapshotError(`passage ${p.id}: text is not its sentences joined`);
    docOf[i] = d;
    group[i] = g;
    quotability[i] = Math.round(p.quotability * 100);
    section[i] = nameOf(p.section);
    speaker[i] = nameOf(p.speaker);
    asks[i] = p.asks ? 1 : 0;
    sentenceCounts[i] = p.sentences.length;
    for (const s of p.sentences) sentenceLengths.push(s.length);
    ids.push(p.id);
    texts.push(p.text);
  });
  // One UTF-8 run of all texts with byte offsets, so each text is decoded alone on load (a
  // single curly quote must not make every text two bytes a character).
  const textBytes = Buffer.from(texts.join(''), 'utf8');
  const textOffsets = new Uint32Array(n + 1);
  let at = 0;
  texts.forEach((t, i) => {
    at += Buffer.byteLength(t, 'utf8');
    textOffsets[i + 1] = at;
  });
  if (at !== textBytes.length) throw new SnapshotError('text offsets do not add up');

  const p: PostingsData = search.postings;
  const sections: [string, Buffer][] = [
    ['ids', Buffer.from(ids.join('\n'), 'utf8')],
    ['text', textBytes],
    ['textOffsets', bytesOf(textOffsets)],
    ['docOf', bytesOf(docOf)],
    ['group', bytesOf(group)],
    ['quotability', bytesOf(quotability)],
    ['section', bytesOf(section)],
    ['speaker', bytesOf(speaker)],
    ['asks', bytesOf(asks)],
    ['sentenceCounts', bytesOf(sentenceCounts)],
    ['sentenceLengths', bytesOf(Uint32Array.from(sentenceLengths))],
    ['terms', Buffer.from(p.terms.join('\n'), 'utf8')],
    ['termCounts', bytesOf(p.termCounts)],
    ['forms', Buffer.from(search.forms.join('\n'), 'utf8')],
    ['surface', bytesOf(search.surface)],
  ];
  if (state.vectors) {
    if (state.vectors.scales.length !== sentenceLengths.length) throw new SnapshotError('vectors and sentences disagree');
    sections.push(['vectors.values', bytesOf(state.vectors.values)], ['vectors.scales', bytesOf(state.vectors.scales)]);
  }
  p.fields.forEach((f, i) => {
    sections.push([`f${i}.offsets`, bytesOf(f.offsets)], [`f${i}.docs`, bytesOf(f.docs)], [`f${i}.tfs`, bytesOf(f.tfs)], [`f${i}.lengths`, bytesOf(f.lengths)]);
  });

  const infos: SectionInfo[] = [];
  let offset = 0;
  for (const [name, buf] of sections) {
    infos.push({ name, offset, bytes: buf.length });
    offset = align(offset + buf.length);
  }
  const payload = Buffer.alloc(offset);
  sections.forEach(([, buf], i) => buf.copy(payload, infos[i]!.offset));
  const header: Header = {
    key,
    checksum: createHash('sha256').update(payload).digest('hex'),
    sections: infos,
    meta: {
      documents: corpus.documents,
      warnings: state.warnings,
      passageCount: n,
      names,
      avgLengths: p.fields.map((f) => f.avgLength),
      docCount: p.docCount,
      termCount: p.terms.length,
      formCount: search.forms.length,
      ...(state.vectors ? { vectors: { model: state.vectors.model, dims: state.vectors.dims } } : {}),
    },
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.alloc(align(MAGIC.length + 4 + headerBytes.length));
  MAGIC.copy(lead, 0);
  lead.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(lead, MAGIC.length + 4);
  return Buffer.concat([lead, payload]);
}

/** Lets a long decode give the event loop a turn now and then, so the bot keeps answering. */
export type Pause = () => Promise<void> | void;

/**
 * The semantic vectors of a snapshot made for other files or code, by their sentences, so a
 * restart after an edit or an upgrade re-embeds only sentences it has not seen; undefined when it
 * has none or is damaged.
 */
export async function salvageVectors(buf: Buffer, pause: Pause = () => {}): Promise<{ data: VectorData; texts: string[] } | undefined> {
  try {
    const header = vectorsHeader(buf);
    if (!header) return undefined;
    const state = await decodeSnapshot(buf, header.key, pause);
    return state.vectors && { data: state.vectors, texts: state.corpus.passages.flatMap((p) => p.sentences) };
  } catch {
    return undefined;
  }
}

/** Whether a snapshot, of any key, carries semantic vectors: read from its header alone. */
export function carriesVectors(buf: Buffer): boolean {
  try {
    return vectorsHeader(buf) !== undefined;
  } catch {
    return false;
  }
}

function vectorsHeader(buf: Buffer): Header | undefined {
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
  return header.meta?.vectors ? header : undefined;
}

/** Reads a snapshot back; throws SnapshotError when it is not for `key` or is damaged. */
export async function decodeSnapshot(buf: Buffer, key: string, pause: Pause = () => {}): Promise<LibraryState> {
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new SnapshotError('not a snapshot of this format');
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const start = align(MAGIC.length + 4 + headerLength);
  if (start > buf.length) throw new SnapshotError('truncated header');
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
  } catch {
    throw new SnapshotError('unreadable header');
  }
  if (header.key !== key) throw new SnapshotError('made from other corpus files or another index version');
  const payload = buf.subarray(start);
  // Hashed in slices: a 300 MB snapshot is about 150 ms of hashing, too long to block replies.
  const hash = createHash('sha256');
  for (let at = 0; at < payload.length; at += HASH_SLICE) {
    hash.update(payload.subarray(at, at + HASH_SLICE));
    await pause();
  }
  if (hash.digest('hex') !== header.checksum) throw new SnapshotError('checksum mismatch (damaged file)');

  const raw = (name: string): Buffer => {
    const s = header.sections.find((x) => x.name === name);
    if (!s || s.offset + s.bytes > payload.length) throw new SnapshotError(`missing section ${name}`);
    return payload.subarray(s.offset, s.offset + s.bytes);
  };
  // Copied out of the file's buffer, so the file itself is not kept alive by the index.
  const typed = <T>(name: string, Kind: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, count?: number): T => {
    const b = raw(name);
    if (b.length % Kind.BYTES_PER_ELEMENT) throw new SnapshotError(`section ${name} has a broken length`);
    const copy = new ArrayBuffer(b.length);
    new Uint8Array(copy).set(b);
    const arr = new Kind(copy);
    if (count !== undefined && (arr as unknown as { length: number }).length !== count) throw new SnapshotError(`section ${name} has ${(arr as unknown as { length: number }).length} entries, expected ${count}`);
    return arr;
  };
  const lines = (name: string, count: number): string[] => {
    const b = raw(name);
    const out = b.length ? b.toString('utf8').split('\n') : [];
    if (out.length !== count) throw new SnapshotError(`section ${name} has ${out.length} entries, expected ${count}`);
    return out;
  };

  const m = header.meta;
  const n = m.passageCount;
  const ids = lines('ids', n);
  const text = raw('text');
  const textOffsets = typed('textOffsets', Uint32Array, n + 1);
  const docOf = typed('docOf', Uint32Array, n);
  const group = typed('group', Uint32Array, n);
  const quotability = typed('quotability', Uint8Array, n);
  const section = typed('section', Uint32Array, n);
  const speaker = typed('speaker', Uint32Array, n);
  const asks = typed('asks', Uint8Array, n);
  const sentenceCounts = typed('sentenceCounts', Uint16Array, n);
  const sentenceLengths = typed('sentenceLengths', Uint32Array);
  const name = (i: number) => (i === 0 ? undefined : m.names[i]);

  const passages: Passage[] = new Array(n);
  let sentenceAt = 0;
  let slice = performance.now();
  for (let i = 0; i < n; i++) {
    const doc = m.documents[docOf[i]!];
    if (!doc || group[i]! >= n || textOffsets[i + 1]! > text.length) throw new SnapshotError(`passage ${i} is out of range`);
    const t = text.toString('utf8', textOffsets[i]!, textOffsets[i + 1]!);
    const sentences: string[] = [];
    let pos = 0;
    for (let s = 0; s < sentenceCounts[i]!; s++) {
      const len = sentenceLengths[sentenceAt++]!;
      sentences.push(t.slice(pos, pos + len));
      pos += len + 1;
    }
    if (pos !== t.length + 1) throw new SnapshotError(`passage ${i} sentences do not fit its text`);
    // Every property set here, none added or deleted later: one object shape for all passages.
    passages[i] = {
      docId: doc.id,
      text: t,
      sentences,
      section: name(section[i]!),
      speaker: name(speaker[i]!),
      asks: asks[i] ? true : undefined,
      id: ids[i]!,
      position: 0,
      groupId: '',
      quotability: quotability[i]! / 100,
      prevId: undefined,
      nextId: undefined,
    };
    if ((i & 4095) === 0 && performance.now() - slice > 20) {
      await pause();
      slice = performance.now();
    }
  }
  const byDoc = new Map<string, Passage[]>();
  for (const d of m.documents) byDoc.set(d.id, []);
  passages.forEach((p, i) => {
    p.groupId = passages[group[i]!]!.id;
    const list = byDoc.get(p.docId)!;
    p.position = list.length;
    const prev = list[list.length - 1];
    if (prev) {
      prev.nextId = p.id;
      p.prevId = prev.id;
    }
    list.push(p);
  });
  await pause();
  const byId = new Map<string, Passage>();
  for (let i = 0; i < n; i++) {
    byId.set(passages[i]!.id, passages[i]!);
    if ((i & 65535) === 65535) await pause();
  }
  const corpus: Corpus = { documents: m.documents, passages, byId, byDoc, docById: new Map(m.documents.map((d) => [d.id, d])) };
  await pause();

  const fields = m.avgLengths.map((avgLength, f) => ({
    offsets: typed(`f${f}.offsets`, Uint32Array, m.termCount + 1),
    docs: typed(`f${f}.docs`, Uint32Array),
    tfs: typed(`f${f}.tfs`, Uint8Array),
    lengths: typed(`f${f}.lengths`, Uint16Array, m.docCount),
    avgLength,
  }));
  for (const f of fields) {
    if (f.docs.length !== f.tfs.length || f.offsets[m.termCount] !== f.docs.length) throw new SnapshotError('postings do not add up');
    for (let i = 0; i < f.docs.length; i++) if (f.docs[i]! >= m.docCount) throw new SnapshotError('a posting points past the last passage');
  }
  await pause();
  const search: SearchData = {
    postings: { docCount: m.docCount, terms: lines('terms', m.termCount), termCounts: typed('termCounts', Uint32Array, m.termCount), fields },
    forms: lines('forms', m.formCount),
    surface: typed('surface', Int32Array, m.termCount),
  };
  if (m.docCount !== n) throw new SnapshotError('index and passages disagree');
  const vectors: VectorData | undefined = m.vectors && {
    model: m.vectors.model,
    dims: m.vectors.dims,
    values: typed('vectors.values', Int8Array, sentenceLengths.length * m.vectors.dims),
    scales: typed('vectors.scales', Float32Array, sentenceLengths.length),
  };
  return { corpus, search, warnings: m.warnings, ...(vectors ? { vectors } : {}) };
}
