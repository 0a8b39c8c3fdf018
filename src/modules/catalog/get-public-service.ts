import { and, eq } from 'drizzle-orm';
import { services } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { isId } from '@/lib/ids';
import { type Ctx, tenantTx } from '@/modules/kernel';
import type { ContentLocale } from '@/db/enums';
import { contentLocaleOf } from './localize';
import { addonsByService, findPackage } from './packages';
import { presentPublicService } from './present';
import { findPublicOrganization, publicMaintenance, publicResourcesByService } from './queries';
import { idOrSlugSchema, type PublicService } from './schemas';

/** One active service by id or slug, as the public menu shows it. Archived or unknown → 404. */
export async function getPublicService(ctx: Ctx, slug: string, idOrSlug: string, lang?: ContentLocale): Promise<PublicService> {
  const org = await findPublicOrganization(ctx, slug);
  const language = { lang: lang ?? contentLocaleOf(org.locale), organizationLocale: org.locale };
  const parsed = idOrSlugSchema.safeParse(idOrSlug);
  if (!parsed.success) throw notFound('Service');
  const key = parsed.data;
  return tenantTx(
    ctx,
    async (tx) => {
      const [service] = await tx
        .select()
        .from(services)
        .where(and(eq(services.organizationId, org.id), eq(services.active, true), isId('service', key) ? eq(services.id, key) : eq(services.slug, key)));
      if (!service) throw notFound('Service');
      const eligible = (await publicResourcesByService(tx, org.id, [service.id])).get(service.id) ?? [];
      const maintenance = await publicMaintenance(tx, org.id, eligible, ctx.now);
      const pkg = await findPackage(tx, org.id, service.id);
      const addons = (await addonsByService(tx, org.id, [service.id], { activeOnly: true })).get(service.id) ?? [];
      return presentPublicService(service, eligible, language, { maintenance, now: ctx.now }, { pkg, addons });
    },
    org.id,
  );
}
