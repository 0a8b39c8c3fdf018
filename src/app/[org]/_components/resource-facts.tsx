/**
 * A resource's facts for guests — how many people it takes, check-in and check-out, its
 * maintenance window — in the visitor's language, for the service page's cards (server) and
 * the booking flow's choices (client). Texts come from the `assets` messages; the reason and
 * the resource's own texts arrive already in the visitor's language (the public API localizes).
 */
import type { PublicResource } from '@/modules/catalog/schemas';
import { Alert } from '@/ui/alert';
import { cx } from '@/ui/class-names';
import { formatDateTime, formatWallTime } from '../_lib/format';

/** The `assets` namespace's translator, as both next-intl's server and client functions satisfy it. */
export type AssetsT = (key: string, values?: Record<string, string | number>) => string;

export type ResourceFacts = Pick<PublicResource, 'name' | 'photos' | 'capacity' | 'checkInTime' | 'checkOutTime' | 'maintenance'>;

/**
 * Photos the pages can show: files on this site. The Content-Security-Policy allows images
 * from our own origin only, so an https:// photo elsewhere would be a broken image.
 */
export const displayablePhotos = (photos: readonly string[]) => photos.filter((p) => p.startsWith('/') && !p.startsWith('//'));

/** Whether a resource has anything beyond its name and description to show. */
export const hasFacts = (r: ResourceFacts) => displayablePhotos(r.photos).length > 0 || r.capacity !== null || r.checkInTime !== null || r.maintenance !== null;

/** "Up to 7 passengers", "Sleeps 10"… */
export function capacityText(t: AssetsT, r: ResourceFacts): string | null {
  return r.capacity ? t(`capacity.${r.capacity.label}`, { count: r.capacity.count }) : null;
}

export function stayTimesText(t: AssetsT, r: ResourceFacts, locale: string): string | null {
  if (!r.checkInTime || !r.checkOutTime) return null;
  return t('checkInOut', { checkIn: formatWallTime(r.checkInTime, locale), checkOut: formatWallTime(r.checkOutTime, locale) });
}

/** "In maintenance until Friday, 12 June 2026, 18:00: Annual engine inspection" (or "Maintenance from … until …"). */
export function maintenanceText(t: AssetsT, r: ResourceFacts, locale: string, zone: string): string | null {
  const m = r.maintenance;
  if (!m) return null;
  const until = formatDateTime(m.until, locale, zone);
  const notice = m.current ? t('maintenanceNow', { until }) : t('maintenanceNext', { from: formatDateTime(m.startsAt, locale, zone), until });
  return m.reason ? t('maintenanceWithReason', { notice, reason: m.reason }) : notice;
}

/** Capacity and stay times as a short list, then the maintenance notice. */
export function FactList({ t, resource, locale, zone, className }: { t: AssetsT; resource: ResourceFacts; locale: string; zone: string; className?: string }) {
  const facts = [capacityText(t, resource), stayTimesText(t, resource, locale)].filter((f): f is string => f !== null);
  const maintenance = maintenanceText(t, resource, locale, zone);
  if (facts.length === 0 && !maintenance) return null;
  return (
    <div className={cx('space-y-2 text-sm', className)}>
      {facts.length > 0 ? (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-slate-700">
          {facts.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : null}
      {maintenance ? (
        <Alert tone="warning">
          <p data-testid="maintenance-notice">{maintenance}</p>
          <p className="mt-0.5">{t('maintenanceNote')}</p>
        </Alert>
      ) : null}
    </div>
  );
}
