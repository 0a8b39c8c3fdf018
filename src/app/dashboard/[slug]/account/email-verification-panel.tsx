'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { callAuth } from '@/app/_lib/api';

export interface CaughtVerification {
  id: string;
  link: string;
  /** What the link says: the email's subject and when it was kept. */
  label: string;
}

/**
 * Verified or not, and a new link on request (Better Auth's send-verification-email for the
 * signed-in address). On a server with no SMTP the confirmation emails stay in the mail
 * catcher; the person sees their own here (docs/decisions/0009-account-mail.md).
 */
export function EmailVerificationPanel({ email, verified, caught }: { email: string; verified: boolean; caught: CaughtVerification[] }) {
  const t = useTranslations('accountVerification');
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function resend() {
    if (sending) return;
    setSending(true);
    setNotice(null);
    const result = await callAuth('/api/auth/send-verification-email', { email, callbackURL: '/verify-email?status=verified' });
    setSending(false);
    if (result.ok) setNotice({ tone: 'success', text: t('resent', { email }) });
    else setNotice({ tone: 'error', text: result.status === 429 ? t('rateLimited') : t('failed') });
  }

  return (
    <section aria-labelledby="email-verification-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="email-verification-title" className="text-base font-semibold text-slate-900">
          {t('title')}
        </h2>
        <span
          data-testid="email-verification-status"
          className={verified ? 'rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800' : 'rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900'}
        >
          {verified ? t('verified') : t('unverified')}
        </span>
      </div>
      <p className="mt-1 text-sm break-all text-slate-600">{verified ? t('verifiedBody', { email }) : t('unverifiedBody', { email })}</p>
      {verified ? null : (
        <div className="mt-4 space-y-4">
          <LiveRegion>{notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}</LiveRegion>
          <Button type="button" variant="secondary" loading={sending} loadingText={t('resending')} onClick={resend}>
            {t('resend')}
          </Button>
          {caught.length ? (
            <div className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm">
              <h3 className="font-medium text-slate-900">{t('caughtTitle')}</h3>
              <p className="mt-1 text-slate-600">{t('caughtBody')}</p>
              <ul className="mt-2 space-y-1">
                {caught.map((m) => (
                  <li key={m.id}>
                    <a href={m.link} className="font-medium break-words text-indigo-700 underline hover:text-indigo-900">
                      {m.label}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}
