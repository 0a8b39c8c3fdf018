'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { approvalStatuses, type ApprovalStatus } from '@/db/enums';
import type { ApprovalDto } from '@/modules/rules/schemas';
import { formatDateTime, formatLongRange } from '../../_lib/format';
import { Pager } from '../webhooks/pager';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge, type BadgeTone } from '@/ui/badge';
import { Button } from '@/ui/button';
import { CheckboxField } from '@/ui/field';
import { Dialog } from '@/ui/dialog';
import { EmptyState } from '@/ui/empty-state';
import { Spinner } from '@/ui/spinner';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';

const PAGE_SIZE = 20;

const statusTone: Record<ApprovalStatus, BadgeTone> = { pending: 'warning', approved: 'success', rejected: 'danger', expired: 'neutral', closed: 'neutral' };
const bookingTone = (status: string): BadgeTone => (status === 'confirmed' ? 'success' : status === 'pending' ? 'warning' : status === 'rejected' || status === 'cancelled' ? 'danger' : 'neutral');
const knownBookingStatuses = ['pending', 'confirmed', 'in_progress', 'completed', 'cancelled', 'rejected', 'no_show', 'held'] as const;

/** The approvals of one page, by booking (a request that tripped two rules waits for two approvals). */
function byBooking(approvals: ApprovalDto[]): { booking: ApprovalDto['booking']; approvals: ApprovalDto[] }[] {
  const groups = new Map<string, { booking: ApprovalDto['booking']; approvals: ApprovalDto[] }>();
  for (const a of approvals) {
    const group = groups.get(a.bookingId) ?? { booking: a.booking, approvals: [] };
    group.approvals.push(a);
    groups.set(a.bookingId, group);
  }
  return [...groups.values()];
}

interface Deciding {
  approval: ApprovalDto;
  action: 'approve' | 'reject';
}

