// The cleaning pipeline on one document's text: show notes, chrome, foreign lines, structure,
// sentences, clean verbatim for transcripts, asides (sponsor reads, calls to action, editorial
// notes) and a live blog's narrator. Pure: same text and metadata in, same sentences out.

import type { DocumentMeta, Sentence } from '../corpus.js';
import { dropAsides, removeShowNotes } from './asides.js';
import { removeChrome } from './chrome.js';
import { attributeNarrator } from './narrator.js';
import { normalizeText } from './normalize.js';
import { removeForeignLines } from './script.js';
import { finishSentence, segmentSentences, splitLongRun, splitSpokenRuns } from './sentences.js';
import { buildStructure, type Paragraph } from './structure.js';
import { inferTurns } from './turns.js';
import { cleanVerbatim, dropInterjections } from './verbatim.js';

/** Unlabelled transcript text is cut into pseudo-paragraphs of about this size so passages stay short. */
const TRANSCRIPT_PARAGRAPH_CHARS = 1000;

export interface Analysis {
  sentences: Sentence[];
  /** A title found in the text (post header or first heading), for documents without metadata. */
  titleGuess?: string;
}

function unitsOf(p: Paragraph, meta: DocumentMeta): string[] {
  const out: string[] = [];
  const transcript = meta.kind === 'transcript';
  const segs = segmentSentences(p.text, meta.language).flatMap((seg) => {
    if (!transcript) return [seg];
    let from = 0;
    return splitSpokenRuns(seg.text).map((text) => {
      const at = seg.text.indexOf(text, from);
      from = at + text.length;
      return { text, start: seg.start + at };
    });
  });
  // Segments and line breaks are both in text order: one pass over the breaks serves every segment.
  let firstBreak = 0;
  for (const seg of segs) {
    while (firstBreak < p.breaks.length && p.breaks[firstBreak]! <= seg.start) firstBreak++;
    const localBreaks: number[] = [];
    for (let k = firstBreak; k < p.breaks.length && p.breaks[k]! < seg.start + seg.text.length; k++) localBreaks.push(p.breaks[k]! - seg.start);
    for (const piece of splitLongRun(seg.text, localBreaks)) {
      const cleaned = transcript ? cleanVerbatim(piece) : piece;
      // A unit must say something: at least one letter or digit word after cleaning.
      if (!/[\p{L}\p{N}]{2,}|^\p{L}\b/u.test(cleaned)) continue;
      out.push(finishSentence(cleaned));
    }
  }
  return out;
}

export function analyzeText(raw: string, meta: DocumentMeta): Analysis {
  const transcript = meta.kind === 'transcript';
  const chrome = removeChrome(removeShowNotes(normalizeText(raw).split('\n')), { transcript });
  const lines = removeForeignLines(chrome.lines, meta.language);
  const structure = buildStructure(lines, meta.kind, meta.speakers);

  const sentences: Sentence[] = [];
  let paragraph = -1;
  for (const p of structure.paragraphs) {
    const units = unitsOf(p, meta);
    if (units.length === 0) continue;
    paragraph++;
    let size = 0;
    units.forEach((text, i) => {
      if (transcript && i > 0) {
        const prev = units[i - 1]!;
        // Without labels, the end of a run of questions is the likeliest change of speaker.
        const turn = !structure.labelled && /\?["”’]?$/.test(prev) && !/\?["”’]?$/.test(text);
        if (turn || size >= TRANSCRIPT_PARAGRAPH_CHARS * (structure.labelled ? 1.5 : 1)) {
          paragraph++;
          size = 0;
        }
      }
      size += text.length;
      const s: Sentence = { text, paragraph };
      if (p.section !== undefined) s.section = p.section;
      if (p.speaker !== undefined) s.speaker = p.speaker;
      if (p.asks) s.asks = true;
      sentences.push(s);
    });
  }
  if (transcript && !structure.labelled) {
    // No labels: turns and speakers come from what is said (introductions, hand-overs by name).
    inferTurns(sentences, meta.speakers).forEach((t, i) => {
      const s = sentences[i]!;
      s.turn = t.turn;
      if (t.speaker !== undefined && s.speaker === undefined) {
        s.speaker = t.speaker;
        if (t.asks) s.asks = true;
      }
    });
  }
  const titleGuess = chrome.headerTitle ?? structure.headings[0];
  // Asides go after segmentation: a sponsor read or a typo apology is a sentence or a run of them.
  const cleaned = dropAsides(transcript ? dropInterjections(sentences) : sentences);
  // A live blog's own first-person asides are the blogger's, not the reported speaker's.
  const kept = meta.kind === 'live blog' ? attributeNarrator(cleaned, meta) : cleaned;
  return titleGuess !== undefined ? { sentences: kept, titleGuess } : { sentences: kept };
}

/** The whole cleaning, structure and segmentation pipeline on one document's text. */
export function ingestText(raw: string, meta: DocumentMeta): Sentence[] {
  return analyzeText(raw, meta).sentences;
}
