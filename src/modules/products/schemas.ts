/** Inputs and answers of the products module: one zod schema per input, shared by routes and use cases. */
import { z } from 'zod';
import { type ContentLocale, contentLocales } from '@/db/enums';
import { isoInstant, moneyMinor, pageOf } from '@/lib/dto';
import { type IdKind, isId } from '@/lib/ids';
import { paginationQuery } from '@/lib/pagination';
import { freeText, plainText, searchText } from '@/lib/text';
import * as organizationSchemas from '@/modules/organizations/schemas';

/** The same as db/schema/commerce's (which the browser must not load). */
export const productStatuses = ['draft', 'active', 'archived'] as const;

export const MAX_PRICE_MINOR = 100_000_000;
export const MAX_STOCK = 1_000_000;
/** Related products shown on a product page. */
export const MAX_RELATED = 6;
export const MAX_SUGGESTIONS = 8;
/** Fewer characters than this get no suggestions (and no query). */
export const MIN_SUGGEST_CHARS = 2;

/** A prefixed id of `kind` (events' schemas use these helpers too). */
export const idOf = (kind: IdKind, what: string) => z.string().max(64, `must be a ${what} id`).refine((v) => isId(kind, v), `must be a ${what} id`);
export const categoryIdSchema = idOf('productCategory', 'category');
export const productIdSchema = idOf('product', 'product');
export const variantIdSchema = idOf('productVariant', 'variant');
export const stockItemIdSchema = idOf('stockItem', 'stock item');

export const productSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(80, 'must be at most 80 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens');

export const skuSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dots, hyphens and underscores');

