import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/ui/alert';
import { AuthLayout } from '../_components/auth-layout';
import { cachedCurrentUser } from '../_lib/request-cache';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('verifyEmail'))('metaTitle') };
}

/**
 * Where a verification link lands after Better Auth checked it (/api/auth/verify-email):
 * `status=verified` when the address is (now or already) confirmed, with `error=…` added when the
 * link is invalid or expired. The page only reports; it changes nothing.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const [t, user] = await Promise.all([getTranslations('verifyEmail'), cachedCurrentUser()]);
  const failed = query.error !== undefined;
  const verified = !failed && query.status === 'verified';
  const next = user ? (
    <Link href="/dashboard" className="font-medium underline">
      {t('continue')}
    </Link>
  ) : (
    <Link href="/sign-in" className="font-medium underline">
      {t('signIn')}
    </Link>
  );
  const [tone, title, body] = failed
    ? (['error', t('invalidTitle'), t('invalidBody')] as const)
    : verified
      ? (['success', t('verifiedTitle'), t('verifiedBody')] as const)
      : (['info', t('missingTitle'), t('missingBody')] as const);
  return (
    <AuthLayout title={title}>
      <Alert tone={tone}>
        <p data-testid="verify-outcome">{body}</p>
        <p className="mt-2">{next}</p>
      </Alert>
    </AuthLayout>
  );
}