/** The approval queue: filter by status and "mine", approve (comment optional) or reject (comment required). */
export function ApprovalsQueue({ slug, locale, timeZone }: { slug: string; locale: string; timeZone: string }) {
  const t = useTranslations('approvalsPage');
  const tf = useTranslations('approvalsPage.filters');
  const tr = useTranslations('approvalsPage.row');
  const td = useTranslations('approvalsPage.decide');
  const tb = useTranslations('dashboard.status');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const troles = useTranslations('dashboard.roles');
  const notify = useToast();
  // Reasons come in the language of the request: the page's, not the browser's.
  const inLocale = { headers: { 'Accept-Language': locale } };

  const [status, setStatus] = useState<ApprovalStatus>('pending');
  const [mine, setMine] = useState(false);
  const [page, setPage] = useState(1);
  const [list, setList] = useState<{ data: ApprovalDto[]; totalPages: number } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [decideError, setDecideError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const load = useCallback(
    async (signal: AbortSignal) => {
      const query = { status, mine: mine ? 'true' : 'false', page: String(page), pageSize: String(PAGE_SIZE) } as const;
      const result = await call(api.orgs[':slug'].approvals.$get({ param: { slug }, query }, { headers: { 'Accept-Language': locale }, init: { signal } }), signal);
      if (signal.aborted) return;
      if (result.ok) {
        if (result.data.data.length === 0 && page > 1) setPage(result.data.pagination.totalPages);
        setList({ data: result.data.data, totalPages: result.data.pagination.totalPages });
        setListError(null);
      } else if (result.error.code !== 'ABORTED') setListError(failureMessage(result, te));
    },
    [slug, status, mine, page, locale, te],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, reload]);

  function choose(next: ApprovalStatus) {
    setStatus(next);
    setPage(1);
    setList(null);
  }

  function open(approval: ApprovalDto, action: Deciding['action']) {
    setDeciding({ approval, action });
    setComment('');
    setCommentError(null);
    setDecideError(null);
  }

  async function decide(e: FormEvent) {
    e.preventDefault();
    if (!deciding || working) return;
    const text = comment.trim();
    setDecideError(null);
    if (deciding.action === 'reject' && !text) {
      setCommentError(td('commentRequired'));
      document.getElementById('decision-comment')?.focus();
      return;
    }
    setCommentError(null);
    setWorking(true);
    const param = { slug, approvalId: deciding.approval.id };
    const result =
      deciding.action === 'approve'
        ? await call(api.orgs[':slug'].approvals[':approvalId'].approve.$post({ param, json: text ? { comment: text } : {} }, inLocale))
        : await call(api.orgs[':slug'].approvals[':approvalId'].reject.$post({ param, json: { comment: text } }, inLocale));
    setWorking(false);
    if (result.ok) {
      const updated = result.data;
      // The row shows its decision; its siblings show the booking's new status, and a request
      // that is no longer waiting (rejected) has closed its other approvals, as the server did.
      const sibling = (a: ApprovalDto): ApprovalDto =>
        a.status === 'pending' && updated.booking.status !== 'pending' ? { ...a, booking: updated.booking, status: 'closed', canDecide: false } : { ...a, booking: updated.booking };
      setList((l) => (l ? { ...l, data: l.data.map((a) => (a.id === updated.id ? updated : a.bookingId === updated.bookingId ? sibling(a) : a)) } : l));
      const customer = updated.booking.customerName;
      if (deciding.action === 'reject') notify('success', td('rejected', { customer }));
      else if (updated.booking.status === 'confirmed') notify('success', td('confirmed', { customer }));
      else notify('success', td('approvedWaiting', { customer }));
      setDeciding(null);
      return;
    }
    if (result.fields.comment) {
      setCommentError(sentence(result.fields.comment));
      document.getElementById('decision-comment')?.focus();
    } else setDecideError(failureMessage(result, te));
    // Decided meanwhile by someone else (409) or gone: the list shows how things stand now.
    if (result.status === 409 || result.status === 404) setReload((n) => n + 1);
  }

  const bookingStatus = (s: string) => ((knownBookingStatuses as readonly string[]).includes(s) ? tb(s as (typeof knownBookingStatuses)[number]) : s);

  return (
    <div className="mt-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div role="group" aria-label={tf('label')} className="flex flex-wrap gap-1">
          {approvalStatuses.map((s) => (
            <Button key={s} type="button" size="sm" variant={status === s ? 'primary' : 'secondary'} aria-pressed={status === s} onClick={() => choose(s)}>
              {tf(`status.${s}`)}
            </Button>
          ))}
        </div>
        <CheckboxField
          id="approvals-mine"
          label={tf('mine')}
          checked={mine}
          onChange={(e) => {
            setMine(e.target.checked);
            setPage(1);
          }}
        />
      </div>

      <section aria-labelledby="approvals-list-title" className="mt-4">
        <h2 id="approvals-list-title" className="sr-only">
          {tf(`heading.${status}`)}
        </h2>
        {listError ? (
          <Alert tone="error">
            <p>{listError}</p>
            <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={() => setReload((n) => n + 1)}>
              {t('retry')}
            </Button>
          </Alert>
        ) : list === null ? (
          <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
            <Spinner /> {t('loading')}
          </p>
        ) : list.data.length === 0 ? (
          <EmptyState headingLevel="h3" title={t(`empty.${status}`)} description={mine ? t('emptyMine') : t('emptyBody')} />
        ) : (
          <ul className="space-y-4" data-testid="approval-list">
            {byBooking(list.data).map(({ booking, approvals }) => (
              <li key={booking.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="approval-booking">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="font-semibold break-words text-slate-900">{booking.customerName}</h3>
                    <p className="text-sm break-all text-slate-600">{booking.customerEmail}</p>
                  </div>
                  <Badge tone={bookingTone(booking.status)}>
                    <span className="sr-only">{tr('bookingStatus')} </span>
                    <span data-testid="approval-booking-status">{bookingStatus(booking.status)}</span>
                  </Badge>
                </div>
                <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
                  <div className="flex flex-wrap gap-1">
                    <dt className="text-slate-600">{tr('asset')}</dt>
                    <dd className="text-slate-900">{booking.resourceName}</dd>
                  </div>
                  <div className="flex flex-wrap gap-1">
                    <dt className="text-slate-600">{tr('service')}</dt>
                    <dd className="text-slate-900">{booking.serviceName}</dd>
                  </div>
                  <div className="flex flex-wrap gap-1 sm:col-span-2">
                    <dt className="text-slate-600">{tr('when')}</dt>
                    <dd className="text-slate-900">{formatLongRange(booking.start, booking.end, locale, timeZone)}</dd>
                  </div>
                </dl>
                <p className="mt-1 text-sm">
                  <Link href={`/dashboard/${slug}/bookings/${booking.id}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
                    {tr('openBooking', { customer: booking.customerName })}
                  </Link>
                </p>
                <ul className="mt-3 space-y-3 border-t border-slate-100 pt-3">
                  {approvals.map((a) => (
                    <li key={a.id} data-testid="approval-row">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="text-sm font-medium text-slate-900">{tr('rule', { rule: a.ruleName })}</span>
                        <Badge tone={statusTone[a.status]}>{tf(`status.${a.status}`)}</Badge>
                      </div>
                      <p className="mt-1 text-sm text-slate-800" data-testid="approval-reason">
                        {a.reason}
                      </p>
                      {a.status === 'pending' ? (
                        <>
                          <p className="mt-1 text-sm text-slate-600">
                            {tr('expires', { date: formatDateTime(a.expiresAt, locale, timeZone) })} · {a.canDecide ? tr('youMayDecide') : tr('othersDecide')}
                          </p>
                          <p className="mt-1 text-sm text-slate-600" data-testid="approval-approvers">
                            {tr('approvers', { names: [...a.approvers.roles.map((role) => troles(role)), ...a.approvers.members.map((m) => m.name)].join(', ') })}
                          </p>
                        </>
                      ) : (
                        <p className="mt-1 text-sm text-slate-600">
                          {a.decidedBy
                            ? tr('decidedBy', { status: a.status, name: a.decidedBy.name, date: formatDateTime(a.decidedAt ?? a.createdAt, locale, timeZone) })
                            : tr('decidedAt', { status: a.status, date: formatDateTime(a.decidedAt ?? a.expiresAt, locale, timeZone) })}
                          {a.comment ? (
                            <span className="block text-slate-800">
                              {tr('comment')} <q>{a.comment}</q>
                            </span>
                          ) : null}
                        </p>
                      )}
                      {a.status === 'pending' && a.canDecide ? (
                        <div className="mt-2 flex flex-wrap gap-2">
                          <Button type="button" size="sm" aria-label={tr('approveLabel', { rule: a.ruleName, customer: booking.customerName })} onClick={() => open(a, 'approve')}>
                            {tr('approve')}
                          </Button>
                          <Button type="button" size="sm" variant="secondary" aria-label={tr('rejectLabel', { rule: a.ruleName, customer: booking.customerName })} onClick={() => open(a, 'reject')}>
                            {tr('reject')}
                          </Button>
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        {list && list.totalPages > 1 ? <Pager label={t('pages')} page={page} totalPages={list.totalPages} onPage={setPage} /> : null}
      </section>

      <Dialog
        open={!!deciding}
        onClose={() => !working && setDeciding(null)}
        title={deciding?.action === 'reject' ? td('rejectTitle', { customer: deciding.approval.booking.customerName }) : td('approveTitle', { customer: deciding?.approval.booking.customerName ?? '' })}
        description={deciding ? `${deciding.approval.ruleName}: ${deciding.approval.reason}` : undefined}
        closeLabel={tc('close')}
      >
        <form onSubmit={decide} noValidate className="space-y-4">
          <TextareaField
            id="decision-comment"
            label={deciding?.action === 'reject' ? td('reasonRequired') : td('commentOptional')}
            hint={deciding?.action === 'reject' ? td('reasonHint') : undefined}
            required={deciding?.action === 'reject'}
            rows={3}
            maxLength={1000}
            value={comment}
            error={commentError}
            onChange={(e) => setComment(e.target.value)}
          />
          <LiveRegion politeness="assertive">{decideError ? <Alert tone="error">{decideError}</Alert> : null}</LiveRegion>
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setDeciding(null)} disabled={working}>
              {td('cancel')}
            </Button>
            <Button type="submit" variant={deciding?.action === 'reject' ? 'danger' : 'primary'} loading={working} loadingText={td('working')}>
              {deciding?.action === 'reject' ? td('confirmReject') : td('confirmApprove')}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
