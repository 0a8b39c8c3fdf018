/**
 * A throwaway streaming-replication pair for tests/scale/replica.scale.ts: a primary made with
 * initdb in a temporary folder (never the shared cluster on 5432, which stays untouched) and a
 * hot standby made from it with `pg_basebackup -R`, each on its own free port, both run as the
 * postgres user (the server refuses root). `stop()` shuts both down and deletes the folder.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../faults/support';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Why the replica pair cannot be made here, or null when it can. */
export function replicaUnavailable(): string | null {
  if (!existsSync(path.join(PG_BIN, 'pg_basebackup')) || !existsSync(path.join(PG_BIN, 'initdb'))) return `PostgreSQL 15 binaries are not in ${PG_BIN}`;
  if (process.getuid?.() !== 0) return 'the replica test runs its PostgreSQL servers as the postgres user, which needs root';
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    return 'there is no postgres user';
  }
  return null;
}

export interface ReplicaPair {
  dir: string;
  primaryUrl(db?: string): string;
  standbyUrl(db?: string): string;
  /** One short-lived connection per call. */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(on: 'primary' | 'standby', db: string, text: string, values?: unknown[]): Promise<T[]>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp(db: string, timeoutMs?: number): Promise<void>;
  logs(): string;
  stop(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function asPostgres(cmd: string, args: string[]): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, cmd), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function chownTree(p: string, uid: number, gid: number) {
  chownSync(p, uid, gid);
  if (statSync(p).isDirectory()) for (const e of readdirSync(p)) chownTree(path.join(p, e), uid, gid);
}

export async function startReplicaPair(database: string): Promise<ReplicaPair> {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bookline-replica-'));
  chownTree(dir, uid, gid);
  const primaryDir = path.join(dir, 'primary');
  const standbyDir = path.join(dir, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const started: string[] = [];

  const stop = () => {
    for (const data of [...started].reverse()) {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already down
      }
    }
    started.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // initdb's pg_hba trusts local and loopback connections, replication ones included.
    asPostgres('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      [
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        `wal_level = replica`,
        `max_wal_senders = 5`,
        `hot_standby = on`,
        `max_connections = 60`,
        `shared_buffers = 32MB`,
        // A throwaway pair on a shared machine: durability is not under test.
        `fsync = off`,
        `full_page_writes = off`,
        '',
      ].join('\n'),
    );
    asPostgres('pg_ctl', ['-D', primaryDir, '-l', path.join(dir, 'primary.log'), '-o', `-p ${primaryPort}`, '-w', '-t', '120', 'start']);
    started.push(primaryDir);
    asPostgres('createdb', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', database]);
    // -R writes primary_conninfo and standby.signal: the copy starts as a streaming hot standby.
    asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyDir, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
    asPostgres('pg_ctl', ['-D', standbyDir, '-l', path.join(dir, 'standby.log'), '-o', `-p ${standbyPort}`, '-w', '-t', '120', 'start']);
    started.push(standbyDir);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const logs = ['primary.log', 'standby.log'].map((f) => (existsSync(path.join(dir, f)) ? execFileSync('tail', ['-n', '30', path.join(dir, f)], { encoding: 'utf8' }) : '')).join('\n');
    stop();
    throw new Error(`could not make the replica pair: ${e.message}\n${e.stderr ?? ''}\n${logs}`);
  }

  const url = (port: number) => (db = database) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const pair: ReplicaPair = {
    dir,
    primaryUrl: url(primaryPort),
    standbyUrl: url(standbyPort),
    async query(on, db, text, values = []) {
      const client = new pg.Client({ connectionString: (on === 'primary' ? pair.primaryUrl : pair.standbyUrl)(db), connectionTimeoutMillis: 10_000 });
      await client.connect();
      try {
        return (await client.query(text, values)).rows;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async caughtUp(db, timeoutMs = 60_000) {
      const [current] = await pair.query<{ lsn: string }>('primary', db, 'select pg_current_wal_lsn()::text as lsn');
      const lsn = current!.lsn;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await pair.query<{ behind: boolean }>('standby', db, 'select coalesce(pg_last_wal_replay_lsn() < $1::pg_lsn, true) as behind', [lsn]);
        if (!row!.behind) return;
        if (Date.now() > deadline) throw new Error(`the standby did not replay up to ${lsn} in ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    logs: () =>
      ['primary.log', 'standby.log']
        .map((f) => (existsSync(path.join(dir, f)) ? `--- ${f}\n${execFileSync('tail', ['-n', '40', path.join(dir, f)], { encoding: 'utf8' })}` : ''))
        .join('\n'),
    stop,
  };
  return pair;
}
