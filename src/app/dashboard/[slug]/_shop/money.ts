/** Minor units ↔ what a person types: "12.50" ↔ 1250 (two decimals; the shop's currencies use cents). */
export function minorToInput(minor: number | null | undefined): string {
  if (minor === null || minor === undefined) return '';
  return (minor / 100).toFixed(2);
}

/** "12.5", "12,50" → 1250; empty → null; anything else → NaN (the form says so on the field). */
export function inputToMinor(text: string): number | null {
  const v = text.trim().replace(',', '.');
  if (v === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return Number.NaN;
  return Math.round(Number(v) * 100);
}

/** A percentage typed as "8.625" → parts per `scale` (ppm: 1e6 → 86250; basis points: 1e4 → 1000). */
export function percentToParts(text: string, scale: number): number {
  const v = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(v)) return Number.NaN;
  return Math.round((Number(v) * scale) / 100);
}

export function partsToPercent(parts: number, scale: number): string {
  return String(Number(((parts * 100) / scale).toFixed(4)));
}

/** "2026-06-01T09:00" on the wall clock of `timeZone` → the instant (ISO); empty → null. */
export function zonedInputToIso(value: string, timeZone: string): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(instant))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!) - instant;
  };
  // Twice: the offset at the guess may differ from the offset at the answer (a DST change between).
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant).toISOString();
}
