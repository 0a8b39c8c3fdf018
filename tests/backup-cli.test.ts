/**
 * The backup commands as an operator runs them (`npm run export` / `npm run import`, i.e.
 * scripts/backup.ts), on embedded databases in temporary data directories: the file is
 * written private, the import restores into an empty database, refuses a second time and
 * refuses a corrupted file, with a clear message and a failing exit code. The module-level
 * round trip (every table, PostgreSQL too) is tests/backup.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEnv } from '@/lib/env';

const root = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bookline-backup-cli-'));
  dirs.push(dir);
  return dir;
}

/** Runs a script the way the npm scripts do, on the embedded database in `dataDir`. */
function run(script: string, args: string[], dataDir: string): Promise<{ code: number | null; out: string }> {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], {
      cwd: root,
      env: { ...rest, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

// Embedded databases only: the commands pick PostgreSQL from DATABASE_URL, which the
// PostgreSQL pass of the module tests covers.
describe.skipIf(!!testEnv().TEST_DATABASE_URL)('npm run export / npm run import', () => {
  it('exports a demo organization to a private file, restores it into an empty database, and refuses bad or repeated imports', async () => {
    const source = tempDir();
    const seeded = await run('scripts/db.ts', ['seed'], source);
    expect(seeded.code, seeded.out).toBe(0);

    const file = path.join(tempDir(), 'xplorium.json');
    const exported = await run('scripts/backup.ts', ['export', '--org', 'xplorium', '--out', file], source);
    expect(exported.code, exported.out).toBe(0);
    expect(exported.out).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc).toMatchObject({ format: 'bookline-org-export', version: 1, organization: { slug: 'xplorium' } });
    expect(doc.tables.bookings.length).toBeGreaterThan(0);

    const target = tempDir();
    const imported = await run('scripts/backup.ts', ['import', '--file', file], target);
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out).toMatch(/Imported organization "xplorium"/);

    // The restored database exports the same organization: same rows, plus the import's audit entry.
    const again = path.join(tempDir(), 'again.json');
    expect((await run('scripts/backup.ts', ['export', '--org', 'xplorium', '--out', again], target)).code).toBe(0);
    const restored = JSON.parse(readFileSync(again, 'utf8'));
    for (const [table, rows] of Object.entries(doc.tables as Record<string, unknown[]>)) {
      if (table === 'audit_log') continue;
      expect(restored.tables[table], table).toEqual(rows);
    }
    expect(restored.tables.audit_log).toHaveLength(doc.tables.audit_log.length + 1);

    const twice = await run('scripts/backup.ts', ['import', '--file', file], target);
    expect(twice.code).toBe(1);
    expect(twice.out).toMatch(/already has the organization "xplorium".*nothing was imported/);

    const corrupt = path.join(tempDir(), 'corrupt.json');
    writeFileSync(corrupt, readFileSync(file, 'utf8').slice(0, 500));
    const broken = await run('scripts/backup.ts', ['import', '--file', corrupt], tempDir());
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/not valid JSON/);

    const missing = await run('scripts/backup.ts', ['export'], source);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/--org <slug> is required/);
  }, 240_000);
});
