'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { callAuth } from '@/app/_lib/api';
import { signInWithPassword } from '../sign-in/sign-in-request';

const MIN_PASSWORD = 8;
const MAX_PASSWORD = 128;

/**
 * Sign-up answers an email that already has an account exactly as a new one (so the form
 * cannot be used to find out who has an account) and does not sign in. The form then signs in
 * with what was typed: for a new address that opens the account; otherwise it says only what
 * is true either way, and points to sign-in.
 */
export function SignUpForm({ next, signInHref }: { next: string; signInHref: string }) {
  const t = useTranslations('signUp');
  const tIn = useTranslations('signIn');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [solving, setSolving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [doneFor, setDoneFor] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    // The browser checks required/email; length gets a message that names the rule.
    if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      setPasswordError(t('passwordLength', { min: MIN_PASSWORD, max: MAX_PASSWORD }));
      passwordRef.current?.focus();
      return;
    }
    setPasswordError(null);
    setSubmitting(true);
    setError(null);
    const address = email.trim();
    const result = await callAuth('/api/auth/sign-up/email', { name: name.trim(), email: address, password });
    if (!result.ok) {
      setSubmitting(false);
      setError(result.error.message);
      return;
    }
    const signedIn = await signInWithPassword(address, password, { onSolving: () => setSolving(true), cannotSolveMessage: tIn('cannotSolve') });
    setSolving(false);
    // A full navigation so server components see the session cookie set by sign-in.
    if (signedIn.ok && !signedIn.data?.twoFactorRedirect) return window.location.assign(next);
    setSubmitting(false);
    setPassword('');
    setDoneFor(address);
    requestAnimationFrame(() => noticeRef.current?.focus());
  }

  if (doneFor) {
    return (
      <div ref={noticeRef} tabIndex={-1} className="space-y-4 outline-none">
        <LiveRegion>
          <Alert tone="info" title={t('doneTitle')}>
            <p>{t('doneBody', { email: doneFor })}</p>
          </Alert>
        </LiveRegion>
        <Link
          href={signInHref}
          className="block w-full rounded-md bg-indigo-600 px-4 py-2.5 text-center text-sm font-semibold text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {t('goToSignIn')}
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5">
      <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
      <LiveRegion>{solving ? <Alert tone="info">{tIn('solving')}</Alert> : null}</LiveRegion>
      <TextField
        id="sign-up-name"
        name="name"
        label={t('name')}
        autoComplete="name"
        required
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        id="sign-up-email"
        name="email"
        type="email"
        label={t('email')}
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={254}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        ref={passwordRef}
        id="sign-up-password"
        name="password"
        type="password"
        label={t('password')}
        autoComplete="new-password"
        required
        maxLength={MAX_PASSWORD}
        hint={t('passwordHint', { min: MIN_PASSWORD })}
        error={passwordError}
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
          if (passwordError && e.target.value.length >= MIN_PASSWORD) setPasswordError(null);
        }}
      />
      <Button type="submit" className="w-full" loading={submitting} loadingText={solving ? tIn('solvingButton') : t('creating')}>
        {t('submit')}
      </Button>
    </form>
  );
}
