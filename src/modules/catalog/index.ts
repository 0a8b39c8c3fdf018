/**
 * catalog — what can be booked and on what: services (the menu: descriptions, duration,
 * buffers, interval, notice, price, capacity, custom booking fields), resources (one model for
 * staff, assets, rooms and spaces) and which resources perform which service, plus schedules
 * as wall-clock times in IANA zones: weekly working hours (resourceId null = business hours),
 * date overrides and blackouts.
 *
 * Invariants: service slug unique per organization; a service's currency is the
 * organization's; links, hours, overrides and blackouts never cross tenants (composite FKs);
 * no overlapping ranges within a day; one override per (scope, date); a resource uses its own
 * weekly hours if it has any rows, else the organization's business hours (the availability
 * engine reads them through `loadSchedulingData`); a resource-specific override replaces an
 * org-wide one for the same date; a multi_day service's resources all have multiDay settings.
 * A blackout has a kind (closure, maintenance, event, other); every kind blocks alike, and a
 * maintenance window is public: the public pages show it with its reason, and a refused booking
 * names it (bookings/alternatives.ts through `maintenanceByResource`).
 * Archiving is `active = false`: bookings keep referencing archived services and resources.
 *
 * Tables owned: services, resources, service_resources, working_hours, date_overrides,
 * blackouts. Events: none yet (audit rows only).
 */
export { archiveResource } from './archive-resource';
export { archiveService } from './archive-service';
export { createBlackout } from './create-blackout';
export { createResource } from './create-resource';
export { createService } from './create-service';
export { deleteBlackout } from './delete-blackout';
export { deleteDateOverride } from './delete-date-override';
export { getBusinessHours } from './get-business-hours';
export { getPublicHours } from './get-public-hours';
export { getPublicService } from './get-public-service';
export { getResource } from './get-resource';
export { getResourceHours } from './get-resource-hours';
export { getService } from './get-service';
export { listBlackouts } from './list-blackouts';
export { localizeBlackoutReason } from './localize';
export { listDateOverrides } from './list-date-overrides';
export { listPublicServices } from './list-public-services';
export { listResources } from './list-resources';
export { listServices } from './list-services';
export { createAddon, deleteAddon, listAddons, updateAddon } from './addons';
export { addonLeft, addonsByService, type AddonRow, type AddonWithStock, chooseAddons, type ChosenAddon, extraMinutesOf, findPackage, type PackageRow, packagesByService, presentPackage } from './packages';
export { type BlackoutRow, findPublicOrganization, loadSchedulingData, maintenanceByResource, type ResourceRow, type SchedulingData, type SchedulingResource, type SchedulingWindow, type ServiceRow } from './queries';
export type {
  BlackoutDto,
  BusinessHoursDto,
  CustomFieldDto,
  DateOverrideDto,
  PublicHours,
  PublicResource,
  PublicService,
  PublicServiceList,
  ResourceDetailDto,
  ResourceDto,
  ResourceHoursDto,
  ServiceDetailDto,
  ServiceDto,
  TimeRangeDto,
  WeekdayHoursDto,
} from './schemas';
export * as catalogSchemas from './schemas';
export { setBusinessHours } from './set-business-hours';
export { setResourceHours } from './set-resource-hours';
export type { WeeklyHours, Weekday } from './time-ranges';
export { updateResource } from './update-resource';
export { updateService } from './update-service';
export { upsertDateOverride } from './upsert-date-override';
