import { organizations, members } from '@/db/schema';
import { conflict, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import type { z } from 'zod';
import { type Ctx, recordAudit, requireUser, tenantTx } from '@/modules/kernel';
import { presentOrganization } from './present';
import type { createOrganizationInput, OrganizationDto } from './schemas';
import { databaseTimeZone } from './time-zones';

/** A signed-in user creates an organization and becomes its owner. */
export async function createOrganization(ctx: Ctx, data: z.output<typeof createOrganizationInput>): Promise<OrganizationDto> {
  const user = requireUser(ctx);
  data.timezone = await databaseTimeZone(ctx.db, data.timezone, 'timezone', 'organization');
  const id = newId('organization');
  try {
    return await tenantTx(
      ctx,
      async (tx) => {
        const [org] = await tx
          .insert(organizations)
          .values({ id, ...data, createdAt: ctx.now, updatedAt: ctx.now })
          .returning();
        await tx.insert(members).values({
          id: newId('member'),
          organizationId: id,
          userId: user.userId,
          role: 'owner',
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        await recordAudit(tx, ctx, {
          organizationId: id,
          action: 'organization.created',
          entity: 'organization',
          entityId: id,
          changes: { after: data },
        });
        return presentOrganization(org!);
      },
      id,
    );
  } catch (err) {
    if (sqlState(err) === '23505') throw conflict(`The slug "${data.slug}" is taken.`, { field: 'slug' });
    throw err;
  }
}
