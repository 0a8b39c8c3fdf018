'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { QRCodeSVG } from 'qrcode.react';
import { type FormEvent, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { type ApiFailure, callAuth, failureMessage } from '@/app/_lib/api';
import { authFailure } from './auth-errors';
import { BackupCodes } from './backup-codes';

type Step =
  | { kind: 'idle' }
  | { kind: 'password'; action: 'enable' | 'disable' | 'regenerate' }
  | { kind: 'scan'; totpURI: string; backupCodes: string[] }
  | { kind: 'codes'; backupCodes: string[] };

/** The base32 secret inside an otpauth:// URI, for people who type it instead of scanning. */
function secretOf(uri: string): string {
  const match = /[?&]secret=([^&]+)/i.exec(uri);
  return match ? decodeURIComponent(match[1]!) : '';
}

const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Two-factor sign-in with an authenticator app: enable (password → scan → verify a code →
 * backup codes, shown once), disable, and new backup codes — each confirmed with the password.
 */
export function TwoFactorPanel({ enabled: enabledOnLoad, email }: { enabled: boolean; email: string }) {
  const t = useTranslations('accountPage.twoFactor');
  const ta = useTranslations('accountPage');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // What this panel last changed wins over the page's value until the page reloads with it: the
  // status reads "On" the moment the code is accepted, while the backup codes are still shown.
  const [changed, setChanged] = useState<boolean | null>(null);
  const enabled = changed ?? enabledOnLoad;

  function reset(next: Step = { kind: 'idle' }) {
    setStep(next);
    setPassword('');
    setCode('');
    setFieldError(null);
    setError(null);
  }

  function fail(result: ApiFailure, field: 'password' | 'code') {
    const known = authFailure(result, ta);
    if (known && ((field === 'password' && known === ta('errors.wrongPassword')) || (field === 'code' && known === ta('errors.wrongCode')))) {
      setFieldError(known);
      setError(null);
      document.getElementById(field === 'password' ? 'two-factor-password' : 'two-factor-code')?.focus();
      return;
    }
    setError(known ?? failureMessage(result, te));
  }

  async function onPassword(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy || step.kind !== 'password') return;
    setError(null);
    if (!password) {
      setFieldError(t('passwordRequired'));
      document.getElementById('two-factor-password')?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    if (step.action === 'enable') {
      const result = await callAuth<{ totpURI: string; backupCodes: string[] }>('/api/auth/two-factor/enable', { password });
      setBusy(false);
      if (!result.ok) return fail(result, 'password');
      reset({ kind: 'scan', totpURI: result.data.totpURI, backupCodes: result.data.backupCodes });
    } else if (step.action === 'disable') {
      const result = await callAuth('/api/auth/two-factor/disable', { password });
      setBusy(false);
      if (!result.ok) return fail(result, 'password');
      reset();
      setChanged(false);
      notify('success', t('disabled'));
      router.refresh();
    } else {
      const result = await callAuth<{ backupCodes: string[] }>('/api/auth/two-factor/generate-backup-codes', { password });
      setBusy(false);
      if (!result.ok) return fail(result, 'password');
      reset({ kind: 'codes', backupCodes: result.data.backupCodes });
    }
  }

  async function onVerify(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy || step.kind !== 'scan') return;
    setError(null);
    const value = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(value)) {
      setFieldError(t('codeFormat'));
      document.getElementById('two-factor-code')?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    const result = await callAuth('/api/auth/two-factor/verify-totp', { code: value });
    setBusy(false);
    if (!result.ok) return fail(result, 'code');
    setChanged(true);
    notify('success', t('enabled'));
    reset({ kind: 'codes', backupCodes: step.backupCodes });
    router.refresh();
  }

  function finish() {
    reset();
    router.refresh();
  }

  const passwordCopy = step.kind === 'password' ? step.action : 'enable';

  return (
    <section aria-labelledby="two-factor-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="two-factor-title" className="text-base font-semibold text-slate-900">
          {t('title')}
        </h2>
        <p className="text-sm text-slate-700">
          <span className="sr-only">{t('statusLabel')} </span>
          {enabled ? <Badge tone="success">{t('on')}</Badge> : <Badge>{t('off')}</Badge>}
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">{enabled ? t('descriptionOn') : t('descriptionOff')}</p>

      <div className="mt-4">
        <LiveRegion politeness="assertive">{error ? <Alert tone="error" className="mb-4">{error}</Alert> : null}</LiveRegion>

        {step.kind === 'idle' ? (
          <div className="flex flex-wrap gap-2">
            {enabled ? (
              <>
                <Button type="button" variant="secondary" onClick={() => reset({ kind: 'password', action: 'regenerate' })}>
                  {t('regenerate')}
                </Button>
                <Button type="button" variant="danger" onClick={() => reset({ kind: 'password', action: 'disable' })}>
                  {t('disable')}
                </Button>
              </>
            ) : (
              <Button type="button" onClick={() => reset({ kind: 'password', action: 'enable' })}>
                {t('enable')}
              </Button>
            )}
          </div>
        ) : null}

        {step.kind === 'password' ? (
          <form onSubmit={onPassword} noValidate className="space-y-4">
            <p className="text-sm text-slate-700">{t(`confirm.${passwordCopy}`)}</p>
            <TextField
              id="two-factor-password"
              type="password"
              label={t('password')}
              autoComplete="current-password"
              autoFocus
              required
              value={password}
              error={fieldError}
              onChange={(e) => setPassword(e.target.value)}
            />
            <div className="flex flex-wrap gap-2">
              <Button type="submit" variant={passwordCopy === 'disable' ? 'danger' : 'primary'} loading={busy} loadingText={t('working')}>
                {t(`submit.${passwordCopy}`)}
              </Button>
              <Button type="button" variant="ghost" onClick={() => reset()} disabled={busy}>
                {t('cancel')}
              </Button>
            </div>
          </form>
        ) : null}

        {step.kind === 'scan' ? (
          <form onSubmit={onVerify} noValidate className="space-y-4">
            <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
              <li>{t('scanStep')}</li>
              <li>{t('codeStep')}</li>
            </ol>
            <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
              <div className="w-fit rounded-md border border-slate-200 bg-white p-3">
                <QRCodeSVG value={step.totpURI} size={176} role="img" aria-label={t('qrLabel')} />
              </div>
              <div className="min-w-0 space-y-1">
                <p className="text-sm font-medium text-slate-900">{t('manualEntry')}</p>
                <code data-testid="totp-secret" className="block rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all text-slate-900">
                  {grouped(secretOf(step.totpURI))}
                </code>
                <p className="text-sm text-slate-600">{t('manualHint')}</p>
              </div>
            </div>
            <TextField
              id="two-factor-code"
              label={t('code')}
              hint={t('codeHint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]*"
              maxLength={7}
              required
              className="max-w-xs"
              value={code}
              error={fieldError}
              onChange={(e) => setCode(e.target.value)}
            />
            <div className="flex flex-wrap gap-2">
              <Button type="submit" loading={busy} loadingText={t('working')}>
                {t('verify')}
              </Button>
              <Button type="button" variant="ghost" onClick={() => finish()} disabled={busy}>
                {t('cancel')}
              </Button>
            </div>
          </form>
        ) : null}

        {step.kind === 'codes' ? <BackupCodes codes={step.backupCodes} email={email} onDone={finish} /> : null}
      </div>
    </section>
  );
}
