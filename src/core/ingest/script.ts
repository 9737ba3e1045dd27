// Language and script filter: scraped pages carry disclaimers, footers and ads in another language
// than the article (a Chinese legal notice under an English translation, a German imprint under an
// English post). A line that is not in the document's language is not part of the document.

type Script = 'Latin' | 'Han' | 'Kana' | 'Hangul' | 'Cyrillic' | 'Arabic' | 'Hebrew' | 'Greek' | 'Devanagari' | 'Thai';

const SCRIPT_RE: Record<Script, RegExp> = {
  Latin: /\p{Script=Latin}/u,
  Han: /\p{Script=Han}/u,
  Kana: /[\p{Script=Hiragana}\p{Script=Katakana}]/u,
  Hangul: /\p{Script=Hangul}/u,
  Cyrillic: /\p{Script=Cyrillic}/u,
  Arabic: /\p{Script=Arabic}/u,
  Hebrew: /\p{Script=Hebrew}/u,
  Greek: /\p{Script=Greek}/u,
  Devanagari: /\p{Script=Devanagari}/u,
  Thai: /\p{Script=Thai}/u,
};

/** Scripts a language is normally written in (Japanese mixes kanji and kana). */
function scriptsFor(lang: string): Script[] {
  switch (lang.toLowerCase().slice(0, 2)) {
    case 'zh':
      return ['Han'];
    case 'ja':
      return ['Han', 'Kana'];
    case 'ko':
      return ['Hangul', 'Han'];
    case 'ru': case 'uk': case 'bg': case 'sr': case 'mk': case 'be': case 'kk':
      return ['Cyrillic'];
    case 'ar': case 'fa': case 'ur':
      return ['Arabic'];
    case 'he': case 'yi':
      return ['Hebrew'];
    case 'el':
      return ['Greek'];
    case 'hi': case 'mr': case 'ne':
      return ['Devanagari'];
    case 'th':
      return ['Thai'];
    default:
      return ['Latin'];
  }
}

/** Letters per script in a string. */
export function scriptCounts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  let ascii = 0;
  for (const ch of text) {
    // ASCII letters are Latin: counted without the per-character regex tests, which were half of
    // all ingest time on English text.
    const code = ch.charCodeAt(0);
    if (code < 128) {
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) ascii++;
      continue;
    }
    if (!/\p{L}/u.test(ch)) continue;
    for (const [name, re] of Object.entries(SCRIPT_RE) as [Script, RegExp][]) {
      if (re.test(ch)) {
        counts.set(name, (counts.get(name) ?? 0) + 1);
        break;
      }
    }
  }
  if (ascii) counts.set('Latin', (counts.get('Latin') ?? 0) + ascii);
  return counts;
}

/** True when most letters of the line are in a script the document's language does not use. */
export function isForeignScript(line: string, lang: string): boolean {
  const counts = scriptCounts(line);
  let total = 0;
  for (const n of counts.values()) total += n;
  if (total < 2) return false; // numbers, symbols: not a language question
  const own = scriptsFor(lang).reduce((n, s) => n + (counts.get(s) ?? 0), 0);
  return own / total < 0.5;
}

/** The commonest short words of Latin-script languages; their share identifies a paragraph's language. */
const STOP_WORDS: Record<string, Set<string>> = {
  en: new Set('the of and to in is that it for on was with as are be this by not you at or from have but an they which we his her their has were will would can all there been if more when what so about one no do our who into my your its also may them than these only i he she'.split(' ')),
  de: new Set('der die das und ist nicht zu den von mit sich des auf für im dem ein eine einer eines als auch es an werden aus er hat dass sie nach wird bei noch wie um sind oder über so zum zur kann nur sein durch wir ich ihre diese haben keine'.split(' ')),
  fr: new Set('le la les de des du et est un une en que qui dans pour pas au aux ce sur par plus avec sont ne se il elle nous vous ou ont été être cette ces leur sa son ses mais comme tout aucune aucun'.split(' ')),
  es: new Set('el la los las de del y que en un una es por para con no se su sus al lo como más pero le ya o este esta son ha sido ser sobre entre también cuando muy sin hay todo nos'.split(' ')),
  it: new Set('il lo la gli le di del della dei e è che un una in per con non si su al alla sono come più ma anche questo questa ha essere nel nella dal dalla ci tutti'.split(' ')),
  pt: new Set('o a os as de do da dos das e que em um uma é para com não se por mais como mas ao foi são ser sua seu também pelo pela nos já está muito'.split(' ')),
  nl: new Set('de het een en van in is dat op te voor met niet zijn er aan die als ook bij door maar om naar dan wordt uit kan geen deze worden heeft'.split(' ')),
};

const STOP_LANGS = Object.keys(STOP_WORDS);
/** Stop word -> the languages (bit k: STOP_LANGS[k]) it is one in. */
const STOP_MASK = new Map<string, number>();
STOP_LANGS.forEach((lang, k) => {
  for (const w of STOP_WORDS[lang]!) STOP_MASK.set(w, (STOP_MASK.get(w) ?? 0) | (1 << k));
});

/**
 * True when a Latin-script line is clearly written in another Latin-script language than `lang`.
 * Needs a handful of words: short lines (names, titles) carry too little evidence.
 */
export function isForeignLatin(line: string, lang: string): boolean {
  const own = lang.toLowerCase().slice(0, 2);
  if (!STOP_WORDS[own]) return false;
  const words = line.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return false;
  // Each word looked up once for all languages (every line of a document is asked this).
  const counts = new Array<number>(STOP_LANGS.length).fill(0);
  for (const w of words) {
    const mask = STOP_MASK.get(w);
    if (mask) for (let k = 0; k < STOP_LANGS.length; k++) if (mask & (1 << k)) counts[k]!++;
  }
  const ratio = (k: number) => counts[k]! / words.length;
  const ownRatio = ratio(STOP_LANGS.indexOf(own));
  let best = 0;
  STOP_LANGS.forEach((other, k) => {
    if (other !== own) best = Math.max(best, ratio(k));
  });
  return best >= 0.2 && best > 2 * ownRatio;
}

/** Blanks lines in another script or language; blank keeps the paragraph boundary. */
export function removeForeignLines(lines: string[], lang: string): string[] {
  return lines.map((l) => (l && (isForeignScript(l, lang) || isForeignLatin(l, lang)) ? '' : l));
}
