import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '@/db/schema';
import { newId } from '@/lib/ids';
import { deliverOutbox } from '@/modules/kernel';
import { call, createOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('outbox delivery', () => {
  it('delivers after commit, and retries with backoff when the handler fails', async () => {
    const org = await createOrg(h);
    await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: 'out@example.test', role: 'staff' } });
    const [row] = await h.database.db.select().from(outbox).where(eq(outbox.organizationId, org.id));
    const now = new Date(Date.now() + 1000);

    const failing = { 'email.invitation': async () => Promise.reject(new Error('smtp down')) };
    // Other files' rows may be due too (shared PostgreSQL): deliver and look at ours only, so a
    // handler set without their topics never marks their messages failed.
    await deliverOutbox(h.database.db, failing, now, 1000, { organizationId: org.id });
    const [afterFail] = await h.database.db.select().from(outbox).where(eq(outbox.id, row!.id));
    expect(afterFail).toMatchObject({ status: 'pending', attempts: 1, lastError: 'smtp down' });
    expect(afterFail!.availableAt.getTime()).toBeGreaterThan(now.getTime());

    const sent: unknown[] = [];
    const later = new Date(now.getTime() + 3600_000);
    await deliverOutbox(h.database.db, { 'email.invitation': async (m) => void sent.push(m.payload.to) }, later, 1000, { organizationId: org.id });
    const [afterSend] = await h.database.db.select().from(outbox).where(eq(outbox.id, row!.id));
    expect(afterSend).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sent).toContain('out@example.test');
  });

  it('delivers messages written at the same instant in the order they were written (by id), whatever order the table returns them in', async () => {
    const org = await createOrg(h);
    const at = new Date(Date.now() - 1000);
    // Ids in write order, inserted last-first: the table's own order is then the reverse.
    const ids = Array.from({ length: 30 }, () => newId('outbox'));
    for (const id of [...ids].reverse()) {
      await h.database.db.insert(outbox).values({ id, organizationId: org.id, topic: 'email.invitation', payload: { n: id }, createdAt: at, availableAt: at });
    }
    const order: unknown[] = [];
    await deliverOutbox(h.database.db, { 'email.invitation': async (m) => void order.push(m.payload.n) }, new Date(), 1000, { organizationId: org.id });
    expect(order).toEqual(ids);
  });
});