const money = z.number({ message: 'must be a whole number of minor units' }).int('must be a whole number of minor units').min(0, 'must not be negative').max(MAX_PRICE_MINOR, `must be at most ${MAX_PRICE_MINOR}`);
const position = z.number().int().min(0).max(10_000);
export const httpsUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine((v) => {
    try {
      return new URL(v).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https:// URL');
const tagSchema = plainText(40).min(1, 'must not be empty').transform((v) => v.toLowerCase());

export function translations<T extends z.ZodType>(item: T) {
  return z.object(Object.fromEntries(contentLocales.map((l) => [l, item.optional()])) as Record<ContentLocale, z.ZodOptional<T>>).strict();
}

// ─── Categories ─────────────────────────────────────────────────────────────────────────────

const categoryTranslation = z.object({ name: plainText(80).optional() }).strict();
export const createCategoryInput = z
  .object({
    name: plainText(80).min(1, 'must not be empty'),
    slug: productSlugSchema,
    parentId: categoryIdSchema.nullable().default(null),
    position: position.default(0),
    translations: translations(categoryTranslation).default({}),
  })
  .strict();
export type CreateCategoryInput = z.input<typeof createCategoryInput>;

export const updateCategoryInput = z
  .object({
    name: plainText(80).min(1, 'must not be empty').optional(),
    slug: productSlugSchema.optional(),
    parentId: categoryIdSchema.nullable().optional(),
    position: position.optional(),
    translations: translations(categoryTranslation).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateCategoryInput = z.input<typeof updateCategoryInput>;

// ─── Products ───────────────────────────────────────────────────────────────────────────────

const productTranslation = z.object({ title: plainText(200).optional(), description: freeText(5000).optional() }).strict();
const productFields = {
  slug: productSlugSchema,
  title: plainText(200).min(1, 'must not be empty'),
  description: freeText(5000),
  images: z.array(httpsUrl).max(12, 'at most 12 images'),
  categoryId: categoryIdSchema.nullable(),
  tags: z.array(tagSchema).max(20, 'at most 20 tags'),
  featured: z.boolean(),
  status: z.enum(productStatuses),
  translations: translations(productTranslation),
};

export const createProductInput = z
  .object({
    ...productFields,
    description: productFields.description.default(''),
    images: productFields.images.default([]),
    categoryId: productFields.categoryId.default(null),
    tags: productFields.tags.default([]),
    featured: productFields.featured.default(false),
    status: productFields.status.default('draft'),
    translations: productFields.translations.default({}),
  })
  .strict();
export type CreateProductInput = z.input<typeof createProductInput>;

export const updateProductInput = z
  .object(Object.fromEntries(Object.entries(productFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof productFields]: z.ZodOptional<(typeof productFields)[K]> })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateProductInput = z.input<typeof updateProductInput>;

export const listProductsQuery = paginationQuery.extend({
  status: z.enum(productStatuses).optional(),
  q: searchText(100).optional(),
  categoryId: categoryIdSchema.optional(),
});

// ─── Variants and stock ─────────────────────────────────────────────────────────────────────

const variantTranslation = z.object({ title: plainText(120).optional() }).strict();
const optionsSchema = z
  .record(z.string().max(40), plainText(60))
  .refine((o) => Object.keys(o).length <= 5, 'at most 5 options')
  .refine((o) => Object.keys(o).every((k) => k.trim() !== ''), 'option names must not be empty');

/** A new stock item for the variant (default: code = SKU, nothing on hand). */
const newStockItem = z
  .object({
    code: plainText(64).min(1).optional(),
    onHand: z.number().int().min(0).max(MAX_STOCK).default(0),
    lowStockThreshold: z.number().int().min(0).max(MAX_STOCK).default(5),
  })
  .strict();

export const createVariantInput = z
  .object({
    sku: skuSchema,
    title: plainText(120).min(1, 'must not be empty'),
    options: optionsSchema.default({}),
    priceMinor: money,
    compareAtMinor: money.nullable().default(null),
    /** Draw on an existing stock item (two variants sharing stock), or make one. */
    stockItemId: stockItemIdSchema.optional(),
    stock: newStockItem.optional(),
    unitsPerVariant: z.number().int().min(1).max(1000).default(1),
    position: position.default(0),
    active: z.boolean().default(true),
    translations: translations(variantTranslation).default({}),
  })
  .strict()
  .refine((v) => !(v.stockItemId && v.stock), { message: 'give either stockItemId or stock, not both', path: ['stock'] })
  .refine((v) => v.compareAtMinor === null || v.compareAtMinor > v.priceMinor, { message: 'must be more than the price', path: ['compareAtMinor'] });
export type CreateVariantInput = z.input<typeof createVariantInput>;

export const updateVariantInput = z
  .object({
    sku: skuSchema.optional(),
    title: plainText(120).min(1, 'must not be empty').optional(),
    options: optionsSchema.optional(),
    priceMinor: money.optional(),
    compareAtMinor: money.nullable().optional(),
    unitsPerVariant: z.number().int().min(1).max(1000).optional(),
    position: position.optional(),
    active: z.boolean().optional(),
    translations: translations(variantTranslation).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateVariantInput = z.input<typeof updateVariantInput>;

export const adjustStockInput = z
  .object({
    delta: z
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(-MAX_STOCK)
      .max(MAX_STOCK)
      .refine((d) => d !== 0, 'must not be zero'),
    reason: plainText(200).min(1, 'say why (received, counted, damaged…)'),
  })
  .strict();
export type AdjustStockInput = z.input<typeof adjustStockInput>;

export const updateStockItemInput = z
  .object({ lowStockThreshold: z.number().int().min(0).max(MAX_STOCK) })
  .strict();

export const lowStockQuery = paginationQuery;
export const movementsQuery = paginationQuery;

// ─── Params ─────────────────────────────────────────────────────────────────────────────────

const slugParams = organizationSchemas.slugParams;
export { slugParams };
export const categoryParams = slugParams.extend({ categoryId: categoryIdSchema });
export const productParams = slugParams.extend({ productId: productIdSchema });
export const variantParams = productParams.extend({ variantId: variantIdSchema });
export const stockItemParams = slugParams.extend({ stockItemId: stockItemIdSchema });

// ─── Storefront ─────────────────────────────────────────────────────────────────────────────

export const storefrontSorts = ['featured', 'newest', 'price_asc', 'price_desc', 'rating', 'relevance'] as const;
const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const moneyQuery = z.coerce.number().int().min(0).max(MAX_PRICE_MINOR);

export const publicProductsQuery = paginationQuery.extend({
  lang: z.enum(contentLocales).optional(),
  q: searchText(100).optional(),
  /** A category slug: that category and every category under it. */
  category: z.string().max(80).optional(),
  tag: z.string().max(40).optional(),
  minPrice: moneyQuery.optional(),
  maxPrice: moneyQuery.optional(),
  inStock: boolQuery.optional(),
  /** Default: relevance with `q`, else featured. */
  sort: z.enum(storefrontSorts).optional(),
});
export type PublicProductsQuery = z.output<typeof publicProductsQuery>;

export const publicLangQuery = z.object({ lang: z.enum(contentLocales).optional() });
export const suggestQuery = z.object({ q: searchText(100).pipe(z.string().min(1, 'type something')), lang: z.enum(contentLocales).optional() });

// The bound only caps the work: anything that is not a product's slug is simply not found (404).
export const publicProductParams = slugParams.extend({ productSlug: z.string().max(200) });

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

const translationsDto = <T extends z.ZodType>(item: T) => z.object(Object.fromEntries(contentLocales.map((l) => [l, item.optional()])) as Record<ContentLocale, z.ZodOptional<T>>);

export const categoryDto = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    slug: z.string(),
    name: z.string(),
    position: z.number().int(),
    translations: translationsDto(z.object({ name: z.string().optional() })),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'ProductCategory' });
export type CategoryDto = z.infer<typeof categoryDto>;
export const categoryListDto = z.object({ data: z.array(categoryDto) }).meta({ id: 'ProductCategoryList' });
export type CategoryList = z.infer<typeof categoryListDto>;

export const stockItemDto = z
  .object({
    id: z.string(),
    code: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    lowStockThreshold: z.number().int(),
    updatedAt: isoInstant,
  })
  .meta({ id: 'StockItem' });
export type StockItemDto = z.infer<typeof stockItemDto>;

export const variantDto = z
  .object({
    id: z.string(),
    productId: z.string(),
    sku: z.string(),
    title: z.string(),
    options: z.record(z.string(), z.string()),
    priceMinor: moneyMinor,
    compareAtMinor: moneyMinor.nullable(),
    unitsPerVariant: z.number().int(),
    position: z.number().int(),
    active: z.boolean(),
    translations: translationsDto(z.object({ title: z.string().optional() })),
    stockItem: stockItemDto,
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'ProductVariant' });
export type VariantDto = z.infer<typeof variantDto>;

export const productDto = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    images: z.array(z.string()),
    categoryId: z.string().nullable(),
    tags: z.array(z.string()),
    featured: z.boolean(),
    status: z.enum(productStatuses),
    currency: z.string(),
    priceMinMinor: moneyMinor,
    ratingCount: z.number().int(),
    ratingAverage: z.number().nullable(),
    translations: translationsDto(z.object({ title: z.string().optional(), description: z.string().optional() })),
    variants: z.array(variantDto),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'Product' });
export type ProductDto = z.infer<typeof productDto>;
export const productPage = pageOf(productDto);
export type ProductPage = z.infer<typeof productPage>;

export const stockMovementDto = z
  .object({
    id: z.string(),
    stockItemId: z.string(),
    delta: z.number().int(),
    reason: z.string(),
    onHandAfter: z.number().int(),
    reservedAfter: z.number().int(),
    actorName: z.string(),
    createdAt: isoInstant,
  })
  .meta({ id: 'StockMovement' });
export const stockAdjustmentDto = z.object({ stockItem: stockItemDto, movement: stockMovementDto }).meta({ id: 'StockAdjustment' });
export type StockAdjustmentDto = z.infer<typeof stockAdjustmentDto>;
export const stockMovementPage = pageOf(stockMovementDto);
export type StockMovementPage = z.infer<typeof stockMovementPage>;

export const lowStockItemDto = stockItemDto
  .extend({
    variants: z.array(z.object({ id: z.string(), sku: z.string(), title: z.string(), productId: z.string(), productTitle: z.string() })),
    addons: z.array(z.object({ id: z.string(), name: z.string(), serviceId: z.string() })).meta({ description: 'Services’ add-ons that draw on it (a cake for parties)' }),
  })
  .meta({ id: 'LowStockItem', description: 'A stock item with what draws on it; reserved counts open orders and active bookings’ add-ons.' });
export type LowStockItemDto = z.infer<typeof lowStockItemDto>;
export const lowStockPage = pageOf(lowStockItemDto);
export type LowStockPage = z.infer<typeof lowStockPage>;

export const availabilities = ['in_stock', 'low', 'out'] as const;
export type Availability = (typeof availabilities)[number];

export const publicCategoryDto = z
  .object({ id: z.string(), parentId: z.string().nullable(), slug: z.string(), name: z.string() })
  .meta({ id: 'PublicProductCategory' });
export type PublicCategoryDto = z.infer<typeof publicCategoryDto>;
/** The tree as a flat list in tree order (each category right after its parent, then its own children); depth 0 at the top. */
export const publicCategoryTreeDto = z
  .object({ locale: z.enum(contentLocales), data: z.array(publicCategoryDto.extend({ depth: z.number().int() })) })
  .meta({ id: 'PublicProductCategoryTree' });
export type PublicCategoryTree = z.infer<typeof publicCategoryTreeDto>;

export const publicProductSummaryDto = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    image: z.string().nullable(),
    featured: z.boolean(),
    currency: z.string(),
    priceMinMinor: moneyMinor,
    compareAtMinor: moneyMinor.nullable().meta({ description: "the cheapest variant's compare-at price" }),
    tags: z.array(z.string()),
    categoryId: z.string().nullable(),
    inStock: z.boolean(),
    ratingAverage: z.number().nullable(),
    ratingCount: z.number().int(),
  })
  .meta({ id: 'PublicProductSummary' });
export type PublicProductSummaryDto = z.infer<typeof publicProductSummaryDto>;
export const publicProductPage = pageOf(publicProductSummaryDto).extend({ locale: z.enum(contentLocales) });
export type PublicProductPage = z.infer<typeof publicProductPage>;

export const publicVariantDto = z
  .object({
    id: z.string(),
    sku: z.string(),
    title: z.string(),
    options: z.record(z.string(), z.string()),
    priceMinor: moneyMinor,
    compareAtMinor: moneyMinor.nullable(),
    availability: z.enum(availabilities),
    /** Only when low: how many can still be bought (the count is not shown otherwise). */
    availableQuantity: z.number().int().nullable(),
  })
  .meta({ id: 'PublicProductVariant' });

export const publicProductDto = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    images: z.array(z.string()),
    tags: z.array(z.string()),
    featured: z.boolean(),
    currency: z.string(),
    priceMinMinor: moneyMinor,
    ratingAverage: z.number().nullable(),
    ratingCount: z.number().int(),
    categoryPath: z.array(publicCategoryDto).meta({ description: 'from the top of the tree down to the product’s category' }),
    variants: z.array(publicVariantDto),
    related: z.array(publicProductSummaryDto),
    locale: z.enum(contentLocales),
  })
  .meta({ id: 'PublicProduct' });
export type PublicProductDto = z.infer<typeof publicProductDto>;

export const suggestionListDto = z
  .object({ data: z.array(z.object({ slug: z.string(), title: z.string() })) })
  .meta({ id: 'ProductSuggestions' });
export type SuggestionList = z.infer<typeof suggestionListDto>;
