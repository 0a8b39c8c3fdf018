'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { api, call, failureMessage } from '@/app/_lib/api';
import type { DeliveryDto, EndpointDto, EndpointWithSecretDto } from '@/modules/webhooks/schemas';
import { Alert } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button } from '@/ui/button';
import { Spinner } from '@/ui/spinner';
import { useToast } from '@/ui/toast';
import { eventKey, Pager } from './pager';

const LOG_PAGE_SIZE = 10;

type Busy = null | 'toggle' | 'rotate' | 'test' | 'delete';

/** One endpoint: its state, the actions on it, and its delivery log (opened on demand). */
export function EndpointCard({
  slug,
  endpoint,
  locale,
  timeZone,
  onChanged,
  onSecret,
}: {
  slug: string;
  endpoint: EndpointDto;
  locale: string;
  timeZone: string;
  onChanged: () => void;
  onSecret: (endpoint: EndpointWithSecretDto) => void;
}) {
  const t = useTranslations('webhooksPage');
  const te = useTranslations('dashboard.errors');
  const notify = useToast();
  const [busy, setBusy] = useState<Busy>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [logOpen, setLogOpen] = useState(false);
  const [logReload, setLogReload] = useState(0);
  const param = { slug, endpointId: endpoint.id };
  const dateTime = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(new Date(iso));

  async function toggle() {
    if (busy) return;
    setBusy('toggle');
    const result = await call(api.orgs[':slug'].webhooks[':endpointId'].$patch({ param, json: { enabled: !endpoint.enabled } }));
    setBusy(null);
    if (!result.ok) return notify('error', failureMessage(result, te));
    notify('success', result.data.enabled ? t('endpoint.enabledToast') : t('endpoint.disabledToast'));
    onChanged();
  }

  async function rotate() {
    if (busy) return;
    setBusy('rotate');
    const result = await call(api.orgs[':slug'].webhooks[':endpointId']['rotate-secret'].$post({ param, json: {} }));
    setBusy(null);
    if (!result.ok) return notify('error', failureMessage(result, te));
    notify('success', t('endpoint.rotated'));
    onSecret(result.data);
    onChanged();
  }

  async function test() {
    if (busy) return;
    setBusy('test');
    const result = await call(api.orgs[':slug'].webhooks[':endpointId'].test.$post({ param }));
    setBusy(null);
    if (!result.ok) return notify('error', failureMessage(result, te));
    const d = result.data;
    if (d.status === 'succeeded') notify('success', t('endpoint.testOk', { status: d.lastStatusCode ?? 0, ms: d.lastLatencyMs ?? 0 }));
    else notify('error', t('endpoint.testFailed', { error: d.lastError ?? `HTTP ${d.lastStatusCode}` }));
    setLogOpen(true);
    setLogReload((n) => n + 1);
  }

  async function remove() {
    if (busy) return;
    setBusy('delete');
    const result = await call(api.orgs[':slug'].webhooks[':endpointId'].$delete({ param }));
    setBusy(null);
    if (!result.ok) return notify('error', failureMessage(result, te));
    notify('success', t('endpoint.deleted'));
    onChanged();
  }

  const headingId = `webhook-${endpoint.id}-url`;
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={headingId} data-testid="webhook-endpoint">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="font-mono text-sm font-semibold break-all text-slate-900">
            {endpoint.url}
          </h3>
          <p className="mt-0.5 text-sm text-slate-600">{endpoint.description || t('endpoint.noDescription')}</p>
        </div>
        {endpoint.enabled ? (
          <Badge tone="success">{t('endpoint.enabled')}</Badge>
        ) : (
          <Badge tone={endpoint.disabledReason ? 'danger' : 'neutral'}>
            {endpoint.disabledReason ? t('endpoint.disabledFailures', { count: endpoint.consecutiveFailures }) : t('endpoint.disabled')}
          </Badge>
        )}
      </div>
      <p className="mt-2 text-sm text-slate-700">{t('endpoint.subscribed', { events: endpoint.eventTypes.map((e) => t(`events.${eventKey(e)}`)).join(', ') })}</p>
      {endpoint.previousSecretExpiresAt ? <p className="mt-1 text-sm text-slate-600">{t('endpoint.graceUntil', { date: dateTime(endpoint.previousSecretExpiresAt) })}</p> : null}

      <div className="mt-3 flex flex-wrap gap-2" role="group" aria-label={t('endpoint.actions', { url: endpoint.url })}>
        <Button type="button" size="sm" loading={busy === 'test'} loadingText={t('endpoint.testing')} onClick={test}>
          {t('endpoint.test')}
        </Button>
        <Button type="button" size="sm" variant="secondary" loading={busy === 'toggle'} loadingText={t('endpoint.saving')} onClick={toggle}>
          {endpoint.enabled ? t('endpoint.disable') : t('endpoint.enable')}
        </Button>
        <Button type="button" size="sm" variant="secondary" loading={busy === 'rotate'} loadingText={t('endpoint.rotating')} onClick={rotate}>
          {t('endpoint.rotate')}
        </Button>
        <Button type="button" size="sm" variant="secondary" aria-expanded={logOpen} aria-controls={`webhook-${endpoint.id}-log`} onClick={() => setLogOpen((o) => !o)}>
          {logOpen ? t('endpoint.hideLog') : t('endpoint.showLog')}
        </Button>
        {confirmingDelete ? (
          <>
            <Button type="button" size="sm" variant="danger" loading={busy === 'delete'} loadingText={t('endpoint.deleting')} onClick={remove}>
              {t('endpoint.confirmDelete')}
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setConfirmingDelete(false)}>
              {t('endpoint.cancelDelete')}
            </Button>
          </>
        ) : (
          <Button type="button" size="sm" variant="ghost" onClick={() => setConfirmingDelete(true)}>
            {t('endpoint.delete')}
          </Button>
        )}
      </div>

      <div id={`webhook-${endpoint.id}-log`}>{logOpen ? <DeliveryLog slug={slug} endpoint={endpoint} reload={logReload} dateTime={dateTime} /> : null}</div>
    </article>
  );
}

