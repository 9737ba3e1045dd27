// Asides: text a show or a post says about itself rather than about its subject (sponsor reads,
// calls to subscribe or review, show notes and chapter lists, editorial notes about the transcript,
// the emcee's introduction of the guests, the host's opening and goodbye).
// A reader never wants these quoted, so they are dropped before passages are built. Each rule is
// the SHAPE of the genre (an advertising frame, an imperative addressed to the listener about the
// show, a sentence whose subject is the document itself), never wording copied from a known file,
// and each asks for two signals so that prose mentioning a sponsor or a review in passing survives.

import type { Sentence } from '../corpus.js';

/** The show, episode or post as the subject of a sentence: what an aside talks about. */
const SHOW = String.raw`(?:episode|show|podcast|video|segment|program(?:me)?|broadcast|channel|series|newsletter|stream|hour)`;

// (a) Sponsor reads.
/** "This episode is brought to you by X", "Today's show is sponsored in part by X". */
const SPONSOR_FRAME = new RegExp(
  String.raw`\b(?:this|today'?s|today’s|this week'?s|this week’s)\s+(?:\w+\s+)?${SHOW}\b[^.!?]{0,40}?\b(?:brought to you|sponsored|supported|presented|made possible|powered|underwritten)\s+(?:in part\s+|today\s+)?by\b` +
    String.raw`|\b(?:a|one)\s+(?:quick\s+|short\s+|brief\s+)?(?:word|message|break)\s+from\s+(?:our|today'?s|today’s|this week'?s)\s+sponsors?\b` +
    // "a quick word from the people who keep this show going": the sponsor named by what it does for the show.
    String.raw`|\b(?:a|one)\s+(?:quick\s+|short\s+|brief\s+)?(?:word|message)\s+from\s+(?:the|those|our)\s+(?:\w+\s+){0,2}(?:who|that)\s+(?:\w+\s+){0,2}(?:this|the|our)\s+${SHOW}\s+(?:going|running|alive|on\s+the\s+air|free|possible)\b` +
    String.raw`|\b(?:thanks|thank you)\s+(?:again\s+)?to\s+(?:our|today'?s|today’s|this week'?s)\s+sponsors?\b` +
    String.raw`|\b(?:our|today'?s|today’s|this week'?s)\s+sponsors?\s+(?:is|are|today)\b`,
  'i',
);
/** An offer addressed to the listener: a promo code, a discount, a trial, a vanity address. */
const OFFER_CODE = /\b(?:promo|coupon|discount|offer)\s+code\b|\b(?:use|enter|apply)\s+(?:the\s+)?code\s+["“']?([A-Za-z0-9]{3,})/i;
/** A promo code is a shouted token ("use code FIELD"); "use the code from the repo" is not one. */
const offerCode = (s: string) => {
  const m = OFFER_CODE.exec(s);
  return !!m && (m[1] === undefined || /^[A-Z0-9]+$/.test(m[1]));
};
/** Signals that carry a read already under way; a vanity address ("example.com/show") is one, as talks cite repositories too. */
const OFFER_WEAK =
  /\b[a-z0-9-]+\.(?:com|io|co|org|net|fm|app|ai|shop|store)\s*(?:\/|\s+slash\s+)\s*[a-z0-9]+|\b\d{1,3}\s?%\s+off\b|\b\d{1,3}\s+percent\s+off\b|\bfree\s+trial\b|\bfirst\s+(?:month|box|order)\b|\b(?:visit|go\s+to|head\s+(?:over\s+)?to|check\s+out|sign\s+up\s+at|download\s+\w+\s+at)\s+[a-z0-9-]+\.(?:com|io|co|org|net|fm|app|ai|shop|store)\b|\bsign\s+up\s+(?:today|now|for\s+free)\b|\b(?:try\s+it|get\s+started)\s+(?:today|now|for\s+free)\b|\blimited[- ]time\b|\bexclusive\s+(?:offer|deal|discount)\b/i;
/** The name in a sponsor frame ("brought to you by X", "our sponsor today is X"): a capitalised word or a domain. */
const FRAME_BRAND = /\b(?:by|sponsors?\s+(?:today\s+)?(?:is|are))\s+((?:\p{Lu}[\p{L}\p{N}&'’.-]*|[a-z0-9-]+\.[a-z]{2,})(?:\s+\p{Lu}[\p{L}\p{N}&'’.-]*){0,2})/u;

// (b) Calls to action about the show.
/** Where a call may start: the sentence start, or after "please", "so", "if you ..., ", "be sure to". */
const CTA_LEAD = String.raw`(?:^|[,;:—–-]\s*|\band\s+|\bplease\s+|\bso\s+|\bnow\s+)(?:(?:please|also|now|and|so)\s+)*(?:(?:be\s+sure|make\s+sure|don'?t\s+forget|don’t\s+forget|remember)\s+(?:to\s+|you\s+)|(?:why\s+not|feel\s+free\s+to)\s+)?`;
// "Tell us", "give us", "join us" open ordinary interview questions, so "us" alone is an object
// only for the verbs that mean following the show.
const CTA_VERB = String.raw`(?:subscribe|rate|review|follow|share|leave|hit|smash|click|tap|give|write)`;
const CTA = new RegExp(`${CTA_LEAD}${CTA_VERB}\\b`, 'i');
const CTA_US = new RegExp(`${CTA_LEAD}(?:subscribe\\s+to|rate|review|follow)\\s+us\\b`, 'i');
/** What a call to action is about: the show itself, its ratings or where it is published. */
const CTA_OBJECT = new RegExp(
  String.raw`\b(?:the\s+${SHOW}|this\s+${SHOW}|our\s+${SHOW}|(?:a|five[- ]star|5[- ]star)\s+(?:review|rating)s?|(?:review|rating)s?\s+(?:on|in)\s+|five\s+stars|5\s+stars|the\s+(?:bell|notification\s+bell|like\s+button|subscribe\s+button)|notifications|(?:apple|google)\s+podcasts|spotify|itunes|youtube|patreon|wherever\s+you\s+(?:get|listen\s+to|find)\s+(?:your\s+)?(?:podcasts?|shows?)|(?:miss|catch)\s+(?:an?|the\s+next|another|future|new)\s+${SHOW}s?|new\s+${SHOW}s|(?:a|your)\s+comments?\s+(?:below|down\s+below)|in\s+the\s+comments)\b`,
  'i',
);
const PODCAST_WHERE = /\bwherever\s+you\s+(?:get|listen\s+to|find|download)\s+(?:your\s+)?(?:podcasts?|shows?)\b/i;
const OUTRO = new RegExp(String.raw`^(?:and\s+)?(?:thanks|thank\s+you)(?:\s+(?:so|very)\s+much)?(?:\s+(?:again|everyone|all|folks))?\s+for\s+(?:listening|watching|tuning\s+in|joining\s+us)(?:\s+(?:to|on|for)\s+(?:this|today'?s|the|our)\s+${SHOW})?(?=\s*(?:[.!,;]|$))`, 'i');
const LIKE_SUBSCRIBE = /\b(?:be\s+sure|make\s+sure|don['’]?t\s+forget|remember)\s+to\s+subscribe\b|\blike\s+and\s+subscribe\b|\bsubscribe\s+(?:to\s+(?:the|our|this)\s+(?:channel|podcast|show|newsletter)|and\s+(?:rate|review|hit|follow))\b/i;

// (d) Editorial meta-text: the document talking about itself.
/** The written document itself, and the events a transcript records (whose parts may be left out). */
const DOC = String.raw`(?:transcripts?|transcription|post|live\s?blog|blog|recording|article|write-?up|text|notes|coverage)`;
const EVENT = String.raw`(?:interview|conversation|session|talk|panel|discussion|episode|q&a|keynote|event|call|meeting)`;
const EDITED = /\b(?:(?:lightly\s+|has\s+been\s+|have\s+been\s+|was\s+|were\s+|been\s+)?(?:edited|condensed|abridged|shortened|trimmed)(?:\s+and\s+(?:edited|condensed))?\s+for\s+(?:length|clarity|brevity|space|readability)|(?:length|clarity|brevity)\s+and\s+(?:length|clarity|brevity))\b/i;
const TYPO_APOLOGY =
  /\b(?:excuse|forgive|pardon|ignore|apolog(?:i[sz]e|ies)\s+for)\s+(?:any|the|our|all)?\s*(?:typos?|typographical errors|spelling(?:\s+(?:errors|mistakes))?|errors|mistakes|inaccuracies|grammar)\b|\b(?:typos?|errors|mistakes)\s+(?:are|may\s+be)\s+(?:likely|inevitable|possible|expected)\b/i;
/** A part of the record as the subject: "this portion", "parts of this conversation", "the transcript". */
const PART = String.raw`(?:(?:this|that|the\s+following)\s+(?:portion|part|section|segment|exchange|discussion|q&a|answer|question)s?|(?:portions?|parts?|sections?|segments?|some|the\s+rest|the\s+remainder)\s+of\s+(?:this|the|our)\s+(?:${DOC}|${EVENT})|the\s+${DOC})`;
const OMITTED = new RegExp(
  String.raw`\b${PART}\b[^.!?]{0,80}\b(?:(?:was|were|is|are|has\s+been|have\s+been|been)\s+(?:omitted|removed|edited\s+out|excluded|not\s+(?:included|transcribed|recorded))|(?:does|do|did)\s*(?:n['’]t|\s+not)\s+(?:include|cover|contain)|(?:omits?|excludes?|leaves?\s+out|left\s+out)|(?:not|isn['’]t|aren['’]t)\s+(?:included|transcribed|available))\b` +
    String.raw`|\b(?:due\s+to|because\s+of)\s+(?:space|time|length)\s+(?:limitations?|constraints?|limits?)\b[^.!?]{0,80}\b(?:not\s+include|omit|left\s+out|n['’]t\s+include|excluded|removed|not\s+included|not\s+transcribed)`,
  'i',
);
/** "Please note that we are running these live ...": a note to the reader about how the text is made. */
const READER_NOTE = new RegExp(
  String.raw`^(?:please\s+)?(?:note|be\s+aware|bear\s+in\s+mind|keep\s+in\s+mind)\b[^.!?]{0,120}\b(?:this\s+${DOC}|the\s+${DOC}|(?:running|writing|posting|updating|typing)\s+(?:these|this|it)\s+live|live[- ]?blog|in\s+real[- ]time)`,
  'i',
);

/** More notes on how the record was made: "sorry for the typos", "the audio cut out here", "The following is a transcript of ...". */
const SORRY_TYPOS =
  /\b(?:sorry|apologies|apologi[sz]e|we\s+apologi[sz]e)\s+(?:in\s+advance\s+)?(?:for|about)\s+(?:any|the|our|all)?\s*(?:typos?|typographical\s+errors|spelling(?:\s+(?:errors|mistakes))?|errors|mistakes|inaccuracies|formatting)\b/i;
const PARTS_OMITTED = /^(?:some\s+|certain\s+)?(?:portions|parts|sections|segments|questions|answers|passages)\s+(?:have|has|were|was)\s+been\s+(?:omitted|removed|edited\s+out|cut)\b|^(?:some\s+|certain\s+)?(?:portions|parts|sections|segments|passages)\s+(?:have|has|were|was)\s+(?:omitted|removed|edited\s+out|cut)\b/i;
/** "Due to space limitations, ...": only a written text has space to lack. */
const SPACE_LIMITS = /^(?:due\s+to|because\s+of|owing\s+to|for\s+reasons\s+of)\s+(?:space|length)(?:\s+(?:limitations?|constraints?|limits?|reasons))?\b/i;
const AUDIO_GAP =
  /\b(?:the\s+|our\s+|my\s+|your\s+)?(?:audio|recording|sound|feed|stream|video|connection|livestream|mic(?:rophone)?)\s+(?:briefly\s+|then\s+)?(?:cut|cuts|cutting|dropped|drops|went|goes|cut\s+off|was\s+(?:lost|garbled|inaudible|unclear)|is\s+(?:garbled|inaudible|unclear))(?:\s+(?:out|off))?\b[^.!?]{0,40}\b(?:here|at\s+this\s+point|for\s+(?:a|about|several|the\s+next)\b|briefly|momentarily)/i;
const DOC_INTRO = new RegExp(
  String.raw`^(?:the\s+following|what\s+follows|below|this)\s+(?:is|are)\s+(?:an?\s+|the\s+)?(?:(?:lightly|heavily)\s+)?(?:(?:edited|full|partial|complete|rough|unedited|automated|machine[- ]generated|condensed|abridged|official)\s+)*(?:${DOC}|excerpts?|recap|summary|highlights|translation)\s+(?:of|from)\b`,
  'i',
);
const AUTO_TRANSCRIPT =
  /\b(?:transcripts?|transcription|captions?|subtitles?)\s+(?:was|were|is|are|has\s+been|have\s+been|may\s+(?:be|have\s+been))\s+(?:automatically\s+|machine[- ]|computer[- ]|auto[- ]|ai[- ])(?:generated|produced|created|transcribed)\b|\b(?:transcripts?|transcription|captions?)\s+may\s+(?:contain|include|have)\s+(?:errors|mistakes|inaccuracies|typos)\b/i;
/** A live blog talking about its own making: the delay, the Wi-Fi, the updates still to come. */
const LIVE_NOTE = new RegExp(
  String.raw`\b(?:sorry|apologies|apologi[sz]e)\s+(?:in\s+advance\s+)?(?:for|about)\s+(?:the|any|our|these)?\s*(?:delays?|lag|gaps?|late\s+updates?|slow\s+updates?|connectivity|connection|wi-?fi|(?:photo|image|picture)\s+quality|blurry\s+(?:photos|images|pictures|slides))\b` +
    String.raw`|\b(?:this|the)\s+(?:post|page|article|live\s?blog|story|${DOC})\s+(?:will\s+be|is\s+being|may\s+be|gets)\s+updated\b` +
    String.raw`|\bstay\s+tuned\s+for\s+(?:more\s+)?(?:updates|coverage)\b|^(?:so\s+|and\s+)?stay\s+tuned\b|\bwe['’]?ll\s+(?:keep\s+)?updat(?:e|ing)\s+(?:this|the)\s+(?:post|page|article|live\s?blog|story)\b|\bcheck\s+back\s+(?:later|soon|shortly)\s+for\b|\brefresh\s+(?:the\s+page\s+|this\s+page\s+)?for\s+(?:the\s+latest|updates|more)\b`,
  'i',
);
/**
 * A post's own change log: "Added two photos and fixed a name.", "This entry has been updated with
 * the final figures." Subjectless (the note's writer is the post's) or with the post as subject.
 */
const CHANGE_NOTE =
  /^(?:(?:this\s+(?:post|story|article|entry|page|live\s?blog)\s+(?:has\s+been|was|is)\s+)|(?:update|correction|edit)\s*[:—–-]\s*)?(?:added|fixed|corrected|updated|amended|clarified)\s+(?:with\s+)?[^.!?]{0,100}\b(?:quotes?|quotations?|spellings?|misspellings?|typos?|names?|photos?|pictures?|images?|links?|figures?|numbers?|details|headline|title|captions?|errors?|mistakes?)\b/i;
/** Thanks to the readers who wrote in: the post talking to its audience about itself. */
const READER_THANKS = /^(?:and\s+)?(?:many\s+)?thanks?(?:\s+you)?\s+to\s+(?:the\s+|all\s+the\s+|our\s+|everyone\s+|those\s+)?(?:readers?|commenters?|everyone|those)\s+who\s+(?:wrote|emailed|messaged|pointed|spotted|sent|got\s+in\s+touch)\b/i;
/** "Follow @handle for live photos": a call to follow the writer or the show on a network. */
const FOLLOW_HANDLE = new RegExp(String.raw`${CTA_LEAD}(?:follow|find)\s+(?:(?:us|me|him|her|them)\s+)?(?:on\s+\w+\s+)?(?:at\s+)?@[A-Za-z0-9_.]{2,}`, 'i');

/** A bracketed or labelled note from the editor: "[Editor's note: ...]", "Ed. note: ...". */
const EDITOR_NOTE = /^[\[(]?\s*(?:editor['’]?s['’]?\s+note|editorial\s+note|ed\.?\s+note|note\s+from\s+the\s+editors?|note\s+to\s+readers)\s*[:—–-]/i;

// (e) Sign-offs: the host closing the show rather than saying anything about its subject.
const SIGN_OFF = new RegExp(
  String.raw`^(?:(?:and|so|well|okay|ok|alright|all\s+right|anyway|right)[,!.]?\s+)*(?:` +
    String.raw`that['’]?s\s+(?:all|it|about\s+it|everything|our\s+${SHOW}|all\s+(?:we|the\s+time\s+we)\s+have(?:\s+time)?(?:\s+for)?)(?:\s+(?:for|from)\s+(?:today|tonight|now|us|me|this\s+(?:week|time|episode|one|hour|month|edition)|(?:this|today['’]?s)\s+${SHOW}))` +
    String.raw`|that['’]?s\s+(?:all|it|our\s+${SHOW})\s+(?:we\s+have\s+)?(?:for\s+)?(?:today|tonight|this\s+week)` +
    String.raw`|that['’]?s\s+all\s+we\s+have\s+time\s+for|that['’]?s\s+our\s+${SHOW}` +
    String.raw`|(?:see|catch|talk\s+to|hear\s+from)\s+(?:you|y['’]?all|everyone|everybody)\s+(?:all\s+|guys\s+)?(?:next\s+(?:week|time|month|episode|year|season)|in\s+the\s+next\s+(?:one|episode|video|${SHOW})|on\s+the\s+next\s+(?:one|episode|${SHOW})|soon|then|again\s+soon|around)` +
    String.raw`|until\s+next\s+(?:time|week|month|episode)` +
    String.raw`|(?:thank\s+you|thanks)(?:,?\s+(?:all|everyone|everybody|folks))?,?\s+and\s+see\s+you\s+(?:all\s+)?(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next\s+\w+)` +
    String.raw`|that['’]?s\s+(?:the\s+end\s+of|it\s+for)\s+(?:the|this|our|today['’]?s)\s+(?:${SHOW}|${EVENT}|live\s?blog|coverage)` +
    String.raw`|(?:i\s+think\s+)?(?:that['’]?s|this\s+is|that\s+(?:is|seems\s+like))\s+an?\s+(?:good|great|nice|perfect)\s+(?:place|point|note|spot)\s+to\s+(?:leave\s+it|stop|end|wrap(?:\s+(?:it\s+)?up)?|finish|close)` +
    String.raw`|(?:let['’]?s|we['’]?ll|we\s+will|we\s+have\s+to|we['’]?re\s+going\s+to)\s+(?:have\s+to\s+)?(?:leave\s+it\s+there|wrap\s+(?:it\s+)?up\s+there|stop\s+there|end\s+it\s+there|call\s+it\s+a\s+day)` +
    String.raw`|you['’]?(?:ve|\s+have)\s+been\s+(?:listening\s+to|watching)\b` +
    String.raw`|(?:take\s+care|bye\s+for\s+now|goodbye|good\s*night),?\s+(?:everyone|everybody|all|folks|and\s+see\s+you)` +
    `)`,
  'iu',
);
/** "This has been Field Notes": a show's name, capitalised, so case matters here. */
const THIS_HAS_BEEN = /^(?:[Aa]nd\s+)?[Tt]his\s+has\s+been\s+(?:another\s+(?:episode|edition)\s+of\s+|an?\s+\p{Lu}[\p{L}'’-]*\s+production\b|\p{Lu})/u;

// (f) The emcee introducing the guests: a frame that hands over the stage.
const INTRO =
  /\b(?:welcome\s+(?:back\s+)?to\s+(?:the|our)\s+(?:show|podcast|program(?:me)?|stage|studio|panel|conversation)|we(?:['’]re|\s+are)\s+(?:(?:so|very|really)\s+)?(?:joined|lucky\s+to\s+be\s+joined|delighted\s+to\s+be\s+joined)\s+(?:next\s+|now\s+|today\s+|tonight\s+|this\s+(?:morning|afternoon|evening)\s+|here\s+|on\s+stage\s+)*by|joining\s+us\s+(?:next\s+|now\s+|today\s+|tonight\s+|on\s+(?:the\s+)?stage\s+)*(?:is|are)|please\s+join\s+me\s+in\s+(?:welcoming|giving|a\s+warm\s+welcome)|(?:please|let['’]?s|let\s+us)\s+(?:all\s+)?(?:welcome|give\s+(?:a\s+(?:warm|big|huge|round\s+of)\s+\w*|it\s+up)|put\s+your\s+hands\s+together)|give\s+it\s+up\s+for|a\s+(?:warm|big|huge)\s+(?:welcome|round\s+of\s+applause)\s+(?:to|for)|(?:welcome|welcoming)\s+(?:\w+\s+){0,6}?to\s+the\s+stage|(?:our|the)\s+next\s+(?:speaker|guest|panel(?:ist)?s?|presenter|keynote(?:\s+speaker)?)\s+(?:needs|need|is|are|has|comes|joins)|needs?\s+no\s+introduction|(?:it['’]?s|it\s+is)\s+(?:my|our|a)\s+(?:great\s+|real\s+|distinct\s+)?(?:pleasure|honou?r|privilege)\s+to\s+(?:introduce|welcome|present)|(?:i['’]?m|i\s+am|we['’]?re|we\s+are)\s+(?:so\s+|very\s+|really\s+)?(?:delighted|pleased|thrilled|excited|honou?red|happy|proud)\s+to\s+(?:introduce|welcome|present)|without\s+further\s+ado)\b/i;
/** "Hello and welcome to Quiet Rooms": the host opening the show. */
const SHOW_OPENING =
  /^(?:(?:hello|hi|hey|good\s+(?:morning|afternoon|evening))(?:\s+(?:everyone|everybody|folks|all|there))?[,!.]?\s+)?(?:and\s+)?welcome\s+(?:back\s+)?(?:everyone\s+|everybody\s+)?to\s+(?:another\s+episode\s+of\s+|episode\s+\d+\s+of\s+|this\s+week['’]?s\s+|the\s+)?(\p{L})/iu;
/** The show's name is capitalised ("welcome to Quiet Rooms"), unlike "welcome to the neighbourhood". */
const showOpening = (s: string) => {
  const m = SHOW_OPENING.exec(s);
  if (!m || m[1] !== m[1]!.toUpperCase() || m[1] === m[1]!.toLowerCase()) return false;
  // "Welcome to Marseille" opens travel writing too: a greeting, "back", an episode or the show named as one.
  return /^(?:hello|hi|hey|good)\b|\bwelcome\s+back\b|\bepisode\b/i.test(s) || new RegExp(String.raw`\b(?:the|a|our|this)\s+(?:\w+\s+)?${SHOW}\b`, 'i').test(s);
};
/** Thanks that say nothing else: "Tom, thank you so much.", "Thanks for having me." */
const BARE_THANKS =
  /^(?:(?:and|well|so|okay|great)[,]?\s+)?(?:\p{Lu}[\p{L}'’-]*,\s+)?(?:thank\s+you|thanks)(?:\s+(?:so|very)\s+much)?(?:\s+(?:again|both|all|guys|everyone|everybody|folks|you\s+two))?(?:\s+(?:so|very)\s+much)?(?:\s+again)?(?:,?\s+\p{Lu}[\p{L}'’-]*)?(?:\s+for\s+(?:having\s+me|having\s+us|joining\s+(?:us|me)|coming(?:\s+on)?|being\s+(?:here|with\s+us|on\s+the\s+show)|your\s+time)(?:\s+(?:today|tonight|on\s+the\s+show))?)?(?:,?\s+\p{Lu}[\p{L}'’-]*)?[.!]?$/iu;
/** Small talk that carries no content: "Yeah.", "Okay, bye!", "That was fun." */
const PHATIC =
  /^(?:(?:yeah|yes|yep|okay|ok|alright|all\s+right|great|cool|awesome|bye(?:-bye)?|cheers|thanks|likewise|you\s+too|my\s+pleasure|of\s+course|absolutely|wonderful|perfect)[,!.]?\s*)+$|^(?:that|it|this)\s+was\s+(?:(?:so|really|such)\s+)?(?:a\s+lot\s+of\s+)?(?:fun|great|awesome|wonderful|a\s+pleasure|a\s+blast|a\s+treat)[.!]?$/i;
/** "If you enjoyed this episode, ...": the lead of a call to pass the show on. */
const IF_YOU_ENJOYED =
  /^(?:and\s+|so\s+)?if\s+you\s+(?:have\s+)?(?:liked|enjoyed|like|enjoy|found\s+\w+\s+(?:useful|helpful|interesting))\s+(?:this|today['’]?s|the|our)\s+(?:episode|show|podcast|video|post|article|newsletter|conversation|interview|content)\b/i;
/** "I'm Priya Das.": the host's own name, right after the opening. */
const SELF_NAME = /^(?:and\s+)?I['’]?m\s+(?:your\s+host,?\s+)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}[.!]?$/u;

/** Third-person career facts, the stuff of a bio read out before a welcome. */
const BIO =
  /\b(?:ceo|cto|cfo|coo|cpo|chief\s+\w+\s+officer|founder|co-?founder|president|chair(?:man|woman|person)?|partner|director|professor|head\s+of|vp|vice\s+president|board|fellow|author\s+of|previously|prior\s+to\s+(?:that|joining)|before\s+(?:that|joining)|joined|founded|co-?founded|served\s+as|helped\s+(?:build|grow|found|start|lead)|led|leads|graduated|ph\.?d|degree|holds?\s+an?|employees|spent\s+\w+\s+years)\b/i;
const FIRST_PERSON = /\b(?:I|I['’](?:m|ve|d|ll)|my|me|we|our|us)\b/;
const isBio = (s: string) => s.length <= 400 && BIO.test(s) && !FIRST_PERSON.test(s.replace(/\bwe['’]?re\s+joined\b|\bjoin\s+me\b/gi, '')) && !/\?["”’]?$/.test(s);

export type AsideKind = 'sponsor' | 'call to action' | 'editorial' | 'sign-off' | 'introduction';

/** Which aside a sentence is on its own, if any (a sponsor read's continuation needs the run, see dropAsides). */
export function asideKind(sentence: string): AsideKind | undefined {
  const s = sentence.trim();
  if (s.length > 600) return undefined;
  // Every sentence of a document is asked this, and most are asides of no kind. Each unanchored rule
  // below needs one of a few whole words (see GATE_WORDS) before it can match, so the sentence's
  // words are looked up once and a rule none of whose words occur skips its regex.
  const gate = gates(s);
  if ((gate & G_SPONSOR && SPONSOR_FRAME.test(s)) || (gate & G_CODE && offerCode(s))) return 'sponsor';
  if ((gate & G_WHEREVER && PODCAST_WHERE.test(s)) || (gate & G_SUBSCRIBE && LIKE_SUBSCRIBE.test(s)) || (s.length <= 120 && OUTRO.test(s))) return 'call to action';
  if (gate & G_CTA && (CTA_US.test(s) || (CTA.test(s) && CTA_OBJECT.test(s))) && s.split(/\s+/).length <= 40) return 'call to action';
  if ((gate & G_EDITED && EDITED.test(s)) || (gate & G_TYPO && TYPO_APOLOGY.test(s)) || (gate & G_OMITTED && OMITTED.test(s)) || READER_NOTE.test(s)) return 'editorial';
  if ((gate & G_SORRY && SORRY_TYPOS.test(s)) || PARTS_OMITTED.test(s) || SPACE_LIMITS.test(s) || DOC_INTRO.test(s) || (gate & G_AUTO && AUTO_TRANSCRIPT.test(s)) || EDITOR_NOTE.test(s)) return 'editorial';
  if (s.length <= 300 && ((gate & G_AUDIO && AUDIO_GAP.test(s)) || (gate & G_LIVE && LIVE_NOTE.test(s)) || CHANGE_NOTE.test(s) || READER_THANKS.test(s))) return 'editorial';
  if (s.length <= 200 && s.includes('@') && FOLLOW_HANDLE.test(s)) return 'call to action';
  if (s.length <= 160 && (SIGN_OFF.test(s) || THIS_HAS_BEEN.test(s))) return 'sign-off';
  if (s.length <= 400 && ((gate & G_INTRO && INTRO.test(s)) || showOpening(s))) return 'introduction';
  if (s.length <= 300 && IF_YOU_ENJOYED.test(s)) return 'call to action';
  return undefined;
}

const G_SPONSOR = 1;
const G_CODE = 2;
const G_WHEREVER = 4;
const G_SUBSCRIBE = 8;
const G_CTA = 16;
const G_EDITED = 32;
const G_TYPO = 64;
const G_OMITTED = 128;
const G_SORRY = 256;
const G_AUTO = 512;
const G_AUDIO = 1024;
const G_LIVE = 2048;
const G_INTRO = 4096;
/**
 * For each gated rule, whole words one of which every match of the rule contains, each standing
 * between word boundaries there (\b, a space, a line end). The rules are /i without /u: only ASCII
 * letters match their letters and \b is ASCII, so the words are the text's [A-Za-z0-9_] runs, lower-cased.
 */
const GATE_WORDS: [number, string][] = [
  [G_SPONSOR, 'brought sponsored supported presented made powered underwritten sponsor sponsors word message'],
  [G_CODE, 'code'],
  [G_WHEREVER, 'wherever'],
  [G_SUBSCRIBE, 'subscribe'],
  [G_CTA, 'subscribe rate review follow share leave hit smash click tap give write'],
  [G_EDITED, 'length clarity brevity space readability'],
  [G_TYPO, 'excuse forgive pardon ignore apologise apologize apologies typo typos errors mistakes'],
  [G_OMITTED, 'omitted removed out excluded included transcribed recorded include cover contain omit omits exclude excludes available due because'],
  [G_SORRY, 'sorry apologies apologise apologize'],
  [G_AUTO, 'transcript transcripts transcription caption captions subtitle subtitles'],
  [G_AUDIO, 'audio recording sound feed stream video connection livestream mic microphone'],
  [G_LIVE, 'sorry apologies apologise apologize updated stay update updating check refresh'],
  [G_INTRO, 'welcome welcoming joined joining please lets let give warm big huge next need needs pleasure honor honour privilege delighted pleased thrilled excited honored honoured happy proud without'],
];
const GATE = new Map<string, number>();
for (const [bit, words] of GATE_WORDS) for (const w of words.split(' ')) GATE.set(w, (GATE.get(w) ?? 0) | bit);
const GATE_LONGEST = Math.max(...[...GATE.keys()].map((w) => w.length));
const ASCII_WORD = /\w+/g;
/** The gated rules whose words the sentence holds, as bits. */
function gates(s: string): number {
  let bits = 0;
  for (const m of s.match(ASCII_WORD) ?? []) bits |= GATE.get(m.length <= GATE_LONGEST ? m.toLowerCase() : '') ?? 0;
  return bits;
}

/** "Welcome, Dana and Tomas!": the greeting that closes an introduction. */
const WELCOME = /^(?:a\s+(?:warm\s+|big\s+)?)?welcome\b[^.!?]{0,60}[.!]?$/i;

/**
 * An emcee's introduction is a run: the bio read out just before the welcome and the career facts
 * just after it belong to the introduction, and are dropped with it only when they are attached to
 * one (the same voice, the same section, no first person), so a profile elsewhere in a text stays.
 */
function introductionRuns(sentences: Sentence[], kinds: (AsideKind | undefined)[]): Set<number> {
  const drop = new Set<number>();
  const same = (a: Sentence, b: Sentence) => a.speaker === b.speaker && a.section === b.section;
  kinds.forEach((k, i) => {
    if (k !== 'introduction') return;
    drop.add(i);
    const s = sentences[i]!;
    for (let j = i - 1, n = 0; j >= 0 && n < 8 && same(sentences[j]!, s) && isBio(sentences[j]!.text); j--, n++) drop.add(j);
    for (let j = i + 1, n = 0; j < sentences.length && n < 8 && same(sentences[j]!, s); j++, n++) {
      const t = sentences[j]!.text;
      if (kinds[j] === 'introduction' || isBio(t) || (t.length <= 80 && (WELCOME.test(t) || SELF_NAME.test(t)))) drop.add(j);
      else break;
    }
    // Between two frames of one introduction ("We're joined by X ... Please welcome X"), the emcee
    // reads the guests' companies and careers: every third-person statement there belongs to it.
    for (let j = i + 1; j < sentences.length && j - i <= 10 && same(sentences[j]!, s); j++) {
      if (kinds[j] === 'introduction') {
        for (let k = i + 1; k < j; k++) drop.add(k);
        break;
      }
      if (FIRST_PERSON.test(sentences[j]!.text) || /\?["”’]?$/.test(sentences[j]!.text)) break;
    }
  });
  return drop;
}

/** True for a sentence that carries on an advert already under way: an offer, or the brand named again. */
function continuesAd(s: string, brands: string[]): boolean {
  // Within a read, a shouted token after "code" is the promo code repeated ("..., code BEES10").
  if (offerCode(s) || OFFER_WEAK.test(s) || /\bcode\s+(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,}\b/.test(s)) return true;
  // A brand of several words is named again by its first one ("Fernleaf Seeds" ... "Fernleaf sends"), capitalised.
  const heads = brands.flatMap((b) => (/^\p{Lu}\p{Ll}{3,}\s+\p{Lu}/u.test(b) ? [b.split(/\s+/)[0]!] : []));
  if (heads.some((h) => new RegExp(`(?<![\\p{L}\\p{N}])${h}(?![\\p{L}\\p{N}])`, 'u').test(s))) return true;
  return brands.some((b) => new RegExp(`(?<![\\p{L}\\p{N}])${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').test(s));
}

/**
 * Drops asides from a document's sentences. A sponsor read is a run: it starts at a sentence with
 * the advertising frame or a strong offer, takes the sentences after it that pitch the offer or name
 * the brand again, and ends where the same voice returns to the topic (or another voice speaks).
 */
export function dropAsides(sentences: Sentence[]): Sentence[] {
  const out: Sentence[] = [];
  let inAd = false;
  let brands: string[] = [];
  let prev: Sentence | undefined;
  const kinds = sentences.map((s) => asideKind(s.text));
  const intro = introductionRuns(sentences, kinds);
  let noteClose: string | undefined;
  // Thanks exchanged at the very end ("Tom, thank you so much." "Thank you for having me.") are the
  // goodbye, not the conversation; the same words at the start or in the middle may answer something.
  // Short remarks among them ("That was fun." "Yeah.") go too, but never open the goodbye.
  const closing = new Set<number>();
  let first = sentences.length;
  for (let j = sentences.length - 1; j >= 0; j--) {
    const t = sentences[j]!.text;
    if (kinds[j] === 'sign-off' || kinds[j] === 'call to action' || (t.length <= 80 && BARE_THANKS.test(t))) first = j;
    else if (!PHATIC.test(t)) break;
  }
  for (let j = first; j < sentences.length; j++) closing.add(j);
  for (const [i, s] of sentences.entries()) {
    if (inAd && prev && (prev.speaker !== s.speaker || prev.section !== s.section)) inAd = false;
    prev = s;
    if (intro.has(i) || closing.has(i)) continue;
    // A bracketed editor's note may run over several sentences: it ends at its closing bracket.
    if (noteClose) {
      if (s.text.includes(noteClose)) noteClose = undefined;
      continue;
    }
    const kind = kinds[i];
    if (kind === 'editorial' && EDITOR_NOTE.test(s.text)) {
      const open = /^\s*([\[(])/.exec(s.text)?.[1];
      const close = open === '[' ? ']' : open === '(' ? ')' : undefined;
      if (close && !s.text.includes(close)) noteClose = close;
      continue;
    }
    if (kind === 'sponsor') {
      if (!inAd) brands = [];
      inAd = true;
      const b = FRAME_BRAND.exec(s.text)?.[1]?.replace(/[.,]$/, '');
      if (b && b.length >= 3) brands.push(b);
      continue;
    }
    if (inAd && continuesAd(s.text, brands)) continue;
    inAd = false;
    if (kind) continue;
    out.push(s);
  }
  return out;
}

// (c) Show notes, link lists and chapter lists: runs of lines that are addresses, not prose.
const URL = /(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|co|fm|app|ai|dev|edu|gov|uk|de|fr)(?:\/\S*)?/gi;
const TS = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}`;
/** "00:00 Intro", "(12:34) - Why budgets fail", "1:02:03 — Q&A": a chapter marker with a short title. */
const CHAPTER = new RegExp(String.raw`^[\[(]?${TS}[\])]?\s*(?:[-–—:|]\s*)?([^:]{1,80})$`);

function isLinkLine(line: string): boolean {
  const t = line.trim().replace(/^(?:[-*•●▪◦]|\d{1,2}[.)])\s+/, '');
  if (!t || t.length > 200) return false;
  const urls = t.match(URL);
  if (!urls) return false;
  // What is left besides the addresses: a short label ("Name: url", "Book title (url)"), not a sentence.
  const rest = t.replace(URL, ' ').replace(/[\s:()[\]<>|,–—-]+/g, ' ').trim();
  return rest.split(/\s+/).filter(Boolean).length <= 8 && !/[.!?]["”’]?\s+\p{Lu}/u.test(rest);
}
/** A production credit in show notes: "Music: X by Y", "Produced by A. Edited by B.", "Artwork: C". */
const CREDIT = /^(?:(?:theme\s+)?music|artwork|cover\s+art|logo|sound\s+design|(?:executive\s+)?produc(?:ed|er|tion)|edit(?:ed|or|ing)|mix(?:ed|ing)|master(?:ed|ing)|engineer(?:ed|ing)?|recorded|hosted|transcri(?:bed|ption)|research(?:ed)?)\b[^.!?]{0,20}?(?:\s+by|\s*:)\s+\S[^!?]{0,100}$/i;
function isCreditLine(line: string): boolean {
  const t = line.trim().replace(/^(?:[-*•●▪◦]|\d{1,2}[.)])\s+/, '');
  if (!t || t.length > 200) return false;
  // Several credits may share a line ("Produced by A. Edited by B."); a sentence of prose among them is not one.
  const parts = t.split(/(?<=[.;])\s+(?=\p{Lu})/u).map((p) => p.replace(/[.;]$/, ''));
  return parts.every((p) => CREDIT.test(p) && p.split(/\s+/).length <= 16);
}
function isChapterLine(line: string): boolean {
  const m = CHAPTER.exec(line.trim());
  if (!m) return false;
  const title = m[1]!.trim();
  // A title, not a spoken line: capitalised, short, no sentence punctuation at its end, no speaker label.
  return /^[\p{Lu}\p{N}"“]/u.test(title) && title.split(/\s+/).length <= 12 && !/[.!?]["”’]?$/.test(title);
}
const seconds = (line: string) => {
  const m = new RegExp(TS).exec(line)![0].split(':').map(Number);
  return m.reduce((acc, x) => acc * 60 + x, 0);
};
/**
 * Chapters are minutes apart and in order; caption fragments ("0:03 about the budget and") come
 * seconds apart, so a run whose markers are close together is speech, not a chapter list.
 */
function isChapterRun(run: string[]): boolean {
  const t = run.map(seconds);
  const gaps = t.slice(1).map((x, i) => x - t[i]!);
  if (gaps.some((g) => g <= 0)) return false;
  return gaps.reduce((a, b) => a + b, 0) / gaps.length >= 30;
}

/** A heading that introduces show notes or links ("Show notes", "Links mentioned:", "Chapters"). */
const NOTES_LABEL = /^#{0,3}\s*(?:episode\s+|show\s+)?(?:show\s*notes|links?(?:\s+(?:mentioned|from\s+(?:the|this)\s+\w+|we\s+mentioned))?|resources(?:\s+mentioned)?|references|chapters|timestamps|mentioned\s+in\s+(?:this|the)\s+\w+)\s*:?\s*$/i;

/**
 * Blanks runs of show-note lines (two or more link lines, or three or more chapter markers) and the
 * label above them. Runs on raw lines, before timestamps are stripped from transcript lines, since a
 * chapter list is recognised by its timestamps. A lone link line inside prose stays.
 */
export function removeShowNotes(input: string[]): string[] {
  const lines = input.slice();
  const drop = new Array<boolean>(lines.length).fill(false);
  const rules: [(l: string) => boolean, number, (run: string[]) => boolean][] = [
    [(l) => isLinkLine(l) || isCreditLine(l), 2, (run) => run.some(isLinkLine) || run.filter(isCreditLine).length >= 2],
    [isChapterLine, 3, isChapterRun],
  ];
  for (const [test, min, valid] of rules) {
    for (let i = 0; i < lines.length; ) {
      if (!test(lines[i]!)) {
        i++;
        continue;
      }
      // Blank lines inside a list are allowed: show notes are often spaced out.
      let e = i;
      let last = i;
      let count = 0;
      while (e < lines.length && (test(lines[e]!) || !lines[e]!.trim())) {
        if (lines[e]!.trim()) {
          count++;
          last = e;
        }
        e++;
      }
      if (count >= min && valid(lines.slice(i, last + 1).filter((l) => l.trim()))) {
        for (let k = i; k <= last; k++) drop[k] = true;
        let j = i - 1;
        while (j >= 0 && !lines[j]!.trim()) j--;
        if (j >= 0 && NOTES_LABEL.test(lines[j]!.trim())) drop[j] = true;
      }
      i = last + 1;
    }
  }
  return lines.map((l, i) => (drop[i] ? '' : l));
}
