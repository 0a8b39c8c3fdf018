import { getTableColumns, type Table } from 'drizzle-orm';

/** A raw row (snake_case columns, as `returning *` gives it) as Drizzle would map it. */
export function mapRow<T extends Table>(table: T, row: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = row[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T['$inferSelect'];
}
