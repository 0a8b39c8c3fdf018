/**
 * The shop's catalog (modules/commerce): categories (a tree), products, their variants and the
 * stock items the variants draw on. Carts, checkouts, orders and promo codes build on these.
 *
 * Stock is counted on `stock_items`, not on variants: two variants (a single bottle and a
 * two-pack) may draw on one stock item, `units_per_variant` units each, so a cart's lines that
 * share a stock item are summed before the check (Medusa md#16502). `on_hand - reserved >= 0`
 * is a CHECK: a bug in the code still cannot sell what is not there.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, customType, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { ts } from './columns';
import { organizations } from './organizations';
import type { Translations } from './catalog';
import type { ProductKind } from '@/db/enums';

/** A text-search configuration name ('english', 'spanish'): PostgreSQL's regconfig. */
const regconfig = customType<{ data: string }>({ dataType: () => 'regconfig' });

export const productStatuses = ['draft', 'active', 'archived'] as const;
export type ProductStatus = (typeof productStatuses)[number];

export interface CategoryTranslation {
  name?: string;
}

export interface ProductTranslation {
  title?: string;
  description?: string;
}

export interface VariantTranslation {
  title?: string;
}

export const productCategories = pgTable(
  'product_categories',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The parent category; null at the top of the tree. */
    parentId: text('parent_id'),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    translations: jsonb('translations').$type<Translations<CategoryTranslation>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'product_categories_pkey', columns: [t.organizationId, t.id] }),
    unique('product_categories_organization_slug_uq').on(t.organizationId, t.slug),
    index('product_categories_parent_idx').on(t.organizationId, t.parentId, t.position),
    foreignKey({ name: 'product_categories_parent_fk', columns: [t.organizationId, t.parentId], foreignColumns: [t.organizationId, t.id] }),
    check('product_categories_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

export const products = pgTable(
  'products',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Image URLs, the first is the product's picture. */
    images: jsonb('images').$type<string[]>().notNull().default([]),
    categoryId: text('category_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    featured: boolean('featured').notNull().default(false),
    status: text('status').$type<ProductStatus>().notNull().default('draft'),
    /** 'ticket': an event's hidden ticket product (modules/events), never listed in the shop or the dashboard's products. */
    kind: text('kind').$type<ProductKind>().notNull().default('product'),
    currency: text('currency').notNull(),
    /** The lowest active variant price, kept by the catalog's writes (list sort and price filter read it). */
    priceMinMinor: integer('price_min_minor').notNull().default(0),
    /** Approved reviews (the reviews module keeps them): count and sum of ratings. */
    ratingCount: integer('rating_count').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    translations: jsonb('translations').$type<Translations<ProductTranslation>>().notNull().default({}),
    /**
     * The text-search configuration of the base texts, from the organization's locale when the
     * product is made (modules/products). The search columns built from it (search_vector,
     * search_text) are generated columns written in the migration's custom SQL.
     */
    searchConfig: regconfig('search_config').notNull().default(sql`'english'::regconfig`),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'products_pkey', columns: [t.organizationId, t.id] }),
    unique('products_organization_slug_uq').on(t.organizationId, t.slug),
    index('products_listing_idx').on(t.organizationId, t.status, t.featured, t.createdAt),
    index('products_category_idx').on(t.organizationId, t.categoryId, t.status),
    index('products_price_idx').on(t.organizationId, t.status, t.priceMinMinor),
    foreignKey({ name: 'products_category_fk', columns: [t.organizationId, t.categoryId], foreignColumns: [productCategories.organizationId, productCategories.id] }),
    check('products_status_valid', sql`${t.status} in ('draft', 'active', 'archived')`),
    check('products_kind_valid', sql`${t.kind} in ('product', 'ticket')`),
    check('products_currency_format', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('products_price_min_valid', sql`${t.priceMinMinor} >= 0`),
    check('products_rating_valid', sql`${t.ratingCount} >= 0 and ${t.ratingSum} >= ${t.ratingCount} and ${t.ratingSum} <= 5 * ${t.ratingCount}`),
  ],
);

export const stockItems = pgTable(
  'stock_items',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** What the warehouse calls it (a SKU of the physical thing). */
    code: text('code').notNull(),
    onHand: integer('on_hand').notNull().default(0),
    /** Units held by checkouts in progress, orders not yet fulfilled and active bookings’ add-ons (booking_addons.stock_state held). */
    reserved: integer('reserved').notNull().default(0),
    /** Below this many available units the admin's low-stock list shows it. */
    lowStockThreshold: integer('low_stock_threshold').notNull().default(5),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'stock_items_pkey', columns: [t.organizationId, t.id] }),
    unique('stock_items_organization_code_uq').on(t.organizationId, t.code),
    check('stock_items_counts_valid', sql`${t.onHand} >= 0 and ${t.reserved} >= 0`),
    // The guarantee: never more held or sold than there is.
    check('stock_items_available_nonnegative', sql`${t.onHand} - ${t.reserved} >= 0`),
    check('stock_items_threshold_valid', sql`${t.lowStockThreshold} >= 0`),
  ],
);

export const productVariants = pgTable(
  'product_variants',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    productId: text('product_id').notNull(),
    sku: text('sku').notNull(),
    /** "500 ml / Red": what the picker shows; options are the same as data. */
    title: text('title').notNull(),
    options: jsonb('options').$type<Record<string, string>>().notNull().default({}),
    priceMinor: integer('price_minor').notNull(),
    compareAtMinor: integer('compare_at_minor'),
    stockItemId: text('stock_item_id').notNull(),
    /**
     * A second stock item the variant also draws from (an event's capacity: every ticket type
     * takes a seat from the event's pool as well as from its own per-type limit). The checkout
     * sums needs per stock item including pools, so one conditional UPDATE per item still judges it.
     */
    poolStockItemId: text('pool_stock_item_id'),
    /** Units of the stock item one of this variant takes (a two-pack takes 2). */
    unitsPerVariant: integer('units_per_variant').notNull().default(1),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    translations: jsonb('translations').$type<Translations<VariantTranslation>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'product_variants_pkey', columns: [t.organizationId, t.id] }),
    unique('product_variants_organization_sku_uq').on(t.organizationId, t.sku),
    index('product_variants_product_idx').on(t.organizationId, t.productId, t.position),
    index('product_variants_stock_item_idx').on(t.organizationId, t.stockItemId),
    foreignKey({ name: 'product_variants_product_fk', columns: [t.organizationId, t.productId], foreignColumns: [products.organizationId, products.id] }).onDelete('cascade'),
    foreignKey({ name: 'product_variants_stock_item_fk', columns: [t.organizationId, t.stockItemId], foreignColumns: [stockItems.organizationId, stockItems.id] }),
    foreignKey({ name: 'product_variants_pool_stock_item_fk', columns: [t.organizationId, t.poolStockItemId], foreignColumns: [stockItems.organizationId, stockItems.id] }),
    check('product_variants_pool_differs', sql`${t.poolStockItemId} is null or ${t.poolStockItemId} <> ${t.stockItemId}`),
    check('product_variants_price_valid', sql`${t.priceMinor} >= 0 and (${t.compareAtMinor} is null or ${t.compareAtMinor} > ${t.priceMinor})`),
    check('product_variants_units_positive', sql`${t.unitsPerVariant} >= 1`),
  ],
);
