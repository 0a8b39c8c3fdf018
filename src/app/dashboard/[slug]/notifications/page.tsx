import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { getNotificationSettings, inboxSchemas, listNotifications } from '@/modules/inbox';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import { NotificationList } from './notification-list';
import { NotificationSettingsForm } from './settings-form';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 20;

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('inbox.page')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

export default async function NotificationsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const [ctx, t, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('inbox.page'), getLocale()]);
  // A page number that is not one (?page=abc) shows the first page rather than an error.
  const parsed = inboxSchemas.listNotificationsQuery.safeParse({ page: query.page, pageSize: PAGE_SIZE, unread: query.unread });
  const filters = parsed.success ? parsed.data : { page: 1, pageSize: PAGE_SIZE, unread: undefined };
  const [list, settings] = await Promise.all([listNotifications(ctx, filters), getNotificationSettings(ctx)]);
  const href = (p: number) => `/dashboard/${slug}/notifications?page=${p}${filters.unread ? '&unread=true' : ''}`;
  return (
    <div className="mx-auto max-w-4xl space-y-10">
      <section aria-labelledby="inbox-title">
        <h1 id="inbox-title" className="text-2xl font-bold tracking-tight text-slate-900">
          {t('title')}
        </h1>
        <p className="mt-1 text-slate-700">{t('intro', { organization: ctx.tenant!.name })}</p>
        <NotificationList
          slug={slug}
          locale={locale}
          notifications={list.data}
          unread={list.unread}
          onlyUnread={filters.unread === true}
          page={list.pagination.page}
        />
        <Pagination label={t('pages')} page={list.pagination.page} totalPages={list.pagination.totalPages} hasMore={list.pagination.hasMore} href={href} className="mt-4" />
      </section>
      <section aria-labelledby="inbox-settings">
        <h2 id="inbox-settings" className="text-xl font-semibold text-slate-900">
          {t('settingsTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('settingsIntro')}</p>
        <NotificationSettingsForm slug={slug} initial={settings} />
      </section>
    </div>
  );
}
