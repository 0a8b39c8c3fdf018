/**
 * Migrates once per `npm test` run instead of once per test file.
 *
 * PGlite (the default): one in-memory PGlite is migrated here and its data directory saved as
 * an uncompressed tarball; every test database is a `new PGlite({ loadDataDir })` of it, which
 * skips initdb and the migrations (see tests/support/database.ts). The tarball is keyed by a
 * hash of the migrations folder and of PGlite's and Drizzle's versions, so a changed or new
 * migration always builds a new template; an unchanged one is reused from node_modules/.cache.
 *
 * PostgreSQL (TEST_DATABASE_URL): the named database is migrated here, once; each test file's
 * pool then opens it without migrating.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type Db, openDatabase } from '@/db/client';
import { migrate, migrationsFolder } from '@/db/migrate';
import { testEnv } from '@/lib/env';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite data directory (tarball); absent on PostgreSQL runs. */
    pgliteTemplate?: string;
    /** True when this run already migrated TEST_DATABASE_URL. */
    postgresMigrated?: boolean;
  }
}

/** Bump when the way the template is built changes (not needed for new migrations). */
const TEMPLATE_FORMAT = 1;

async function filesHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (d: string): Promise<void> => {
    for (const entry of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else hash.update(path.relative(dir, p)).update('\0').update(await readFile(p)).update('\0');
    }
  };
  await walk(dir);
  return hash.digest('hex');
}

const root = path.resolve(import.meta.dirname, '..');

/** The installed version (package.json's exports may not expose package.json itself). */
async function versionOf(pkg: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function pgliteTemplate(): Promise<string> {
  const key = createHash('sha256')
    .update(`${TEMPLATE_FORMAT}:${await versionOf('@electric-sql/pglite')}:${await versionOf('drizzle-orm')}:${await filesHash(migrationsFolder)}`)
    .digest('hex')
    .slice(0, 16);
  // Beside vite's own cache: per checkout, outside anything Next or Tailwind scans.
  const dir = path.join(root, 'node_modules/.cache/bookline-tests');
  const file = path.join(dir, `pglite-${key}.tar`);
  if (await exists(file)) return file;
  await mkdir(dir, { recursive: true });
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await migrate(database);
    if (database.kind !== 'pglite') throw new Error('expected an embedded database');
    const tarball = await database.client.dumpDataDir('none');
    // Written beside its final name and renamed: a second run started meanwhile in this
    // checkout, or one that was interrupted, never leaves or reads half a file.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, new Uint8Array(await tarball.arrayBuffer()));
    await rename(partial, file);
  } finally {
    await database.close();
  }
  // Templates of older migration sets (about 40 MB each); an hour's grace for a run still using one.
  for (const name of await readdir(dir)) {
    const other = path.join(dir, name);
    if (other !== file && /^pglite-[0-9a-f]+\.tar/.test(name) && Date.now() - (await stat(other)).mtimeMs > 3_600_000) {
      await rm(other, { force: true });
    }
  }
  return file;
}

export async function setup(project: TestProject) {
  const url = testEnv().TEST_DATABASE_URL;
  if (!url) {
    project.provide('pgliteTemplate', await pgliteTemplate());
    return;
  }
  // The test files share this one database (each test makes its own organization), so it is
  // migrated once, here, rather than by every file's pool.
  // A bare pool, not openDatabase(): that logs through env(), and this process's environment
  // is Vitest's (BASE_URL=/ from Vite), not the tests' `test.env`.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate({ kind: 'postgres', pool, db: drizzle(pool) as unknown as Db, description: url, ping: async () => {}, close: () => pool.end() });
  } finally {
    await pool.end();
  }
  project.provide('postgresMigrated', true);
}
