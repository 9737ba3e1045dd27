// A live blog mixes two voices: the talk it reports, written in the third person ("OpenAI found
// that ..."), and the blogger's own asides in the first person ("This is similar to what we do").
// Serving the asides under the talk would credit the speaker with the blogger's words, so each
// unlabelled first-person sentence outside quotation marks is given to the narrator instead.
// Passages already break on a change of speaker, so the two voices never share a passage.

import type { DocumentMeta, Sentence } from '../corpus.js';

/** Quoted words belong to whoever is quoted; only what is left is the narrator's own wording. */
const QUOTED = /“[^”]*”|"[^"]*"|‘[^’]*’|(?<![\p{L}])'[^']{3,}'(?![\p{L}])/gu;
/** I, me, my, we, our, us, let's: the writer speaking. "US" (the country) and roman "I" in names are not. */
const FIRST_PERSON = /(?<![\p{L}\p{N}.-])(?:I(?:['’](?:m|ve|d|ll))?|[Ww]e(?:['’](?:re|ve|d|ll))?|[Oo]ur|[Oo]urs|[Oo]urselves|us|[Mm]y|me|[Ll]et['’]s)(?![\p{L}\p{N}-])/u;
/** "Part I", "World War I", "Phase I": a numeral, not the writer. */
const ROMAN_I = /\b(?:part|phase|war|type|class|stage|gen|series|chapter|act|level|tier|title)\s+I\b/gi;
/** "..., he said", "according to OpenAI": reported speech that kept the speaker's first person. */
const REPORTED = /\b(?:said|says|explained|explains|noted|notes|told|added|adds|argued|argues|according\s+to|claimed|claims|stated|states)\b/i;

/** The name users see after "—" for the blogger's own sentences. */
export function narratorName(meta: Pick<DocumentMeta, 'source'>): string {
  const source = meta.source?.trim();
  return source ? `${source} (live blog)` : 'Live blogger';
}

/** True for a sentence the blogger says in their own voice. */
export function isNarratorSentence(text: string): boolean {
  const own = text.replace(QUOTED, ' ').replace(ROMAN_I, ' ');
  return FIRST_PERSON.test(own) && !REPORTED.test(own);
}

/** Gives the live blog's first-person asides to the narrator; labelled sentences keep their speaker. */
export function attributeNarrator(sentences: Sentence[], meta: Pick<DocumentMeta, 'source'>): Sentence[] {
  const name = narratorName(meta);
  return sentences.map((s) => (s.speaker === undefined && isNarratorSentence(s.text) ? { ...s, speaker: name } : s));
}
