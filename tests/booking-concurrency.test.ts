/**
 * The guarantee, under load: 200 parallel requests for overlapping times (three services of
 * different durations, starts offset by 15 minutes, all covering 10:30–10:45) on one resource
 * → exactly one 201, every other answer a 409, no 5xx. Then the same storm again, several
 * times, against the already-booked slot → all 409. Runs on PGlite (serialised) and, in CI,
 * on PostgreSQL with a 20-connection pool, where the requests really race.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { call, createOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { createResource, createService, setBusinessHours, weekdays } from './support/scheduling';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock('2026-06-01T12:00:00Z') });
});
afterAll(() => h.close());

const PARALLEL = 200;
const ROUNDS_AFTER = 3;

describe('no double booking under concurrency', () => {
  it(`${PARALLEL} parallel overlapping requests → exactly one booking, then only 409s`, { timeout: 240_000 }, async () => {
    const org = await createOrg(h);
    await setBusinessHours(h, org, weekdays([{ start: '08:00', end: '18:00' }]));
    const resource = await createResource(h, org, { name: 'Bay 1' });
    const services: { id: string }[] = [];
    for (const duration of [45, 60, 90]) {
      services.push(await createService(h, org, { durationMinutes: duration, slotIntervalMinutes: 15, resourceIds: [resource.id] }));
    }
    const starts = ['10:00', '10:15', '10:30'];
    const storm = () =>
      Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          call(h, `/api/v1/public/orgs/${org.slug}/bookings`, {
            body: {
              serviceId: services[i % 3]!.id,
              start: `2026-06-02T${starts[Math.floor(i / 3) % 3]}:00-05:00`,
              customer: { name: `Racer ${i}`, email: `racer${i}@example.test` },
            },
          }),
        ),
      );

    const first = await storm();
    const statuses = first.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(PARALLEL - 1);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    for (const r of first.filter((x) => x.status === 409)) expect(r.json.error.code).toBe('CONFLICT');

    for (let round = 0; round < ROUNDS_AFTER; round++) {
      const again = (await storm()).map((r) => r.status);
      expect(again.every((s) => s === 409), `round ${round + 2}: ${[...new Set(again)]}`).toBe(true);
    }

    const active = await h.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(bookings)
      .where(and(eq(bookings.organizationId, org.id), eq(bookings.resourceId, resource.id)));
    expect(active[0]?.n).toBe(1);
  });
});
