import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { can } from '@/modules/kernel';
import { listCategories } from '@/modules/products';
import { cx, focusRing } from '@/ui/class-names';
import { cachedMemberCtx } from '../../../../_lib/request-cache';
import { ForbiddenNotice } from '../../forbidden-notice';
import { treeOrder } from '../category-tree';
import { ProductForm } from '../product-form';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('productsAdmin')]);
  return { title: t('new.metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** A new product (products:manage): its fields; variants come on its own page once it exists. */
export default async function NewProductPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, td] = await Promise.all([cachedMemberCtx(slug), getTranslations('productsAdmin'), getTranslations('dashboard')]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  if (!can(role, 'products:manage')) {
    return <ForbiddenNotice slug={slug} heading={t('new.title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
  }
  const categories = treeOrder((await listCategories(ctx)).data).map((c) => ({ id: c.id, name: c.name, depth: c.depth }));
  return (
    <div className="mx-auto max-w-5xl">
      <p className="text-sm">
        <Link href={`/dashboard/${slug}/products`} className={cx('text-indigo-700 underline-offset-2 hover:underline', focusRing)}>
          {t('edit.back')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">{t('new.title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('new.summary')}</p>
      <section aria-labelledby="product-form-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="product-form-title" className="mb-4 text-lg font-semibold text-slate-900">
          {t('edit.details')}
        </h2>
        <ProductForm slug={slug} product={null} categories={categories} />
      </section>
    </div>
  );
}
