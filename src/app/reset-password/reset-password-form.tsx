'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { callAuth } from '@/app/_lib/api';

const MIN_PASSWORD = 8;
const MAX_PASSWORD = 128;

/** The new password, twice; a used or expired token turns the form into "ask for a new link". */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('resetPassword');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fields, setFields] = useState<{ password?: string; confirm?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [state, setState] = useState<'form' | 'invalid' | 'done'>('form');
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    const local: { password?: string; confirm?: string } = {};
    if (password.length < MIN_PASSWORD) local.password = t('tooShort', { min: MIN_PASSWORD });
    else if (password.length > MAX_PASSWORD) local.password = t('tooLong', { max: MAX_PASSWORD });
    if (confirm !== password) local.confirm = t('mismatch');
    setFields(local);
    if (local.password || local.confirm) {
      setError(t('fixFields'));
      (local.password ? passwordRef : confirmRef).current?.focus();
      return;
    }
    setError(null);
    setSaving(true);
    const result = await callAuth('/api/auth/reset-password', { token, newPassword: password });
    setSaving(false);
    if (result.ok) {
      setState('done');
      requestAnimationFrame(() => outcomeRef.current?.focus());
      return;
    }
    const authCode = (result.error.details as { authCode?: unknown } | undefined)?.authCode;
    if (authCode === 'INVALID_TOKEN' || authCode === 'USER_NOT_FOUND') {
      setState('invalid');
      requestAnimationFrame(() => outcomeRef.current?.focus());
      return;
    }
    if (authCode === 'PASSWORD_TOO_SHORT' || authCode === 'PASSWORD_TOO_LONG') {
      setFields({ password: authCode === 'PASSWORD_TOO_SHORT' ? t('tooShort', { min: MIN_PASSWORD }) : t('tooLong', { max: MAX_PASSWORD }) });
      setError(t('fixFields'));
      passwordRef.current?.focus();
      return;
    }
    setError(result.status === 429 ? t('rateLimited') : t('failed'));
  }

  if (state === 'done') {
    return (
      <div ref={outcomeRef} tabIndex={-1} className="outline-none">
        <Alert tone="success" title={t('doneTitle')}>
          <p data-testid="reset-done">{t('doneBody')}</p>
          <p className="mt-2">
            <Link href="/sign-in" className="font-medium underline">
              {t('signIn')}
            </Link>
          </p>
        </Alert>
      </div>
    );
  }
  if (state === 'invalid') {
    return (
      <div ref={outcomeRef} tabIndex={-1} className="outline-none">
        <Alert tone="error" title={t('invalidTitle')}>
          <p data-testid="reset-invalid">{t('invalidBody')}</p>
          <p className="mt-2">
            <Link href="/forgot-password" className="font-medium underline">
              {t('askAgain')}
            </Link>
          </p>
        </Alert>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
      <TextField
        ref={passwordRef}
        id="reset-password"
        name="new-password"
        type="password"
        label={t('new')}
        hint={t('newHint', { min: MIN_PASSWORD })}
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD}
        maxLength={MAX_PASSWORD}
        value={password}
        error={fields.password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <TextField
        ref={confirmRef}
        id="reset-password-confirm"
        name="confirm-password"
        type="password"
        label={t('confirm')}
        autoComplete="new-password"
        required
        maxLength={MAX_PASSWORD}
        value={confirm}
        error={fields.confirm}
        onChange={(e) => setConfirm(e.target.value)}
      />
      <Button type="submit" className="w-full" loading={saving} loadingText={t('saving')}>
        {t('submit')}
      </Button>
    </form>
  );
}
