/**
 * exports — the bookings and customers lists as files: CSV (csv-stringify; UTF-8 with BOM,
 * formula-injection safe) and a PDF report (pdfkit; name, period, totals, table, pages).
 * Invariants: a file holds exactly the rows its list shows for the same filters and role (the
 * bookings WHERE is the list's own, `bookingListWhere`); every export is authorized with the
 * list's read permission and writes one audit row (`bookings.exported` / `customers.exported`:
 * who, format, filters, row count) before the first byte; rows stream in keyset pages, each
 * read in its own short tenant transaction, so memory and connections stay bounded.
 * Tables owned: none (reads bookings, customers, services, resources; writes audit_log).
 */
export { exportBookings } from './export-bookings';
export { exportCustomers } from './export-customers';
export type { ExportFile, ExportOptions } from './export-file';
export * as exportSchemas from './schemas';
export type { ExportFormat, ExportLanguage } from './schemas';
