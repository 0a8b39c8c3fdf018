/**
 * The scale-out scenarios, shared by instances.scale.ts (two instances on PostgreSQL) and
 * pooler.scale.ts (the same through pgbouncer in transaction pooling): two app processes
 * started AT THE SAME TIME on one fresh database, with REDIS_URL set, behind a real nginx
 * (round-robin), and through it:
 *   - migrations applied once although both instances migrated at once;
 *   - a booking race: exactly one 201, the rest 409, no overlapping bookings in the database;
 *   - a session made through nginx is accepted by each instance directly;
 *   - the API rate limit is one shared count, not one per instance;
 *   - each outbox message (booking emails) is delivered once with both instances' workers on.
 * What each would show with per-process state is said next to it.
 */
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '@/db/migrate';
import { startSmtp } from '../support/smtp';
import {
  type BookableOrg,
  bookableOrg,
  type Child,
  cookieFrom,
  createDatabase,
  databaseUrl,
  dropDatabase,
  ensureWebBuild,
  flushRedisDb,
  freePort,
  query,
  type RunningServer,
  sleep,
  slotStart,
  startNginx,
  startPgbouncer,
  startServer,
  UPSTREAM_HEADER,
} from './support';

/** The API limit per client address per minute, low enough to reach in a test. */
const API_LIMIT = 60;

export interface SuiteOptions {
  /** A Redis database number of this suite's alone (emptied before and after); null: no Redis
   * (rate limits counted in PostgreSQL, realtime over LISTEN/NOTIFY). */
  redisDb: number | null;
  /** Route every app connection through a pgbouncer in transaction pooling mode. */
  pooler: boolean;
}

