import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cachedCurrentUser, cachedMemberCtx } from '../../../_lib/request-cache';
import { PasswordForm } from './password-form';
import { TwoFactorPanel } from './two-factor-panel';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('accountPage');
  return { title: t('metaTitle') };
}

/** The signed-in person's own security settings: any member of any role reaches it. */
export default async function AccountPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, user, t] = await Promise.all([cachedMemberCtx(slug), cachedCurrentUser(), getTranslations('accountPage')]);
  const email = user?.email ?? (ctx.actor.type === 'user' ? ctx.actor.email : '');

  return (
    <div className="mx-auto max-w-3xl">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
        <p className="mt-1 text-sm break-all text-slate-600">{t('summary', { email })}</p>
      </header>
      <div className="mt-6 space-y-6">
        <PasswordForm />
        <TwoFactorPanel enabled={!!user?.twoFactorEnabled} email={email} />
      </div>
    </div>
  );
}
