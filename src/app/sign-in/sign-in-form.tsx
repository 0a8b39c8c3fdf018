'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { callAuth } from '@/app/_lib/api';
import { signInWithPassword } from './sign-in-request';

interface DemoAccount {
  email: string;
  role: string;
  organization: string;
}

export function SignInForm({ next, demoAccounts, demoPassword }: { next: string; demoAccounts: DemoAccount[]; demoPassword: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<'password' | 'two-factor'>('password');
  const [code, setCode] = useState('');
  const [useBackupCode, setUseBackupCode] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [solving, setSolving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations('signIn');
  const tf = useTranslations('forgotPassword');
  const tr = useTranslations('dashboard.roles');
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  // Better Auth's and the rate limiter's messages are English: the ones a person meets here are
  // said in the page's language (anything else keeps the server's wording).
  function errorText(result: { status: number; error: { code?: string; message: string } }): string {
    const code = result.error.code;
    if (code === 'INVALID_EMAIL_OR_PASSWORD' || (step === 'password' && result.status === 401)) return t('errors.invalidCredentials');
    if (code === 'INVALID_CODE' || code === 'INVALID_BACKUP_CODE') return t('errors.invalidCode');
    if (code === 'INVALID_TWO_FACTOR_COOKIE') return t('errors.twoFactorExpired');
    if (result.status === 429) return t('errors.rateLimited');
    if (code === 'NETWORK') return t('errors.network');
    return result.error.message;
  }

  // A full navigation, not router.push: server components must see the new session cookie.
  const finish = () => window.location.assign(next);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    const result = await signInWithPassword(email.trim(), password, { onSolving: () => setSolving(true), cannotSolveMessage: t('cannotSolve') });
    setSolving(false);
    if (result.ok && result.data?.twoFactorRedirect) {
      setSubmitting(false);
      setStep('two-factor');
      requestAnimationFrame(() => codeRef.current?.focus());
      return;
    }
    if (result.ok) return finish(); // keep the spinner while the next page loads
    setSubmitting(false);
    setError(errorText(result));
    if (result.status === 401) {
      // Wrong credentials: the email stays, the password is retyped.
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  async function onVerify(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    const path = useBackupCode ? '/api/auth/two-factor/verify-backup-code' : '/api/auth/two-factor/verify-totp';
    const result = await callAuth(path, { code: code.trim() });
    if (result.ok) return finish();
    setSubmitting(false);
    setError(errorText(result));
    codeRef.current?.focus();
  }

  function fillDemo(account: DemoAccount) {
    if (!demoPassword) return;
    setEmail(account.email);
    setPassword(demoPassword);
    setError(null);
    submitRef.current?.focus();
  }

  if (step === 'two-factor') {
    return (
      <form onSubmit={onVerify} className="space-y-5">
        <p className="text-sm text-slate-700">
          {t.rich('twoFactorOn', { email, strong: (chunks) => <strong className="font-medium text-slate-900">{chunks}</strong> })}{' '}
          {useBackupCode ? t('enterBackup') : t('enterTotp')}
        </p>
        <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
        <TextField
          ref={codeRef}
          id="sign-in-code"
          name="code"
          label={useBackupCode ? t('backupCode') : t('totpCode')}
          autoComplete="one-time-code"
          inputMode={useBackupCode ? 'text' : 'numeric'}
          pattern={useBackupCode ? undefined : '[0-9]{6}'}
          maxLength={useBackupCode ? 64 : 6}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <Button type="submit" className="w-full" loading={submitting} loadingText={t('verifying')}>
          {t('verify')}
        </Button>
        <button
          type="button"
          className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900"
          onClick={() => {
            setUseBackupCode((v) => !v);
            setCode('');
            setError(null);
          }}
        >
          {useBackupCode ? t('useTotp') : t('useBackup')}
        </button>
      </form>
    );
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-5">
        <LiveRegion politeness="assertive">
          {error ? <Alert tone="error">{error}</Alert> : null}
        </LiveRegion>
        <LiveRegion>{solving ? <Alert tone="info">{t('solving')}</Alert> : null}</LiveRegion>
        <TextField
          id="sign-in-email"
          name="email"
          type="email"
          label={t('email')}
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          ref={passwordRef}
          id="sign-in-password"
          name="password"
          type="password"
          label={t('password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <p className="-mt-2 text-right text-sm">
          <Link href="/forgot-password" className="font-medium text-indigo-700 underline hover:text-indigo-900">
            {tf('forgotLink')}
          </Link>
        </p>
        <Button ref={submitRef} type="submit" className="w-full" loading={submitting} loadingText={solving ? t('solvingButton') : t('submitting')}>
          {t('submit')}
        </Button>
      </form>

      {demoPassword && demoAccounts.length > 0 ? (
        <details className="group rounded-md border border-slate-200 bg-slate-50 text-sm">
          <summary className="cursor-pointer list-none rounded-md px-4 py-3 font-medium text-slate-900 [&::-webkit-details-marker]:hidden">
            <span className="inline-flex items-center gap-2">
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 transition-transform group-open:rotate-90">
                <path d="M7.3 4.3a1 1 0 0 1 1.4 0l5 5a1 1 0 0 1 0 1.4l-5 5a1 1 0 0 1-1.4-1.4L11.6 10 7.3 5.7a1 1 0 0 1 0-1.4Z" />
              </svg>
              {t('demoAccounts')}
            </span>
          </summary>
          <div className="border-t border-slate-200 px-4 py-3">
            <p className="text-slate-700">
              {t.rich('demoPassword', {
                password: demoPassword,
                code: (chunks) => <code className="rounded bg-white px-1.5 py-0.5 font-mono whitespace-nowrap text-slate-900 ring-1 ring-slate-200">{chunks}</code>,
              })}
            </p>
            <ul className="mt-3 space-y-1">
              {demoAccounts.map((a) => (
                <li key={a.email}>
                  <button
                    type="button"
                    onClick={() => fillDemo(a)}
                    className="w-full rounded-md px-2 py-1.5 text-left hover:bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                  >
                    <span className="block font-mono text-xs break-all text-slate-900">{a.email}</span>
                    <span className="block text-xs text-slate-600">
                      {tr(a.role as 'owner')} · {a.organization}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
    </div>
  );
}
