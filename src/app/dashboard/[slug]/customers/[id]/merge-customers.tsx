'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState, useTransition } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage } from '@/app/_lib/api';
import type { CustomerDto } from '@/modules/customers/schemas';

type Candidate = Pick<CustomerDto, 'id' | 'name' | 'email' | 'totalBookings'>;

type Search = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; q: string; results: Candidate[] };

/**
 * Fold duplicates into this customer: search (the customers API), tick the duplicates, confirm
 * in a dialog, POST merge. Their bookings move here and they leave the customer list.
 */
export function MergeCustomers({ slug, target }: { slug: string; target: { id: string; name: string; email: string } }) {
  const t = useTranslations('dashboard.customer.merge');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [, startTransition] = useTransition();
  const [q, setQ] = useState(target.name);
  const [search, setSearch] = useState<Search>({ kind: 'idle' });
  const [selected, setSelected] = useState<Map<string, Candidate>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const [merging, setMerging] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSearch(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const term = q.trim();
    if (!term) return;
    setSearch({ kind: 'loading' });
    const result = await call(api.orgs[':slug'].customers.$get({ param: { slug }, query: { q: term, pageSize: '20', sort: 'name' } }));
    if (result.ok) setSearch({ kind: 'done', q: term, results: result.data.data.filter((c) => c.id !== target.id) });
    else setSearch({ kind: 'error', message: failureMessage(result, te) });
  }

  function toggle(c: Candidate, on: boolean) {
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(c.id, c);
      else next.delete(c.id);
      return next;
    });
  }

  async function merge() {
    if (merging) return;
    setMerging(true);
    setError(null);
    const sourceIds = [...selected.keys()];
    const result = await call(api.orgs[':slug'].customers[':customerId'].merge.$post({ param: { slug, customerId: target.id }, json: { sourceIds } }));
    setMerging(false);
    if (result.ok) {
      setConfirming(false);
      setSelected(new Map());
      setSearch({ kind: 'idle' });
      notify('success', t('done', { count: sourceIds.length, name: target.name }));
      startTransition(() => router.refresh());
      return;
    }
    setError(failureMessage(result, te));
  }

  const picked = [...selected.values()];

  return (
    <section aria-labelledby="customer-merge-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 id="customer-merge-title" className="text-base font-semibold text-slate-900">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('intro', { name: target.name })}</p>

      <form onSubmit={onSearch} role="search" aria-label={t('searchLabel')} className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField id="merge-q" name="q" type="search" label={t('search')} maxLength={100} value={q} onChange={(e) => setQ(e.target.value)} className="min-w-0 sm:flex-1" />
        <Button type="submit" variant="secondary" loading={search.kind === 'loading'} loadingText={t('searching')}>
          {t('searchSubmit')}
        </Button>
      </form>

      <div aria-live="polite" className="mt-4">
        {search.kind === 'error' ? <Alert tone="error">{search.message}</Alert> : null}
        {search.kind === 'done' ? (
          search.results.length === 0 ? (
            <p className="text-sm text-slate-600">{t('noResults', { q: search.q })}</p>
          ) : (
            <fieldset>
              <legend className="text-sm font-medium text-slate-900">{t('results', { count: search.results.length, q: search.q })}</legend>
              <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
                {search.results.map((c) => (
                  <li key={c.id}>
                    <label className="flex cursor-pointer items-start gap-3 px-3 py-2.5 text-sm hover:bg-slate-50">
                      <input
                        type="checkbox"
                        className="mt-0.5 size-4 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                        checked={selected.has(c.id)}
                        onChange={(e) => toggle(c, e.target.checked)}
                      />
                      <span className="min-w-0">
                        <span className="block font-medium text-slate-900">{c.name}</span>
                        <span className="block break-all text-slate-600">
                          {c.email} · {t('bookingsCount', { count: c.totalBookings })}
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )
        ) : null}
      </div>

      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button
          variant={picked.length ? 'danger' : 'secondary'}
          disabled={picked.length === 0}
          aria-haspopup="dialog"
          onClick={() => {
            setError(null);
            setConfirming(true);
          }}
        >
          {t('open', { count: picked.length })}
        </Button>
        {picked.length ? (
          <Button variant="ghost" size="sm" onClick={() => setSelected(new Map())}>
            {t('clearSelection')}
          </Button>
        ) : null}
      </div>

      <Dialog
        open={confirming}
        onClose={() => {
          if (!merging) setConfirming(false);
        }}
        title={t('confirmTitle', { count: picked.length, name: target.name })}
        description={t('confirmBody', { name: target.name })}
        closeLabel={tc('close')}
      >
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          {picked.map((c) => (
            <li key={c.id}>
              <span className="font-medium">{c.name}</span> <span className="break-all text-slate-600">({c.email})</span>
            </li>
          ))}
        </ul>
        <LiveRegion politeness="assertive" className="mt-4">
          {error ? <Alert tone="error">{error}</Alert> : null}
        </LiveRegion>
        <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" data-autofocus disabled={merging} onClick={() => setConfirming(false)}>
            {tc('cancel')}
          </Button>
          <Button variant="danger" loading={merging} loadingText={t('merging')} onClick={merge}>
            {t('confirm', { count: picked.length })}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
