// Who a passage is from, in words a reader cannot misread. A role label ("Question", "Host") set
// beside a title that opens with a person's name ("Question, Greg Brockman at …") reads as if that
// person asked; the words here make the role the one asking, and every platform uses them.

/** Roles that label a turn without naming the person, by the words a reader sees. */
const ROLE_WORDS: Record<string, { asking: string; saying: string }> = {
  question: { asking: 'A question', saying: 'A question' },
  q: { asking: 'A question', saying: 'A question' },
  host: { asking: 'Question from the host', saying: 'The host' },
  'co-host': { asking: 'Question from the co-host', saying: 'The co-host' },
  interviewer: { asking: 'Question from the interviewer', saying: 'The interviewer' },
  moderator: { asking: 'Question from the moderator', saying: 'The moderator' },
  audience: { asking: 'Audience question', saying: 'From the audience' },
  'audience member': { asking: 'Audience question', saying: 'An audience member' },
  'audience question': { asking: 'Audience question', saying: 'Audience question' },
};

export interface Speaking {
  speaker?: string;
  text: string;
  /** The speaker is a named person asking a question ("Question, Lena Park at Acme:"). */
  asks?: boolean;
}

export interface SpeakerWords {
  /** What the attribution line says first ("Greg Brockman", "Question from the host"). */
  who: string;
  /**
   * True when `who` is a role or a question rather than a person speaking: the document's title
   * must then read as where it was said ("…, in “Title”"), never as a name beside the role.
   */
  role: boolean;
}

/** A passage asks something when one of its sentences ends in a question mark. */
const asksSomething = (text: string) => /\?["”’)]?(?:\s|$)/.test(text);

/** The words naming who speaks a passage, or undefined when nobody is known. */
export function speakerWords(p: Speaking): SpeakerWords | undefined {
  const speaker = p.speaker?.trim();
  if (!speaker) return undefined;
  const role = ROLE_WORDS[speaker.toLowerCase().replace(/\s+/g, ' ')];
  if (role) return { who: asksSomething(p.text) ? role.asking : role.saying, role: true };
  // An asker's remark that asks nothing (an interviewer's lead-in) is simply theirs.
  if (p.asks && asksSomething(p.text)) return { who: `${speaker} (question)`, role: true };
  return { who: speaker, role: false };
}

/**
 * The plain attribution a reader sees for a passage in a document: "Greg Brockman, Title",
 * "Question from the host, in “Title”", "Lena Park (question), in “Title”", or the title alone.
 * `title` may already be escaped or linked by a platform, which passes its own `escape` for the
 * speaker's name; `sep` is how the platform joins a person's name to the title.
 */
export function attributionWords(p: Speaking, title: string, sep = ', ', escape: (s: string) => string = (s) => s): string {
  const w = speakerWords(p);
  if (!w) return title;
  return w.role ? `${escape(w.who)}, in “${title}”` : `${escape(w.who)}${sep}${title}`;
}
