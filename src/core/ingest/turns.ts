// Turns and speakers in transcripts without speaker labels (captions, one unbroken stream). Only
// spoken cues are trusted: a self-introduction names the turn it opens, a hand-over by name
// ("Amin, what ...?", "Hey Greg.") names the next turn, and a two-person conversation alternates
// across boundaries that are certain. A wrong name is worse than none, so anything less stays
// unattributed; but every boundary found still keeps two voices out of one passage.

/** A sentence as this module sees it. */
export interface TurnSentence {
  text: string;
}

export interface TurnInfo {
  /** Index of the speaker turn; consecutive sentences with the same index are one voice. */
  turn: number;
  speaker?: string;
  /** Said by the one who asks (the host), whose words lead to an answer rather than stand as one. */
  asks?: boolean;
}

const NAME = "\\p{Lu}[\\p{Ll}'’-]+";
/** Words a sentence opens with before the part that matters ("Yeah, hi, I'm Alex"). */
const OPENERS = /^(?:(?:yeah|yes|so|okay|ok|well|and|oh|sure|hey|hi|hello|great|thanks|thank you)(?:\s+(?:everyone|everybody|all|there|folks|guys))?[,.!]?\s+)*/i;
const INTRO = /^(i'm|i’m|i am|my name is|this is)\s+/i;
const GREETING = /^(?:hey|hi|hello|welcome|welcome back|good to see you|great to have you)[,!]?\s+/i;
/** Pure acknowledgements and short replies ("Sure.", "Absolutely.", "Yeah, yeah."): a listener taking the floor. */
const ACK_WORD = '(?:yeah|yes|yep|yup|sure|absolutely|definitely|of course|right|exactly|totally|okay|ok|great|cool|got it|for sure|certainly|indeed|true|mhm|mm-hmm|no|nope|thanks|thank you|awesome|perfect|wow|interesting|makes sense|fair enough|good question|great question)';
const ACK = new RegExp(`^${ACK_WORD}(?:[,.!]?\\s+${ACK_WORD})*[.!]?$`, 'i');
const ACK_START = new RegExp(`^${ACK_WORD}[,.!]`, 'i');
/** A hand-over that needs no question mark: "over to you, Priya", "Priya, go ahead". */
const HANDOVER_PHRASE = /\b(?:over to you|go ahead|take it away|your turn|you want to (?:start|go first|kick (?:us|it) off)|start us off|kick (?:us|it) off|floor is yours)\b/i;
/** The asker taking the floor: referring back to what the other said, or announcing a question. */
const LEAD_IN = /\byou (?:just )?(?:mentioned|said|talked about|described|were saying|brought up|touched on)\b|^(?:(?:yeah|so|well|okay|and)[,.]?\s+)*(?:(?:actually|now)[,]?\s+)?(?:i want(?:ed)? to (?:ask|go back|start|follow up|talk|turn|shift|switch|come back|dig)|i'd love to (?:ask|hear|talk|go)|i'm curious|i was curious|one (?:question|thing) i (?:have|wanted)|let me ask|my (?:next |last |first )?question)/i;
/** Asking for the other's view, anywhere in a sentence: "I'm curious", "a question for you", "your thoughts". */
const ASKING = /\b(?:i'm curious|i’m curious|i was curious|(?:a |one )?question (?:i have )?for you|your (?:thoughts|take|view)|i want(?:ed)? to ask|let me ask|you (?:just )?(?:mentioned|said|talked about|were saying|brought up))\b/i;
/** Asking the other person, with or without a question mark: "do you think", "what are your". */
const ASKS_YOU = /\b(?:(?:do|did|are|were|have|would|will|can|could|should) you(?! know\b)|(?:what|how|why|where|when|which) (?:do|did|are|were|is|was|would|will) (?:you|your)|(?:were|are|is|was) there any|you were|thank you so much)\b/i;
/** Words that continue the sentence before rather than answer it. */
const CONTINUES = /^(?:and|but|or|because|like|which|that|then)\b/i;
/** Reported speech: a question inside a story is not asked of anyone here. */
const REPORTED = /\b(?:(?:he|she|they|i|we|you|someone|people) (?:was|were|is|are|'s|’s)? ?like|said|says|asked|asks|told|tells)\b|["“”]/i;

/** A tag ("..., right?", "You know?") asks nothing of anyone: the speaker goes on. */
const TAG_QUESTION = /(?:^|,\s*)(?:right|no|you know|huh|yeah|okay|ok|correct|isn't it|don't you think)\?["”’)]?$/i;
const isQuestion = (t: string) => /\?["”’)]?$/.test(t) && !TAG_QUESTION.test(t);
/** Put to the other person ("did you", "your view"), not asked of the world. */
const addressedTo = (t: string) => /\byou(?:r|'ve|’ve|'re|’re| all| guys)?\b/i.test(t) && !REPORTED.test(t);
const words = (t: string) => t.split(/\s+/).filter(Boolean).length;

/** A person named in meta.speakers, by full name, first or last name, or a short form of the first. */
export function nameResolver(speakers: string[]): (mention: string) => string | undefined {
  const people = speakers.map((full) => ({ full, parts: full.toLowerCase().split(/\s+/) }));
  return (mention) => {
    const m = mention.toLowerCase().replace(/[’']s$/, '').trim();
    if (!m) return undefined;
    const exact = people.filter((p) => p.parts.join(' ') === m);
    if (exact.length === 1) return exact[0]!.full;
    const mw = m.split(/\s+/);
    // "Amin Chian" for "Amin Tootoonchian": the first name decides when it names one person.
    const byWord = people.filter((p) => p.parts.includes(mw[0]!) || (mw.length === 1 && p.parts.includes(m)));
    if (byWord.length === 1) return byWord[0]!.full;
    if (byWord.length > 1) return undefined;
    // "Dan" for "Daniel", "Alex" for "Alexandr": a short form is the first name's first three or more letters.
    if (mw[0]!.length < 3) return undefined;
    const byPrefix = people.filter((p) => p.parts[0]!.startsWith(mw[0]!) && p.parts[0] !== mw[0]);
    return byPrefix.length === 1 ? byPrefix[0]!.full : undefined;
  };
}

/** The one or two capitalised words at the start of `rest`, a person's name as spoken. */
function leadingName(rest: string): string | undefined {
  const m = new RegExp(`^(${NAME}(?:\\s+${NAME})?)(?=$|[\\s,.!?;:—–-])`, 'u').exec(rest);
  return m?.[1];
}

/**
 * "I'm Amin", "Hi, I'm Alex, I lead ...", "My name is Dana Ruiz": the speaker of this sentence.
 * Without metadata the name must be given unambiguously (a greeting or "my name is" before it, or a
 * clause after it), since "I'm Canadian" has the same shape.
 */
export function selfIntroduction(text: string, resolve: (m: string) => string | undefined, known: boolean): string | undefined {
  const opened = text.replace(OPENERS, '');
  const intro = INTRO.exec(opened);
  if (!intro) return undefined;
  const rest = opened.slice(intro[0].length);
  const name = leadingName(rest);
  if (!name) return undefined;
  const first = name.split(/\s+/)[0]!;
  if (known) return resolve(name) ?? resolve(first);
  const greeted = opened !== text && /\b(?:hi|hello|hey)\b/i.test(text.slice(0, text.length - opened.length));
  const after = rest.slice(name.length);
  const clause = /^,?\s+(?:and\s+)?i\b|^,\s+(?:the|a|an)\s+\p{Ll}/u.test(after);
  if (/^my name is/i.test(intro[1]!) || greeted || clause || (name.includes(' ') && /^[.!]?$/.test(after.trim()))) return name;
  return undefined;
}

/** "Amin, what ...?", "Hey Greg.", "What do you think, Priya?", "over to you, Priya": who speaks next. */
export function handOver(text: string, resolve: (m: string) => string | undefined): string | undefined {
  const t = text.trim();
  const g = GREETING.exec(t);
  if (g) {
    // "Hey Greg." alone: "Hi Nadia, thanks for having me" greets the one who spoke and goes on.
    const rest = t.slice(g[0].length);
    const n = leadingName(rest);
    const who = n && /^[.!]*$/.test(rest.slice(n.length).trim()) ? (resolve(n) ?? resolve(n.split(/\s+/)[0]!)) : undefined;
    if (who) return who;
  }
  const asks = isQuestion(t) || HANDOVER_PHRASE.test(t);
  if (!asks) return undefined;
  const lead = /^(?:(?:so|and|okay|ok|now|well|alright|all right)[,]?\s+)?/i.exec(t)![0];
  const front = new RegExp(`^(${NAME}(?:\\s+${NAME})?),\\s+\\S`, 'u').exec(t.slice(lead.length));
  if (front) {
    const who = resolve(front[1]!);
    if (who) return who;
  }
  const back = new RegExp(`,\\s+(${NAME}(?:\\s+${NAME})?)[?.!]?$`, 'u').exec(t);
  if (back) return resolve(back[1]!);
  return undefined;
}

/** "Thanks, Marta." or "Thank you, Greg.": said to the one who just spoke, so not by them. */
function thanked(text: string, resolve: (m: string) => string | undefined): string | undefined {
  const m = new RegExp(`^(?:thanks|thank you)(?: so much)?,?\\s+(${NAME})\\b`, 'iu').exec(text.trim());
  return m ? resolve(m[1]!) : undefined;
}

type Boundary = 'none' | 'soft' | 'hard';

/**
 * Turn indexes and, where the cues allow, speakers for an unlabelled transcript's sentences, in
 * order. `speakers` are meta.speakers (may be empty).
 */
export function inferTurns(sentences: TurnSentence[], speakers: string[]): TurnInfo[] {
  const n = sentences.length;
  const texts = sentences.map((s) => s.text.trim());
  const known = speakers.length > 0;
  // Without metadata, the people are the ones who introduce themselves.
  let resolve = nameResolver(speakers);
  const introduced: (string | undefined)[] = texts.map((t) => selfIntroduction(t, resolve, known));
  if (!known) {
    const people = [...new Set(introduced.filter((x): x is string => !!x))];
    resolve = nameResolver(people);
  }
  const people = known ? speakers : [...new Set(introduced.filter((x): x is string => !!x))];
  const handed: (string | undefined)[] = texts.map((t) => handOver(t, resolve));
  const q = texts.map(isQuestion);
  // "You know?" after a question is still the asker asking.
  for (let i = 1; i < n; i++) if (!q[i] && q[i - 1] && /^(?:\p{L}+[\s,]*){1,3}\?["”’)]?$/u.test(texts[i]!)) q[i] = true;

  // Boundary before sentence i, and whether a two-person alternation may cross it.
  const boundary: Boundary[] = texts.map(() => 'none');
  const trusted: boolean[] = texts.map(() => false);
  const mark = (i: number, kind: Boundary, trust: boolean) => {
    if (i <= 0 || i >= n) return;
    if (boundary[i] !== 'hard') boundary[i] = kind;
    trusted[i] = trusted[i] || trust;
  };
  const greetingOnly = texts.map((t) => new RegExp(`^(?:hey|hi|hello)(?:\\s+${NAME})?[.!]?$`, 'iu').test(t));
  const thanks = texts.map((t) => /^(?:thanks|thank you)\b/i.test(t) && words(t) <= 8 && !isQuestion(t));
  for (let i = 1; i < n; i++) {
    // The one called on answers once the caller's questions are done ("Dan? Or why is it hard?").
    if (handed[i - 1] && !q[i]) mark(i, 'hard', true);
    if (q[i - 1] && !q[i]) {
      let k = i - 1;
      while (k > 0 && q[k - 1] && !handed[k]) k--;
      if (handed[k]) mark(i, 'hard', true);
    }
    if (introduced[i]) mark(i, 'hard', true);
    // A greeting opens a turn (whoever spoke before may be a third person, an emcee) and a bare
    // "Hey." in reply is a turn of its own.
    if (greetingOnly[i] || (handed[i] && GREETING.test(texts[i]!))) mark(i, 'hard', greetingOnly[i - 1]! || !!handed[i - 1]);
    if (greetingOnly[i - 1]) mark(i, 'hard', true);
    // Thanks, then an acknowledgement: the thanked one replies.
    if (thanks[i - 1] && (ACK.test(texts[i]!) || ACK_START.test(texts[i]!))) mark(i, 'hard', true);
    // "... where's the customer? And it took us five years": a question answered by its own
    // speaker, who goes on with "and" or "but"; anyone else would not open with them.
    if (q[i - 1] && !q[i] && !CONTINUES.test(texts[i]!)) {
      const reply = ACK.test(texts[i]!) || ACK_START.test(texts[i]!) || /^(?:thanks|thank you)\b/i.test(texts[i]!);
      mark(i, reply ? 'hard' : 'soft', reply || addressedTo(texts[i - 1]!));
    }
  }
  // A run of questions closing a stretch of talk was asked by someone who took the floor there.
  // Where they began shows only when they say so ("you mentioned", "I want to ask", an
  // acknowledgement right before); otherwise the stretch before the questions is not attributed
  // by alternation, as its end may be the asker's.
  const tainted: boolean[] = texts.map(() => false);
  /** Sentences that open a question turn (the asker taking the floor). */
  const asks: boolean[] = texts.map(() => false);
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && boundary[i] === 'none') continue;
    const end = i;
    if (q[end - 1] && (end === n || boundary[end] !== 'none')) {
      let runStart = end - 1;
      while (runStart > start && q[runStart - 1]) runStart--;
      // Before anyone has been asked anything, the talk leading to the first question is the asker's.
      if (runStart > start && start > 0) {
        // An announced question ("you mentioned", "I am curious") closest to the questions is where
        // the asker began, with any acknowledgement just before it; a bare "Yeah" is too often the
        // answerer's own.
        let lead = -1;
        // A reply says something before the floor changes again: not its opening acknowledgement or first sentence.
        const firstSaid = ACK.test(texts[start]!) ? start + 1 : start;
        for (let j = runStart - 1; j > firstSaid; j--) {
          if (LEAD_IN.test(texts[j]!) || ASKING.test(texts[j]!)) {
            lead = j;
            break;
          }
        }
        // Calling on someone by name takes the floor too ("Thanks. Owen, how do ...?").
        if (lead < 0 && runStart > firstSaid && handed.slice(runStart, end).some(Boolean)) lead = runStart;
        if (lead > start) {
          while (lead - 1 > start && ACK.test(texts[lead - 1]!)) lead--;
          mark(lead, 'hard', true);
          asks[lead] = true;
        } else {
          // Where the asker began is unknown: no boundary is invented, but the questions are
          // nobody's for certain, and who answers them does not follow from who began.
          for (let j = runStart; j < end; j++) tainted[j] = true;
          if (end < n) trusted[end] = false;
        }
      }
    }
    start = i;
  }

  // Segments between boundaries.
  const segOf: number[] = [];
  const segStart: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || boundary[i] !== 'none') segStart.push(i);
    segOf.push(segStart.length - 1);
  }
  const segs = segStart.length;
  const segEnd = (s: number) => (s + 1 < segs ? segStart[s + 1]! : n);
  const who: (string | undefined)[] = new Array(segs).fill(undefined);
  const not: Set<string>[] = Array.from({ length: segs }, () => new Set<string>());
  const conflict = new Set<number>();
  const assign = (s: number, name: string) => {
    if (s < 0 || s >= segs) return;
    if (who[s] !== undefined && who[s] !== name) conflict.add(s);
    else who[s] = name;
  };
  for (let i = 0; i < n; i++) {
    const s = segOf[i]!;
    if (introduced[i] && segStart[s] === i) assign(s, introduced[i]!);
    const h = handed[i];
    if (h) {
      not[s]!.add(h);
      let next = i + 1;
      while (next < n && q[next] && q[i]) next++;
      if (next < n) assign(segOf[next]!, h);
    }
    const th = thanked(texts[i]!, resolve);
    if (th) not[s]!.add(th);
  }
  for (const s of conflict) who[s] = undefined;
  for (let s = 0; s < segs; s++) if (who[s] && not[s]!.has(who[s]!)) who[s] = undefined;

  if (people.length === 2) {
    // Two voices alternate: chains of segments joined by trusted boundaries take turns.
    const other = (x: string) => (x === people[0] ? people[1]! : people[0]!);
    let c = 0;
    while (c < segs) {
      let e = c;
      while (e + 1 < segs && trusted[segStart[e + 1]!]) e++;
      // Parity of the chain: every anchor must agree on who speaks its even segments.
      let even: string | undefined;
      let ok = true;
      for (let s = c; s <= e; s++) {
        const claims: string[] = [];
        if (who[s]) claims.push(who[s]!);
        for (const x of not[s]!) if (people.includes(x)) claims.push(other(x));
        for (const x of claims) {
          const e0 = (s - c) % 2 === 0 ? x : other(x);
          if (even === undefined) even = e0;
          else if (even !== e0) ok = false;
        }
      }
      if (ok && even !== undefined) for (let s = c; s <= e; s++) if (!who[s]) who[s] = (s - c) % 2 === 0 ? even : other(even);
      c = e + 1;
    }
  }

  /** The host: whoever calls on others by name, when that is one person the text makes known. */
  function hostOf(): string | undefined {
    const callers = new Set<string>();
    const called = new Set<string>();
    for (let i = 0; i < n; i++) {
      if (!handed[i]) continue;
      called.add(handed[i]!);
      const w = who[segOf[i]!];
      if (w) callers.add(w);
    }
    if (callers.size === 1) {
      const h = [...callers][0]!;
      return called.has(h) ? undefined : h;
    }
    if (callers.size > 1 || called.size === 0) return undefined;
    // Nobody named calls on the others: the one listed person never introduced nor called on.
    const named = new Set<string>([...called, ...introduced.filter((x): x is string => !!x)]);
    const rest = people.filter((p) => !named.has(p));
    return rest.length === 1 ? rest[0] : undefined;
  }
  if (people.length > 2) {
    const h = hostOf();
    // Only a hand-over that opens the floor (not one tacked onto a guest's answer) is the host's.
    if (h)
      for (let i = 0; i < n; i++) {
        const s = segOf[i]!;
        const from = segStart[s]!;
        if (handed[i] && who[s] === undefined && (from === 0 || trusted[from] || asks[from])) who[s] = h;
      }
  }

  // The host asks: a question turn (opened by an acknowledgement or an announced question, or made
  // only of questions after a certain boundary) is theirs when the text shows who the host is.
  const host = hostOf();
  const startAt: number[] = new Array(segs).fill(0);
  if (host) {
    for (let s = 0; s < segs; s++) {
      if (who[s]) continue;
      const from = segStart[s]!;
      const to = segEnd(s);
      if (!q[to - 1] || !addressedTo(texts[to - 1]!) || (to < n && boundary[to] === 'none')) continue;
      const body = texts.slice(from, to);
      const onlyAsks = body.every((t, k) => q[from + k] || (ACK.test(t) && body.slice(0, k).every((x) => ACK.test(x))));
      // Opened by an acknowledgement, the turn must also say it asks (an answer opens with "Yeah" too).
      const announced = body.some((t, k) => (k > 0 || !ACK.test(t)) && (LEAD_IN.test(t) || ASKING.test(t)));
      const opened = (asks[from] && announced) || ((from === 0 || trusted[from]) && onlyAsks);
      if (!opened) continue;
      who[s] = host;
      // The acknowledgement opening it may be the answerer's last word as well as the asker's first.
      let k = from;
      while (k < to && ACK.test(texts[k]!)) k++;
      startAt[s] = k;
      // With one guest, the answer after a question put to them is the guest's.
      const next = s + 1;
      if (people.length === 2 && next < segs && !who[next] && trusted[segStart[next]!] && !tainted[segStart[next]!]) {
        who[next] = people.find((p) => p !== host);
      }
    }
  }

  // A caption stream may hide the next question without a question mark ("are you worried about
  // ... so I'm not worried"): attribution stops at the first sentence that asks the other person
  // something or acknowledges them mid-turn; the rest of the turn stays unattributed.
  const stopAt: number[] = new Array(segs).fill(Infinity);
  for (let s = 0; s < segs; s++) {
    if (!who[s]) continue;
    const from = segStart[s]!;
    const to = segEnd(s);
    const firstSaid = ACK.test(texts[from]!) ? from + 1 : from;
    for (let i = from + 1; i < to; i++) {
      const t = texts[i]!;
      const asking = who[s] !== host && (ASKS_YOU.test(t) || LEAD_IN.test(t) || ASKING.test(t) || (q[i] && addressedTo(t)));
      if (asking || ((ACK.test(t) || ACK_START.test(t)) && i > firstSaid)) {
        stopAt[s] = i;
        break;
      }
    }
  }

  // Turn indexes for passages, which never cross one.
  const out: TurnInfo[] = [];
  let turn = 0;
  for (let i = 0; i < n; i++) {
    const s = segOf[i]!;
    // A turn ends where a spoken cue says so and someone is credited on one side of it. A boundary
    // guessed from a question mark alone, between two unknown voices, stays a paragraph break (the
    // pipeline's): a one-line reply then keeps the question it answers beside it.
    const cued = boundary[i] === 'hard' && (!!who[s] || !!who[s - 1]);
    if (i > 0 && segStart[s] === i && cued && who[s - 1] !== who[s]) turn++;
    out.push(who[s] && !tainted[i] && i < stopAt[s]! && i >= startAt[s]! ? { turn, speaker: who[s] } : { turn });
  }
  if (host && people.length === 2) creditAnswers(texts, q, out, host, people.find((p) => p !== host)!);
  // One listed speaker and nobody introduced or called on: a talk, theirs but for the floor.
  if (known && people.length === 1 && !handed.some(Boolean)) creditTalk(texts, q, out, people[0]!);
  // The host's turns are the asking side of the conversation: quoted and ranked like a labelled asker's.
  if (host) for (const o of out) if (o.speaker === host) o.asks = true;
  return out;
}

/** A question the speaker tells as their own thought or someone else's words ("and I thought, why ...?"). */
const TOLD = /\b(?:i|we|he|she|they|people|someone|everyone)\s+(?:thought|think|wondered|wonder|asked|asks|said|says|was like|were like|kept asking)(?:\s*[,:"“]|\s+(?:how|what|why|whether|where|who|when)\b)/i;
const AGREES = /^(?:(?:yeah|yes|right|oh|and)[,.]?\s+)*(?:i mean[,]?\s+)?(?:i (?:totally |completely |fully |definitely )?agree|(?:totally|completely) agree|agreed|that's (?:so |very )?true|that's (?:exactly )?right)\b/i;
/** Short enough to be a reaction before a question ("That's a lovely detail.") rather than the end of an answer. */
const REACTION_WORDS = 8;

/** A question told as a thought, or one its own speaker goes on from with "and" or "but", is theirs, not put to anyone. */
function ownQuestions(texts: string[], q: boolean[]): boolean[] {
  return texts.map((t, i) => q[i]! && (TOLD.test(t) || (i + 1 < texts.length && CONTINUES.test(texts[i + 1]!))));
}

/**
 * An interview between a host and one guest: whatever follows a question is the guest's (their
 * answer, or their own talk going on after a question they asked themselves), up to the point
 * where the host may have taken the floor again: a sentence asking or addressing the guest, a bare
 * reaction, or a short sentence right before the next question, since a host's reaction
 * ("That's a lovely detail.") has no other shape. A question announced as one ("I want to ask
 * about ...") is the host's with its announcement; other questions stay as they were.
 */
function creditAnswers(texts: string[], q: boolean[], out: TurnInfo[], host: string, guest: string): void {
  const n = texts.length;
  const speaker = out.map((o) => o.speaker);
  const ownQuestion = ownQuestions(texts, q);
  const asking = (t: string) => ASKS_YOU.test(t) || LEAD_IN.test(t) || ASKING.test(t);
  // Captions drop question marks: a sentence that puts something to "you" ("were there any moments
  // of doubt") asks as much as one that ends in "?". Whoever speaks after it answers.
  // So does a remark put to "you" that the other answers with "Yeah, so ..." ("I'm surprised, you'd
  // probably train it for a long time." "Yeah, so this changed over time.").
  const asked = texts.map(
    (t, i) =>
      (q[i]! && !ownQuestion[i]) ||
      (!q[i] &&
        addressedTo(t) &&
        i + 1 < n &&
        !CONTINUES.test(texts[i + 1]!) &&
        // "Yeah, I totally agree" answers a remark, not a question: the one agreeing is the host.
        (ASKS_YOU.test(t) || (ACK_START.test(texts[i + 1]!) && !AGREES.test(texts[i + 1]!)))),
  );
  // A bare "Yeah." mid-answer is the host taking the floor only when asking follows at once; on its
  // own it is as often the guest's own pause.
  // Agreeing with what was just said ("Yeah, I totally agree ...") is the other person speaking.
  const floorTaken = (k: number) =>
    asking(texts[k]!) || AGREES.test(texts[k]!) || (ACK.test(texts[k]!) && [k + 1, k + 2].some((j) => j < n && (asked[j] || asking(texts[j]!))));
  const short = (t: string) => words(t) <= REACTION_WORDS;
  for (let i = 0; i < n; i++) {
    if (!asked[i] || (i + 1 < n && asked[i + 1])) continue;
    // Announced: "I want to ask about the volunteers. Who are they, mostly?"
    let r = i;
    while (r > 0 && asked[r - 1]) r--;
    if (r > 0 && (LEAD_IN.test(texts[r - 1]!) || ASKING.test(texts[r - 1]!)) && speaker.slice(r - 1, i + 1).every((x) => x === undefined || x === host))
      for (let j = r - 1; j <= i; j++) speaker[j] = host;
    // i closes a run of questions: the guest's stretch runs from i + 1 to the next sign of the host.
    let k = i + 1;
    while (k < n && speaker[k] === undefined && !asked[k] && !((k > i + 1 || !q[i]) && floorTaken(k))) k++;
    // Stopped at a question or the host's sign: the lead-in before it (anything addressing the
    // guest, or a reaction) is left to nobody.
    let end = k;
    if (k < n && speaker[k] !== guest) {
      while (end > i + 1 && addressedTo(texts[end - 1]!)) end--;
      if (end > i + 1 && short(texts[end - 1]!)) end--;
    }
    for (let j = i + 1; j < end; j++) speaker[j] = guest;
  }
  // The stretches credited before may run into the host's lead-in too: it is trimmed the same way.
  for (let i = 1; i < n; i++) {
    if (!asked[i] || asked[i - 1] || speaker[i - 1] !== guest || speaker[i] === guest) continue;
    let j = i;
    while (j > 0 && speaker[j - 1] === guest && addressedTo(texts[j - 1]!)) speaker[--j] = undefined;
    if (j > 0 && speaker[j - 1] === guest && short(texts[j - 1]!)) speaker[j - 1] = undefined;
  }
  retally(out, speaker);
}

/** Sets the credited speakers, with a new turn wherever the credited voice changes, so no passage holds two. */
function retally(out: TurnInfo[], speaker: (string | undefined)[]): void {
  const before = out.map((o) => o.turn);
  let turn = before[0] ?? 0;
  for (let i = 0; i < out.length; i++) {
    if (i > 0 && (before[i] !== before[i - 1] || speaker[i] !== speaker[i - 1])) turn++;
    out[i] = speaker[i] === undefined ? { turn } : { turn, speaker: speaker[i]! };
  }
}

/** "We have a few minutes for questions", "any questions?": from here on, questions come from the floor. */
const INVITES_QUESTIONS = /\b(?:any|a few|some|take|open(?: it)? up|time for|minutes for)\b.*\bquestions?\b/i;
/** How far back an audience member's lead-in before their question may reach. */
const FLOOR_LEAD_IN = 3;

/**
 * A talk by the one listed speaker (a lecture, a keynote, a sermon): it is theirs, except the
 * questions from the floor and what the asker says before them. A question put to "you" is the
 * floor's; so is any question once the speaker has invited them, unless its speaker tells it as
 * their own or goes on from it. The asker's lead-in is found going back to their thanks, at most a
 * few sentences, never past the invitation.
 */
function creditTalk(texts: string[], q: boolean[], out: TurnInfo[], speaker: string): void {
  const n = texts.length;
  const credited = out.map((o) => o.speaker);
  const off: boolean[] = texts.map(() => false);
  const ownQuestion = ownQuestions(texts, q);
  let invited = false;
  for (let i = 0; i < n; i++) {
    const t = texts[i]!;
    const own = ownQuestion[i]!;
    const floor = q[i]! && !own && (invited || addressedTo(t));
    if (!q[i] && INVITES_QUESTIONS.test(t)) invited = true;
    if (!floor) continue;
    off[i] = true;
    for (let j = i - 1, k = 0; j >= 0 && k < FLOOR_LEAD_IN && !q[j] && !INVITES_QUESTIONS.test(texts[j]!); j--, k++) {
      off[j] = true;
      if (/^(?:thanks|thank you)\b/i.test(texts[j]!)) break;
    }
  }
  for (let i = 0; i < n; i++) if (credited[i] === undefined && !off[i]) credited[i] = speaker;
  retally(out, credited);
}
