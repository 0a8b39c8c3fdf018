import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/ui/alert';
import { buttonClasses } from '@/ui/button';
import { AuthLayout } from '../../_components/auth-layout';
import { cachedCurrentUser } from '../../_lib/request-cache';
import { AcceptInvitation } from './accept-invitation';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Accept invitation', robots: { index: false } };

export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';

  if (!token) {
    return (
      <AuthLayout title="Invitation link incomplete">
        <Alert tone="error" title="This link has no invitation token">
          Open the link from your invitation email again, or copy the whole address into your browser.
        </Alert>
        <Link href="/" className={buttonClasses({ variant: 'secondary', className: 'mt-6 w-full' })}>
          Go to the home page
        </Link>
      </AuthLayout>
    );
  }

  const user = await cachedCurrentUser();
  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;

  if (!user) {
    const next = encodeURIComponent(here);
    return (
      <AuthLayout title="You’ve been invited">
        <p className="text-sm text-slate-700">
          Someone invited you to join their organization on Bookline. Sign in, or create an account, with the email
          address the invitation was sent to. You will come back here to accept it.
        </p>
        <div className="mt-6 flex flex-col gap-3">
          <Link href={`/sign-in?next=${next}`} className={buttonClasses({ className: 'w-full' })}>
            Sign in to accept
          </Link>
          <Link href={`/sign-up?next=${next}`} className={buttonClasses({ variant: 'secondary', className: 'w-full' })}>
            Create an account
          </Link>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Accept your invitation">
      <AcceptInvitation token={token} email={user.email} />
    </AuthLayout>
  );
}
