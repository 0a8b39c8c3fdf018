import { type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { notFound } from '@/lib/errors';
import { EXPORT_FORMAT, EXPORT_VERSION, latestMigration, type OrganizationExport, type Row } from './format';
import { type BackupTable, identityTables, organizationTable, quoteIdent, tenantTables } from './tables';

type Filter = (alias: string) => SQL;

/**
 * One table's rows as JSON built by PostgreSQL, so instants keep their microseconds, ranges
 * and dates keep their text form, and jsonb stays as stored. Ordered bytewise (COLLATE "C")
 * by primary key: the order is the same on any server, whatever its default collation.
 */
async function selectRows(tx: Tx, table: BackupTable, where: Filter, memberOf: string): Promise<Row[]> {
  const alias = 't';
  const columns = table.columns.map((c) => {
    const ref = sql`${sql.raw(alias)}.${sql.raw(quoteIdent(c.name))}`;
    // A reference to someone who is no longer a member (an inviter who left) is cleared, as
    // deleting that account would do: the file carries no data of non-members.
    if (c.userRef) {
      return sql`case when exists (select 1 from members m where m.organization_id = ${memberOf} and m.user_id = ${ref}) then ${ref} end as ${sql.raw(quoteIdent(c.name))}`;
    }
    if (c.secret) return sql`null as ${sql.raw(quoteIdent(c.name))}`;
    return c.asText ? sql`${ref}::text as ${sql.raw(quoteIdent(c.name))}` : sql`${ref} as ${sql.raw(quoteIdent(c.name))}`;
  });
  const collatable = new Set(table.columns.filter((c) => c.collatable).map((c) => c.name));
  const order = table.orderBy.map((c) => sql`${sql.raw(alias)}.${sql.raw(quoteIdent(c))}${sql.raw(collatable.has(c) ? ' collate "C"' : '')}`);
  const result = await tx.execute<{ row: string }>(
    sql`select row_to_json(x)::text as row from (
      select ${sql.join(columns, sql`, `)} from ${sql.raw(quoteIdent(table.name))} ${sql.raw(alias)}
      where ${where(alias)} order by ${sql.join(order, sql`, `)}
    ) x`,
  );
  return (result as unknown as { rows: { row: string }[] }).rows.map((r) => JSON.parse(r.row) as Row);
}

/**
 * Reads one organization's rows, its members' identities and every tenant table, in one
 * read-only repeatable-read transaction (a consistent snapshot while the app keeps running on
 * PostgreSQL). Runs as the connecting owner role: row-level security does not apply, and the
 * password hashes the app role may not read are included.
 */
export async function exportOrganization(db: Db, slug: string, opts: { now: Date }): Promise<OrganizationExport> {
  return db.transaction(
    async (tx) => {
      // Text forms of instants and ranges follow these settings: pin them so every export
      // of the same data is the same bytes, whatever the server's defaults.
      await tx.execute(sql`select set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true)`);
      const [organization] = await selectRows(tx, organizationTable, (t) => sql`${sql.raw(t)}.slug = ${slug}`, '');
      if (!organization) throw notFound(`Organization "${slug}"`);
      const orgId = String(organization.id);

      const memberUser = (column: string): Filter => (t) =>
        sql`${sql.raw(t)}.${sql.raw(quoteIdent(column))} in (select user_id from members where organization_id = ${orgId})`;
      const tables: Record<string, Row[]> = {};
      for (const table of identityTables) {
        tables[table.name] = await selectRows(tx, table, memberUser(table.name === 'user' ? 'id' : 'user_id'), orgId);
      }
      for (const table of tenantTables) {
        tables[table.name] = await selectRows(tx, table, (t) => sql`${sql.raw(t)}.organization_id = ${orgId}`, orgId);
      }
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: opts.now.toISOString(),
        schemaMigration: latestMigration(),
        organization,
        tables,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
