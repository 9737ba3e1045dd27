// Validation of what people type into `/daily subscribe`: a time of day, a time zone and the days
// to post on. Pure; bad input raises a UserError whose message says what would work. It lives in
// the protocol layer so the /daily command, the config check and the scheduler all read it
// downwards, never one layer up.
import { EVERY_DAY, WEEKDAYS, WEEKENDS, daySet, type DaySet, type Weekday } from './days.js';
import { UserError } from '../core/errors.js';
import { levenshtein } from '../core/search/text.js';

const TIME_EXAMPLES = 'Try 09:00, 9:30, 9am or 9:30 pm.';

/**
 * A time of day as 'HH:MM' (24h). Accepts '09:00', '9:00', '21:05', '9.30', '0900', '930', '9',
 * '9am', '9 AM', '9:30 pm', '12am' (00:00), '12pm' (12:00), 'noon', 'midnight'.
 */
export function parseTime(input: string): string {
  const raw = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!raw) throw new UserError(`Please give a time of day. ${TIME_EXAMPLES}`, 'bad_time');
  if (raw === 'noon' || raw === 'midday') return '12:00';
  if (raw === 'midnight') return '00:00';
  const m =
    /^(\d{1,2})(?:[:.h](\d{2}))? ?([ap])\.?m?\.?$/.exec(raw) ?? // 9am, 9:30 pm, 9.30p.m.
    /^(\d{1,2})(?:[:.h](\d{2}))?()$/.exec(raw) ?? // 9, 09:00, 21.05, 9h30
    /^(\d{1,2})(\d{2})()$/.exec(raw); // 0900, 930, 2105
  if (!m) throw new UserError(`"${input.trim()}" isn't a time I understand. ${TIME_EXAMPLES}`, 'bad_time');
  let hour = Number(m[1]);
  const minute = m[2] === undefined || m[2] === '' ? 0 : Number(m[2]);
  const meridiem = m[3];
  if (minute > 59 || (!meridiem && hour > 23)) {
    throw new UserError(`"${input.trim()}" isn't a valid time: hours go from 0 to 23 and minutes from 00 to 59. ${TIME_EXAMPLES}`, 'bad_time');
  }
  if (meridiem) {
    if (hour < 1 || hour > 12) {
      throw new UserError(`"${input.trim()}" isn't a valid time: with am/pm the hour goes from 1 to 12. ${TIME_EXAMPLES}`, 'bad_time');
    }
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

let zoneList: { name: string; lower: string; city: string }[] | undefined;

/** Every zone this runtime knows, plus UTC (which Node 20 leaves out of supportedValuesOf). */
function zones() {
  if (!zoneList) {
    const names = new Set(Intl.supportedValuesOf('timeZone'));
    names.add('UTC');
    zoneList = [...names].map((name) => ({
      name,
      lower: name.toLowerCase(),
      city: (name.split('/').pop() ?? name).toLowerCase().replace(/_/g, ' '),
    }));
  }
  return zoneList;
}

const UTC_ALIASES = new Set(['utc', 'gmt', 'z', 'zulu', 'etc/utc', 'etc/gmt', 'universal', 'etc/universal']);

/** The zone name the runtime resolves `name` to, or undefined if it doesn't know it. */
function resolveZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Up to `limit` known zone names close to what was typed (edit distance on name and city).
 * `loose` drops the closeness bar, for when nothing is close but the person still needs names.
 */
export function suggestTimezones(input: string, limit = 3, loose = false): string[] {
  const q = input.trim().toLowerCase().replace(/ /g, '_');
  const qCity = q.replace(/_/g, ' ');
  const typedCity = qCity.split('/').pop() ?? qCity;
  const ranked = zones()
    .map((z) => {
      const full = levenshtein(q, z.lower) / Math.max(q.length, z.lower.length);
      const city = levenshtein(typedCity, z.city) / Math.max(typedCity.length, z.city.length, 1);
      return { name: z.name, score: Math.min(full, city) };
    })
    .filter((s) => loose || s.score <= 0.4)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  if (loose) return ranked.slice(0, limit).map((s) => s.name);
  // Only names about as close as the best one: a clear winner comes alone.
  const best = ranked[0]?.score ?? 0;
  return ranked.filter((s) => s.score <= best + 0.1).slice(0, limit).map((s) => s.name);
}

/**
 * An IANA time zone name, matched case-insensitively ('europe/berlin' → 'Europe/Berlin'); spaces
 * may stand for underscores ('America/New York'); 'UTC' (and GMT, Z) is UTC; a bare city that
 * names exactly one zone ('Berlin') is accepted. Abbreviations such as EST or CET are refused:
 * they don't follow daylight saving the way the place does.
 */
export function parseTimezone(input: string): string {
  const raw = input.trim();
  if (!raw) throw new UserError('Please give a time zone, for example Europe/Berlin or America/New_York.', 'bad_timezone');
  const q = raw.toLowerCase().replace(/ +/g, '_');
  if (UTC_ALIASES.has(q)) return 'UTC';
  const listed = zones().find((z) => z.lower === q);
  if (listed) return listed.name;
  if (q.includes('/')) {
    // Aliases the runtime accepts but doesn't list (US/Eastern, Asia/Kolkata on older ICU).
    const resolved = resolveZone(raw.replace(/ +/g, '_'));
    if (resolved) return resolved;
  } else {
    const byCity = zones().filter((z) => z.name.includes('/') && z.city === q.replace(/_/g, ' '));
    if (byCity.length === 1) return byCity[0]!.name;
    if (/^[a-z]{2,5}$/i.test(raw) && raw === raw.toUpperCase()) {
      throw new UserError(
        `Please use a place name rather than the abbreviation "${raw}" (for example America/New_York or Europe/Berlin), so daylight saving is followed.`,
        'bad_timezone',
      );
    }
  }
  const close = suggestTimezones(raw);
  const nearest = close.length ? [] : suggestTimezones(raw, 3, true);
  throw new UserError(
    `I don't know the time zone "${raw}".` +
      (close.length
        ? ` Did you mean ${close.join(', ')}?`
        : ` The closest names I know are ${nearest.join(', ')}; zones are written like Europe/Berlin, America/New_York or UTC.`),
    'unknown_timezone',
  );
}

/** What free text after `/daily subscribe` sets; anything left out keeps its current value. */
export interface ScheduleWords {
  time?: string;
  timezone?: string;
  days?: DaySet;
  channel?: string;
}

/** Named day sets, tried before day names and ranges ("work-days" is not a range). */
const NAMED_DAYS: [RegExp, DaySet][] = [
  [/^(week-?days?|work-?days?|business-?days?)$/i, WEEKDAYS],
  [/^(week-?ends?)$/i, WEEKENDS],
  [/^(every-?day|daily|all)$/i, EVERY_DAY],
];
/** One day, by name or abbreviation, singular or plural ("mon", "tues", "Thursdays"). */
const DAY_NAME: [RegExp, Weekday][] = [
  [/^mon(day)?s?$/i, 1],
  [/^tues?(day)?s?$/i, 2],
  [/^weds?(nesday)?s?$/i, 3],
  [/^thu(rs?)?(day)?s?$/i, 4],
  [/^fri(day)?s?$/i, 5],
  [/^sat(urday)?s?$/i, 6],
  [/^sun(day)?s?$/i, 7],
];
const DAYS_EXAMPLES = 'Try every day, weekdays, weekends, a day such as saturday, a list such as mon,wed,fri or a range such as mon-thu.';

const dayName = (word: string): Weekday | undefined => DAY_NAME.find(([re]) => re.test(word))?.[1];

/** The days one comma-free piece names: a named set, a day, or a range; undefined if none. */
function dayItem(item: string): DaySet | undefined {
  const named = NAMED_DAYS.find(([re]) => re.test(item));
  if (named) return named[1];
  const day = dayName(item);
  if (day) return [day];
  const range = /^([^-–]+)[-–]([^-–]+)$/.exec(item);
  if (!range) return undefined;
  const [from, to] = [dayName(range[1]!), dayName(range[2]!)];
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined || to === undefined) throw new UserError(`"${item}" isn't a range of days I understand. ${DAYS_EXAMPLES}`, 'bad_days');
  // A range runs forward through the week, so fri-mon is Friday, Saturday, Sunday and Monday.
  const length = ((to - from + 7) % 7) + 1;
  return daySet(Array.from({ length }, (_, i) => ((from + i - 1) % 7) + 1));
}

