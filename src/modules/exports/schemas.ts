/**
 * The exports' contract: the same filters as the lists they export (a file holds what the
 * list shows), minus pages, plus the document's language. The answers are files, declared by
 * content type on the routes.
 */
import { z } from 'zod';
import { bookingListFilterFields, toNotBeforeFrom, toNotBeforeFromIssue } from '@/modules/bookings/schemas';
import { listCustomersQuery } from '@/modules/customers/schemas';

export const exportFormats = ['csv', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportLanguages = ['en', 'es'] as const;
export type ExportLanguage = (typeof exportLanguages)[number];

/** Column names, statuses and the report's words; without it, the organization's language. */
const lang = z.enum(exportLanguages, { message: `must be one of ${exportLanguages.join(', ')}` }).optional();

/** The bookings list's filters and sort (status, from, to, resourceId, serviceId, customerId, q, sort). */
export const exportBookingsQuery = bookingListFilterFields.extend({ lang }).refine(toNotBeforeFrom, toNotBeforeFromIssue);

/** The customers list's search and sort. */
export const exportCustomersQuery = listCustomersQuery.omit({ page: true, pageSize: true }).extend({ lang });

/** A file's body as OpenAPI describes it (answers: no input bound applies). */
export const csvFileDto = z.string().meta({ description: 'CSV (RFC 4180), UTF-8 with a byte-order mark, header row first', format: 'binary' });
export const pdfFileDto = z.string().meta({ description: 'A PDF document', format: 'binary' });

/** The headers that come with an export's file. */
export const exportFileHeadersDto = z.object({
  'Content-Disposition': z.string().meta({ description: 'attachment; filename="bookings-<org>-<YYYY-MM-DD>.csv"' }),
  'X-Export-Id': z.string().meta({ description: 'The export’s audit entity id (exp_…)' }),
  'X-Export-Rows': z.string().meta({ description: 'Rows counted when the export began' }),
});
