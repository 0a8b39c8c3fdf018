/** Plain-language names for roles, permissions, currencies and locales shown in the UI. */
import type { Permission, rolePermissions } from '@/modules/kernel';

export type Role = keyof typeof rolePermissions;

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  staff: 'Staff',
  member: 'Member',
  viewer: 'Viewer',
};

export const permissionLabels: Record<Permission, string> = {
  'org:read': 'View the organization’s profile',
  'bookings:read': 'See bookings',
  'bookings:write': 'Create and change bookings',
  'bookings:override_policy': 'Cancel or move bookings inside the cancellation notice',
  'customers:read': 'See customers',
  'customers:write': 'Add and edit customers',
  'catalog:read': 'See services, resources and prices',
  'catalog:write': 'Edit services, resources and prices',
  'reviews:moderate': 'Moderate reviews',
  'members:read': 'See the team',
  'members:manage': 'Invite, change and remove team members',
  'settings:manage': 'Change the organization’s settings',
  'audit:read': 'Read the audit log',
};

export function currencyName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function localeName(locale: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** A date in the organization's zone: "Joined" must not shift with the server's zone. */
export function formatDate(value: Date | string, timeZone: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  try {
    return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  }
}
