import 'server-only';
import { listResources } from '@/modules/catalog';
import { can, type Ctx } from '@/modules/kernel';
import type { VenueOption } from './event-form';

/** The spaces an event may take place in: the organization's active resources (the first hundred). */
export async function venueOptions(ctx: Ctx): Promise<VenueOption[]> {
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  if (!can(role, 'catalog:read')) return [];
  const page = await listResources(ctx, { page: 1, pageSize: 100, active: true });
  return page.data.map((r) => ({ id: r.id, name: r.name }));
}
