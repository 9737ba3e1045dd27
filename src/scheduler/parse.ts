// Validation of what people type into `/daily subscribe`: a time of day and a time zone. Pure;
// bad input raises a UserError whose message says what would work.
import { UserError } from '../core/errors.js';
import { levenshtein } from '../core/text.js';

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
