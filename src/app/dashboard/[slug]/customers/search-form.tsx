'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useTransition } from 'react';
import { Button, buttonClasses } from '@/ui/button';
import { SelectField, TextField } from '@/ui/field';
import { type CustomerFilters, type CustomerSort, customerSearch, customerSorts } from '../../_lib/list-query';

/** Search and sort, written to the URL (a GET form before JavaScript loads, a client navigation after). */
export function CustomerSearchForm({ action, filters }: { action: string; filters: CustomerFilters }) {
  const t = useTranslations('dashboard.customers.filters');
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const search = customerSearch({
      q: String(data.get('q') ?? '').trim(),
      sort: String(data.get('sort') ?? '') as CustomerSort,
      page: 1,
    });
    startTransition(() => router.push(`${action}${search}`));
  }

  return (
    <form
      method="get"
      action={action}
      onSubmit={onSubmit}
      role="search"
      aria-label={t('label')}
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:flex-wrap sm:items-start sm:p-5"
    >
      <TextField
        id="customers-q"
        name="q"
        type="search"
        label={t('search')}
        hint={t('searchHint')}
        defaultValue={filters.q}
        maxLength={100}
        className="min-w-0 sm:flex-1"
      />
      <SelectField id="customers-sort" name="sort" label={t('sort')} defaultValue={filters.sort} className="sm:w-60">
        {customerSorts.map((s) => (
          <option key={s} value={s}>
            {t(`sorts.${s}`)}
          </option>
        ))}
      </SelectField>
      {/* Level with the inputs: below the height of a label. */}
      <div className="flex gap-2 sm:mt-[1.625rem]">
        <Button type="submit" loading={pending} loadingText={t('searching')}>
          {t('submit')}
        </Button>
        {filters.q || filters.sort !== 'name' ? (
          <Link href={action} className={buttonClasses({ variant: 'ghost' })}>
            {t('clear')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