/**
 * The days one word names ("weekends", "mon-thu", "mon,wed,fri", "sat,"), or undefined when it
 * is not about days at all. A list with a piece that is not a day is refused, saying so.
 */
function dayWord(word: string): DaySet | undefined {
  const items = word.split(',').filter(Boolean);
  if (!items.length) return undefined;
  const sets = items.map(dayItem);
  if (sets.every((d) => d === undefined)) return undefined;
  const bad = items.find((_, i) => sets[i] === undefined);
  if (bad !== undefined) throw new UserError(`"${bad}" in "${word}" isn't a day I understand. ${DAYS_EXAMPLES}`, 'bad_days');
  return daySet(sets.flatMap((d) => d ?? []));
}

/**
 * A set of days written out on its own (Discord's days option): "weekends", "every day",
 * "mon, wed and fri", "thu-sun". Refuses anything else, saying what would work.
 */
export function parseDays(input: string): DaySet {
  const words = input.trim().split(/[\s,]+/).filter(Boolean);
  const days = new Set<Weekday>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/^(and|on|&|or)$/i.test(w)) continue;
    if (/^every$/i.test(w) && /^days?$/i.test(words[i + 1] ?? '')) {
      EVERY_DAY.forEach((d) => days.add(d));
      i++;
      continue;
    }
    const set = dayWord(w);
    if (!set) throw new UserError(`"${w}" isn't a day I understand. ${DAYS_EXAMPLES}`, 'bad_days');
    set.forEach((d) => days.add(d));
  }
  if (!days.size) throw new UserError(`Please say which days to post on. ${DAYS_EXAMPLES}`, 'bad_days');
  return daySet(days);
}
const TIME = /^(\d|noon$|midnight$|midday$)/i;
const MERIDIEM = /^(am|pm|a\.m\.|p\.m\.)$/i;
/** Words people put between the parts ("at 9 in Berlin on weekdays"). */
const FILLER = /^(at|in|on|and|&|,)$/i;

