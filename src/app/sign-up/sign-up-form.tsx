'use client';

import { type FormEvent, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { postJson } from '../_lib/api-client';

const MIN_PASSWORD = 8;
const MAX_PASSWORD = 128;

export function SignUpForm({ next }: { next: string }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    // The browser checks required/email; length gets a message that names the rule.
    if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      setPasswordError(`Use ${MIN_PASSWORD} to ${MAX_PASSWORD} characters.`);
      passwordRef.current?.focus();
      return;
    }
    setPasswordError(null);
    setSubmitting(true);
    setError(null);
    const result = await postJson('/api/auth/sign-up/email', { name: name.trim(), email: email.trim(), password });
    // A full navigation so server components see the session cookie set by sign-up.
    if (result.ok) return window.location.assign(next);
    setSubmitting(false);
    setError(result.message);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5">
      <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
      <TextField
        id="sign-up-name"
        name="name"
        label="Your name"
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
        label="Email"
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
        label="Password"
        autoComplete="new-password"
        required
        maxLength={MAX_PASSWORD}
        hint={`At least ${MIN_PASSWORD} characters.`}
        error={passwordError}
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
          if (passwordError && e.target.value.length >= MIN_PASSWORD) setPasswordError(null);
        }}
      />
      <Button type="submit" className="w-full" loading={submitting} loadingText="Creating your account…">
        Create account
      </Button>
    </form>
  );
}
