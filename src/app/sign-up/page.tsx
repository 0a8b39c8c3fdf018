import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthLayout } from '../_components/auth-layout';
import { cachedCurrentUser } from '../_lib/request-cache';
import { safeNextPath } from '../_lib/safe-next';
import { SignUpForm } from './sign-up-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  if (await cachedCurrentUser()) redirect(next);
  const signInHref = next === '/dashboard' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;

  return (
    <AuthLayout
      title="Create your Bookline account"
      intro="Free and open source. You can create an organization right after."
      footer={
        <>
          Already have an account?{' '}
          <Link href={signInHref} className="font-medium text-indigo-700 underline hover:text-indigo-900">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm next={next} />
    </AuthLayout>
  );
}
