/**
 * `/api/v1/orgs/{slug}/exports/…`: the bookings and customers lists as files (CSV, PDF). The
 * answer is the file itself, streamed; errors before the first byte (bad filters, no right,
 * another organization) are the usual JSON envelope.
 */
import type { Context } from 'hono';
import { createRoute, errors, router } from '@/api/openapi';
import type { ApiEnv } from '@/api/types';
import { type ExportFile, type ExportFormat, exportBookings, exportCustomers, exportSchemas as s } from '@/modules/exports';
import { organizationSchemas } from '@/modules/organizations';

const tags = ['Exports'];
const slug = organizationSchemas.slugParams;

const fileResponse = (format: ExportFormat, what: string) => ({
  description:
    format === 'csv'
      ? `${what} as CSV: UTF-8 with a byte-order mark, CRLF line ends, a header row; times in the organization's zone, amounts in major units with their currency; cells that a spreadsheet would run as a formula start with '.`
      : `${what} as a PDF report: the organization, the period and filters, totals, and the table over as many pages as it takes.`,
  headers: s.exportFileHeadersDto,
  content: format === 'csv' ? { 'text/csv': { schema: s.csvFileDto } } : { 'application/pdf': { schema: s.pdfFileDto } },
});

const bookingsExport = <F extends ExportFormat>(format: F) =>
  createRoute({
    method: 'get',
    path: `/{slug}/exports/bookings.${format}` as `/{slug}/exports/bookings.${F}`,
    tags,
    summary: `Bookings as ${format.toUpperCase()}, with the bookings list's filters and sort (members: their own)`,
    'x-permission': 'bookings:read',
    request: { params: slug, query: s.exportBookingsQuery },
    responses: { 200: fileResponse(format, 'The bookings'), ...errors.tenant },
  });

const customersExport = <F extends ExportFormat>(format: F) =>
  createRoute({
    method: 'get',
    path: `/{slug}/exports/customers.${format}` as `/{slug}/exports/customers.${F}`,
    tags,
    summary: `Customers as ${format.toUpperCase()}, with the customers list's search and sort`,
    'x-permission': 'customers:read',
    request: { params: slug, query: s.exportCustomersQuery },
    responses: { 200: fileResponse(format, 'The customers'), ...errors.tenant },
  });

const bookingsCsv = bookingsExport('csv');
const bookingsPdf = bookingsExport('pdf');
const customersCsv = customersExport('csv');
const customersPdf = customersExport('pdf');

/**
 * The body as sent, logging a failure after the first byte: by then the status is out, so the
 * client sees the download cut short, and the log says why (with the request id).
 */
function logged(body: ReadableStream<Uint8Array>, c: Context<ApiEnv>, file: ExportFile): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (err) {
          c.get('log').error({ err, exportId: file.id }, 'export failed while streaming');
          controller.error(err);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/** The file as the answer: streamed, never cached, named for saving. */
function sendFile(c: Context<ApiEnv>, file: ExportFile) {
  return c.body(logged(file.body, c, file), 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'Cache-Control': 'no-store',
    'X-Export-Id': file.id,
    'X-Export-Rows': String(file.rowCount),
  });
}

/** Mounted under the tenant middleware with the other /orgs/{slug} routes. */
export function exportRoutes() {
  return router()
    .openapi(bookingsCsv, async (c) => sendFile(c, await exportBookings(c.get('ctx'), c.req.valid('query'), 'csv')))
    .openapi(bookingsPdf, async (c) => sendFile(c, await exportBookings(c.get('ctx'), c.req.valid('query'), 'pdf')))
    .openapi(customersCsv, async (c) => sendFile(c, await exportCustomers(c.get('ctx'), c.req.valid('query'), 'csv')))
    .openapi(customersPdf, async (c) => sendFile(c, await exportCustomers(c.get('ctx'), c.req.valid('query'), 'pdf')));
}
