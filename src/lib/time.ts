/** Time-zone helpers with no domain knowledge. */

/** Longer than any IANA name (the longest is ~32 characters); checked before anything else. */
export const MAX_TIME_ZONE_LENGTH = 64;

const ZONE_SHAPE = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/;

// The runtime's canonical names by lower case (plus UTC, which Intl lists under Etc): a fixed,
// bounded set, built once.
let canonicalNames: Map<string, string> | null = null;
function known(): Map<string, string> {
  if (!canonicalNames) {
    canonicalNames = new Map(['UTC', ...Intl.supportedValuesOf('timeZone')].map((name) => [name.toLowerCase(), name]));
  }
  return canonicalNames;
}

// Names already confirmed valid. Only canonical spellings from `known` enter, so the cache is
// bounded by that list however many distinct strings callers send (a cache keyed by whatever
// arrived held every invalid or oddly-cased string ever asked about).
const confirmed = new Set<string>();

/**
 * The zone's canonical spelling (`america/new_york` → `America/New_York`, `utc` → `UTC`), or
 * null for anything the runtime does not know as an IANA zone (offsets, abbreviations, junk).
 * Aliases the runtime accepts but does not list (`US/Pacific`) are kept as given.
 */
export function canonicalTimeZone(zone: unknown): string | null {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > MAX_TIME_ZONE_LENGTH) return null;
  if (confirmed.has(zone)) return zone;
  if (!ZONE_SHAPE.test(zone)) return null;
  const listed = known().get(zone.toLowerCase());
  const name = listed ?? zone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return null;
  }
  if (listed) confirmed.add(listed);
  return name;
}

/** True for IANA zone names the runtime knows (e.g. America/Chicago); rejects offsets and abbreviations. */
export function isValidTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}

/** How many names the validity cache holds (tests prove it stays bounded). */
export function cachedTimeZoneNames(): readonly string[] {
  return [...confirmed];
}

/**
 * Local dates the app works with: the same years as the instants it accepts (2000–2200, with
 * room for a week around the ends). Luxon and PostgreSQL handle far more, but a date like
 * 9999-12-31 turns into year 10000 one day later, which neither ISO strings nor the pages
 * survive.
 */
export const MIN_LOCAL_DATE = '2000-01-01';
export const MAX_LOCAL_DATE = '2199-12-31';

/** "YYYY-MM-DD", a real calendar date, within MIN_LOCAL_DATE … MAX_LOCAL_DATE. */
export function isSupportedLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  if (value < MIN_LOCAL_DATE || value > MAX_LOCAL_DATE) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}
