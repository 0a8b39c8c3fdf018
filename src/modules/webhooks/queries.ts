import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { webhookEndpoints } from '@/db/schema';
import { notFound } from '@/lib/errors';

/** The endpoint of this organization, row-locked for a change; another organization's is a 404. */
export async function lockEndpoint(tx: Tx, organizationId: string, id: string) {
  const [row] = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, organizationId), eq(webhookEndpoints.id, id)))
    .for('no key update');
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

export async function findEndpoint(tx: Tx, organizationId: string, id: string) {
  const [row] = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, organizationId), eq(webhookEndpoints.id, id)));
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

export const endpointWhere = (organizationId: string, id: string) => and(eq(webhookEndpoints.organizationId, organizationId), eq(webhookEndpoints.id, id));
