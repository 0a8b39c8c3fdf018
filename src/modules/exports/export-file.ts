/** What an export use case hands the transport: a file to stream, already authorized and audited. */
import { newId } from '@/lib/ids';
import { type Ctx, recordAudit } from '@/modules/kernel';
import type { Tx } from '@/db/client';
import type { ExportFormat } from './schemas';

export interface ExportFile {
  /** The audit row's entity id (`exp_…`). */
  id: string;
  filename: string;
  contentType: string;
  /** Rows counted when the export began (the audit row records the same number). */
  rowCount: number;
  body: ReadableStream<Uint8Array>;
}

export interface ExportOptions {
  /** Rows per keyset page (tests make it small to watch the paging). */
  pageSize?: number;
  /** Called after each page is read, with its row count. */
  onPage?: (rows: number) => void;
  /** pdfkit's stream compression (tests turn it off to read the text). */
  compress?: boolean;
}

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/**
 * The export's audit row: who (the ctx's actor, IP, user agent), what (kind and format), which
 * rows (the filters as given) and how many. Written before the first byte is sent, in the
 * transaction that counts the rows, so an interrupted download is on record too.
 */
export async function auditExport(
  tx: Tx,
  ctx: Ctx & { tenant: { id: string } },
  entry: { kind: 'bookings' | 'customers'; format: ExportFormat; filters: Record<string, unknown>; rowCount: number; language: string },
): Promise<string> {
  const id = newId('export');
  await recordAudit(tx, ctx, {
    organizationId: ctx.tenant.id,
    action: `${entry.kind}.exported`,
    entity: 'export',
    entityId: id,
    changes: { after: { kind: entry.kind, format: entry.format, filters: entry.filters, rowCount: entry.rowCount, language: entry.language } },
  });
  return id;
}

/** `bookings-<org>-<local date>.csv`: ASCII only (slugs are), so no filename* encoding is needed. */
export function exportFilename(kind: string, slug: string, localDate: string, format: ExportFormat): string {
  return `${kind}-${slug}-${localDate}.${format}`;
}

/** The filters worth recording: what was given, without empty values. */
export function givenFilters(q: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
}
