import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { can } from '@/modules/kernel';
import { listPromoCodes } from '@/modules/orders';
import { listCategories, listProducts } from '@/modules/products';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import type { SearchParams } from '../../_lib/list-query';
import { ForbiddenNotice } from '../forbidden-notice';
import { PromoCodesManager } from './promo-manager';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 50;

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('shopAdmin.promo')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** Promo codes (promotions:manage): the list with usage, a create/edit form, delete. */
export default async function PromoCodesPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const raw = (await searchParams).page;
  const parsed = Number.parseInt(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''), 10);
  const page = Number.isFinite(parsed) && parsed > 0 && parsed <= 10_000 ? parsed : 1;
  const [ctx, t, td, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('shopAdmin.promo'), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  let codes;
  try {
    codes = await listPromoCodes(ctx, { page, pageSize: PAGE_SIZE });
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return <ForbiddenNotice slug={slug} heading={t('title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
    }
    throw err;
  }
  // A scoped code picks its products or categories from the catalog (the first 100 of each).
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const choices = can(role, 'catalog:read')
    ? await Promise.all([listProducts(ctx, { page: 1, pageSize: 100 }), listCategories(ctx)]).then(([p, c]) => ({
        products: p.data.map((x) => ({ id: x.id, name: x.title })),
        categories: c.data.map((x) => ({ id: x.id, name: x.name })),
      }))
    : null;
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>
      <PromoCodesManager slug={slug} organization={tenant.name} currency={tenant.currency} zone={tenant.timezone} locale={locale} codes={codes.data} choices={choices} />
      <Pagination
        label={t('pagesLabel')}
        page={codes.pagination.page}
        totalPages={codes.pagination.totalPages}
        hasMore={codes.pagination.hasMore}
        href={(p) => `/dashboard/${slug}/promo-codes${p > 1 ? `?page=${p}` : ''}`}
        className="mt-4"
      />
    </div>
  );
}
