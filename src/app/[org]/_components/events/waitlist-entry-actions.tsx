'use client';

/**
 * The entry page's actions: while offered, the time left and "Pay now" (the held order is paid
 * through the checkout's payment path; tickets are issued when paid); while waiting or offered,
 * "Leave the waitlist" (an offer's seats go to the next person). After either, the page reloads
 * its server render to show the new status.
 */
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { api, call } from '@/app/_lib/api';
import type { PublicEventWaitlistEntryDto } from '@/modules/event-waitlist/schemas';
import { LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';

const payOffer = api.public.orgs[':slug']['event-waitlist'][':entryToken'].pay.$post;
const leave = api.public.orgs[':slug']['event-waitlist'][':entryToken'].$delete;

function timeLeft(until: string, now: number): string {
  const minutes = Math.max(0, Math.ceil((Date.parse(until) - now) / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

export function WaitlistEntryActions({ slug, token, status, offer }: { slug: string; token: string; status: PublicEventWaitlistEntryDto['status']; offer: PublicEventWaitlistEntryDto['offer'] }) {
  const t = useTranslations('eventWaitlist.page');
  const router = useRouter();
  const [busy, setBusy] = useState<'pay' | 'leave' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState<number | null>(null);
  const acting = useRef(false);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  async function act(kind: 'pay' | 'leave') {
    if (acting.current) return;
    if (kind === 'leave' && !window.confirm(t('leaveConfirm'))) return;
    acting.current = true;
    setBusy(kind);
    setError(null);
    const result = kind === 'pay' ? await call(payOffer({ param: { slug, entryToken: token }, json: {} })) : await call(leave({ param: { slug, entryToken: token } }));
    acting.current = false;
    setBusy(null);
    if (!result.ok) {
      setError(result.status === 409 || result.status === 422 ? result.error.message : t('actionError'));
    }
    router.refresh();
  }

  const live = status === 'waiting' || status === 'offered';
  return (
    <div className="mt-4 space-y-3">
      {status === 'offered' && offer?.expiresAt && now !== null ? <p className="text-sm font-medium text-amber-900 tabular-nums">{t('timeLeft', { time: timeLeft(offer.expiresAt, now) })}</p> : null}
      <div className="flex flex-wrap gap-3">
        {status === 'offered' && offer?.payOnline ? (
          <Button type="button" onClick={() => void act('pay')} aria-disabled={busy !== null || undefined}>
            {busy === 'pay' ? t('paying') : t('pay')}
          </Button>
        ) : null}
        {status === 'purchased' && offer ? (
          <a href={offer.orderStatusUrl} className="inline-flex h-10 items-center rounded-md bg-slate-900 px-4 text-sm font-medium text-white underline-offset-2 hover:underline">
            {t('viewOrder')}
          </a>
        ) : null}
        {live ? (
          <Button type="button" variant="secondary" onClick={() => void act('leave')} aria-disabled={busy !== null || undefined}>
            {busy === 'leave' ? t('leaving') : t('leave')}
          </Button>
        ) : null}
      </div>
      {status === 'offered' && offer && !offer.payOnline ? <p className="text-sm text-slate-700">{t('payOffline')}</p> : null}
      <LiveRegion>{error ? <p className="text-sm text-red-800">{error}</p> : null}</LiveRegion>
    </div>
  );
}
