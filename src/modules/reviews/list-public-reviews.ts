/** What anyone may read: approved reviews only, with no personal data beyond "First L.". */
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { products, reviews, services } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { pageOffset, toPage } from '@/lib/pagination';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { presentPublicReview } from './present';
import { subjectNames, summaryOf } from './queries';
import type { FeaturedReviewsDto, PublicReviewPage, publicReviewsQuery } from './schemas';

type Query = z.output<typeof publicReviewsQuery>;

async function publicTenant(ctx: Ctx, slug: string) {
  const tenant = await findTenantBySlug(ctx.db, slug);
  if (!tenant) throw notFound('Organization');
  return tenant;
}

/** An active service's approved reviews: featured first, then newest; with its average and count. */
export async function listServiceReviews(ctx: Ctx, slug: string, serviceId: string, query: Query): Promise<PublicReviewPage> {
  const tenant = await publicTenant(ctx, slug);
  return tenantTx(
    ctx,
    async (tx) => {
      const [service] = await tx
        .select({ name: services.name, ratingCount: services.ratingCount, ratingSum: services.ratingSum })
        .from(services)
        .where(and(eq(services.organizationId, tenant.id), eq(services.id, serviceId), eq(services.active, true)));
      if (!service) throw notFound('Service');
      const where = and(eq(reviews.organizationId, tenant.id), eq(reviews.serviceId, serviceId), eq(reviews.status, 'approved'));
      return approvedPage(tx, where, service.name, summaryOf(service.ratingCount, service.ratingSum), query);
    },
    tenant.id,
  );
}

/** An active product's approved reviews, as for a service. */
export async function listProductReviews(ctx: Ctx, slug: string, productId: string, query: Query): Promise<PublicReviewPage> {
  const tenant = await publicTenant(ctx, slug);
  return tenantTx(
    ctx,
    async (tx) => {
      const [product] = await tx
        .select({ name: products.title, ratingCount: products.ratingCount, ratingSum: products.ratingSum })
        .from(products)
        .where(and(eq(products.organizationId, tenant.id), eq(products.id, productId), eq(products.status, 'active')));
      if (!product) throw notFound('Product');
      const where = and(eq(reviews.organizationId, tenant.id), eq(reviews.productId, productId), eq(reviews.status, 'approved'));
      return approvedPage(tx, where, product.name, summaryOf(product.ratingCount, product.ratingSum), query);
    },
    tenant.id,
  );
}

async function approvedPage(
  tx: Parameters<Parameters<typeof tenantTx>[1]>[0],
  where: ReturnType<typeof and>,
  subjectName: string,
  summary: ReturnType<typeof summaryOf>,
  query: Query,
): Promise<PublicReviewPage> {
  const { limit, offset } = pageOffset(query);
  const rows = await tx
    .select()
    .from(reviews)
    .where(where)
    .orderBy(desc(reviews.featured), desc(reviews.createdAt), desc(reviews.id))
    .limit(limit)
    .offset(offset);
  // The subject's counter is the number of approved reviews (kept under the review's lock): no count(*) per page.
  return { ...toPage(rows.map((r) => presentPublicReview(r, subjectName)), summary.count, query), summary };
}

/** The organization's featured reviews for its home page, newest first (at most 6). */
export async function listFeaturedReviews(ctx: Ctx, slug: string): Promise<FeaturedReviewsDto> {
  const tenant = await publicTenant(ctx, slug);
  return tenantTx(
    ctx,
    async (tx) => {
      const rows = await tx
        .select()
        .from(reviews)
        .where(and(eq(reviews.organizationId, tenant.id), eq(reviews.status, 'approved'), eq(reviews.featured, true)))
        .orderBy(desc(reviews.createdAt), desc(reviews.id))
        .limit(6);
      const names = await subjectNames(tx, tenant.id, rows);
      return { data: rows.map((r) => presentPublicReview(r, names.get((r.serviceId ?? r.productId)!) ?? '')) };
    },
    tenant.id,
  );
}