export function scaleOutSuite(title: string, options: SuiteOptions) {
  describe(title, () => {
    let dbName = '';
    let instances: RunningServer[] = [];
    let nginx: Child | undefined;
    let bouncer: (Child & { databaseUrl(db: string): string }) | undefined;
    let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
    let org: BookableOrg;
    let lb = '';

    beforeAll(async () => {
      await ensureWebBuild();
      dbName = await createDatabase(options.pooler ? 'bookline_scale_pooler' : 'bookline_scale');
      if (options.redisDb !== null) await flushRedisDb(options.redisDb);
      smtp = await startSmtp();
      let appUrl = databaseUrl(dbName);
      if (options.pooler) {
        // The timeouts node-postgres would send at startup come from the database instead
        // (pgbouncer ignores those startup parameters; docs/scaling.md).
        await query('postgres', `alter database "${dbName}" set statement_timeout = '30s'`);
        await query('postgres', `alter database "${dbName}" set idle_in_transaction_session_timeout = '60s'`);
        bouncer = await startPgbouncer();
        appUrl = bouncer.databaseUrl(dbName);
      }
      const lbPort = await freePort();
      lb = `http://127.0.0.1:${lbPort}`;
      const env = {
        BASE_URL: lb,
        ...(options.redisDb !== null ? { REDIS_URL: `redis://127.0.0.1:6379/${options.redisDb}` } : {}),
        TRUSTED_PROXIES: '127.0.0.1',
        RATE_LIMIT_API_PER_MINUTE: String(API_LIMIT),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Bookline <no-reply@scale.test>',
        ...(options.pooler ? { DATABASE_TRANSACTION_POOLER: '1' } : {}),
      };
      // Both at once: both migrate the empty database concurrently.
      instances = await Promise.all([startServer(appUrl, env), startServer(appUrl, env)]);
      nginx = await startNginx(lbPort, instances.map((s) => s.port));
      org = await bookableOrg(lb);
    });

    afterAll(async () => {
      for (const s of instances) s.kill();
      await nginx?.stop();
      await bouncer?.stop();
      await smtp?.close();
      if (dbName) await dropDatabase(dbName);
      if (options.redisDb !== null) await flushRedisDb(options.redisDb).catch(() => undefined);
    });

    if (options.pooler) it('leaves no session state on the pooled server connections', async () => {
      // A session advisory lock whose unlock reached another server connection stays held; a
      // session SET (the old migration's statement_timeout = 0) stays on a connection that the
      // next client gets. Many clients at once through the pooler reach every server connection.
      // (A lock held by a connection that is idle, not in a transaction, is a session lock;
      // pg_locks spans the cluster, which other suites share.)
      const locks = await query<{ n: number }>(
        dbName,
        `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.state = 'idle'`,
      );
      expect(locks[0]!.n).toBe(0);
      const clients = Array.from({ length: 20 }, () => new pg.Client({ connectionString: bouncer!.databaseUrl(dbName) }));
      try {
        await Promise.all(clients.map((c) => c.connect()));
        const seen = await Promise.all(
          clients.map(async (c) => {
            await c.query('begin');
            const r = await c.query<{ t: string; i: string }>(`select current_setting('statement_timeout') as t, current_setting('idle_in_transaction_session_timeout') as i`);
            await c.query('commit');
            return `${r.rows[0]!.t}/${r.rows[0]!.i}`;
          }),
        );
        expect(new Set(seen)).toEqual(new Set(['30s/1min']));
      } finally {
        await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      }
      // The database has its timeouts, so neither instance warned that it lacks them.
      for (const s of instances) expect(s.output()).not.toContain('DATABASE_TRANSACTION_POOLER: the server has no');
    });

    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: lb, ...headers }, body: JSON.stringify(body) });
    const book = (slot: number, n: string, address: string) =>
      post(
        `${lb}/api/v1/public/orgs/${org.slug}/bookings`,
        { serviceId: org.serviceId, start: slotStart(slot), customer: { name: `Guest ${n}`, email: `guest-${n}@scale.test` } },
        { 'x-forwarded-for': address },
      );
    const upstreamPorts = (responses: Response[]) => new Set(responses.map((r) => Number(r.headers.get(UPSTREAM_HEADER)?.split(':').at(-1))));

    it('both instances came up on one database and applied each migration once', async () => {
      // Without the migration lock the second instance fails on "already exists" (and exits)
      // or records a migration twice.
      for (const s of instances) {
        expect(s.child.exitCode).toBeNull();
        expect((await fetch(`${s.baseUrl}/api/v1/ready`)).status).toBe(200);
      }
      const expected = readMigrationFiles({ migrationsFolder }).map((m) => m.hash);
      const rows = await query<{ hash: string }>(dbName, 'select hash from drizzle.__drizzle_migrations order by created_at');
      expect(rows.map((r) => r.hash)).toEqual(expected);
      // pg-boss (reminders) installed its own schema through the same connections (the pooler's, in pooler.scale.ts).
      const boss = await query<{ n: number }>(dbName, `select count(*)::int as n from information_schema.tables where table_schema = 'pgboss'`);
      expect(boss[0]!.n).toBeGreaterThan(0);
    });

    it('a booking race through nginx: exactly one 201, the rest 409, no overlapping bookings', async () => {
      const N = 24;
      const responses = await Promise.all(Array.from({ length: N }, (_, i) => book(0, `race-${i}`, `198.51.100.${i + 1}`)));
      const statuses = responses.map((r) => r.status);
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ error?: { code: string } }>));
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(N - 1);
      expect(bodies.filter((b) => b.error).every((b) => b.error!.code === 'CONFLICT')).toBe(true);
      // The race was between the instances, not inside one.
      expect(upstreamPorts(responses)).toEqual(new Set(instances.map((s) => s.port)));
      const rows = await query<{ n: number }>(dbName, `select count(*)::int as n from bookings where organization_id = $1 and starts_at = $2 and status <> 'cancelled'`, [
        org.id,
        slotStart(0),
      ]);
      expect(rows[0]!.n).toBe(1);
      const overlapping = await query<{ n: number }>(
        dbName,
        `select count(*)::int as n from bookings a join bookings b
           on a.resource_id = b.resource_id and a.id < b.id
          and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
          where a.organization_id = $1 and b.organization_id = $1`,
        [org.id],
      );
      expect(overlapping[0]!.n).toBe(0);
    });

    it('a session made through nginx is valid on each instance directly and through nginx', async () => {
      const email = `member-${Date.now().toString(36)}@scale.test`;
      const password = 'correct-horse-battery';
      expect((await post(`${lb}/api/auth/sign-up/email`, { email, name: 'Scale Member', password })).status).toBe(200);
      const signIn = await post(`${lb}/api/auth/sign-in/email`, { email, password });
      expect(signIn.status).toBe(200);
      const cookie = cookieFrom(signIn.headers);
      expect(cookie).not.toBe('');
      // Not a check that passes for anyone: without the cookie, each instance refuses.
      for (const s of instances) expect((await fetch(`${s.baseUrl}/api/v1/me`)).status).toBe(401);
      // A session kept in one process's memory (or a per-instance secret) fails on the other.
      for (const base of [...instances.map((s) => s.baseUrl), lb, lb]) {
        const me = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
        expect(me.status, base).toBe(200);
        expect(((await me.json()) as { user: { email: string } }).user.email).toBe(email);
      }
    });

    it('the API rate limit is one count across both instances', async () => {
      // Sequential, from one client address (X-Forwarded-For, believed from nginx): per-process
      // counters would let API_LIMIT through each instance, so all of these would pass.
      const viaLb: Response[] = [];
      for (let i = 0; i < API_LIMIT + 10; i++) {
        viaLb.push(await fetch(`${lb}/api/v1/public/orgs/${org.slug}`, { headers: { 'x-forwarded-for': '203.0.113.10' } }));
      }
      const passed = viaLb.filter((r) => r.status !== 429);
      expect(passed.every((r) => r.status === 200)).toBe(true);
      expect(upstreamPorts(passed)).toEqual(new Set(instances.map((s) => s.port)));
      // Never more than the limit together. Each instance leases points ahead (at most an eighth
      // of what remained, src/api/middleware/rate-limit-lease.ts), so together they may refuse up
      // to the points one of them leased and did not spend: fewer, never more.
      expect(passed.length).toBeLessThanOrEqual(API_LIMIT);
      expect(passed.length).toBeGreaterThanOrEqual(API_LIMIT - Math.floor(API_LIMIT / 8));
      for (const r of viaLb.filter((r) => r.status === 429)) expect(((await r.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
      // One instance alone is exact for another address.
      let direct = 0;
      for (let i = 0; i < API_LIMIT + 5; i++) {
        const r = await fetch(`${instances[0]!.baseUrl}/api/v1/public/orgs/${org.slug}`, { headers: { 'x-forwarded-for': '203.0.113.11' } });
        if (r.status !== 429) direct++;
      }
      expect(direct).toBe(API_LIMIT);
    });

    it('each outbox message is delivered once with both instances delivering', async () => {
      const K = 8;
      const created = await Promise.all(Array.from({ length: K }, (_, i) => book(10 + i, `mail-${i}`, `192.0.2.${i + 1}`)));
      expect(created.map((r) => r.status)).toEqual(Array(K).fill(201));
      const confirmationsTo = (n: number) =>
        smtp!.received.filter((m) => m.envelopeTo.includes(`guest-mail-${n}@scale.test`) && /^Booking confirmed: /.test(m.parsed.subject ?? ''));
      const pending = async () =>
        (await query<{ n: number }>(dbName, `select count(*)::int as n from outbox where organization_id = $1 and status = 'pending'`, [org.id]))[0]!.n;
      const deadline = Date.now() + 90_000;
      while ((Array.from({ length: K }, (_, i) => confirmationsTo(i).length).some((n) => n === 0) || (await pending()) > 0) && Date.now() < deadline) await sleep(500);
      // Two more rounds of both workers (each polls every 5 s): a duplicate would show by now.
      await sleep(12_000);
      for (let i = 0; i < K; i++) expect(confirmationsTo(i), `guest ${i}`).toHaveLength(1);
      // The owner's alert for each (the race's winner has its own, so count these by guest).
      for (let i = 0; i < K; i++) {
        const alerts = smtp!.received.filter((m) => (m.parsed.subject ?? '').startsWith('New booking: ') && (m.parsed.subject ?? '').endsWith(`(Guest mail-${i})`));
        expect(alerts, `owner alert for guest ${i}`).toHaveLength(1);
      }
      const ids = smtp!.received.map((m) => m.parsed.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      const statuses = await query<{ status: string; attempts: number }>(dbName, 'select status, attempts from outbox where organization_id = $1', [org.id]);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s.status !== 'sent')).toEqual([]);
    });
  });
}
