import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { can } from '@/modules/kernel';
import { cx, focusRing } from '@/ui/class-names';
import { cachedMemberCtx } from '../../../../_lib/request-cache';
import { ForbiddenNotice } from '../../forbidden-notice';
import { EventForm } from '../event-form';
import { venueOptions } from '../venues';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('eventsAdmin')]);
  return { title: t('new.metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** A new event (events:manage), created as a draft; ticket types and publishing come on its own page. */
export default async function NewEventPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, td] = await Promise.all([cachedMemberCtx(slug), getTranslations('eventsAdmin'), getTranslations('dashboard')]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  if (!can(role, 'events:manage')) {
    return <ForbiddenNotice slug={slug} heading={t('new.title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
  }
  const venues = await venueOptions(ctx);
  return (
    <div className="mx-auto max-w-5xl">
      <p className="text-sm">
        <Link href={`/dashboard/${slug}/events`} className={cx('text-indigo-700 underline-offset-2 hover:underline', focusRing)}>
          {t('edit.back')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">{t('new.title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('new.summary')}</p>
      <section aria-labelledby="event-form-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="event-form-title" className="mb-4 text-lg font-semibold text-slate-900">
          {t('edit.details')}
        </h2>
        <EventForm slug={slug} event={null} zone={tenant.timezone} venues={venues} />
      </section>
    </div>
  );
}
