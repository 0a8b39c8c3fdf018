'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { callAuth } from '@/app/_lib/api';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * One answer for every address ("if an account exists, we sent a link"): the server gives the
 * same one, and so does this page, so neither tells who has an account.
 */
export function ForgotPasswordForm({ mailDelivered }: { mailDelivered: boolean }) {
  const t = useTranslations('forgotPassword');
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (sending) return;
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setFieldError(t('invalidEmail'));
      emailRef.current?.focus();
      return;
    }
    setFieldError(null);
    setError(null);
    setSending(true);
    const result = await callAuth('/api/auth/request-password-reset', { email: address, redirectTo: '/reset-password' });
    setSending(false);
    if (result.ok) {
      setSentTo(address);
      requestAnimationFrame(() => noticeRef.current?.focus());
      return;
    }
    if (result.status === 400) {
      setFieldError(t('invalidEmail'));
      emailRef.current?.focus();
      return;
    }
    setError(result.status === 429 ? t('rateLimited') : t('failed'));
  }

  if (sentTo) {
    return (
      <div ref={noticeRef} tabIndex={-1} className="space-y-4 outline-none" data-testid="reset-requested">
        <Alert tone={mailDelivered ? 'success' : 'warning'} title={t(mailDelivered ? 'sentTitle' : 'heldTitle')}>
          <p>{t(mailDelivered ? 'sentBody' : 'heldBody', { email: sentTo })}</p>
        </Alert>
        <button type="button" className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900" onClick={() => setSentTo(null)}>
          {t('again')}
        </button>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
      <TextField
        ref={emailRef}
        id="forgot-email"
        name="email"
        type="email"
        label={t('email')}
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={254}
        value={email}
        error={fieldError ?? undefined}
        onChange={(e) => setEmail(e.target.value)}
      />
      <Button type="submit" className="w-full" loading={sending} loadingText={t('sending')}>
        {t('submit')}
      </Button>
    </form>
  );
}
