import { and, asc, count, desc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { customers, type CustomerAddress, type Vehicle } from '@/db/schema';
import { escapeLike } from '@/modules/customers';
import { authorize, type AuthorizedCtx, type Ctx, tenantTx } from '@/modules/kernel';
import { type CsvColumn, csvChunks } from './csv';
import { auditExport, contentTypes, type ExportFile, exportFilename, type ExportOptions, givenFilters } from './export-file';
import { localDate, localDateTime } from './format';
import { exportLanguage, type ExportLabels, labelsFor } from './labels';
import { pdfChunks, type PdfColumn } from './pdf';
import type { ExportFormat, exportCustomersQuery } from './schemas';
import { type Cursor, EXPORT_PAGE_SIZE, keysetPages, pullStream } from './stream';

type Query = z.output<typeof exportCustomersQuery>;
type CustomerRow = typeof customers.$inferSelect;

/**
 * The sort keys as keyset pagination compares them, with the SQL type the cursor's text is
 * cast back to. A customer never booked has no last booking: 'infinity' puts them where
 * PostgreSQL puts NULLs (last going up, first going down), as the list shows them.
 */
const sortKeys = {
  name: { key: sql`${customers.name}`, type: sql`text` },
  totalBookings: { key: sql`${customers.totalBookings}`, type: sql`integer` },
  createdAt: { key: sql`${customers.createdAt}`, type: sql`timestamptz` },
  lastBookingAt: { key: sql`coalesce(${customers.lastBookingAt}, 'infinity'::timestamptz)`, type: sql`timestamptz` },
} as const;

/**
 * The customers list as a file (its search and sort; merged-away duplicates left out, as in
 * the list), CSV or a PDF report. Authorized, counted and audited before the first byte, then
 * streamed in keyset pages, each in its own short transaction under the tenant's RLS scope.
 */
export async function exportCustomers(ctx: Ctx, q: Query, format: ExportFormat, opts: ExportOptions = {}): Promise<ExportFile> {
  authorize(ctx, 'customers:read');
  const tenant = ctx.tenant;
  const zone = tenant.timezone;
  const language = exportLanguage(q.lang, tenant.locale);
  const labels = labelsFor(language);
  const term = q.q ? `%${escapeLike(q.q)}%` : null;
  const where = and(
    eq(customers.organizationId, tenant.id),
    isNull(customers.mergedIntoId),
    term ? or(ilike(customers.name, term), ilike(customers.email, term), ilike(customers.phone, term)) : undefined,
  );

  const summary = await tenantTx(ctx, async (tx) => {
    const [totals] = await tx.select({ n: count(), bookings: sql<string>`coalesce(sum(${customers.totalBookings}), 0)::text` }).from(customers).where(where);
    const rowCount = totals?.n ?? 0;
    const { lang: _lang, ...filters } = q;
    const id = await auditExport(tx, ctx, { kind: 'customers', format, filters: givenFilters(filters), rowCount, language });
    return { id, rowCount, bookings: Number(totals?.bookings ?? 0) };
  });

  const pages = keysetPages(pageReader(ctx, q, where), opts.pageSize ?? EXPORT_PAGE_SIZE, opts.onPage);
  const r = labels.report;
  const when = DateTime.fromJSDate(ctx.now, { zone }).toFormat('yyyy-MM-dd HH:mm');
  const chunks =
    format === 'csv'
      ? csvChunks(pages, csvColumns(labels, zone))
      : pdfChunks(
          {
            organization: tenant.name,
            title: r.customersTitle,
            lines: [`${r.customersCount(summary.rowCount)} · ${r.bookingsOfCustomers(summary.bookings)}`, `${r.filters}: ${q.q ? `${r.search}: "${q.q}"` : r.none}`, r.generated(when, zone)],
            totals: { rows: [[r.totals, r.count], [r.customers, String(summary.rowCount)], [r.bookings, String(summary.bookings)]], widths: [2, 1] },
            columns: pdfColumns(labels, zone),
            empty: r.customersCount(0),
            page: r.page,
          },
          pages,
          { compress: opts.compress },
        );
  return {
    id: summary.id,
    filename: exportFilename('customers', tenant.slug, localDate(ctx.now, zone), format),
    contentType: contentTypes[format],
    rowCount: summary.rowCount,
    body: pullStream(chunks),
  };
}

function pageReader(ctx: AuthorizedCtx, q: Query, where: SQL | undefined) {
  const sort = sortKeys[q.sort.replace('-', '') as keyof typeof sortKeys];
  const descending = q.sort.startsWith('-');
  return (after: Cursor | null, limit: number) =>
    tenantTx(ctx, async (tx) => {
      const rows = await tx
        .select({ customer: customers, key: sql<string>`(${sort.key})::text` })
        .from(customers)
        .where(
          and(
            where,
            // The list's order: the sort key either way, then the id ascending for ties.
            after
              ? sql`(${sort.key} ${descending ? sql`<` : sql`>`} ${after.key}::${sort.type} or (${sort.key} = ${after.key}::${sort.type} and ${customers.id} > ${after.id}))`
              : undefined,
          ),
        )
        .orderBy(descending ? desc(sort.key) : asc(sort.key), asc(customers.id))
        .limit(limit);
      const last = rows.at(-1);
      return { rows: rows.map((r) => r.customer), cursor: last ? { key: last.key, id: last.customer.id } : null };
    });
}

const address = (a: CustomerAddress) => [a.line1, a.line2, a.postalCode, a.city, a.region, a.country].filter(Boolean).join(', ');
const vehicles = (list: Vehicle[]) =>
  list
    .map((v) => [v.year, v.make, v.model, v.color, v.type].filter(Boolean).join(' ') + (v.plate ? ` (${v.plate})` : ''))
    .filter(Boolean)
    .join('; ');

function csvColumns(labels: ExportLabels, zone: string): CsvColumn<CustomerRow>[] {
  const c = labels.customerColumns;
  return [
    { header: c.id, value: (r) => r.id },
    { header: c.name, value: (r) => r.name },
    { header: c.email, value: (r) => r.email },
    { header: c.phone, value: (r) => r.phone ?? '' },
    { header: c.address, value: (r) => address(r.address) },
    { header: c.vehicles, value: (r) => vehicles(r.vehicles) },
    { header: c.notes, value: (r) => r.notes },
    { header: c.totalBookings, value: (r) => r.totalBookings },
    { header: c.lastBookingAt, value: (r) => localDateTime(r.lastBookingAt, zone) },
    { header: c.createdAt, value: (r) => localDateTime(r.createdAt, zone) },
  ];
}

function pdfColumns(labels: ExportLabels, zone: string): PdfColumn<CustomerRow>[] {
  const c = labels.customerColumns;
  return [
    { header: c.name, width: 18, value: (r) => r.name },
    { header: c.email, width: 24, value: (r) => r.email },
    { header: c.phone, width: 14, value: (r) => r.phone ?? '' },
    { header: c.totalBookings, width: 8, align: 'right', value: (r) => String(r.totalBookings) },
    { header: c.lastBookingAt, width: 13, value: (r) => localDateTime(r.lastBookingAt, zone) },
    { header: c.createdAt, width: 11, value: (r) => (r.createdAt ? localDate(r.createdAt, zone) : '') },
  ];
}
