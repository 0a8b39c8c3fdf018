/**
 * CSV through csv-stringify (RFC 4180: CRLF, quotes doubled), one page of rows at a time.
 * - UTF-8 with a byte-order mark, so Excel reads accents right instead of guessing a codepage.
 * - Formula injection: a cell that starts with = + - @, a tab or a carriage return (or their
 *   full-width forms) is prefixed with ' (csv-stringify's `escape_formulas`), so a guest who
 *   types `=HYPERLINK(...)` as their name cannot make a spreadsheet run it. Numbers we write
 *   as numbers are left alone. The prefix shows in the cell: that is the accepted cost (OWASP).
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvCell;
}

const encoder = new TextEncoder();

export async function* csvChunks<Row>(pages: AsyncGenerator<Row[]>, columns: CsvColumn<Row>[]): AsyncGenerator<Uint8Array> {
  // An explicit record delimiter turns off quoting of cells holding a line break unless
  // quote_record_delimiter says so: a message with a newline would otherwise split its row.
  const options = { escape_formulas: true, record_delimiter: 'windows' as const, quote_record_delimiter: true, quoted_match: /^\s|\s$/ };
  // The header (and the BOM) go out before the first page is read: a download starts at once.
  yield encoder.encode(stringify([columns.map((c) => c.header)], { ...options, bom: true }));
  for await (const rows of pages) {
    yield encoder.encode(stringify(rows.map((row) => columns.map((c) => c.value(row))), options));
  }
}
