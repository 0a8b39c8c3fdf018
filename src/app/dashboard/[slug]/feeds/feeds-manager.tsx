'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, call, failureMessage } from '@/app/_lib/api';
import type { CreatedFeedDto, FeedDto } from '@/modules/feeds/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { SelectField } from '@/ui/field';
import { Spinner } from '@/ui/spinner';
import { useToast } from '@/ui/toast';
import { Pager } from '../webhooks/pager';
import { FeedCard } from './feed-card';
import { NewFeedPanel } from './new-feed-panel';

const PAGE_SIZE = 20;

/**
 * Create a feed (its address is shown once, with a copy button and a webcal:// link), list the
 * feeds that work, revoke one after a confirmation. Members manage their own feed; owners and
 * admins also resources' feeds and anyone's.
 */
export function FeedsManager({ slug, locale, timeZone, manages, resources }: { slug: string; locale: string; timeZone: string; manages: boolean; resources: { id: string; name: string }[] }) {
  const t = useTranslations('feedsPage');
  const te = useTranslations('dashboard.errors');
  const notify = useToast();
  const [creating, setCreating] = useState<null | 'member' | 'resource'>(null);
  const [resourceId, setResourceId] = useState('');
  const [resourceError, setResourceError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedFeedDto | null>(null);

  const [page, setPage] = useState(1);
  const [list, setList] = useState<{ data: FeedDto[]; totalPages: number } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  const name = (feed: FeedDto) =>
    feed.kind === 'resource' ? t('card.resource', { name: feed.resource?.name ?? '' }) : feed.mine ? t('card.mine') : t('card.member', { name: feed.member?.name ?? '' });

  const load = useCallback(
    async (signal: AbortSignal) => {
      const result = await call(api.orgs[':slug'].feeds.$get({ param: { slug }, query: { page: String(page), pageSize: String(PAGE_SIZE) } }, { init: { signal } }), signal);
      if (signal.aborted) return;
      if (result.ok) {
        // A page emptied by a revocation: step back to the last page that has feeds.
        if (result.data.data.length === 0 && page > 1) setPage(Math.max(1, result.data.pagination.totalPages));
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

  async function create(json: { kind: 'member' } | { kind: 'resource'; resourceId: string }) {
    setFormError(null);
    setCreating(json.kind);
    const result = await call(api.orgs[':slug'].feeds.$post({ param: { slug }, json }));
    setCreating(null);
    if (!result.ok) {
      const field = result.fields.resourceId;
      if (field) {
        setResourceError(field);
        document.getElementById('feed-resource')?.focus();
      } else setFormError(failureMessage(result, te));
      return;
    }
    setCreated(result.data);
    setResourceId('');
    notify('success', t('created.toast'));
    setPage(1);
    setReload((n) => n + 1);
  }

  function createForResource(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (creating) return;
    if (!resourceId) {
      setResourceError(t('resource.required'));
      document.getElementById('feed-resource')?.focus();
      return;
    }
    setResourceError(undefined);
    void create({ kind: 'resource', resourceId });
  }

  return (
    <>
      <LiveRegion politeness="assertive">{formError ? <Alert tone="error" className="mt-4">{formError}</Alert> : null}</LiveRegion>
      <div className={`mt-6 grid gap-4 ${manages ? 'md:grid-cols-2' : ''}`}>
        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="feed-mine-title">
          <h2 id="feed-mine-title" className="text-lg font-semibold text-slate-900">
            {t('mine.title')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t('mine.body')}</p>
          <Button type="button" className="mt-4" loading={creating === 'member'} loadingText={t('mine.creating')} onClick={() => !creating && void create({ kind: 'member' })}>
            {t('mine.create')}
          </Button>
        </section>
        {manages ? (
          <form onSubmit={createForResource} noValidate className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="feed-resource-title">
            <h2 id="feed-resource-title" className="text-lg font-semibold text-slate-900">
              {t('resource.title')}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t('resource.body')}</p>
            {resources.length === 0 ? (
              <p className="mt-4 text-sm text-slate-700">{t('resource.none')}</p>
            ) : (
              <>
                <SelectField
                  id="feed-resource"
                  label={t('resource.label')}
                  className="mt-4"
                  value={resourceId}
                  error={resourceError}
                  onChange={(e) => {
                    setResourceId(e.target.value);
                    setResourceError(undefined);
                  }}
                >
                  <option value="">{t('resource.choose')}</option>
                  {resources.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </SelectField>
                <Button type="submit" className="mt-4" loading={creating === 'resource'} loadingText={t('resource.creating')}>
                  {t('resource.create')}
                </Button>
              </>
            )}
          </form>
        ) : null}
      </div>

      {created ? <NewFeedPanel feed={created} name={name(created)} onDone={() => setCreated(null)} /> : null}

      <section aria-labelledby="feed-list-title" className="mt-10">
        <h2 id="feed-list-title" className="text-lg font-semibold text-slate-900">
          {manages ? t('list.title') : t('list.titleMine')}
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
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600" data-testid="feeds-empty">
            {t('list.empty')}
          </p>
        ) : (
          <ul className="mt-3 space-y-3" data-testid="feed-list">
            {list.data.map((feed) => (
              <li key={feed.id}>
                <FeedCard slug={slug} feed={feed} name={name(feed)} locale={locale} timeZone={timeZone} onRevoked={() => setReload((n) => n + 1)} />
              </li>
            ))}
          </ul>
        )}
        {list && list.totalPages > 1 ? <Pager label={t('list.pages')} page={page} totalPages={list.totalPages} onPage={setPage} /> : null}
      </section>
    </>
  );
}
