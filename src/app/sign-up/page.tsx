import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthLayout } from '../_components/auth-layout';
import { cachedCurrentUser } from '../_lib/request-cache';
import { safeNextPath } from '../_lib/safe-next';
import { SignUpForm } from './sign-up-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signUp');
  return { title: t('metaTitle') };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  if (await cachedCurrentUser()) redirect(next);
  const signInHref = next === '/dashboard' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
  const t = await getTranslations('signUp');

  return (
    <AuthLayout
      title={t('title')}
      intro={t('intro')}
      footer={
        <>
          {t('haveAccount')}{' '}
          <Link href={signInHref} className="font-medium text-indigo-700 underline hover:text-indigo-900">
            {t('signIn')}
          </Link>
        </>
      }
    >
      <SignUpForm next={next} signInHref={signInHref} />
    </AuthLayout>
  );
}
