/**
 * Backup of one organization:
 *   npm run export -- --org <slug> [--out file.json]
 *   npm run import -- --file <file.json>
 * Both act on DATABASE_URL when set, otherwise on the embedded database under DATA_DIR (stop
 * the app first: an embedded database is opened by one process at a time). They connect as
 * the database owner, outside row-level security. The file holds password hashes and
 * two-factor secrets: keep it as private as the database itself.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, targetFromEnv } from '@/db/client';
import { migrate } from '@/db/migrate';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { resolveAuthSecret } from '@/lib/secrets';
import { exportOrganization, importOrganization, parseExport, serializeExport } from '@/modules/backup';

const USAGE = 'Usage: npm run export -- --org <slug> [--out file.json]\n       npm run import -- --file <file.json>';

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: { org: { type: 'string' }, out: { type: 'string' }, file: { type: 'string' } },
    strict: true,
  });
  if (command === 'export' && !values.org) throw new Error(`--org <slug> is required.\n${USAGE}`);
  if (command === 'import' && !values.file) throw new Error(`--file <file.json> is required.\n${USAGE}`);
  if (command !== 'export' && command !== 'import') throw new Error(USAGE);

  // Read the file before opening the database, so a missing or corrupted file costs nothing.
  const doc = command === 'import' ? parseExport(await readFile(values.file!, 'utf8')) : null;

  const database = await openDatabase(targetFromEnv());
  try {
    await migrate(database);
    const now = new Date();
    if (command === 'export') {
      const exported = await exportOrganization(database.db, values.org!, { now });
      const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      const out = path.resolve(values.out ?? `bookline-${values.org}-${stamp}.json`);
      await writeFile(out, serializeExport(exported), { mode: 0o600 });
      const rows = Object.values(exported.tables).reduce((n, t) => n + t.length, 1);
      console.log(`Exported organization "${values.org}" (${rows} rows) from ${database.description} to ${out}`);
      console.log('The file contains password hashes and two-factor secrets: store it as securely as the database.');
    } else {
      const summary = await importOrganization(database.db, doc!, { now, source: path.basename(values.file!), authSecret: resolveAuthSecret(env()) });
      const rows = Object.values(summary.rows).reduce((n, c) => n + c, 1);
      console.log(`Imported organization "${summary.organization.slug}" (${rows} rows) into ${database.description}, as the database owner (outside row-level security), in one transaction.`);
    }
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(isAppError(err) || err instanceof Error ? err.message : err);
  process.exit(1);
});
