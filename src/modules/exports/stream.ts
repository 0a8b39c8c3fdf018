/**
 * Exports stream: rows are read in keyset pages, one short tenant transaction per page (under
 * RLS), and each page is written out before the next is read. The response body is a pull
 * stream, so a slow download reads slowly from the database instead of piling rows up in
 * memory, and no connection is held while the client is reading (embedded PGlite has one).
 */

/** Where the previous page ended: the sort key (as text, cast back in SQL) and the id. */
export interface Cursor {
  key: string;
  id: string;
}

export interface PageReader<Row> {
  /** At most `limit` rows after `after` (null: from the start), in the export's order. */
  (after: Cursor | null, limit: number): Promise<{ rows: Row[]; cursor: Cursor | null }>;
}

export const EXPORT_PAGE_SIZE = 500;

/** Every row, page by page; the next page is read only when the consumer asks for more. */
export async function* keysetPages<Row>(read: PageReader<Row>, limit: number, onPage?: (rows: number) => void): AsyncGenerator<Row[]> {
  let after: Cursor | null = null;
  for (;;) {
    const { rows, cursor } = await read(after, limit);
    onPage?.(rows.length);
    if (rows.length) yield rows;
    if (rows.length < limit || !cursor) return;
    after = cursor;
  }
}

/**
 * A byte stream pulled from `chunks`: highWaterMark 0, so nothing is produced before a read
 * asks for it; cancelling (the client went away) stops the generator between pages.
 */
export function pullStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const { value, done } = await chunks.next();
          if (done) return controller.close();
          if (value.byteLength) return controller.enqueue(value);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
