import { and, asc, count, desc, eq, max, min, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import { bookings, customers, resources, services } from '@/db/schema';
import { bookingListWhere } from '@/modules/bookings';
import { authorize, type AuthorizedCtx, type Ctx, tenantTx } from '@/modules/kernel';
import { type BookingStatus, bookingStatuses } from '@/db/enums';
import { type CsvColumn, csvChunks } from './csv';
import { auditExport, contentTypes, type ExportFile, exportFilename, type ExportOptions, givenFilters } from './export-file';
import { displayMoney, localDate, localDateTime, majorUnits } from './format';
import { exportLanguage, type ExportLabels, labelsFor } from './labels';
import { pdfChunks, type PdfColumn } from './pdf';
import type { ExportFormat, exportBookingsQuery } from './schemas';
import { type Cursor, EXPORT_PAGE_SIZE, keysetPages, pullStream } from './stream';

type Query = z.output<typeof exportBookingsQuery>;

interface BookingRow {
  id: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  seats: number;
  priceMinor: number;
  currency: string;
  source: 'public' | 'staff' | 'member';
  message: string;
  cancellationReason: string | null;
  createdAt: Date;
  serviceName: string;
  resourceName: string;
  customerName: string;
  customerEmail: string;
  customerPhone: string | null;
}

/**
 * The bookings list as a file: the same rows as `listBookings` with the same filters (a
 * member's own bookings only), in its sort, as CSV or a PDF report. Authorized, counted and
 * audited before the first byte; then streamed in keyset pages, each read in its own short
 * transaction under the tenant's RLS scope.
 */
export async function exportBookings(ctx: Ctx, q: Query, format: ExportFormat, opts: ExportOptions = {}): Promise<ExportFile> {
  authorize(ctx, 'bookings:read');
  const tenant = ctx.tenant;
  const zone = tenant.timezone;
  const language = exportLanguage(q.lang, tenant.locale);
  const labels = labelsFor(language);
  const where = bookingListWhere(ctx, q);

  const summary = await tenantTx(ctx, async (tx) => {
    const groups = await tx
      .select({ status: bookings.status, currency: bookings.currency, n: count(), sum: sql<string>`sum(${bookings.priceMinor})::text` })
      .from(bookings)
      .innerJoin(services, onService)
      .innerJoin(customers, onCustomer)
      .where(where)
      .groupBy(bookings.status, bookings.currency);
    const [range] = await tx
      .select({ first: min(bookings.startsAt), last: max(bookings.startsAt) })
      .from(bookings)
      .innerJoin(services, onService)
      .innerJoin(customers, onCustomer)
      .where(where);
    const rowCount = groups.reduce((n, g) => n + g.n, 0);
    const { lang: _lang, ...filters } = q;
    const id = await auditExport(tx, ctx, { kind: 'bookings', format, filters: givenFilters(filters), rowCount, language });
    const names = await filterNames(tx, tenant.id, q);
    return { id, rowCount, groups, names, first: range?.first ?? null, last: range?.last ?? null };
  });

  const pages = keysetPages(pageReader(ctx, q, where), opts.pageSize ?? EXPORT_PAGE_SIZE, opts.onPage);
  const chunks =
    format === 'csv'
      ? csvChunks(pages, csvColumns(labels, zone))
      : pdfChunks(
          {
            organization: tenant.name,
            title: labels.report.bookingsTitle,
            lines: reportLines(ctx, q, labels, language, summary),
            totals: totalsTable(summary.groups, labels, language),
            columns: pdfColumns(labels, zone, language),
            empty: labels.report.noBookings,
            page: labels.report.page,
          },
          pages,
          { compress: opts.compress },
        );
  return {
    id: summary.id,
    filename: exportFilename('bookings', tenant.slug, localDate(ctx.now, zone), format),
    contentType: contentTypes[format],
    rowCount: summary.rowCount,
    body: pullStream(chunks),
  };
}

// The joins the list's WHERE and the file's columns need (same organization on both sides).
const onService = and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId));
const onResource = and(eq(resources.organizationId, bookings.organizationId), eq(resources.id, bookings.resourceId));
const onCustomer = and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId));

/** The names the report's filter line shows for the ids it was given (none: the id itself). */
async function filterNames(tx: Tx, organizationId: string, q: Query) {
  const name = async (table: typeof services | typeof resources | typeof customers, id: string | undefined) => {
    if (!id) return undefined;
    const [row] = await tx.select({ name: table.name }).from(table).where(and(eq(table.organizationId, organizationId), eq(table.id, id)));
    return row?.name ?? id;
  };
  return { service: await name(services, q.serviceId), resource: await name(resources, q.resourceId), customer: await name(customers, q.customerId) };
}

