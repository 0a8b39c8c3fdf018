import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/ui/alert';
import { AuthLayout } from '../_components/auth-layout';
import { ResetPasswordForm } from './reset-password-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('resetPassword'))('metaTitle') };
}

/**
 * The reset email's link reaches this page through Better Auth's check
 * (/api/auth/reset-password/<token>), which adds `token` when it is valid and
 * `error=INVALID_TOKEN` when it is not (used, expired, unknown). The token is checked again,
 * and spent, when the new password is saved.
 */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const t = await getTranslations('resetPassword');
  const token = typeof query.token === 'string' && /^[A-Za-z0-9_-]{1,256}$/.test(query.token) ? query.token : null;
  const failed = typeof query.error === 'string' || (query.token !== undefined && !token);
  const askAgain = (
    <Link href="/forgot-password" className="font-medium underline">
      {t('askAgain')}
    </Link>
  );
  return (
    <AuthLayout title={t('title')}>
      {failed ? (
        <Alert tone="error" title={t('invalidTitle')}>
          <p data-testid="reset-invalid">{t('invalidBody')}</p>
          <p className="mt-2">{askAgain}</p>
        </Alert>
      ) : token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <Alert tone="info" title={t('missingTitle')}>
          <p>{t('missingBody')}</p>
          <p className="mt-2">{askAgain}</p>
        </Alert>
      )}
    </AuthLayout>
  );
}
