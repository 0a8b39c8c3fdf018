/**
 * An in-memory PGlite as a Database, optionally started from a saved data directory (the
 * migrated template of tests/global-setup.ts), which skips initdb and the migrations.
 * Mirrors the in-memory branch of openDatabase in src/db/client.ts, which has no such option.
 */
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle } from 'drizzle-orm/pglite';
import type { Database, Db } from '@/db/client';
import * as schema from '@/db/schema';

export async function openPglite(loadDataDir?: Blob): Promise<Extract<Database, { kind: 'pglite' }>> {
  const client = await PGlite.create({ extensions: { btree_gist }, ...(loadDataDir ? { loadDataDir } : {}) });
  const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    client,
    description: 'embedded PGlite (memory)',
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}
