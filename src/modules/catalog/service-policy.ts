/**
 * Rules a service must satisfy as a whole (after an update is merged onto the stored row),
 * each explainable in one sentence:
 *  - the price is in the organization's currency (one currency per organization);
 *  - a slot booking fits inside one day (up to 24 h); longer stays use multi_day;
 *  - a multi_day stay books the whole asset (capacity 1) and every resource that hosts it
 *    has check-in/check-out settings (multiDay);
 *  - a translation speaks of the service's own questions (by key) and options (no more than it has).
 */
import { validationError } from '@/lib/errors';
import type { FieldIssue } from '@/modules/kernel';
import { MAX_SLOT_MINUTES } from './schemas';

export interface ServiceShape {
  bookingMode: 'slot' | 'multi_day';
  durationMinutes: number;
  capacity: number;
  currency: string;
  customFields: readonly { key: string; options?: string[] }[];
  translations: Partial<Record<string, { customFields?: Record<string, { options?: string[] }> }>>;
}

export interface LinkedResource {
  id: string;
  name: string;
  multiDay: unknown;
}

export function serviceIssues(
  service: ServiceShape,
  organizationCurrency: string,
  resources: readonly LinkedResource[],
  resourceIdsPath: string | null,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (service.currency !== organizationCurrency) {
    issues.push({ path: 'currency', message: `must be the organization's currency (${organizationCurrency})` });
  }
  if (service.bookingMode === 'slot' && service.durationMinutes > MAX_SLOT_MINUTES) {
    issues.push({ path: 'durationMinutes', message: `a slot booking lasts at most ${MAX_SLOT_MINUTES} minutes (one day); use bookingMode multi_day for stays` });
  }
  if (service.bookingMode === 'multi_day') {
    if (service.capacity !== 1) issues.push({ path: 'capacity', message: 'a multi_day stay books the whole resource: capacity must be 1' });
    resources.forEach((r, i) => {
      if (!r.multiDay) {
        issues.push({
          path: resourceIdsPath ? `${resourceIdsPath}.${i}` : 'bookingMode',
          message: `${r.name} has no check-in/check-out settings (multiDay); set them on the resource before offering multi_day stays`,
        });
      }
    });
  }
  for (const [lang, t] of Object.entries(service.translations)) {
    for (const [key, field] of Object.entries(t?.customFields ?? {})) {
      const own = service.customFields.find((f) => f.key === key);
      const path = `translations.${lang}.customFields.${key}`;
      if (!own) issues.push({ path, message: `the service has no question "${key}"` });
      else if (field.options && field.options.length > (own.options?.length ?? 0)) {
        issues.push({ path: `${path}.options`, message: `"${key}" has ${own.options?.length ?? 0} options; translate at most that many, in the same order` });
      }
    }
  }
  return issues;
}

export function throwIssues(issues: FieldIssue[], what: string): void {
  const first = issues[0];
  if (first) throw validationError(`Invalid ${what}: ${first.path} ${first.message}`, { fields: issues });
}

/** "Full Detail — Premium" → "full-detail-premium"; accents dropped, so "Corte de pelo" and "Peluquería" stay readable. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}
