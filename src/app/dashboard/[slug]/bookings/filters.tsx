'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useId, useState, useTransition } from 'react';
import { Button, buttonClasses } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { SelectField, TextField } from '@/ui/field';
import { type BookingFilters, type BookingSort, bookingSearch, bookingSorts, type BookingStatus, bookingStatuses } from '../../_lib/list-query';

interface Option {
  id: string;
  name: string;
  active: boolean;
}

/**
 * The filters submit as a GET form (so they work before JavaScript loads too); with it, the
 * URL is written cleanly (no empty parameters, statuses comma-joined) and the page is fetched
 * without a full reload. Every change starts again at page 1.
 */
export function BookingFiltersForm({
  action,
  filters,
  services,
  resources,
}: {
  action: string;
  filters: BookingFilters;
  services: Option[];
  resources: Option[];
}) {
  const t = useTranslations('dashboard.bookings.filters');
  const ts = useTranslations('dashboard.status');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const active = filters.status.length + [filters.from, filters.to, filters.serviceId, filters.resourceId].filter(Boolean).length;
  const [open, setOpen] = useState(active > 0);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const panelId = useId();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const from = value('from');
    const to = value('to');
    if (from && to && from > to) {
      setOpen(true);
      setRangeError(t('rangeError'));
      e.currentTarget.querySelector<HTMLInputElement>('[name="to"]')?.focus();
      return;
    }
    setRangeError(null);
    const search = bookingSearch({
      status: data.getAll('status').map(String).filter((s): s is BookingStatus => (bookingStatuses as readonly string[]).includes(s)),
      from,
      to,
      serviceId: value('serviceId'),
      resourceId: value('resourceId'),
      q: value('q'),
      sort: value('sort') as BookingSort,
      page: 1,
    });
    startTransition(() => router.push(`${action}${search}`));
  }

  return (
    <form method="get" action={action} onSubmit={onSubmit} role="search" aria-label={t('label')} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <TextField
          id="bookings-q"
          name="q"
          type="search"
          label={t('search')}
          hint={t('searchHint')}
          defaultValue={filters.q}
          maxLength={100}
          className="min-w-0 flex-1"
        />
        <SelectField id="bookings-sort" name="sort" label={t('sort')} defaultValue={filters.sort} className="sm:w-56">
          {bookingSorts.map((s) => (
            <option key={s} value={s}>
              {t(`sorts.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>

      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className={cx('mt-4 inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-indigo-700 hover:text-indigo-900', focusRing)}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={cx('size-4 transition-transform', open && 'rotate-90')}>
          <path d="M7.3 4.3a1 1 0 0 1 1.4 0l5 5a1 1 0 0 1 0 1.4l-5 5a1 1 0 0 1-1.4-1.4L11.6 10 7.3 5.7a1 1 0 0 1 0-1.4Z" />
        </svg>
        {active ? t('moreFiltersActive', { count: active }) : t('moreFilters')}
      </button>

      <div id={panelId} hidden={!open} className="mt-4 space-y-4">
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">{t('status')}</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {bookingStatuses.map((s) => (
              <label
                key={s}
                className="inline-flex cursor-pointer items-center gap-2 rounded-full border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 has-checked:border-indigo-600 has-checked:bg-indigo-50 has-checked:text-indigo-900 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
              >
                <input type="checkbox" name="status" value={s} defaultChecked={filters.status.includes(s)} className="size-4 accent-indigo-600 focus:outline-none" />
                {ts(s)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <TextField id="bookings-from" name="from" type="date" label={t('from')} defaultValue={filters.from} />
          <TextField id="bookings-to" name="to" type="date" label={t('to')} defaultValue={filters.to} error={rangeError} />
          <SelectField id="bookings-service" name="serviceId" label={t('service')} defaultValue={filters.serviceId}>
            <option value="">{t('allServices')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.active ? s.name : t('archived', { name: s.name })}
              </option>
            ))}
          </SelectField>
          <SelectField id="bookings-resource" name="resourceId" label={t('resource')} defaultValue={filters.resourceId}>
            <option value="">{t('allResources')}</option>
            {resources.map((r) => (
              <option key={r.id} value={r.id}>
                {r.active ? r.name : t('archived', { name: r.name })}
              </option>
            ))}
          </SelectField>
        </div>
      </div>

      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button type="submit" loading={pending} loadingText={t('applying')}>
          {t('apply')}
        </Button>
        <Link href={action} className={buttonClasses({ variant: 'ghost' })}>
          {t('clear')}
        </Link>
      </div>
    </form>
  );
}
