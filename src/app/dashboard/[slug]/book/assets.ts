/**
 * The portal's catalogue: the public menu turned around, asset first. A club member thinks
 * "the Pedasí house" before "a residence stay", so each active resource is listed once, under
 * its section (Planes, Residences…), with the services it can be booked for.
 */
import type { PublicService } from '@/modules/catalog/schemas';

export interface PortalService {
  id: string;
  name: string;
  bookingMode: PublicService['bookingMode'];
  maxAdvanceDays: number;
  requiresConfirmation: boolean;
  customFields: PublicService['customFields'];
  priceMinor: number;
  priceFrom: boolean;
}

export interface PortalAsset {
  id: string;
  name: string;
  description: string;
  /** Stays: check-in from / check-out by "HH:MM" (the waitlist names a stay with them). */
  checkInTime: string | null;
  checkOutTime: string | null;
  services: PortalService[];
}

export interface PortalSection {
  /** The resources' `section` as stored (null: none given). */
  key: string | null;
  label: string;
  assets: PortalAsset[];
}

/** Sections and assets in the menu's order (the owner's order of services, then of resources). */
export function groupAssets(menu: readonly PublicService[], sectionLabel: (key: string | null) => string): PortalSection[] {
  const sections = new Map<string | null, PortalSection>();
  const assets = new Map<string, PortalAsset>();
  for (const service of menu) {
    const offered: PortalService = {
      id: service.id,
      name: service.name,
      bookingMode: service.bookingMode,
      maxAdvanceDays: service.maxAdvanceDays,
      requiresConfirmation: service.requiresConfirmation,
      customFields: service.customFields,
      priceMinor: service.priceMinor,
      priceFrom: service.priceFrom,
    };
    for (const resource of service.resources) {
      let asset = assets.get(resource.id);
      if (!asset) {
        asset = {
          id: resource.id,
          name: resource.name,
          description: resource.description,
          checkInTime: resource.checkInTime,
          checkOutTime: resource.checkOutTime,
          services: [],
        };
        assets.set(resource.id, asset);
        const key = resource.section?.trim() || null;
        const section = sections.get(key) ?? { key, label: sectionLabel(key), assets: [] };
        sections.set(key, section);
        section.assets.push(asset);
      }
      asset.services.push(offered);
    }
  }
  // Assets without a section come last.
  return [...sections.values()].sort((a, b) => Number(a.key === null) - Number(b.key === null));
}
