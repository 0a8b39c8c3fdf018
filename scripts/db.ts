/**
 * Database tasks: `npm run db:migrate`, `npm run db:seed`, `npm run db:reset`.
 * They act on DATABASE_URL when set, otherwise on the embedded database under DATA_DIR.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, targetFromEnv } from '@/db/client';
import { migrate } from '@/db/migrate';
import { seedDemo } from '@/seed';
import { env } from '@/lib/env';

const command = process.argv[2];
const force = process.argv.includes('--force');

async function main() {
  const e = env();
  const target = targetFromEnv();

  if (command === 'reset') {
    if (e.NODE_ENV === 'production' && !force) {
      throw new Error('Refusing to reset a production database; pass --force if you really mean it (npm run db:reset -- --force).');
    }
    if (target.kind === 'pglite') {
      await rm(path.resolve(target.dataDir!), { recursive: true, force: true });
    } else {
      const database = await openDatabase(target);
      await database.db.execute(sql`drop schema if exists drizzle cascade`);
      await database.db.execute(sql`drop schema public cascade`);
      await database.db.execute(sql`create schema public`);
      await database.close();
    }
  }

  const database = await openDatabase(target);
  try {
    await migrate(database);
    console.log(`Migrations applied to ${database.description}.`);
    if (command === 'seed' || command === 'reset') {
      const result = await seedDemo(database.db);
      console.log(`Demo data: created ${result.created.join(', ') || 'nothing'}; already present ${result.skipped.join(', ') || 'nothing'}.`);
    } else if (command !== 'migrate') {
      throw new Error(`Unknown command "${command}": use migrate, seed or reset.`);
    }
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
