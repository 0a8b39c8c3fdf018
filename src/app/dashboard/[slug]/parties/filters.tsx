import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClasses } from '@/ui/button';
import { SelectField, TextField } from '@/ui/field';

interface Option {
  id: string;
  name: string;
}

/**
 * The parties list's filters as a plain GET form: it works without JavaScript, the URL keeps
 * the view (a link or the back button brings it back), and a new filter starts at page 1.
 */
export function PartyFiltersForm({
  action,
  filters,
  packages,
  rooms,
  statuses,
}: {
  action: string;
  filters: { serviceId: string; resourceId: string; status: string; from: string; to: string };
  packages: Option[];
  rooms: Option[];
  statuses: string[];
}) {
  const t = useTranslations('party.parties.filters');
  return (
    <form method="get" action={action} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5" aria-label={t('label')}>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <SelectField id="parties-package" name="serviceId" label={t('package')} defaultValue={filters.serviceId}>
          <option value="">{t('allPackages')}</option>
          {packages.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="parties-room" name="resourceId" label={t('room')} defaultValue={filters.resourceId}>
          <option value="">{t('allRooms')}</option>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="parties-status" name="status" label={t('status')} defaultValue={filters.status}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="parties-from" name="from" type="date" label={t('from')} defaultValue={filters.from} />
        <TextField id="parties-to" name="to" type="date" label={t('to')} defaultValue={filters.to} />
      </div>
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="submit" className={buttonClasses()}>
          {t('apply')}
        </button>
        <Link href={action} className={buttonClasses({ variant: 'secondary' })}>
          {t('clear')}
        </Link>
      </div>
    </form>
  );
}
