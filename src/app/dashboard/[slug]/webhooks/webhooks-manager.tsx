'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';
import { type EndpointDto, type EndpointWithSecretDto, webhookEventTypes } from '@/modules/webhooks/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField, TextField } from '@/ui/field';
import { Spinner } from '@/ui/spinner';
import { useToast } from '@/ui/toast';
import { EndpointCard } from './endpoint-card';
import { eventKey, Pager } from './pager';
import { SecretPanel } from './secret-panel';

const PAGE_SIZE = 10;

/** Add endpoints (the secret is shown once), and manage each one with its delivery log. */
export function WebhooksManager({ slug, locale, timeZone }: { slug: string; locale: string; timeZone: string }) {
  const t = useTranslations('webhooksPage');
  const te = useTranslations('dashboard.errors');
  const notify = useToast();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>(['booking.created']);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [secret, setSecret] = useState<EndpointWithSecretDto | null>(null);

  const [page, setPage] = useState(1);
  const [list, setList] = useState<{ data: EndpointDto[]; totalPages: number } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  const load = useCallback(
    async (signal: AbortSignal) => {
      const result = await call(api.orgs[':slug'].webhooks.$get({ param: { slug }, query: { page: String(page), pageSize: String(PAGE_SIZE) } }, { init: { signal } }), signal);
      if (signal.aborted) return;
      if (result.ok) {
        // A page emptied by a deletion: step back to the last page that has endpoints.
        if (result.data.data.length === 0 && page > 1) setPage(result.data.pagination.totalPages);
        setList({ data: result.data.data, totalPages: result.data.pagination.totalPages });
        setListError(null);
      } else if (result.error.code !== 'ABORTED') setListError(failureMessage(result, te));
    },
    [slug, page, te],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, reload]);

  function toggle(type: string, on: boolean) {
    setEvents((current) => (on ? [...new Set([...current, type])] : current.filter((e) => e !== type)));
  }

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    setFormError(null);
    const problems: FieldErrors = {};
    if (!url.trim()) problems.url = t('form.urlRequired');
    if (events.length === 0) problems.eventTypes = t('form.eventsRequired');
    setFields(problems);
    if (problems.url) return document.getElementById('webhook-url')?.focus();
    if (problems.eventTypes) return document.getElementById(`webhook-event-${eventKey(webhookEventTypes[0])}`)?.focus();
    setSaving(true);
    const json = { url: url.trim(), eventTypes: events as (typeof webhookEventTypes)[number][], ...(description.trim() ? { description: description.trim() } : {}) };
    const result = await call(api.orgs[':slug'].webhooks.$post({ param: { slug }, json }));
    setSaving(false);
    if (result.ok) {
      setSecret(result.data);
      setUrl('');
      setDescription('');
      notify('success', t('form.created'));
      setPage(1);
      setReload((n) => n + 1);
      return;
    }
    const f = Object.fromEntries(Object.entries(result.fields).map(([k, v]) => [k.split('.')[0]!, sentence(v)]));
    setFields(f);
    if (f.url) document.getElementById('webhook-url')?.focus();
    else if (!f.description && !f.eventTypes) setFormError(failureMessage(result, te));
  }

  return (
    <>
      <form onSubmit={create} noValidate className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="webhook-form-title">
        <h2 id="webhook-form-title" className="text-lg font-semibold text-slate-900">
          {t('form.title')}
        </h2>
        <LiveRegion politeness="assertive">{formError ? <Alert tone="error" className="mt-3">{formError}</Alert> : null}</LiveRegion>
        <div className="mt-4 grid gap-4">
          <TextField id="webhook-url" type="url" label={t('form.url')} hint={t('form.urlHint')} placeholder="https://" required maxLength={2000} autoComplete="off" value={url} error={fields.url} onChange={(e) => setUrl(e.target.value)} />
          <TextField id="webhook-description" label={t('form.description')} maxLength={200} value={description} error={fields.description} onChange={(e) => setDescription(e.target.value)} />
          <fieldset aria-describedby={fields.eventTypes ? 'webhook-events-error' : undefined}>
            <legend className="text-sm font-medium text-slate-900">{t('form.events')}</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {webhookEventTypes.map((type) => (
                <CheckboxField
                  key={type}
                  id={`webhook-event-${eventKey(type)}`}
                  label={
                    <>
                      {t(`events.${eventKey(type)}`)} <code className="text-xs text-slate-600">{type}</code>
                    </>
                  }
                  checked={events.includes(type)}
                  onChange={(e) => toggle(type, e.target.checked)}
                />
              ))}
            </div>
            {fields.eventTypes ? (
              <p id="webhook-events-error" className="mt-1 text-sm text-red-700">
                {fields.eventTypes}
              </p>
            ) : null}
          </fieldset>
          <div>
            <Button type="submit" loading={saving} loadingText={t('form.submitting')}>
              {t('form.submit')}
            </Button>
          </div>
        </div>
      </form>

      {secret ? <SecretPanel url={secret.url} secret={secret.secret} onDone={() => setSecret(null)} /> : null}

      <section aria-labelledby="webhook-list-title" className="mt-10">
        <h2 id="webhook-list-title" className="text-lg font-semibold text-slate-900">
          {t('list.title')}
        </h2>
        {listError ? (
          <Alert tone="error" className="mt-3">
            <p>{listError}</p>
            <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={() => setReload((n) => n + 1)}>
              {t('list.retry')}
            </Button>
          </Alert>
        ) : list === null ? (
          <p className="mt-3 flex items-center gap-2 text-sm text-slate-600" role="status">
            <Spinner /> {t('loading')}
          </p>
        ) : list.data.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600" data-testid="webhooks-empty">
            {t('list.empty')}
          </p>
        ) : (
          <ul className="mt-3 space-y-4" data-testid="webhook-list">
            {list.data.map((endpoint) => (
              <li key={endpoint.id}>
                <EndpointCard slug={slug} endpoint={endpoint} locale={locale} timeZone={timeZone} onChanged={() => setReload((n) => n + 1)} onSecret={setSecret} />
              </li>
            ))}
          </ul>
        )}
        {list && list.totalPages > 1 ? <Pager label={t('list.pages')} page={page} totalPages={list.totalPages} onPage={setPage} /> : null}
      </section>
    </>
  );
}
