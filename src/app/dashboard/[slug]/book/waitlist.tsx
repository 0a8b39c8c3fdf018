'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { api, call, failureMessage } from '@/app/_lib/api';
import type { WaitlistEntryDto } from '@/modules/waitlist/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge, type BadgeTone } from '@/ui/badge';
import { Button } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';

const joinWaitlist = api.orgs[':slug'].waitlist.$post;
const leaveEntry = api.orgs[':slug'].waitlist[':entryId'].$delete;
const claimEntry = api.orgs[':slug'].waitlist[':entryId'].claim.$post;

/** The request that came back taken: what the member asked for, to queue for exactly that. */
export interface TakenRequest {
  serviceId: string;
  resourceId: string;
  start: string;
  end?: string;
}

type JoinState = { status: 'idle' } | { status: 'joining' } | { status: 'joined'; position: number | null } | { status: 'error'; message: string };

/**
 * "Join the waitlist for this time": shown where a request came back taken. The API refuses a
 * time that is free again (book it), one the member's rules deny (with the reason), and a second
 * place in the same queue; each answer is said in words, in a live region.
 */
export function JoinWaitlist({ slug, request }: { slug: string; request: TakenRequest }) {
  const t = useTranslations('waitlist.portal');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const [state, setState] = useState<JoinState>({ status: 'idle' });

  async function join() {
    if (state.status === 'joining') return;
    setState({ status: 'joining' });
    const res = await call(joinWaitlist({ param: { slug }, json: request }));
    if (res.ok) {
      setState({ status: 'joined', position: res.data.position });
      router.refresh(); // My waitlist lists it
      return;
    }
    const reason = (res.error.details as { reason?: string } | undefined)?.reason;
    const message =
      res.status === 409 && reason === 'slot_free'
        ? t('join.free')
        : res.status === 409 && reason === 'already_waiting'
          ? t('join.already')
          : res.status === 422 || res.status === 409
            ? res.error.message
            : failureMessage(res, te);
    setState({ status: 'error', message });
  }

  return (
    <div className="mt-3" data-testid="join-waitlist">
      {state.status === 'joined' ? null : (
        <Button type="button" variant="secondary" loading={state.status === 'joining'} loadingText={t('join.joining')} onClick={() => void join()}>
          {t('join.button')}
        </Button>
      )}
      <LiveRegion politeness="polite">
        {state.status === 'joined' ? (
          <p className="text-sm font-medium text-slate-900">{state.position ? t('join.joinedAt', { position: state.position }) : t('join.joined')}</p>
        ) : state.status === 'error' ? (
          <p className="mt-2 text-sm text-red-800">{state.message}</p>
        ) : null}
      </LiveRegion>
    </div>
  );
}

/** An entry with its times already in words (formatted on the server, in the club's zone: no hydration drift). */
export type ShownEntry = WaitlistEntryDto & { when: string; holdUntil: string | null };

const tones: Record<WaitlistEntryDto['status'], BadgeTone> = { waiting: 'neutral', offered: 'warning', booked: 'success', expired: 'neutral', left: 'neutral' };

/**
 * "My waitlist": the member's entries (GET …/waitlist answers a member only their own). A hold
 * shows its deadline with "Book it now" (claim) and "Leave" (releases it to the next member);
 * a waiting entry shows its place in the queue and "Leave".
 */
export function MyWaitlist({ slug, entries, loadError }: { slug: string; entries: ShownEntry[]; loadError: string | null }) {
  const t = useTranslations('waitlist.portal');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function act(entry: ShownEntry, action: 'claim' | 'leave') {
    if (busy) return;
    setBusy(`${entry.id}:${action}`);
    setNotice(null);
    const res = action === 'claim' ? await call(claimEntry({ param: { slug, entryId: entry.id } })) : await call(leaveEntry({ param: { slug, entryId: entry.id } }));
    setBusy(null);
    if (res.ok) {
      const pending = action === 'claim' && 'booking' in res.data && res.data.booking.status === 'pending';
      setNotice({ tone: 'success', text: action === 'leave' ? t('left', { asset: entry.resourceName }) : pending ? t('claimedPending', { asset: entry.resourceName }) : t('claimed', { asset: entry.resourceName }) });
      router.refresh();
      return;
    }
    setNotice({ tone: 'error', text: res.status === 409 || res.status === 422 ? res.error.message : failureMessage(res, te) });
    router.refresh();
  }

  const open = entries.filter((e) => e.status === 'waiting' || e.status === 'offered');
  return (
    <section aria-labelledby="my-waitlist-title" className="mt-12" id="my-waitlist">
      <h2 id="my-waitlist-title" className="text-xl font-semibold text-slate-900">
        {t('heading')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('summary')}</p>
      <LiveRegion politeness="assertive">{notice ? <Alert tone={notice.tone === 'success' ? 'success' : 'error'} className="mt-3">{notice.text}</Alert> : null}</LiveRegion>
      {loadError ? (
        <Alert tone="error" className="mt-4">
          {loadError}
        </Alert>
      ) : open.length === 0 ? (
        <EmptyState className="mt-4" headingLevel="h3" title={t('emptyTitle')} description={t('emptyBody')} />
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="my-waitlist">
          {open.map((e) => (
            <li key={e.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 py-3" data-testid="waitlist-entry">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {e.resourceName}
                  <span className="font-normal text-slate-600"> · {e.serviceName}</span>
                </p>
                <p className="mt-0.5 text-sm text-slate-700 first-letter:uppercase">{e.when}</p>
                {e.status === 'offered' && e.holdUntil ? (
                  <p className="mt-1 text-sm font-medium text-amber-900">{t('holdUntil', { when: e.holdUntil })}</p>
                ) : e.position ? (
                  <p className="mt-1 text-sm text-slate-600">{t('position', { position: e.position })}</p>
                ) : null}
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={tones[e.status]}>{t(`status.${e.status}`)}</Badge>
                {e.status === 'offered' ? (
                  <Button type="button" loading={busy === `${e.id}:claim`} loadingText={t('claiming')} onClick={() => void act(e, 'claim')} aria-label={t('claimLabel', { asset: e.resourceName })}>
                    {t('claim')}
                  </Button>
                ) : null}
                <Button type="button" variant="secondary" loading={busy === `${e.id}:leave`} loadingText={t('leaving')} onClick={() => void act(e, 'leave')} aria-label={t('leaveLabel', { asset: e.resourceName })}>
                  {t('leave')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