function DeliveryLog({ slug, endpoint, reload, dateTime }: { slug: string; endpoint: EndpointDto; reload: number; dateTime: (iso: string) => string }) {
  const t = useTranslations('webhooksPage');
  const te = useTranslations('dashboard.errors');
  const [page, setPage] = useState(1);
  const [log, setLog] = useState<{ data: DeliveryDto[]; totalPages: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [again, setAgain] = useState(0);

  const load = useCallback(
    async (signal: AbortSignal) => {
      const request = api.orgs[':slug'].webhooks[':endpointId'].deliveries.$get(
        { param: { slug, endpointId: endpoint.id }, query: { page: String(page), pageSize: String(LOG_PAGE_SIZE) } },
        { init: { signal } },
      );
      const result = await call(request, signal);
      if (signal.aborted) return;
      if (result.ok) {
        setLog({ data: result.data.data, totalPages: result.data.pagination.totalPages });
        setError(null);
      } else if (result.error.code !== 'ABORTED') setError(failureMessage(result, te));
    },
    [slug, endpoint.id, page, te],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, reload, again]);

  const tone = (s: DeliveryDto['status']) => (s === 'succeeded' ? 'success' : s === 'failed' ? 'danger' : 'warning');

  return (
    <section className="mt-4 border-t border-slate-100 pt-3" aria-labelledby={`webhook-${endpoint.id}-log-title`}>
      <div className="flex items-center justify-between gap-2">
        <h4 id={`webhook-${endpoint.id}-log-title`} className="text-sm font-semibold text-slate-900">
          {t('log.title')}
        </h4>
        <Button type="button" size="sm" variant="ghost" onClick={() => setAgain((n) => n + 1)}>
          {t('log.refresh')}
        </Button>
      </div>
      {error ? (
        <Alert tone="error" className="mt-2">
          <p>{error}</p>
          <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={() => setAgain((n) => n + 1)}>
            {t('list.retry')}
          </Button>
        </Alert>
      ) : log === null ? (
        <p className="mt-2 flex items-center gap-2 text-sm text-slate-600" role="status">
          <Spinner /> {t('log.loading')}
        </p>
      ) : log.data.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('log.empty')}</p>
      ) : (
        <div className="mt-2 overflow-x-auto" role="region" aria-labelledby={`webhook-${endpoint.id}-log-caption`} tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm" data-testid="webhook-deliveries">
            <caption id={`webhook-${endpoint.id}-log-caption`} className="sr-only">
              {t('log.caption', { url: endpoint.url, page, totalPages: log.totalPages })}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">{t('log.event')}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t('log.status')}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t('log.response')}</th>
                <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">{t('log.attempts')}</th>
                <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">{t('log.time')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {log.data.map((d) => (
                <tr key={d.id} data-testid="webhook-delivery">
                  <td className="px-3 py-2 align-top">
                    <span className="text-slate-900">{t(`events.${eventKey(d.eventType)}`)}</span>
                    <span className="block font-mono text-xs break-all text-slate-600">{d.id}</span>
                    <span className="block text-xs text-slate-600 sm:hidden">
                      <time dateTime={d.createdAt}>{dateTime(d.createdAt)}</time>
                    </span>
                  </td>
                  <td className="px-3 py-2 align-top">
                    <Badge tone={tone(d.status)}>{t(`log.statuses.${d.status}`)}</Badge>
                    {d.status === 'pending' && d.nextAttemptAt ? <span className="mt-1 block text-xs text-slate-600">{t('log.nextAttempt', { date: dateTime(d.nextAttemptAt) })}</span> : null}
                  </td>
                  <td className="px-3 py-2 align-top text-slate-700">
                    <span className="block">{d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : t('log.none')}</span>
                    {d.lastLatencyMs !== null ? <span className="block text-xs text-slate-600">{t('log.ms', { ms: d.lastLatencyMs })}</span> : null}
                    {d.lastError ? <span className="block text-xs break-words text-red-700">{d.lastError}</span> : null}
                  </td>
                  <td className="hidden px-3 py-2 align-top text-slate-700 sm:table-cell">{d.attempts}</td>
                  <td className="hidden px-3 py-2 align-top whitespace-nowrap text-slate-700 sm:table-cell">
                    <time dateTime={d.createdAt}>{dateTime(d.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log && log.totalPages > 1 ? <Pager label={t('log.pages')} page={page} totalPages={log.totalPages} onPage={setPage} /> : null}
    </section>
  );
}
