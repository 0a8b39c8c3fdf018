import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { env } from '@/lib/env';
import { AuthLayout } from '../_components/auth-layout';
import { ForgotPasswordForm } from './forgot-password-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('forgotPassword'))('metaTitle') };
}

/** Asks Better Auth for a reset link; the answer is the same whether or not the address has an account. */
export default async function ForgotPasswordPage() {
  const t = await getTranslations('forgotPassword');
  return (
    <AuthLayout
      title={t('title')}
      intro={t('intro')}
      footer={
        <Link href="/sign-in" className="font-medium text-indigo-700 underline hover:text-indigo-900">
          {t('backToSignIn')}
        </Link>
      }
    >
      {/* Without SMTP_URL no email leaves the server: the page says so instead of "check your email". */}
      <ForgotPasswordForm mailDelivered={Boolean(env().SMTP_URL)} />
    </AuthLayout>
  );
}
