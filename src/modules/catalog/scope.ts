/** The `resourceId` filter of override and blackout lists: a resource, or "organization" for org-wide rows. */
import { eq, isNull, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export function scopeFilter(column: PgColumn, scope: string | undefined): SQL | undefined {
  if (scope === undefined) return undefined;
  return scope === 'organization' ? isNull(column) : eq(column, scope);
}
