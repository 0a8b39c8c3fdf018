import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { can } from '@/modules/kernel';
import { listMembers } from '@/modules/organizations';
import { listTiers } from '@/modules/tiers';
import { Badge } from '@/ui/badge';
import { buttonClasses } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import { formatDate } from '../../_lib/format';
import { pageNumber } from '../../_lib/list-query';
import { Invitations } from './invitations';
import { MemberActions } from './member-actions';
import { TierSelect } from './tier-select';
import { ForbiddenNotice } from '../forbidden-notice';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 20;

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('dashboard.team')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

export default async function TeamPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const page = pageNumber((await searchParams).page);
  const [ctx, t, tt, ti, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('dashboard'), getTranslations('teamPage'), getTranslations('tiersPage'), getLocale()]);
  const tenant = ctx.tenant!;
  const actorRole = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const actorUserId = ctx.actor.type === 'user' ? ctx.actor.userId : null;
  // Role changes, removals and invitations are for members:manage; everyone else reads the list.
  const manages = !!actorRole && can(actorRole, 'members:manage');

  const managesTiers = !!actorRole && can(actorRole, 'tiers:manage');

  let result;
  let tiers;
  try {
    [result, tiers] = await Promise.all([listMembers(ctx, { page, pageSize: PAGE_SIZE }), listTiers(ctx, { page: 1, pageSize: 100 })]);
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return (
        <ForbiddenNotice slug={slug} heading={t('team.title')} title={t('team.forbiddenTitle')} body={t('team.forbiddenBody', { organization: tenant.name })} backLabel={t('common.backToOverview')} />
      );
    }
    throw err;
  }

  const { data, pagination } = result;
  const tierOptions = tiers.data.map((tier) => ({ id: tier.id, name: tier.name }));
  const href = (p: number) => `/dashboard/${slug}/team${p > 1 ? `?page=${p}` : ''}`;

  return (
    <div className="mx-auto max-w-5xl">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('team.title')}</h1>
          <p className="mt-1 text-sm text-slate-600">{t('team.summary', { count: pagination.total, timeZone: tenant.timezone })}</p>
        </div>
        {managesTiers || tiers.pagination.total > 0 ? (
          <Link href={`/dashboard/${slug}/tiers`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
            {managesTiers ? ti('member.manage') : ti('title')}
          </Link>
        ) : null}
      </header>

      {data.length === 0 ? (
        <EmptyState
          className="mt-6"
          title={pagination.total === 0 ? t('team.emptyTitle') : t('common.pageEmptyTitle')}
          description={pagination.total === 0 ? undefined : t('common.pageEmptyBody', { totalPages: pagination.totalPages })}
          action={
            pagination.total > 0 ? (
              <Link href={href(1)} className={buttonClasses({ variant: 'secondary' })}>
                {t('common.firstPage')}
              </Link>
            ) : undefined
          }
        />
      ) : (
        <div
          className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
          role="region"
          aria-labelledby="team-caption"
          tabIndex={0}
        >
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption id="team-caption" className="sr-only">
              {t('team.caption', { organization: tenant.name, page: pagination.page, totalPages: pagination.totalPages })}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t('team.name')}</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">{t('team.email')}</th>
                {/* Managers read the role in its select; on narrow screens the badge column folds away. */}
                <th scope="col" className={manages ? 'hidden px-4 py-3 font-semibold sm:table-cell' : 'px-4 py-3 font-semibold'}>{t('team.role')}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{ti('member.tier')}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t('team.twoFactor')}</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">{t('team.joined')}</th>
                {manages ? <th scope="col" className="px-4 py-3 font-semibold">{tt('actions')}</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.map((m) => (
                <tr key={m.id}>
                  <td className="px-4 py-3">
                    <span className="font-medium text-slate-900">{m.name}</span>
                    {/* On narrow screens the email and date columns fold into the name cell. */}
                    <span className="block break-all text-slate-600 sm:hidden">{m.email}</span>
                    <span className="block text-slate-600 md:hidden">
                      {t('team.joinedOn')} <time dateTime={m.joinedAt}>{formatDate(m.joinedAt, locale, tenant.timezone)}</time>
                    </span>
                  </td>
                  <td className="hidden px-4 py-3 break-all text-slate-700 sm:table-cell">{m.email}</td>
                  <td className={manages ? 'hidden px-4 py-3 sm:table-cell' : 'px-4 py-3'}>
                    <Badge tone={m.role === 'owner' || m.role === 'admin' ? 'brand' : 'neutral'}>{t(`roles.${m.role}`)}</Badge>
                  </td>
                  <td className="px-4 py-3 align-top" data-testid="member-tier">
                    {manages ? (
                      <TierSelect slug={slug} member={{ id: m.id, name: m.name, tierId: m.tier?.id ?? null }} tiers={tierOptions} />
                    ) : m.tier ? (
                      <Badge tone="brand">{m.tier.name}</Badge>
                    ) : (
                      <span className="text-slate-700">{ti('member.none')}</span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    {m.twoFactorEnabled ? <Badge tone="success">{t('common.yes')}</Badge> : <span className="text-slate-700">{t('common.no')}</span>}
                  </td>
                  <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 md:table-cell">
                    <time dateTime={m.joinedAt}>{formatDate(m.joinedAt, locale, tenant.timezone)}</time>
                  </td>
                  {manages && actorRole ? (
                    <td className="px-4 py-3 align-top">
                      <MemberActions slug={slug} member={{ id: m.id, name: m.name, role: m.role }} actorRole={actorRole} isSelf={m.userId === actorUserId} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination
        label={t('team.pagesLabel')}
        page={pagination.page}
        totalPages={pagination.totalPages}
        hasMore={pagination.hasMore}
        href={href}
        className="mt-4"
      />

      {manages ? <Invitations slug={slug} locale={locale} timeZone={tenant.timezone} /> : null}
    </div>
  );
}
