/** Shapes the public site's client components receive as props or read from /api/v1/public. */
import type { FieldAnswer } from '@/modules/bookings';
import type { PublicResource, PublicService } from '@/modules/catalog';

export interface SiteOrg {
  slug: string;
  name: string;
  timezone: string;
  currency: string;
}

type BookableResource = Pick<PublicResource, 'id' | 'name' | 'kind' | 'description'>;

/** What the booking flow needs of a service (a subset of the public service, so less crosses to the browser). */
export type BookableService = Pick<
  PublicService,
  'id' | 'slug' | 'name' | 'bookingMode' | 'durationMinutes' | 'maxAdvanceDays' | 'capacity' | 'requiresConfirmation' | 'priceMinor' | 'priceFrom' | 'currency' | 'customFields'
> & { resources: BookableResource[] };

export interface Slot {
  start: string;
  end: string;
  resourceIds: string[];
  remaining: number;
}

export interface AvailabilityResponse {
  timezone: string;
  organizationTimezone: string;
  bookingMode: 'slot' | 'multi_day';
  slots: Slot[];
  /** First date the answer left out (its size is bounded); null when it covers the window. */
  nextFrom: string | null;
}

export type BookingStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled' | 'in_progress' | 'completed' | 'no_show';

/** A booking as the public endpoints present it (times ISO 8601 in the organization's zone). */
export interface PublicBooking {
  id: string;
  status: BookingStatus;
  serviceId: string;
  serviceName?: string;
  resourceId: string;
  resourceName?: string;
  start: string;
  end: string;
  timezone: string;
  seats: number;
  priceMinor: number;
  currency: string;
  fields: Record<string, FieldAnswer>;
  message: string;
  cancellationReason: string | null;
}

export interface CreatedBooking {
  booking: PublicBooking;
  manageUrl: string;
}

export interface ManagedBooking {
  booking: PublicBooking;
  organization: { slug: string; name: string; timezone: string };
  canCancel: boolean;
  canReschedule: boolean;
  changeDeadline: string;
  /** The link stops working then (30 days after the booking ends); later it answers 410. */
  linkExpiresAt: string;
}

/** `error.details.alternatives` of a 409. */
export interface Alternative {
  start: string;
  end: string;
  resourceIds: string[];
}

export function alternativesOf(details: unknown): Alternative[] {
  const list = (details as { alternatives?: unknown } | undefined)?.alternatives;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (a): a is Alternative => !!a && typeof a.start === 'string' && typeof a.end === 'string' && Array.isArray(a.resourceIds),
  );
}

export function ruleOf(details: unknown): string | null {
  const rule = (details as { rule?: unknown } | undefined)?.rule;
  return typeof rule === 'string' ? rule : null;
}
