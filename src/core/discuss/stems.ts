// The wording of discussion questions, several ways per kind of question, so a group that gets a
// prompt every day does not read the same sentence frame all week. Exported as data so a test can
// measure how often stems repeat.

/** What a question asks about; each follows something the passage itself does. */
export const QUESTION_KINDS = ['rests-on', 'reason', 'cost', 'prediction', 'figure', 'split', 'compare', 'term', 'connect', 'open'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface StemValues {
  /** Who says it ("Ada Lovelace", "The article"). */
  who: string;
  /** A faithful quotation from the passage (see quoting.ts), without quotation marks. */
  q: string;
  /** Key phrases of the passage, as written. */
  a?: string;
  b?: string;
  /** The compared passage: its attribution ("Dan, in “Title”") and a quotation from it. */
  other?: string;
  oq?: string;
}
export type Stem = (v: StemValues) => string;

/** “quotation” followed by the question, with the quotation's own end punctuation kept. */
const Q = (q: string) => `“${q}”`;

export const STEMS: Record<QuestionKind, Stem[]> = {
  'rests-on': [
    (v) => `${v.who} says ${Q(v.q)} What does that rest on, and what would have to change for it to stop being true?`,
    (v) => `${Q(v.q)} What evidence or experience would you need before you believed this?`,
    (v) => `${v.who} holds that ${Q(v.q)} Which assumption behind it is the weakest?`,
    (v) => `${Q(v.q)} Who would push back on this, and what would their best argument be?`,
    (v) => `${Q(v.q)} Where have you seen this hold, and where have you seen it fail?`,
    (v) => `${Q(v.q)} What would someone who has seen the opposite say, and who would be right?`,
    (v) => `${v.who} puts it plainly: ${Q(v.q)} Is that a rule, or something true only in certain places and times?`,
  ],
  reason: [
    (v) => `${Q(v.q)} Is that the real cause, or could something else explain the same result?`,
    (v) => `${v.who} gives a reason: ${Q(v.q)} How strong is the link between the cause and the effect?`,
    (v) => `${Q(v.q)} If that reason went away, would the outcome change?`,
    (v) => `${Q(v.q)} What other explanation fits the same facts?`,
    (v) => `${Q(v.q)} Does the cause really come before the effect here, or could it run the other way?`,
    (v) => `${Q(v.q)} Would the same reason convince someone outside this field?`,
  ],
  cost: [
    (v) => `${Q(v.q)} What does this trade away, and who pays for it?`,
    (v) => `${Q(v.q)} Who gains from this choice, who bears its cost, and would you choose the same?`,
    (v) => `The passage weighs one thing against another: ${Q(v.q)} When would the other side of the trade be the better call?`,
    (v) => `${Q(v.q)} What is the hidden cost here, and for whom?`,
    (v) => `${Q(v.q)} Would you make the same trade at a smaller scale, or a larger one?`,
  ],
  prediction: [
    (v) => `${Q(v.q)} If this comes true, what changes first, and what would show it is wrong?`,
    (v) => `${v.who} expects that ${Q(v.q)} What would you see within a year if it is right, and what would prove it wrong?`,
    (v) => `${Q(v.q)} What does this assume about the future, and what evidence would make you drop it?`,
    (v) => `Suppose ${Q(v.q)} turns out right. Who should act on it now, and what sign would tell you it is not happening?`,
    (v) => `${Q(v.q)} What would have to go wrong for this not to happen, and how likely is that?`,
    (v) => `${v.who} looks ahead: ${Q(v.q)} Who would lose if this came true, and how would they respond?`,
  ],
  figure: [
    (v) => `${Q(v.q)} What is that figure being compared with, and would another baseline change what it seems to show?`,
    (v) => `${Q(v.q)} Is that number large or small, and what would you compare it with to tell?`,
    (v) => `What does the figure in ${Q(v.q)} mean in practice, and what is it measured against?`,
    (v) => `${Q(v.q)} If the number were half as big, would the point still stand?`,
  ],
  split: [
    (v) => `${Q(v.q)} Where exactly do the two views part ways, and what would settle it?`,
    (v) => `${Q(v.q)} What does each side take for granted that the other does not?`,
    (v) => `${Q(v.q)} Which side would you take, and what fact would change your mind?`,
  ],
  compare: [
    (v) => `Compare ${v.other}: ${Q(v.oq!)} Where do the two passages part ways, and which fits your experience better?`,
    (v) => `Compare ${v.other}: ${Q(v.oq!)} Do the two pull in different directions, or can both be true?`,
    (v) => `Compare ${v.other}: ${Q(v.oq!)} What would each say to the other?`,
    (v) => `Compare ${v.other}: ${Q(v.oq!)} What does one see that the other misses?`,
    (v) => `Compare ${v.other}: ${Q(v.oq!)} If you had to side with one passage, which would it be, and why?`,
    (v) => `Compare ${v.other}: ${Q(v.oq!)} What question would settle the difference between them?`,
    (v) => `Compare ${v.other}: ${Q(v.oq!)} Is this the same point from another angle, or a different one?`,
  ],
  term: [
    (v) => `What does ${Q(v.a!)} mean in this passage, and where have you seen it matter?`,
    (v) => `The passage turns on ${Q(v.a!)}. How would you explain it to someone new to the subject?`,
    (v) => `Why does ${Q(v.a!)} matter to the point being made here?`,
    (v) => `What would change in the passage without ${Q(v.a!)}?`,
  ],
  connect: [
    (v) => `The passage ties ${Q(v.a!)} to ${Q(v.b!)}. Is the link as close as it suggests?`,
    (v) => `Does ${Q(v.a!)} depend on ${Q(v.b!)} here, or could one change without the other?`,
    (v) => `How do ${Q(v.a!)} and ${Q(v.b!)} connect in this passage?`,
  ],
  open: [
    (v) => `${Q(v.q)} What would you ask ${v.who === 'The article' || v.who === 'The talk' ? 'its author' : v.who} about this?`,
    (v) => `${Q(v.q)} What part of this would you most want to argue with?`,
    (v) => `${Q(v.q)} What follows from this, if it is right?`,
  ],
};

/** A stem's identity, for measuring repetition ("cost:2"). */
export const stemId = (kind: QuestionKind, index: number) => `${kind}:${index}`;
