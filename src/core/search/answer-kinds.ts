// Fact questions ("how many", "how long", "when", "where", "who") are answered by a passage that
// holds a value of the asked kind: a number, a duration, a date, a place, a name. Lexical scoring
// cannot see that, so a passage sharing the topic's words but no such value would otherwise win.
// Shapes only (digits, number words, units, capitals), so it carries over to any shelf.

export type AnswerKind = 'quantity' | 'duration' | 'frequency' | 'date' | 'place' | 'person';

export interface AskedFact {
  kind: AnswerKind;
  /** The words that ask it ("how long", "what year"): they say what is asked, not what about. */
  marker: string;
  /**
   * Words of the marker that only ask ("long" of "how long", "year" of "what year"), which a passage
   * sharing them is no closer to answering; "what score" keeps "score", which the answer says too.
   */
  asking: string;
}

// Order matters: "how long ago" asks a date, "how many years" a duration.
const ASKS: [AnswerKind, RegExp][] = [
  ['date', /\b(?:when|what (?:year|date|month|decade)|which (?:year|month)|since when|how long ago)\b/i],
  ['duration', /\bhow (?:long|many (?:years|months|weeks|days|hours|minutes|seconds|decades))\b/i],
  ['frequency', /\bhow (?:often|frequently)\b|\bhow many times\b/i],
  ['quantity', /\bhow (?:many|much|big|large|small|fast|far|high|tall|wide|heavy|quick(?:ly)?|old)\b|\bwhat (?:score|percentage|share|number|size|price|valuation|amount|fraction|rate)\b/i],
  ['place', /^(?:\W*\w+\W+)?where\b|\bin (?:what|which) (?:city|country|place|town)\b/i],
  ['person', /^(?:\W*\w+\W+)?who(?:m|se)?\b/i],
];

/** What kind of value a question asks for, if it is a fact question. */
export function askedFact(query: string): AskedFact | undefined {
  for (const [kind, re] of ASKS) {
    const m = re.exec(query);
    if (m) return { kind, marker: m[0], asking: /^what\b/i.test(m[0]) && kind !== 'date' ? '' : m[0] };
  }
  return undefined;
}

const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|twice|double|triple|(?:two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)fold)';
const NUMBER = `(?:\\d[\\d,.]*\\s*(?:%|percent|k\\b|m\\b|b\\b)?|\\b${NUMBER_WORD}\\b)`;
const UNIT = '(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|milliseconds?|steps?)';
const MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';

const HOLDS: Record<AnswerKind, RegExp> = {
  quantity: new RegExp(NUMBER, 'i'),
  duration: new RegExp(`(?:${NUMBER}|\\b(?:a|an|a few|several|many)\\b)[\\s-]+(?:\\w+[\\s-]+)?${UNIT}\\b|\\bfor (?:years|decades|months|weeks|days|hours)\\b`, 'i'),
  frequency: new RegExp(`\\b(?:every|each|per)\\s+(?:\\w+\\s+)?\\w+|\\b(?:once|twice|always|never|rarely)\\b|\\btimes? (?:a|an|per)\\b|\\b(?:half|most|some|all) (?:of )?the time\\b|\\d\\s*%|\\bin ${NUMBER}\\b`, 'i'),
  date: new RegExp(`\\b(?:1[5-9]|20)\\d\\d(?:s)?\\b|\\b${MONTH}\\b|\\bago\\b|\\b(?:last|this|next) (?:year|month|week|summer|winter|spring|autumn|fall)\\b|\\b(?:yesterday|today)\\b`, 'i'),
  // A capitalised word after a preposition of place, not at a sentence start.
  place: /\b(?:in|at|from|to|into|near|across)\s+(?:the\s+)?\p{Lu}[\p{L}-]+/u,
  // Two capitalised words in a row (a full name) mid-sentence, or a role that names a person.
  person: /[\p{Ll},;]\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/u,
};
/** Case-blind, so kept apart from the name's shape (under the i flag \p{Lu} matches any letter). */
const ROLE = /\b(?:chief|head|director|president|founder|ceo|cto|manager|architect)\b/i;

/** Whether a passage holds a value of the asked kind. */
export function holdsAnswer(kind: AnswerKind, text: string): boolean {
  return HOLDS[kind].test(text) || (kind === 'person' && ROLE.test(text));
}

/** Answers already worked out, per passage and kind: the same passages come up query after query. */
const known = new Map<string, boolean>();
const KNOWN_MAX = 100_000;

/** holdsAnswer, remembered by the passage's id (ids derive from the text, so they stay true). */
export function holdsAnswerCached(kind: AnswerKind, id: string, text: string): boolean {
  const key = kind + ' ' + id;
  let v = known.get(key);
  if (v === undefined) {
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, (v = holdsAnswer(kind, text)));
  }
  return v;
}
