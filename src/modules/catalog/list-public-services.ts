import { and, eq } from 'drizzle-orm';
import { services } from '@/db/schema';
import { type Ctx, tenantTx } from '@/modules/kernel';
import type { ContentLocale } from '@/db/enums';
import { contentLocaleOf } from './localize';
import { addonsByService, packagesByService } from './packages';
import { presentPublicService } from './present';
import { findPublicOrganization, publicMaintenance, publicResourcesByService, serviceMenuOrder } from './queries';
import type { PublicServiceList } from './schemas';

/** A catalog has tens of services; the public menu is one page. */
const MAX_PUBLIC_SERVICES = 200;

/**
 * The public menu: active services (primary first, then the owner's order) with the active
 * resources that can perform them. Anyone may read it; no person's contact data appears.
 */
export async function listPublicServices(ctx: Ctx, slug: string, lang?: ContentLocale): Promise<PublicServiceList> {
  const org = await findPublicOrganization(ctx, slug);
  const language = { lang: lang ?? contentLocaleOf(org.locale), organizationLocale: org.locale };
  return tenantTx(
    ctx,
    async (tx) => {
      const rows = await tx
        .select()
        .from(services)
        .where(and(eq(services.organizationId, org.id), eq(services.active, true)))
        .orderBy(...serviceMenuOrder)
        .limit(MAX_PUBLIC_SERVICES);
      const eligible = await publicResourcesByService(tx, org.id, rows.map((s) => s.id));
      const maintenance = await publicMaintenance(tx, org.id, [...eligible.values()].flat(), ctx.now);
      const ids = rows.map((s) => s.id);
      const packages = await packagesByService(tx, org.id, ids);
      const addons = await addonsByService(tx, org.id, ids, { activeOnly: true });
      return {
        data: rows.map((s) =>
          presentPublicService(s, eligible.get(s.id) ?? [], language, { maintenance, now: ctx.now }, { pkg: packages.get(s.id) ?? null, addons: addons.get(s.id) ?? [] }),
        ),
      };
    },
    org.id,
  );
}