/** Where to find a channel on each platform, for a `#name` typed as plain text. */
const CHANNEL_HINTS: Record<string, (typed: string) => string> = {
  slack: (t) => `I could not read the channel "${t}". Pick it from Slack's # list so it becomes a link.`,
  discord: (t) => `I could not read the channel "${t}". Use the command's channel option and pick it from the list.`,
  terminal: (t) => `The terminal has one channel, this one, so leave out "${t}": daily excerpts are printed here.`,
};

/** The zone `words` name, or undefined (never throws). */
function knownZone(words: string): string | undefined {
  try {
    return parseTimezone(words);
  } catch {
    return undefined;
  }
}

/**
 * Free text after `/daily subscribe` (Slack, terminal): "9am Europe/Berlin weekdays #channel" in
 * any order. Each word is read by its shape: a time, a day set, a channel link, a filler word, or
 * part of a time zone; only neighbouring words that together name a zone are read as one
 * ("America/New York"), so a keyword is never glued into the zone. `platform` picks the hint for a
 * channel typed as plain text. Discord sends the same things as separate options.
 */
export function parseScheduleWords(text: string, platform: string | undefined): ScheduleWords {
  const out: ScheduleWords = {};
  const tokens = text.match(/<[^>]+>|\S+/g) ?? [];
  /** Runs of neighbouring words that are none of the other shapes: zone names. */
  const runs: string[][] = [];
  let lastZoneWord = -2;
  let days: DaySet | undefined;
  // "mon, wed and fri" arrives as several words: together they are one set.
  const addDays = (more: DaySet) => (out.days = daySet([...(out.days ?? []), ...more]));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const channel = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(t) ?? /^<#(\d+)>$/.exec(t);
    if (channel) out.channel = channel[1];
    else if (t.startsWith('#')) throw new UserError((CHANNEL_HINTS[platform ?? ''] ?? CHANNEL_HINTS.slack!)(t), 'bad_channel');
    else if (/^every$/i.test(t) && /^days?$/i.test(tokens[i + 1] ?? '')) {
      addDays(EVERY_DAY);
      i++;
    } else if ((days = dayWord(t))) addDays(days);
    else if (TIME.test(t)) {
      // "9:30 pm" arrives as two words.
      out.time = parseTime(MERIDIEM.test(tokens[i + 1] ?? '') ? `${t} ${tokens[++i]}` : t);
    } else if (!FILLER.test(t)) {
      if (lastZoneWord === i - 1) runs[runs.length - 1]!.push(t);
      else runs.push([t]);
      lastZoneWord = i;
    }
  }
  for (const words of runs) {
    // The longest stretch from each word that names a zone ("new york", "America/New York").
    for (let i = 0; i < words.length; ) {
      let end = words.length;
      let zone: string | undefined;
      for (; end > i && !(zone = knownZone(words.slice(i, end).join(' '))); end--);
      if (!zone) {
        const word = words[i]!;
        // A word shaped like a zone gets the zone's own answer, with the closest names.
        if (word.includes('/') || /^[A-Z]{2,5}$/.test(word) || suggestTimezones(word).length) parseTimezone(word);
        throw new UserError(
          `I don't know what "${word}" means here. /daily subscribe takes a time (9am), a time zone (Europe/Berlin), the days (weekdays, weekends, mon,wed,fri, every day)${platform === 'terminal' ? '' : ', and a #channel'}, in any order.`,
          'bad_schedule_word',
        );
      }
      if (out.timezone && out.timezone !== zone) {
        throw new UserError(`You gave two time zones, ${out.timezone} and ${zone}; please give one.`, 'two_timezones');
      }
      out.timezone = zone;
      i = end;
    }
  }
  return out;
}
