// Time zone names for autocomplete: what was typed matched against IANA names and their cities.
const ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

/** Zones whose name starts with, then contains, what was typed (spaces standing for underscores). */
export function timezoneChoices(input: string, limit = 25): string[] {
  const q = input.trim().toLowerCase().replace(/ +/g, '_');
  if (!q) return ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'].slice(0, limit);
  const lower = (z: string) => z.toLowerCase();
  const city = (z: string) => lower(z).split('/').pop()!;
  const starts = ZONES.filter((z) => lower(z).startsWith(q) || city(z).startsWith(q));
  const contains = ZONES.filter((z) => !starts.includes(z) && lower(z).includes(q));
  return [...starts, ...contains].slice(0, limit);
}
