/**
 * Server-side prepared statements for the queries the app repeats (#17, docs/performance.md).
 *
 * node-postgres sends every parameterised query as an unnamed statement, so PostgreSQL parses,
 * rewrites and plans it on every execution. Under row-level security planning is most of the
 * cost of the app's bigger reads: the scheduling statement every availability answer and every
 * booking runs took 5.0 ms unnamed and 0.56 ms as a named statement on the same connection
 * (PostgreSQL 15, the availability bench's data). This client names a statement the second
 * time the process sees its text, so PostgreSQL keeps its parse tree and plan per connection.
 *
 * What stays the same: the text and parameters sent, the results, the transaction and the role
 * (a cached plan that depends on row-level security is re-planned by PostgreSQL when the role
 * differs; the policies read the tenant settings at run time, not at plan time).
 *
 * Bounds: the first MAX_TEXTS texts seen twice get a name (the app has a few hundred; texts
 * that vary with a list's length are the unbounded part) and one connection prepares at most
 * MAX_PER_CONNECTION of them, so a connection's server memory stays bounded; past either
 * bound a query runs unnamed as before.
 *
 * Not used behind a transaction pooler (DATABASE_TRANSACTION_POOLER): pgbouncer before 1.21
 * (Debian 12 has 1.18) does not carry named statements between server connections.
 */
import pg from 'pg';

const MAX_TEXTS = 2_000;
const MAX_PER_CONNECTION = 250;
/** SQLSTATE 0A000 after DDL changed a table a prepared statement returns rows of. */
const RESULT_TYPE_CHANGED = 'cached plan must not change result type';

/** text → its statement name once seen twice (null: seen once). */
const names = new Map<string, string | null>();
let nextName = 0;

function nameFor(text: string): string | undefined {
  const known = names.get(text);
  if (known) return known;
  if (known === null) {
    const name = `bookline_${(nextName++).toString(36)}`;
    names.set(text, name);
    return name;
  }
  if (names.size < MAX_TEXTS) names.set(text, null);
  return undefined;
}

type QueryConfigLike = { text?: unknown; values?: unknown; name?: unknown; submit?: unknown };

export class StatementCachingClient extends pg.Client {
  /** Names prepared (or being prepared) on this connection. */
  private readonly prepared = new Set<string>();
  /** Names this connection must not use again (their plan's result type changed). */
  private readonly broken = new Set<string>();

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // node-postgres' overloads (text, config, submittable; values; callback) pass through as
    // they are; only a parameterised text or plain config without a name of its own gets one.
    const query = pg.Client.prototype.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      const name = this.nameArgs(args);
      const result = query(...args);
      if (!name || !(result instanceof Promise)) return result;
      return result.catch((err: unknown) => {
        if (err instanceof Error && err.message.includes(RESULT_TYPE_CHANGED)) this.broken.add(name);
        throw err;
      });
    }) as pg.Client['query'];
  }

  /** Names the query in `args` (in place) when it should run as a named statement. */
  private nameArgs(args: unknown[]): string | undefined {
    const [config, values] = args as [string | QueryConfigLike | null | undefined, unknown];
    const plain = typeof config === 'string' || (typeof config === 'object' && config !== null && config.name === undefined && typeof config.submit !== 'function');
    const text = typeof config === 'string' ? config : config?.text;
    const params = Array.isArray(values) ? values : typeof config === 'object' ? config?.values : undefined;
    if (!plain || typeof text !== 'string' || !Array.isArray(params) || params.length === 0) return undefined;
    const name = nameFor(text);
    if (!name || this.broken.has(name) || (!this.prepared.has(name) && this.prepared.size >= MAX_PER_CONNECTION)) return undefined;
    this.prepared.add(name);
    args[0] = typeof config === 'string' ? { text, name } : { ...config, name };
    return name;
  }
}
