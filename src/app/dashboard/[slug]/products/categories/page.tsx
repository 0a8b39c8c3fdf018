import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { can } from '@/modules/kernel';
import { listCategories } from '@/modules/products';
import { cx, focusRing } from '@/ui/class-names';
import { cachedMemberCtx } from '../../../../_lib/request-cache';
import { ForbiddenNotice } from '../../forbidden-notice';
import { treeOrder } from '../category-tree';
import { CategoriesManager } from './categories-manager';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('productsAdmin')]);
  return { title: t('categories.metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** The product categories as a tree: create (with a parent), rename, translate, delete. */
export default async function CategoriesPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, td] = await Promise.all([cachedMemberCtx(slug), getTranslations('productsAdmin'), getTranslations('dashboard')]);
  const tenant = ctx.tenant!;
  let list;
  try {
    list = await listCategories(ctx);
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return <ForbiddenNotice slug={slug} heading={t('categories.title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
    }
    throw err;
  }
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  return (
    <div className="mx-auto max-w-5xl">
      <p className="text-sm">
        <Link href={`/dashboard/${slug}/products`} className={cx('text-indigo-700 underline-offset-2 hover:underline', focusRing)}>
          {t('edit.back')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">{t('categories.title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('categories.summary')}</p>
      <CategoriesManager slug={slug} categories={treeOrder(list.data)} manage={can(role, 'products:manage')} />
    </div>
  );
}
