/** Time-zone helpers with no domain knowledge. */

const zoneCache = new Map<string, boolean>();

/** True for IANA zone names the runtime knows (e.g. America/Chicago); rejects offsets and abbreviations. */
export function isValidTimeZone(zone: string): boolean {
  const hit = zoneCache.get(zone);
  if (hit !== undefined) return hit;
  let ok = false;
  if (/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
  }
  zoneCache.set(zone, ok);
  return ok;
}
