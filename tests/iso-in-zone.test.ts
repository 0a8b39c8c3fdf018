/**
 * toIsoInZone (scheduling/find-slots.ts) caches a zone's offset per UTC hour instead of asking
 * Luxon every time: it must write exactly what Luxon writes, across DST transitions (both
 * directions, half-hour and 45-minute offsets), milliseconds, historic fractional offsets,
 * the "UTC" zone and years Luxon writes in extended form.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { toIsoInZone } from '@/modules/scheduling';

const luxon = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
const ZONES = ['America/New_York', 'Europe/Madrid', 'America/Panama', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham', 'Europe/London', 'UTC', 'Etc/UTC', 'Africa/Casablanca'];

describe('toIsoInZone', () => {
  it('matches Luxon minute by minute across the 2026 DST transitions', () => {
    const transitions = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-04-05T02:00:00Z', '2026-10-04T02:00:00Z', '2026-04-05T14:00:00Z'];
    for (const zone of ZONES) {
      for (const at of transitions) {
        const t = Date.parse(at);
        for (let ms = t - 3 * 3_600_000; ms <= t + 3 * 3_600_000; ms += 60_000) expect(toIsoInZone(ms, zone), `${zone} ${ms}`).toBe(luxon(ms, zone));
      }
    }
  });

  it('matches Luxon on random instants from 1850 to 2200, milliseconds and all, twice (cached)', () => {
    let seed = 17;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const from = Date.parse('1850-01-01T00:00:00Z');
    const to = Date.parse('2200-01-01T00:00:00Z');
    for (let i = 0; i < 4_000; i++) {
      const ms = Math.floor(from + random() * (to - from));
      const zone = ZONES[i % ZONES.length]!;
      expect(toIsoInZone(ms, zone), `${zone} ${ms}`).toBe(luxon(ms, zone));
      expect(toIsoInZone(ms, zone), `${zone} ${ms} again`).toBe(luxon(ms, zone));
    }
  });

  it('leaves the extended years and the UTC zone to Luxon', () => {
    for (const ms of [Date.parse('0999-12-31T23:59:59Z'), Date.parse('+010000-01-01T00:00:00Z'), 0, Date.parse('2026-06-01T12:00:00.250Z')]) {
      for (const zone of ZONES) expect(toIsoInZone(ms, zone), `${zone} ${ms}`).toBe(luxon(ms, zone));
    }
    expect(toIsoInZone(Date.parse('2026-06-01T12:00:00Z'), 'UTC')).toBe('2026-06-01T12:00:00Z');
    expect(toIsoInZone(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
  });
});
