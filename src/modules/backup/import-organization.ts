import { symmetricDecrypt } from 'better-auth/crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { conflict, sqlState, validationError } from '@/lib/errors';
import { issueMissingManageTokens } from '@/modules/bookings';
import { issueEntryToken } from '@/modules/event-waitlist';
import { type Ctx, noRequest, recordAudit } from '@/modules/kernel';
import { issueStatusToken } from '@/modules/orders';
import { migrationTags, type OrganizationExport, type Row } from './format';
import { type BackupTable, backupTables, identityTables, organizationTable, quoteIdent, tenantTables, unexportedTableNames, userTable } from './tables';

export interface ImportSummary {
  organization: { id: string; slug: string; name: string };
  rows: Record<string, number>;
}

const BATCH_ROWS = 500;

/** Rows whose link secrets the export left out get fresh ones (the old links answer 404). */
const freshSecrets: Record<string, (row: Row) => Row> = {
  orders: (row) => {
    const link = issueStatusToken(String(row.id));
    return { ...row, status_token_hash: link.hash, status_token_sealed: link.sealed };
  },
  event_waitlist_entries: (row) => {
    const link = issueEntryToken(String(row.id));
    return { ...row, token_hash: link.hash, token_sealed: link.sealed };
  },
};

/** Checks the file against this installation's schema before anything touches the database. */
function checkShape(doc: OrganizationExport): { orgId: string; slug: string; name: string } {
  const tags = migrationTags();
  if (!tags.includes(doc.schemaMigration)) {
    throw validationError(
      `The file was written at schema migration "${doc.schemaMigration}", which this Bookline does not know (latest: "${tags.at(-1)}"). Upgrade Bookline before importing it.`,
    );
  }
  const org = doc.organization;
  if (typeof org.id !== 'string' || typeof org.slug !== 'string' || typeof org.name !== 'string') {
    throw validationError('The file\'s "organization" lacks an id, slug or name.');
  }
  const known = new Map(backupTables.map((t) => [t.name, t]));
  // A file that carries link secrets was not written by Bookline's export: refuse it rather than restore them.
  const secrets = Object.keys(doc.tables).filter((name) => unexportedTableNames.includes(name));
  if (secrets.length > 0) throw validationError(`The file has a table "${secrets[0]}" that exports never carry (link secrets, mail, carts); it was not written by Bookline's export.`);
  for (const table of backupTables) {
    const secret = table.columns.find((c) => c.secret && (doc.tables[table.name] ?? []).some((r) => r[c.name] !== null && r[c.name] !== undefined));
    if (secret) throw validationError(`The file's "${table.name}" carries "${secret.name}", a link secret that exports never carry; it was not written by Bookline's export.`);
  }
  const checkColumns = (table: BackupTable, r: Row, where: string) => {
    const unknown = Object.keys(r).filter((k) => !table.columns.some((c) => c.name === k));
    if (unknown.length > 0) throw validationError(`${where} has columns this Bookline does not know: ${unknown.join(', ')}.`);
  };
  checkColumns(organizationTable, org, '"organization"');
  for (const [name, rows] of Object.entries(doc.tables)) {
    const table = known.get(name);
    if (!table) throw validationError(`The file has a table "${name}" that this Bookline does not know.`);
    rows.forEach((r, i) => {
      checkColumns(table, r, `Row ${i + 1} of "${name}"`);
      if (tenantTables.includes(table) && r.organization_id !== org.id) {
        throw validationError(`Row ${i + 1} of "${name}" belongs to another organization (${JSON.stringify(r.organization_id)}).`);
      }
    });
  }
  const userIds = new Set((doc.tables[userTable.name] ?? []).map((u) => u.id));
  for (const name of ['account', 'two_factor', 'members']) {
    const stray = (doc.tables[name] ?? []).find((r) => !userIds.has(r.user_id));
    if (stray) throw validationError(`A "${name}" row refers to user ${JSON.stringify(stray.user_id)}, who is not in the file.`);
  }
  if (!(doc.tables.members ?? []).some((m) => m.role === 'owner')) {
    throw validationError('The file has no owner among the members; every organization keeps one.');
  }
  return { orgId: org.id, slug: org.slug, name: org.name };
}

/**
 * TOTP secrets are stored encrypted with the auth secret of the instance that wrote them. On
 * an instance with another secret, those users could sign in with their password and then
 * never pass the second step: refuse before writing, and say which secret is needed.
 */
async function checkTwoFactorSecrets(doc: OrganizationExport, authSecret: string): Promise<void> {
  for (const row of doc.tables.two_factor ?? []) {
    try {
      await symmetricDecrypt({ key: authSecret, data: String(row.secret) });
    } catch {
      throw validationError(
        'The two-factor secrets in this file were encrypted with another auth secret. Give this installation the auth secret of the one that wrote the file (BETTER_AUTH_SECRET, or the file DATA_DIR/auth-secret of an embedded installation), then import again; otherwise members with two-factor could not sign in.',
      );
    }
  }
}

