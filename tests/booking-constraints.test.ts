/**
 * The database's own guarantees, with the application's checks bypassed: raw inserts into
 * bookings on the owner connection. If a future code path forgets the advisory lock or the
 * overlap check, these still hold.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { withTenant } from '@/db/tenant';
import { createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { createResource, createService } from './support/scheduling';

let h: Harness;
let org: TestOrg;
let other: TestOrg;
let serviceId: string;
let resourceId: string;
let customerId: string;

beforeAll(async () => {
  h = await createHarness();
  org = await createOrg(h);
  other = await createOrg(h);
  resourceId = (await createResource(h, org)).id;
  serviceId = (await createService(h, org, { resourceIds: [resourceId] })).id;
  customerId = newId('customer');
  await h.database.db.execute(sql`insert into customers (id, organization_id, email, name) values (${customerId}, ${org.id}, 'raw@example.test', 'Raw')`);
});
afterAll(() => h.close());

function insertBooking(range: [string, string], opts: { status?: string; exclusive?: boolean; resource?: string; orgId?: string } = {}) {
  return h.database.db.execute(sql`
    insert into bookings (id, organization_id, service_id, resource_id, customer_id, status, starts_at, ends_at, blocked_range, exclusive, currency, source)
    values (${newId('booking')}, ${opts.orgId ?? org.id}, ${serviceId}, ${opts.resource ?? resourceId}, ${customerId}, ${opts.status ?? 'confirmed'},
            ${range[0]}::timestamptz, ${range[1]}::timestamptz, tstzrange(${range[0]}::timestamptz, ${range[1]}::timestamptz, '[)'),
            ${opts.exclusive ?? true}, 'USD', 'staff')`);
}

const failure = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => sqlState(err));

describe('bookings_no_overlap exclusion constraint', () => {
  it('refuses overlapping active exclusive bookings of one resource', async () => {
    await insertBooking(['2030-01-07T10:00Z', '2030-01-07T11:00Z']);
    expect(await failure(insertBooking(['2030-01-07T10:30Z', '2030-01-07T11:30Z']))).toBe('23P01');
    expect(await failure(insertBooking(['2030-01-07T09:00Z', '2030-01-07T12:00Z'], { status: 'pending' }))).toBe('23P01');
    // Touching ranges are fine: [10:00, 11:00) and [11:00, 12:00).
    expect(await failure(insertBooking(['2030-01-07T11:00Z', '2030-01-07T12:00Z']))).toBeNull();
  });

  it('ignores cancelled, rejected and finished bookings, and group (seat) bookings', async () => {
    await insertBooking(['2030-01-08T10:00Z', '2030-01-08T11:00Z'], { status: 'cancelled' });
    await insertBooking(['2030-01-08T10:00Z', '2030-01-08T11:00Z'], { status: 'rejected' });
    expect(await failure(insertBooking(['2030-01-08T10:00Z', '2030-01-08T11:00Z']))).toBeNull();
    expect(await failure(insertBooking(['2030-01-09T10:00Z', '2030-01-09T11:00Z'], { exclusive: false }))).toBeNull();
    expect(await failure(insertBooking(['2030-01-09T10:00Z', '2030-01-09T11:00Z'], { exclusive: false }))).toBeNull();
  });

  it('re-activating a cancelled booking into a taken range is refused too', async () => {
    await insertBooking(['2030-01-10T10:00Z', '2030-01-10T11:00Z']);
    await insertBooking(['2030-01-10T10:00Z', '2030-01-10T11:00Z'], { status: 'cancelled' });
    const err = await failure(
      h.database.db.execute(sql`update bookings set status = 'confirmed' where organization_id = ${org.id} and status = 'cancelled' and starts_at = '2030-01-10T10:00Z'`),
    );
    expect(err).toBe('23P01');
  });

  // Without the advisory lock the application takes, heavy contention on the exclusion check
  // alone stalls PostgreSQL 15 for seconds (the brief measured 35–67 s with deadlocks; a
  // 50-way race here took ~20 s). A modest race still proves the constraint decides.
  it('lets exactly one of 12 racing raw inserts through', { timeout: 60_000 }, async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => failure(insertBooking([`2030-01-11T10:${String(i * 5).padStart(2, '0')}Z`, '2030-01-11T11:30Z']))),
    );
    expect(results.filter((r) => r === null)).toHaveLength(1);
    const unexpected = results.filter((r) => r !== null && r !== '23P01' && r !== '40P01');
    expect(unexpected, `unexpected SQLSTATEs: ${unexpected.join(', ')}`).toEqual([]);
  });

  it('keeps references inside one tenant (composite foreign keys)', async () => {
    const foreignResource = (await createResource(h, other)).id;
    expect(await failure(insertBooking(['2030-02-01T10:00Z', '2030-02-01T11:00Z'], { resource: foreignResource }))).toBe('23503');
  });

  it('requires the blocked range to cover the booked time', async () => {
    const err = await failure(
      h.database.db.execute(sql`
        insert into bookings (id, organization_id, service_id, resource_id, customer_id, status, starts_at, ends_at, blocked_range, exclusive, currency, source)
        values (${newId('booking')}, ${org.id}, ${serviceId}, ${resourceId}, ${customerId}, 'confirmed', '2030-03-01T10:00Z', '2030-03-01T11:00Z',
                tstzrange('2030-03-01T10:15Z', '2030-03-01T11:00Z', '[)'), true, 'USD', 'staff')`),
    );
    expect(err).toBe('23514');
  });
});

describe('app_busy_intervals', () => {
  it("answers only for the organization the transaction is scoped to", async () => {
    await insertBooking(['2030-04-01T10:00Z', '2030-04-01T11:00Z']);
    const query = (scope: string) =>
      withTenant(h.database.db, { organizationId: scope }, (tx) =>
        tx.execute(sql`select * from app_busy_intervals(${org.id}, ${`{${resourceId}}`}::text[], '2030-04-01T00:00Z', '2030-04-02T00:00Z', null)`),
      ) as Promise<unknown> as Promise<{ rows: { exclusive_count: number }[] }>;
    expect((await query(org.id)).rows).toEqual([expect.objectContaining({ resource_id: resourceId, exclusive_count: 1 })]);
    expect((await query(other.id)).rows).toEqual([]);
    expect((await query('')).rows).toEqual([]);
  });
});
