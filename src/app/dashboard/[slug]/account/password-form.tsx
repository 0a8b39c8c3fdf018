'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField, TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { callAuth, failureMessage, type FieldErrors } from '@/app/_lib/api';
import { authFailure } from './auth-errors';

const MIN_LENGTH = 8;

/** Change the password (Better Auth's change-password); input is kept when it fails. */
export function PasswordForm() {
  const t = useTranslations('accountPage.password');
  const ta = useTranslations('accountPage');
  const te = useTranslations('dashboard.errors');
  const notify = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [revokeOthers, setRevokeOthers] = useState(true);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  function focusFirst(paths: string[]) {
    const inputs = [...(formRef.current?.querySelectorAll<HTMLElement>('[data-path]') ?? [])];
    inputs.find((el) => paths.includes(el.dataset.path ?? ''))?.focus();
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    setError(null);
    const local: FieldErrors = {};
    if (!current) local.currentPassword = t('currentRequired');
    if (next.length < MIN_LENGTH) local.newPassword = t('tooShort', { min: MIN_LENGTH });
    else if (next === current) local.newPassword = t('sameAsCurrent');
    if (confirm !== next) local.confirm = t('mismatch');
    if (Object.keys(local).length) {
      setFields(local);
      setError(ta('fixFields'));
      focusFirst(Object.keys(local));
      return;
    }
    setSaving(true);
    setFields({});
    const result = await callAuth('/api/auth/change-password', { currentPassword: current, newPassword: next, revokeOtherSessions: revokeOthers });
    setSaving(false);
    if (result.ok) {
      setCurrent('');
      setNext('');
      setConfirm('');
      notify('success', t('changed'));
      return;
    }
    const known = authFailure(result, ta);
    if (known === ta('errors.wrongPassword')) {
      setFields({ currentPassword: known });
      setError(ta('fixFields'));
      focusFirst(['currentPassword']);
      return;
    }
    setError(known ?? failureMessage(result, te));
  }

  return (
    <section aria-labelledby="password-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 id="password-title" className="text-base font-semibold text-slate-900">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('description')}</p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
        <TextField id="current-password" data-path="currentPassword" type="password" label={t('current')} autoComplete="current-password" required value={current} error={fields.currentPassword} onChange={(e) => setCurrent(e.target.value)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id="new-password" data-path="newPassword" type="password" label={t('new')} hint={t('newHint', { min: MIN_LENGTH })} autoComplete="new-password" required minLength={MIN_LENGTH} maxLength={128} value={next} error={fields.newPassword} onChange={(e) => setNext(e.target.value)} />
          <TextField id="confirm-password" data-path="confirm" type="password" label={t('confirm')} autoComplete="new-password" required value={confirm} error={fields.confirm} onChange={(e) => setConfirm(e.target.value)} />
        </div>
        <CheckboxField id="revoke-other-sessions" label={t('revokeOthers')} hint={t('revokeOthersHint')} checked={revokeOthers} onChange={(e) => setRevokeOthers(e.target.checked)} />
        <Button type="submit" loading={saving} loadingText={t('saving')}>
          {t('submit')}
        </Button>
      </form>
    </section>
  );
}
