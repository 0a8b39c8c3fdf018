import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { listOwnVerificationMail } from '@/modules/notifications';
import { Alert } from '@/ui/alert';
import { cachedCurrentUser, cachedEnrolmentMemberCtx } from '../../../_lib/request-cache';
import { EmailVerificationPanel } from './email-verification-panel';
import { PasswordForm } from './password-form';
import { TwoFactorPanel } from './two-factor-panel';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ twoFactor?: string | string[] }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('accountPage');
  return { title: t('metaTitle') };
}

/**
 * The signed-in person's own security settings: any member of any role reaches it, including
 * an owner or admin the organization's two-factor policy keeps out of every other page — they
 * are sent here to enrol, told why, and shown the way in once they have.
 */
export default async function AccountPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const [{ ctx, twoFactor }, user, t, query] = await Promise.all([
    cachedEnrolmentMemberCtx(slug),
    cachedCurrentUser(),
    getTranslations('accountPage'),
    searchParams,
  ]);
  const email = user?.email ?? (ctx.actor.type === 'user' ? ctx.actor.email : '');
  const verified = !!user?.emailVerified;
  // Confirmation emails this server kept instead of sending (no SMTP): only the person's own.
  const [tv, locale, caught] = await Promise.all([getTranslations('accountVerification'), getLocale(), verified ? [] : listOwnVerificationMail(ctx)]);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.tenant?.timezone ?? 'UTC' });
  const caughtLinks = caught.flatMap((m) => (m.link ? [{ id: m.id, link: m.link, label: tv('caughtOpen', { subject: m.subject, date: when.format(new Date(m.createdAt)) }) }] : []));
  const organization = ctx.tenant?.name ?? '';
  const sentToEnrol = query.twoFactor === 'required';

  return (
    <div className="mx-auto max-w-3xl">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
        <p className="mt-1 text-sm break-all text-slate-600">{t('summary', { email })}</p>
      </header>
      {twoFactor === 'enrolment_required' ? (
        <Alert tone="warning" title={t('policy.requiredTitle', { organization })} className="mt-6">
          <p data-testid="two-factor-required">{t('policy.requiredBody', { organization })}</p>
        </Alert>
      ) : null}
      {twoFactor === 'enrolled' && sentToEnrol ? (
        <Alert tone="success" title={t('policy.doneTitle')} className="mt-6">
          <p>{t('policy.doneBody', { organization })}</p>
          <p className="mt-2">
            <Link href={`/dashboard/${slug}`} className="font-medium underline">
              {t('policy.continue', { organization })}
            </Link>
          </p>
        </Alert>
      ) : null}
      <div className="mt-6 space-y-6">
        <EmailVerificationPanel email={email} verified={verified} caught={caughtLinks} />
        <PasswordForm />
        <TwoFactorPanel enabled={!!user?.twoFactorEnabled} email={email} />
      </div>
    </div>
  );
}
