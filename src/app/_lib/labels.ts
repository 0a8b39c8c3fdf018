/** Plain-language names for roles and currencies shown in the UI. */
import type { rolePermissions } from '@/modules/kernel';

export type Role = keyof typeof rolePermissions;

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  staff: 'Staff',
  member: 'Member',
  viewer: 'Viewer',
};

export function currencyName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}
