// Whether a passage gives a reading group something to argue about, judged by the shape of its
// language alone: a prompt built on an editor's note, a bare question or a travel log wastes the
// group's time however well its questions are worded. Pure, so it is tested on held-out text.

/** What a passage does that a group can discuss; questions are chosen by these. */
export const PASSAGE_KINDS = ['claim', 'reason', 'trade-off', 'prediction', 'disagreement', 'number'] as const;
export type PassageKind = (typeof PASSAGE_KINDS)[number];

/** Why a passage is not worth a prompt. */
export type NotWorth = 'boilerplate' | 'question' | 'anecdote' | 'filler' | 'no point';

export interface Worth {
  worthy: boolean;
  /** What the passage does, strongest first (empty when it does nothing a group can argue about). */
  kinds: PassageKind[];
  /** For an unworthy passage, why. */
  why?: NotWorth;
  /** How much there is to discuss: higher is better; 0 for unworthy passages. */
  score: number;
}

const norm = (s: string) => s.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

/** Sentences of a passage as written, whitespace normalised only (or, for unpunctuated captions, the whole run). */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?…]["”')\]]?)\s+(?=["“'(\[]?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// Page furniture, production notes and calls to action: generic shapes of web pages, books and
// podcasts, not phrases of any one document.
const BOILERPLATE = [
  /\beditor'?s note\b/i,
  /\b(has|have|was|were|is|are) been (left out|omitted|removed|cut|condensed|edited|abridged)\b/i,
  /\b(left out|omitted) (of|from) (this|the) (edition|recording|transcript|version|episode)\b/i,
  /\bthis (part|section|portion|passage) (of [\w ]+ )?(was|has been|is) (left out|omitted|removed|cut)\b/i,
  /\b(lightly )?edited for (length|clarity)\b/i,
  /\boriginally (published|appeared)\b/i,
  /\b(uses?|use of) cookies\b|\bcookie (policy|settings)\b|\bprivacy policy\b|\bterms of (service|use)\b/i,
  /\b(subscribe|sign up|signup|log in|register) (to|for|now|here|today)\b|\bnewsletter\b/i,
  /\bclick here\b|\bread more\b|\bshare (this|on)\b|\bfollow us\b|\ball rights reserved\b|\brelated (posts|articles|stories)\b/i,
  /\bphoto (credit|by)\b|\bimage (credit|courtesy)\b|\bcopyright\b|©/i,
  /\b(brought to you by|our sponsors?|sponsored by)\b|\bleave (us )?a review\b|\bwelcome (back )?to (the|this|our) (show|podcast|episode)\b/i,
  /^\[[^\]]*\]$/,
  // The writer talking about the page or the talk itself ("our readers", "the next few slides").
  /\b(our|my) (readers|listeners|viewers)\b|\b(in|of) this (post|article|live ?blog|episode|video)\b|\b(next|following) (few )?slides?\b/i,
];

