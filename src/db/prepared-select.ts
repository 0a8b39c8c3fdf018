/**
 * A Drizzle select whose SQL is built once and run many times, on whatever executor each call
 * gives it (the pool, a tenant transaction, PGlite). Drizzle rebuilds a query's text from its
 * builder objects on every call; on the member list that was 18% of the route's CPU samples
 * (bench/profile.ts, docs/performance.md "Fourth pass"). Values that change per call are
 * `sql.placeholder(name)`s in the builder and are given to `run`; rows come back mapped by
 * Drizzle exactly as the builder's own `execute` maps them.
 *
 * Define each one at module scope: the builder is called once, on the first run, and anything
 * else it captured would be frozen into every later call.
 *
 * Built on Drizzle's session API (`db._.session.prepareQuery`, the select's `_.config.fields`
 * and `toSQL()`), the path its own `.prepare()` takes; tests/prepared-select.test.ts compares
 * the rows with the builder's on PGlite and PostgreSQL, so an upgrade that changes it fails there.
 */
import * as drizzle from 'drizzle-orm';
import type { Query } from 'drizzle-orm';
import type { Executor } from './client';

type OrderedFields = unknown[];

/** What Drizzle's select builder offers this helper (public `toSQL` and `_.config`; the joins' nullability map). */
interface SelectBuilder<Row> extends PromiseLike<Row[]> {
  toSQL(): Query;
  readonly _: { readonly config: { fields: Record<string, unknown> } };
}

interface Built {
  query: Query;
  fields: OrderedFields;
  joinsNotNullableMap: unknown;
}

// Exported at run time by drizzle-orm (utils.js), not in its type declarations.
const orderSelectedFields = (() => {
  const order = (drizzle as unknown as { orderSelectedFields?: (fields: Record<string, unknown>) => OrderedFields }).orderSelectedFields;
  if (typeof order !== 'function') throw new Error('drizzle-orm no longer exports orderSelectedFields: src/db/prepared-select.ts needs updating');
  return order;
})();

export type PreparedSelect<Row> = (db: Executor, values: Record<string, unknown>) => Promise<Row[]>;

export function preparedSelect<Row>(build: (db: Executor) => SelectBuilder<Row>): PreparedSelect<Row> {
  let built: Built | undefined;
  return (db, values) => {
    if (!built) {
      const builder = build(db);
      built = {
        query: builder.toSQL(),
        fields: orderSelectedFields(builder._.config.fields),
        joinsNotNullableMap: (builder as unknown as { joinsNotNullableMap: unknown }).joinsNotNullableMap,
      };
    }
    const session = db._.session as unknown as {
      prepareQuery(query: Query, fields: OrderedFields, name: string | undefined, isResponseInArrayMode: boolean): { joinsNotNullableMap: unknown; execute(values: Record<string, unknown>): Promise<Row[]> };
    };
    const prepared = session.prepareQuery(built.query, built.fields, undefined, true);
    prepared.joinsNotNullableMap = built.joinsNotNullableMap;
    return prepared.execute(values);
  };
}

/**
 * One prepared select per shape of a query whose clauses vary (a filter given or not): `shape`
 * is the call's booleans, `build` the builder for one shape; each shape is built on first use.
 */
export function preparedSelectByShape<Shape extends Record<string, boolean>, Row>(build: (db: Executor, shape: Shape) => SelectBuilder<Row>) {
  const byKey = new Map<string, PreparedSelect<Row>>();
  return (shape: Shape): PreparedSelect<Row> => {
    const key = Object.keys(shape)
      .sort()
      .map((k) => `${k}:${shape[k]}`)
      .join(',');
    let prepared = byKey.get(key);
    if (!prepared) {
      prepared = preparedSelect((db) => build(db, shape));
      byKey.set(key, prepared);
    }
    return prepared;
  };
}
