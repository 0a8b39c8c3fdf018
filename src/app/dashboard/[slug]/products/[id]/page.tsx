import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { can } from '@/modules/kernel';
import { getProduct, listCategories, listStockMovements } from '@/modules/products';
import { cx, focusRing } from '@/ui/class-names';
import { cachedMemberCtx } from '../../../../_lib/request-cache';
import { ForbiddenNotice } from '../../forbidden-notice';
import { treeOrder } from '../category-tree';
import { ProductForm } from '../product-form';
import { ProductStatusBadge } from '../status-badge';
import { DeleteProduct } from './delete-product';
import { StockPanel, type StockItemView } from './stock-panel';
import { VariantsManager } from './variants-manager';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string; id: string }>;
}

const MOVEMENTS_SHOWN = 10;

async function load(slug: string, id: string) {
  const ctx = await cachedMemberCtx(slug);
  try {
    return { ctx, product: await getProduct(ctx, id) };
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION')) notFound();
    if (isAppError(err) && err.code === 'FORBIDDEN') return { ctx, product: null };
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const [{ ctx, product }, t] = await Promise.all([load(slug, id), getTranslations('productsAdmin')]);
  return { title: t('edit.metaTitle', { title: product?.title ?? '', organization: ctx.tenant?.name ?? '' }) };
}

/** One product: its fields, its variants, and the stock items they draw on (adjust + movements). */
export default async function ProductPage({ params }: Props) {
  const { slug, id } = await params;
  const [{ ctx, product }, t, td, locale] = await Promise.all([load(slug, id), getTranslations('productsAdmin'), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  if (!product) {
    return <ForbiddenNotice slug={slug} heading={t('list.title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
  }
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const manage = can(role, 'products:manage');
  const categories = treeOrder((await listCategories(ctx)).data).map((c) => ({ id: c.id, name: c.name, depth: c.depth }));
  const items = new Map<string, StockItemView>();
  for (const v of product.variants) {
    const known = items.get(v.stockItem.id);
    if (known) known.variants.push(v.title);
    else items.set(v.stockItem.id, { ...v.stockItem, variants: [v.title], movements: [] });
  }
  await Promise.all(
    [...items.values()].map(async (item) => {
      item.movements = (await listStockMovements(ctx, item.id, { page: 1, pageSize: MOVEMENTS_SHOWN })).data;
    }),
  );

  return (
    <div className="mx-auto max-w-5xl">
      <p className="text-sm">
        <Link href={`/dashboard/${slug}/products`} className={cx('text-indigo-700 underline-offset-2 hover:underline', focusRing)}>
          {t('edit.back')}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight break-words text-slate-900">{product.title}</h1>
        <ProductStatusBadge status={product.status} label={t(`status.${product.status}`)} />
        {manage ? (
          <div className="ml-auto">
            <DeleteProduct slug={slug} productId={product.id} title={product.title} />
          </div>
        ) : null}
      </div>
      {product.status === 'active' ? (
        <p className="mt-1 text-sm">
          <Link href={`/${slug}/products/${product.slug}`} className={cx('text-indigo-700 underline-offset-2 hover:underline', focusRing)}>
            {t('edit.viewInShop')}
          </Link>
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-600">{t('edit.notPublic')}</p>
      )}

      <section aria-labelledby="product-form-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="product-form-title" className="mb-4 text-lg font-semibold text-slate-900">
          {t('edit.details')}
        </h2>
        <ProductForm slug={slug} product={product} categories={categories} readOnly={!manage} />
      </section>

      <section aria-labelledby="variants-title" className="mt-8">
        <h2 id="variants-title" className="text-lg font-semibold text-slate-900">
          {t('variants.heading')}
        </h2>
        <VariantsManager slug={slug} productId={product.id} currency={product.currency} locale={locale} variants={product.variants} manage={manage} />
      </section>

      {items.size > 0 ? (
        <section aria-labelledby="stock-title" className="mt-8">
          <h2 id="stock-title" className="text-lg font-semibold text-slate-900">
            {t('stock.heading')}
          </h2>
          <p className="mt-1 max-w-prose text-sm text-slate-600">{t('stock.summary')}</p>
          <div className="mt-4 space-y-4">
            {[...items.values()].map((item) => (
              <StockPanel key={item.id} slug={slug} item={item} locale={locale} zone={tenant.timezone} manage={manage} />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
