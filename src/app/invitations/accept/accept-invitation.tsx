'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button, buttonClasses } from '@/ui/button';
import { type Role, roleLabels } from '../../_lib/labels';
import { api, call } from '@/app/_lib/api';

interface Accepted {
  organization: { slug: string; name: string };
  role: Role;
  memberId: string;
}

export function AcceptInvitation({ token, email }: { token: string; email: string }) {
  const [pending, setPending] = useState(false);
  const [accepted, setAccepted] = useState<Accepted | null>(null);
  const [error, setError] = useState<{ message: string; status: number } | null>(null);
  const successRef = useRef<HTMLAnchorElement>(null);

  async function accept() {
    setPending(true);
    setError(null);
    const result = await call(api.invitations.accept.$post({ json: { token } }));
    setPending(false);
    if (result.ok) {
      setAccepted(result.data);
      requestAnimationFrame(() => successRef.current?.focus());
      return;
    }
    setError({ message: result.error.message, status: result.status });
  }

  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;

  return (
    <div className="space-y-5">
      <LiveRegion politeness="assertive">
        {accepted ? (
          <Alert tone="success" title={`You joined ${accepted.organization.name}`}>
            Your role is {roleLabels[accepted.role] ?? accepted.role}.
          </Alert>
        ) : error ? (
          <Alert tone="error" title="The invitation could not be accepted">
            <p>{error.message}</p>
            {error.status === 404 ? (
              <p className="mt-2">
                Invitations work only for the email address they were sent to. You are signed in as{' '}
                <strong className="font-medium">{email}</strong>.
              </p>
            ) : null}
            {error.status === 401 ? (
              <p className="mt-2">
                <Link href={`/sign-in?next=${encodeURIComponent(here)}`} className="font-medium underline">
                  Sign in again
                </Link>
              </p>
            ) : null}
          </Alert>
        ) : null}
      </LiveRegion>

      {accepted ? (
        <Link ref={successRef} href={`/dashboard/${accepted.organization.slug}`} className={buttonClasses({ className: 'w-full' })}>
          Open the {accepted.organization.name} dashboard
        </Link>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            You are signed in as <strong className="font-medium text-slate-900">{email}</strong>. Accept to join the
            organization that invited you.
          </p>
          <Button className="w-full" onClick={accept} loading={pending} loadingText="Accepting…">
            Accept invitation
          </Button>
          <p className="text-center text-sm text-slate-600">
            <Link href="/dashboard" className="font-medium text-indigo-700 underline hover:text-indigo-900">
              Not now, go to my dashboard
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