/** Rows that reference rows of the same table (a merged customer) come after their target. */
function selfReferencesFirst(table: BackupTable, rows: Row[]): Row[] {
  if (table.selfRefs.length === 0) return rows;
  const key = (r: Row, cols: string[]) => JSON.stringify(cols.map((c) => r[c] ?? null));
  const present = new Set(table.selfRefs.flatMap((ref) => rows.map((r) => key(r, ref.foreignColumns))));
  const placed = new Set<string>();
  const ordered: Row[] = [];
  let pending = rows;
  while (pending.length > 0) {
    const ready = pending.filter((r) =>
      table.selfRefs.every((ref) => {
        if (ref.columns.some((c) => r[c] == null)) return true;
        const target = key(r, ref.columns);
        return placed.has(target) || !present.has(target) || target === key(r, ref.foreignColumns);
      }),
    );
    // A cycle: insert the rest together; within one statement the database checks at its end.
    const batch = ready.length > 0 ? ready : pending;
    for (const r of batch) {
      ordered.push(r);
      for (const ref of table.selfRefs) placed.add(key(r, ref.foreignColumns));
    }
    pending = pending.filter((r) => !batch.includes(r));
  }
  return ordered;
}

function describeDbError(err: unknown): string {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, detail } = e as { code?: unknown; message?: unknown; detail?: unknown };
    if (typeof code === 'string' && typeof message === 'string') return typeof detail === 'string' && detail ? `${message} (${detail})` : message;
  }
  return err instanceof Error ? err.message : String(err);
}

async function insertRows(tx: Tx, table: BackupTable, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  // Columns missing from every row (a file from an older schema) take their defaults.
  const columns = table.columns.filter((c) => rows.some((r) => c.name in r)).map((c) => sql.raw(quoteIdent(c.name)));
  const name = sql.raw(quoteIdent(table.name));
  const ordered = selfReferencesFirst(table, rows);
  for (let i = 0; i < ordered.length; i += BATCH_ROWS) {
    const batch = JSON.stringify(ordered.slice(i, i + BATCH_ROWS));
    try {
      // PostgreSQL converts each JSON value with the column's own input function: ISO
      // instants, range text, dates, numeric strings and nested jsonb all arrive as stored.
      await tx.execute(sql`insert into ${name} (${sql.join(columns, sql`, `)})
        select ${sql.join(columns, sql`, `)} from jsonb_populate_recordset(null::${name}, ${batch}::jsonb)`);
    } catch (err) {
      if (!sqlState(err)) throw err;
      throw validationError(`Restoring "${table.name}" failed, so nothing was imported: ${describeDbError(err)}.`);
    }
  }
}

/**
 * Restores one organization from an export into this database, in ONE transaction: either
 * every row lands or none does. Refuses when the organization (by id or slug) or any of its
 * users (by id or email) already exists here. Runs as the connecting owner role, outside
 * row-level security (the rows span tenant and identity tables, as the export did), and
 * writes an "organization.imported" audit row with the system as actor.
 */
export async function importOrganization(
  db: Db,
  doc: OrganizationExport,
  opts: { now: Date; source?: string; /** This installation's auth secret, to check two-factor secrets. */ authSecret?: string },
): Promise<ImportSummary> {
  const { orgId, slug, name } = checkShape(doc);
  if (opts.authSecret !== undefined) await checkTwoFactorSecrets(doc, opts.authSecret);
  const users = doc.tables[userTable.name] ?? [];
  const ctx: Ctx = { db, tenant: null, actor: { type: 'system', name: 'backup.import' }, now: opts.now, request: noRequest };

  return db.transaction(async (tx) => {
    // Loyalty accounts and ledger rows arrive as they were exported: their insert triggers, which
    // compute balances and tiers for new rows, stand aside for the owner role's restore (migration loyalty_ledger).
    await tx.execute(sql`select set_config('bookline.restoring', 'on', true)`);
    const orgClash = await tx.execute<{ id: string; slug: string }>(sql`select id, slug from organizations where id = ${orgId} or slug = ${slug}`);
    const orgRows = (orgClash as unknown as { rows: { id: string; slug: string }[] }).rows;
    if (orgRows.length > 0) {
      throw conflict(`This database already has the organization ${orgRows.map((o) => `"${o.slug}" (${o.id})`).join(', ')}; nothing was imported.`, {
        organizations: orgRows,
      });
    }
    const ids = JSON.stringify(users.map((u) => u.id));
    const emails = JSON.stringify(users.map((u) => String(u.email).toLowerCase()));
    const userClash = await tx.execute(
      sql`select id, email from "user"
          where id in (select jsonb_array_elements_text(${ids}::jsonb))
             or lower(email) in (select jsonb_array_elements_text(${emails}::jsonb))
          order by email`,
    );
    const userRows = (userClash as unknown as { rows: { id: string; email: string }[] }).rows;
    if (userRows.length > 0) {
      throw conflict(
        `This database already has ${userRows.length === 1 ? 'a user' : 'users'} of the file (${userRows.map((u) => u.email).join(', ')}); import the organization into a database without them. Nothing was imported.`,
        { users: userRows },
      );
    }

    const counts: Record<string, number> = {};
    const restore = async (table: BackupTable) => {
      const rows = (doc.tables[table.name] ?? []).map((r) => freshSecrets[table.name]?.(r) ?? r);
      await insertRows(tx, table, rows);
      counts[table.name] = rows.length;
    };
    for (const table of identityTables) await restore(table);
    await insertRows(tx, organizationTable, [doc.organization]);
    for (const table of tenantTables) await restore(table);
    // Exports carry no manage-link tokens: every restored booking gets a fresh link.
    const manageLinks = await issueMissingManageTokens(tx, orgId, opts.now);

    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'organization.imported',
      entity: 'organization',
      entityId: orgId,
      changes: { after: { slug, name, source: opts.source ?? null, exportedAt: doc.exportedAt, schemaMigration: doc.schemaMigration, rows: counts, manageLinksIssued: manageLinks } },
    });
    return { organization: { id: orgId, slug, name }, rows: counts };
  });
}
