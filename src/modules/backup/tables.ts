/**
 * What a backup of one organization holds, derived from the Drizzle schema rather than listed
 * by hand: every table with an organization_id column is a tenant table and is exported, so a
 * new tenant table is covered without touching this module (tests/backup.test.ts checks the
 * database agrees). Identity tables are listed explicitly because only some of them belong in
 * a backup (see IDENTITY_TABLES).
 */
import { is } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import { getTableConfig, type PgColumn, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '@/db/schema';

interface BackupColumn {
  name: string;
  /** bigint and numeric leave the database as strings: a JSON number would lose digits. */
  asText: boolean;
  /** A column that references a user (a foreign key to "user"), other than a membership. */
  userRef: boolean;
  /** Text, ordered bytewise (`collate "C"`); other types (a date) order by their own value. */
  collatable: boolean;
  /** A link secret inside an exported row (SECRET_COLUMNS): exported as null, issued afresh on import. */
  secret: boolean;
}

export interface BackupTable {
  name: string;
  /** Columns written on import: generated columns are computed by the database, never written. */
  columns: BackupColumn[];
  /** Columns the rows are ordered by (the primary key), text compared bytewise. */
  orderBy: string[];
  /** Columns of foreign keys to this same table (customers.merged_into_id). */
  selfRefs: { columns: string[]; foreignColumns: string[] }[];
}

// The application maps columns with casing: 'snake_case' (src/db/client.ts); so does this.
const casing = new CasingCache('snake_case');
const columnName = (column: PgColumn) => casing.getColumnCasing(column);

// Tables whose user_id is the exported user itself: never cleared.
const OWN_USER_TABLES = new Set<PgTable>([schema.members, schema.accounts, schema.twoFactors, schema.sessions]);

/**
 * Link secrets that live in exported tables: an order's status link (its hash and its sealed
 * token). A backup file must not open anyone's order any more than their booking: the columns
 * are exported as null and an import issues fresh links (import-organization.ts).
 */
const SECRET_COLUMNS = new Map<PgTable, string[]>([
  [schema.orders, ['status_token_hash', 'status_token_sealed']],
  // An event waitlist entry's link (modules/event-waitlist): the same rule.
  [schema.eventWaitlistEntries, ['token_hash', 'token_sealed']],
]);

const allTables: PgTable[] = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

function describe(table: PgTable): BackupTable {
  const config = getTableConfig(table);
  const primary = config.columns.filter((c) => c.primary).map(columnName);
  const composite = config.primaryKeys[0]?.columns.map(columnName) ?? [];
  const userRefColumns = new Set(
    config.foreignKeys
      .map((fk) => fk.reference())
      .filter((ref) => ref.foreignTable === schema.users && !OWN_USER_TABLES.has(table))
      .flatMap((ref) => ref.columns.map(columnName)),
  );
  return {
    name: config.name,
    columns: config.columns
      .filter((c) => !c.generated)
      .map((c) => ({
        name: columnName(c),
        asText: /^(bigint|int8|numeric|decimal)/i.test(c.getSQLType()),
        userRef: userRefColumns.has(columnName(c)),
        collatable: /^(text|varchar|character|char)/i.test(c.getSQLType()),
        secret: SECRET_COLUMNS.get(table)?.includes(columnName(c)) ?? false,
      })),
    orderBy: primary.length > 0 ? primary : composite,
    selfRefs: config.foreignKeys
      .map((fk) => fk.reference())
      .filter((ref) => ref.foreignTable === table)
      .map((ref) => ({ columns: ref.columns.map(columnName), foreignColumns: ref.foreignColumns.map(columnName) })),
  };
}

/** Tables (other than organizations) that reference `table` through a foreign key. */
function dependencies(table: PgTable): Set<PgTable> {
  return new Set(
    getTableConfig(table)
      .foreignKeys.map((fk) => fk.reference().foreignTable)
      .filter((t) => t !== table),
  );
}

/** Tenant tables in an order where every table comes after the tables it references. */
function dependencyOrder(tables: PgTable[]): PgTable[] {
  const ordered: PgTable[] = [];
  const pending = [...tables].sort((a, b) => (getTableConfig(a).name < getTableConfig(b).name ? -1 : 1));
  while (pending.length > 0) {
    const next = pending.findIndex((t) => [...dependencies(t)].every((d) => !pending.includes(d)));
    if (next < 0) throw new Error(`Tenant tables reference each other in a cycle: ${pending.map((t) => getTableConfig(t).name).join(', ')}`);
    ordered.push(...pending.splice(next, 1));
  }
  return ordered;
}

/**
 * Identity rows that travel with the organization, for its members only: the user row, their
 * credential accounts (password hashes, so they can sign in after a restore) and their
 * two-factor rows (the TOTP secret and backup codes, encrypted with the instance's auth
 * secret: leaving them out would turn 2FA off or lock the user out). Sessions and verification
 * tokens are short-lived and left behind: restored users sign in again.
 */
const IDENTITY_TABLES = [schema.users, schema.accounts, schema.twoFactors] as const;

/**
 * Tenant tables never exported: the secrets of bookings' manage links (their hashes and
 * ciphertexts included). A backup file must not open anyone's booking; an import issues fresh
 * links instead (import-organization.ts), and the old ones answer 404. The mail catcher's
 * messages (mail_messages) carry those links and invitations' accept links in their bodies, so
 * they stay behind too: they are a copy of what was sent, not the organization's data. Calendar
 * feeds are secrets of the same kind (a restored hash would reopen the old URL on another
 * instance): members make new feeds after an import. Shop carts are a visitor's session (a
 * guest's is found by the hash of a cookie's token): like sessions, they stay behind.
 */
export const UNEXPORTED_TABLES = [schema.bookingManageTokens, schema.mailMessages, schema.calendarFeeds, schema.carts, schema.cartLines] as const;
const unexported = new Set<PgTable>(UNEXPORTED_TABLES);

export const organizationTable = describe(schema.organizations);
export const userTable = describe(schema.users);

/** Every table with an organization_id column but the unexported ones, in insert order. */
export const tenantTables: BackupTable[] = dependencyOrder(
  allTables.filter((t) => !unexported.has(t) && getTableConfig(t).columns.some((c) => columnName(c) === 'organization_id')),
).map(describe);

export const unexportedTableNames: string[] = UNEXPORTED_TABLES.map((t) => getTableConfig(t).name);

export const identityTables: BackupTable[] = IDENTITY_TABLES.map(describe);

/** Everything in `tables` of the file, in insert order: identities, then tenant rows. */
export const backupTables: BackupTable[] = [...identityTables, ...tenantTables];

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