const FILLER_WORDS = new Set(['um', 'uh', 'erm', 'hmm', 'mm', 'mm-hmm', 'uh-huh', 'yeah', 'yep', 'okay', 'ok', 'right', 'like', 'so', 'well', 'totally', 'cool', 'oh', 'just', 'gonna', 'know', 'you', 'i', 'mean', 'let', 'me', 'can', 'everyone', 'see', 'that', 'it', "it's", 'share', 'my', 'screen', "we're", 'we', 'sure', 'anyway', 'alright', 'yes', 'no']);
const HESITATIONS = /\b(um+|uh+|erm|mm-hmm|uh-huh|you know|i mean|kind of|sort of|(?<!(would|'d|feel|feels|felt|look|looks|looked|seem|seems|sound|sounds|things?|something|nothing) )like)\b|\b(\w+ \w+) \3\b/gi;

const CLAIM = [
  /\b(i|we) (think|believe|would argue|argue|am convinced|'m convinced|suspect)\b/i,
  /\b(should|must|ought to|need to|needs to|has to|have to)\b/i,
  /\b(the (real|biggest|greatest|main|key|whole|central|only|hardest|most important) (\w+ )?(problem|mistake|point|lesson|question|thing|issue|reason|art|risk|tool|value|focus|difference|challenge|bottleneck))\b/i,
  /\b(always|never|nobody|no one|everyone|every single)\b/i,
  /\b(is|are|was|were) (not |never |rarely |often )?(the (most|least|best|worst)|more|less|better|worse|neutral|useless|overrated|underrated|dangerous|essential|crucial|wrong|right|true|false|moral|a mistake)\b/i,
  /\b(most|least) (underrated|overrated|important|useful|dangerous)\b/i,
  /\b(matters?|on purpose|the point is|what counts|is that|(most )?importantly|crucially|the lesson|comparable to|or even|(we|i) (learned|learnt|realised|realized|found) that)\b/i,
];
const REASON = [
  /(^|[.;,] )since\b|\bbecause\b|\bthat'?s why\b|\bwhich is why\b|\bthe reason\b|\btherefore\b|\bas a result\b|\bdue to\b|\bled to\b|\bso that\b/i,
  /\w[,;]? so (?!much|many|far|long|on|called|to speak|i guess|yeah|um|uh)(we|they|the|a|it|you|i|he|she|people|nobody|every|that|managers|everyone)\b/i,
];
const TRADE_OFF = [
  /\btrade-?offs?\b|\bat the (price|cost|expense) of\b|\bthe (cost|price) (is|was)\b|\bin exchange\b|\bgive up\b|\bpaid for it\b|\boutweighs?\b/i,
  /\b(instead of|rather than|versus|vs\.?|whereas|on the other hand|but not both|can'?t (really )?(do|have) both)\b/i,
  /\bcosts?\b|\bpays?\b/i,
  /\w,? but (?!also|then|anyway|yeah|um|uh)\w+/i,
];
const PREDICTION = [
  // Not a speaker's plan for the next minute ("we'll just show the slides").
  /\b(will|won't|going to|'ll)\b(?! you\b)(?!( just| now| quickly)? (show|take|talk|go|get|start|look|come|move|put|let|switch|see if|pick|share|jump|hand|turn)\b)/i,
  /\bby (20\d\d|the end of (the|this|next) (decade|century|year))\b|\b(within|in) (the next )?(\w+|\d+) (years|decades)\b|\bin (the )?future\b/i,
];
const DISAGREEMENT = [
  /\bi (disagree|don't agree|do not agree)\b|\b(that's|that is) (not true|wrong)\b|\bon the contrary\b|\bthe opposite\b|(^|[.!?] |: )no, /i,
  /\b(some|many|most) (\w+ ){0,2}(argue|claim|say|believe) that\b[^.]*\.[^.]*\b(i|we|but|in my experience|the opposite)\b/i,
];
const UNIT = String.raw`(%|percent|per ?cent|x\b|times|fold|(milli|nano)?seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|[kmgtp]b\b|(kilo|mega|giga|tera)?(bytes?|watts?|hertz)|[kmgt]w\b|dollars?|euros?|pounds?|people|users|customers|gpus?|machines?|servers?|copies|miles?|km|kilometres?|kilometers?|metres?|meters?|tons?|tonnes?|billion|million|thousand)`;
const NUMBER_WORD = String.raw`(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|a thousand|half|a half)`;
const NUMBER = [
  // "40 days", "a 40-hour week"; but not "a four-day week", which names a kind of week.
  new RegExp(String.raw`\b(${NUMBER_WORD}\s|\d[\d,.]*-)(and a half )?(of )?${UNIT}`, 'i'),
  /[$€£]\s?\d|\b\d[\d,.]*\s?%|\b(twice|double|triple|halved|doubled|tripled) (as|the|what)\b/i,
];
const RATIO = /\b(times|fold|percent|per ?cent)\b|%|\bfrom \S+ (\w+ )?to \S+/i;
const PAST_NARRATIVE = /\b(\w+ed|went|took|got|came|sat|met|flew|left|arrived|spent|bought|ate|saw|told|said|ran|drove|walked|found|made|had|was|were)\b/gi;
const PRESENT_OR_GENERAL = /\b(is|are|isn't|aren't|does|do|don't|can|can't|will|would|should|must|might|may)\b/gi;

const hits = (res: RegExp[], text: string) => res.filter((r) => r.test(text)).length;

/** Two or more labelled speaker turns inside one passage ("Tom: … Priya: …"). */
function speakerTurns(text: string): number {
  const labels = new Set([...text.matchAll(/(?:^|[.!?]\s+)([A-Z][a-z]+(?: [A-Z][a-z]+)?):\s/g)].map((m) => m[1]));
  return labels.size;
}

/**
 * How strongly a text (a passage's stated sentences, or one sentence) does each thing; 0 for
 * what it does not do. `turns` is how many labelled speakers take part.
 */
export function kindStrengths(stated: string, turns = 0): Record<PassageKind, number> {
  stated = norm(stated);
  return {
    claim: hits(CLAIM, stated),
    reason: hits(REASON, stated) * 1.5,
    'trade-off': hits(TRADE_OFF.slice(0, 2), stated) * 1.5 + hits(TRADE_OFF.slice(2), stated) * 0.5,
    prediction: hits(PREDICTION, stated) * 1.25,
    disagreement: (turns >= 2 ? 2 : 0) + hits(DISAGREEMENT, stated) * 2,
    // One figure is a fact; two (a before and after, a part of a whole) or a ratio is a comparison.
    number: Math.min(2, NUMBER.reduce((n, r) => n + (stated.match(new RegExp(r.source, 'gi'))?.length ?? 0), 0))     // (a ratio counts only beside a figure: "from Harvard to MIT" is no comparison).
    + (RATIO.test(stated) && NUMBER.some((r) => r.test(stated)) ? 0.5 : 0),
  };
}

/** What a passage does and whether a group could argue about it. */
export function classifyPassage(raw: string): Worth {
  const text = norm(raw);
  const sentences = sentencesOf(text);
  const no = (why: NotWorth): Worth => ({ worthy: false, kinds: [], why, score: 0 });
  if (!sentences.length) return no('no point');

  const boiler = sentences.filter((s) => BOILERPLATE.some((r) => r.test(s))).length;
  if (boiler * 2 >= sentences.length || /^\W*\[[^\]]*\]\W*(\[[^\]]*\]\W*)*$/.test(text)) return no('boilerplate');

  const words = text.toLowerCase().match(/[a-z0-9'-]+/g) ?? [];
  const filler = words.filter((w) => FILLER_WORDS.has(w)).length + (text.match(HESITATIONS)?.length ?? 0);
  if (words.length < 6 || filler / words.length > 0.6) return no('filler');

  const questions = sentences.filter((s) => /\?["”')]?$/.test(s)).length;
  if (questions === sentences.length) return no('question');

  // Only what is stated counts: a question asks, it does not claim.
  const stated = sentences.map((s) => (/\?["”')]?$/.test(s) ? s.replace(/[:—-][^:—-]*$|^[^:—-]*$/, '') : s)).join(' ');
  const strength = kindStrengths(stated, speakerTurns(text));
  const kinds = PASSAGE_KINDS.filter((k) => strength[k] > 0).sort((a, b) => strength[b] - strength[a]);
  let score = kinds.reduce((s, k) => s + Math.min(strength[k], 2.5), 0);
  // Spoken false starts ("that that", "it's just like it's just") mark a garbled transcript run.
  const restarts = text.match(/\b(\w+)( \w+)? \1\2\b/gi)?.length ?? 0;
  const hesitations = ((text.match(HESITATIONS)?.length ?? 0) + restarts) / Math.max(1, words.length / 20);
  score -= hesitations * 0.75;

  // A story told in the past tense with nothing said about it: a travel log, not an argument.
  const past = stated.match(PAST_NARRATIVE)?.length ?? 0;
  const general = stated.match(PRESENT_OR_GENERAL)?.length ?? 0;
  const narrative = past >= 2 && past > general * 2;
  const strong = kinds.some((k) => k !== 'trade-off' && strength[k] >= 1) || strength['trade-off'] >= 1.5;
  if (!kinds.length || score < 1 || (narrative && !strong) || score < 1) return no(narrative ? 'anecdote' : 'no point');
  return { worthy: true, kinds, score };
}
