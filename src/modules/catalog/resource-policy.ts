/**
 * Rules on resources that need the database:
 *  - a resource linked to an account (userId) is linked to a member of this organization;
 *  - a resource that hosts a multi_day service keeps its check-in/check-out settings.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { members, resources, serviceResources, services } from '@/db/schema';
import { validationError } from '@/lib/errors';

export async function assertMemberUser(tx: Tx, organizationId: string, userId: string): Promise<void> {
  const [member] = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, organizationId), eq(members.userId, userId)));
  if (!member) {
    const message = 'must be the user id of a member of this organization';
    throw validationError(`Invalid resource: userId ${message}`, { fields: [{ path: 'userId', message }] });
  }
}

/** Called with the resource row locked, so a service cannot be switched to multi_day meanwhile. */
export async function assertNoMultiDayServices(tx: Tx, organizationId: string, resourceId: string): Promise<void> {
  const hosting = await tx
    .select({ name: services.name })
    .from(serviceResources)
    .innerJoin(services, and(eq(services.organizationId, serviceResources.organizationId), eq(services.id, serviceResources.serviceId)))
    .where(and(eq(serviceResources.organizationId, organizationId), eq(serviceResources.resourceId, resourceId), eq(services.bookingMode, 'multi_day')));
  if (hosting.length > 0) {
    const message = `is needed by multi_day services (${hosting.map((s) => s.name).join(', ')}); remove the resource from them first`;
    throw validationError(`Invalid resource: multiDay ${message}`, { fields: [{ path: 'multiDay', message }] });
  }
}

/** A resource named in a request body (not the path): unknown or another tenant's → 400 on that field. */
export async function assertResourceRef(tx: Tx, organizationId: string, resourceId: string, what: string): Promise<void> {
  const [found] = await tx
    .select({ id: resources.id })
    .from(resources)
    .where(and(eq(resources.organizationId, organizationId), eq(resources.id, resourceId)));
  if (!found) {
    const message = `no resource ${resourceId} in this organization`;
    throw validationError(`Invalid ${what}: resourceId ${message}`, { fields: [{ path: 'resourceId', message }] });
  }
}
