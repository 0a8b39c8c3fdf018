/**
 * The stock ledger (modules/products): every change of a stock item's on-hand count made by an
 * adjustment, with who made it, why, and the count it left. Rows are never updated.
 */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { stockItems } from './commerce';
import { organizations } from './organizations';

export const stockMovements = pgTable(
  'stock_movements',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    stockItemId: text('stock_item_id').notNull(),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    /** on_hand after the movement, read under the stock item's row lock. */
    onHandAfter: integer('on_hand_after').notNull(),
    reservedAfter: integer('reserved_after').notNull(),
    /** The member who made it (null: the system, a seed or a worker); the name is kept as it was. */
    actorUserId: text('actor_user_id'),
    actorName: text('actor_name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'stock_movements_pkey', columns: [t.organizationId, t.id] }),
    index('stock_movements_item_idx').on(t.organizationId, t.stockItemId, t.createdAt),
    foreignKey({ name: 'stock_movements_stock_item_fk', columns: [t.organizationId, t.stockItemId], foreignColumns: [stockItems.organizationId, stockItems.id] }).onDelete('cascade'),
    check('stock_movements_delta_nonzero', sql`${t.delta} <> 0`),
    check('stock_movements_after_valid', sql`${t.onHandAfter} >= 0 and ${t.reservedAfter} >= 0`),
  ],
);
