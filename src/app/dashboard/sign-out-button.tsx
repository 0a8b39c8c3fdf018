'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button, type ButtonProps } from '@/ui/button';
import { callAuth } from '@/app/_lib/api';

export function SignOutButton({ variant = 'secondary', className }: { variant?: ButtonProps['variant']; className?: string }) {
  const t = useTranslations('dashboard.shell');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setPending(true);
    setError(null);
    const result = await callAuth('/api/auth/sign-out', {});
    // 401 means the session was already gone: the goal is reached either way.
    if (result.ok || result.status === 401) return window.location.assign('/');
    setPending(false);
    setError(result.error.message);
  }

  return (
    <div className={className}>
      <Button variant={variant} size="sm" onClick={signOut} loading={pending} loadingText={t('signingOut')}>
        {t('signOut')}
      </Button>
      <p aria-live="polite" className="text-xs text-red-700 empty:hidden">
        {error}
      </p>
    </div>
  );
}
