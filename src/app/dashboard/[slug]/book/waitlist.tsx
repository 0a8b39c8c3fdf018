'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { DateTime } from 'luxon';
import { type FormEvent, useState } from 'react';
import { api, call, failureMessage } from '@/app/_lib/api';
import type { WaitlistEntryDto } from '@/modules/waitlist/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge, type BadgeTone } from '@/ui/badge';
import { Button } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { TextField } from '@/ui/field';

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
  const { state, join } = useJoinWaitlist(slug);
  return (
    <div className="mt-3" data-testid="join-waitlist">
      {state.status === 'joined' ? null : (
        <Button type="button" variant="secondary" loading={state.status === 'joining'} loadingText={t('join.joining')} onClick={() => void join(request)}>
          {t('join.button')}
        </Button>
      )}
      <JoinOutcome state={state} />
    </div>
  );
}

/** Joining a queue: the API's refusals (free again, already waiting, rules) said in words. */
function useJoinWaitlist(slug: string) {
  const t = useTranslations('waitlist.portal');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const [state, setState] = useState<JoinState>({ status: 'idle' });

  async function join(request: TakenRequest) {
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
  return { state, join, reset: () => setState({ status: 'idle' }) };
}

function JoinOutcome({ state }: { state: JoinState }) {
  const t = useTranslations('waitlist.portal');
  return (
    <LiveRegion politeness="polite">
      {state.status === 'joined' ? (
        <p className="mt-2 text-sm font-medium text-slate-900">{state.position ? t('join.joinedAt', { position: state.position }) : t('join.joined')}</p>
      ) : state.status === 'error' ? (
        <p className="mt-2 text-sm text-red-800">{state.message}</p>
      ) : null}
    </LiveRegion>
  );
}

/**
 * "Is the time you want taken?": the calendar shows free times only, so a member who wants a
 * taken one names it here — a date and a time, or check-in and check-out dates for a stay (at
 * the asset's check-in and check-out times) — in the club's zone, and joins its waitlist. The
 * API says whether it is taken at all (free: book it), never bookable, or denied by the rules.
 */
export function WaitlistForTakenTime({
  slug,
  idPrefix,
  zone,
  serviceId,
  resourceId,
  stays,
  checkInTime,
  checkOutTime,
}: {
  slug: string;
  idPrefix: string;
  zone: string;
  serviceId: string;
  resourceId: string;
  stays: boolean;
  checkInTime: string | null;
  checkOutTime: string | null;
}) {
  const t = useTranslations('waitlist.portal.taken');
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { state, join, reset } = useJoinWaitlist(slug);
  const panelId = `${idPrefix}-taken-panel`;

  function instant(day: string, at: string): string | null {
    const value = DateTime.fromISO(`${day}T${at}`, { zone });
    return value.isValid ? value.toISO() : null;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!date) problems.date = t(stays ? 'checkInRequired' : 'dateRequired');
    if (stays) {
      if (!until) problems.until = t('checkOutRequired');
      else if (date && until <= date) problems.until = t('checkOutAfter');
    } else if (!time) problems.time = t('timeRequired');
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const start = instant(date, stays ? (checkInTime ?? '15:00') : time);
    const end = stays ? instant(until, checkOutTime ?? '11:00') : null;
    if (!start || (stays && !end)) {
      setErrors({ date: t('dateInvalid') });
      return;
    }
    void join({ serviceId, resourceId, start, ...(end ? { end } : {}) });
  }

  return (
    <div className="mt-4 rounded-md border border-slate-200 p-3">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="text-sm font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900"
      >
        {t('toggle')}
      </button>
      {open ? (
        <form id={panelId} noValidate onSubmit={submit} className="mt-3 space-y-3" data-testid="waitlist-taken-form">
          <p className="text-sm text-slate-600">{stays ? t('introStay', { checkIn: checkInTime ?? '15:00', checkOut: checkOutTime ?? '11:00', zone }) : t('intro', { zone })}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              id={`${idPrefix}-taken-date`}
              type="date"
              label={t(stays ? 'checkIn' : 'date')}
              value={date}
              error={errors.date}
              onChange={(e) => {
                setDate(e.target.value);
                if (state.status !== 'idle') reset();
              }}
            />
            {stays ? (
              <TextField
                id={`${idPrefix}-taken-until`}
                type="date"
                label={t('checkOut')}
                value={until}
                error={errors.until}
                onChange={(e) => {
                  setUntil(e.target.value);
                  if (state.status !== 'idle') reset();
                }}
              />
            ) : (
              <TextField
                id={`${idPrefix}-taken-time`}
                type="time"
                label={t('time')}
                value={time}
                error={errors.time}
                onChange={(e) => {
                  setTime(e.target.value);
                  if (state.status !== 'idle') reset();
                }}
              />
            )}
          </div>
          <Button type="submit" variant="secondary" loading={state.status === 'joining'} loadingText={t('joining')}>
            {t('submit')}
          </Button>
          <JoinOutcome state={state} />
        </form>
      ) : null}
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