function pageReader(ctx: AuthorizedCtx, q: Query, where: SQL | undefined) {
  const column = q.sort.endsWith('createdAt') ? bookings.createdAt : bookings.startsAt;
  const descending = q.sort.startsWith('-');
  return (after: Cursor | null, limit: number) =>
    tenantTx(ctx, async (tx) => {
      const rows = await tx
        .select({
          id: bookings.id,
          status: bookings.status,
          startsAt: bookings.startsAt,
          endsAt: bookings.endsAt,
          seats: bookings.seats,
          priceMinor: bookings.priceMinor,
          currency: bookings.currency,
          source: bookings.source,
          message: bookings.message,
          cancellationReason: bookings.cancellationReason,
          createdAt: bookings.createdAt,
          serviceName: services.name,
          resourceName: resources.name,
          customerName: customers.name,
          customerEmail: customers.email,
          customerPhone: customers.phone,
          // The key as PostgreSQL prints it: microseconds survive (a JS Date would cut them).
          key: sql<string>`${column}::text`,
        })
        .from(bookings)
        .innerJoin(services, onService)
        .innerJoin(resources, onResource)
        .innerJoin(customers, onCustomer)
        .where(
          and(
            where,
            // The list's order: the sort key either way, then the id ascending for ties.
            after
              ? sql`(${column} ${descending ? sql`<` : sql`>`} ${after.key}::timestamptz or (${column} = ${after.key}::timestamptz and ${bookings.id} > ${after.id}))`
              : undefined,
          ),
        )
        .orderBy(descending ? desc(column) : asc(column), asc(bookings.id))
        .limit(limit);
      const last = rows.at(-1);
      return { rows: rows as (BookingRow & { key: string })[], cursor: last ? { key: last.key, id: last.id } : null };
    });
}

function csvColumns(labels: ExportLabels, zone: string): CsvColumn<BookingRow>[] {
  const c = labels.bookingColumns;
  return [
    { header: c.id, value: (b) => b.id },
    { header: c.status, value: (b) => labels.status[b.status] },
    { header: c.start, value: (b) => localDateTime(b.startsAt, zone) },
    { header: c.end, value: (b) => localDateTime(b.endsAt, zone) },
    { header: c.timezone, value: () => zone },
    { header: c.service, value: (b) => b.serviceName },
    { header: c.resource, value: (b) => b.resourceName },
    { header: c.customer, value: (b) => b.customerName },
    { header: c.email, value: (b) => b.customerEmail },
    { header: c.phone, value: (b) => b.customerPhone ?? '' },
    { header: c.seats, value: (b) => b.seats },
    { header: c.amount, value: (b) => majorUnits(b.priceMinor, b.currency) },
    { header: c.currency, value: (b) => b.currency },
    { header: c.source, value: (b) => labels.source[b.source] },
    { header: c.message, value: (b) => b.message },
    { header: c.cancellationReason, value: (b) => b.cancellationReason ?? '' },
    { header: c.createdAt, value: (b) => localDateTime(b.createdAt, zone) },
  ];
}

function pdfColumns(labels: ExportLabels, zone: string, language: string): PdfColumn<BookingRow>[] {
  const c = labels.bookingColumns;
  return [
    { header: c.start, width: 11, value: (b) => localDateTime(b.startsAt, zone) },
    { header: c.end, width: 11, value: (b) => localDateTime(b.endsAt, zone) },
    { header: c.service, width: 15, value: (b) => b.serviceName },
    { header: c.resource, width: 11, value: (b) => b.resourceName },
    { header: c.customer, width: 14, value: (b) => b.customerName },
    { header: c.email, width: 17, value: (b) => b.customerEmail },
    { header: c.status, width: 9, value: (b) => labels.status[b.status] },
    { header: c.amount, width: 11, align: 'right', value: (b) => displayMoney(b.priceMinor, b.currency, language) },
  ];
}

type Groups = { status: BookingStatus; currency: string; n: number; sum: string | null }[];

/** "USD 120.00; EUR 40.00": one sum per currency (an organization can change its currency). */
function sums(groups: Groups, language: string): string {
  const byCurrency = new Map<string, bigint>();
  for (const g of groups) byCurrency.set(g.currency, (byCurrency.get(g.currency) ?? 0n) + BigInt(g.sum ?? '0'));
  return byCurrency.size ? [...byCurrency].map(([cur, minor]) => displayMoney(minor, cur, language)).join('; ') : '-';
}

function totalsTable(groups: Groups, labels: ExportLabels, language: string) {
  const r = labels.report;
  const rows = [[r.totals, r.count, r.amount]];
  for (const status of bookingStatuses) {
    const of = groups.filter((g) => g.status === status);
    if (!of.length) continue;
    rows.push([labels.status[status], String(of.reduce((n, g) => n + g.n, 0)), sums(of, language)]);
  }
  rows.push([r.total, String(groups.reduce((n, g) => n + g.n, 0)), sums(groups, language)]);
  return { rows, widths: [2, 1, 2] };
}

function reportLines(
  ctx: AuthorizedCtx,
  q: Query,
  labels: ExportLabels,
  language: string,
  summary: { rowCount: number; first: Date | null; last: Date | null; names: { service?: string; resource?: string; customer?: string } },
) {
  const r = labels.report;
  const zone = ctx.tenant.timezone;
  const period =
    q.from || q.to
      ? `${q.from ?? '…'} – ${q.to ?? '…'}`
      : `${r.allDates} (${summary.first && summary.last ? `${localDate(summary.first, zone)} – ${localDate(summary.last, zone)}` : r.noBookings})`;
  const filters = [
    q.status?.length ? `${r.statuses}: ${q.status.map((s) => labels.status[s]).join(', ')}` : null,
    summary.names.service ? `${r.service}: ${summary.names.service}` : null,
    summary.names.resource ? `${r.resource}: ${summary.names.resource}` : null,
    summary.names.customer ? `${r.customer}: ${summary.names.customer}` : null,
    q.q ? `${r.search}: "${q.q}"` : null,
  ].filter(Boolean);
  const when = DateTime.fromJSDate(ctx.now, { zone }).setLocale(language).toFormat('yyyy-MM-dd HH:mm');
  return [
    `${r.period}: ${period} · ${r.bookingsCount(summary.rowCount)}`,
    `${r.filters}: ${filters.length ? filters.join(' · ') : r.none}`,
    r.generated(when, zone),
  ];
}
