/** Rows → the module's answers (schemas.ts), and the storefront's localized texts. */
import type { ContentLocale } from '@/db/enums';
import { iso } from '@/lib/dto';
import type { CategoryRow, ProductRow, StockItemRow, VariantWithStock } from './queries';
import type { Availability, CategoryDto, ProductDto, PublicCategoryDto, StockItemDto, VariantDto } from './schemas';

const filled = (v: string | undefined): v is string => typeof v === 'string' && v.trim() !== '';

/** A translated text where one was written, the base text otherwise. */
export function localized<T extends object>(base: string, translations: Partial<Record<ContentLocale, T>>, lang: ContentLocale, baseLocale: ContentLocale, field: keyof T): string {
  if (lang === baseLocale) return base;
  const t = translations[lang]?.[field] as string | undefined;
  return filled(t) ? t : base;
}

export function ratingAverage(row: { ratingCount: number; ratingSum: number }): number | null {
  return row.ratingCount > 0 ? Math.round((row.ratingSum / row.ratingCount) * 10) / 10 : null;
}

export function presentCategory(row: CategoryRow): CategoryDto {
  return {
    id: row.id,
    parentId: row.parentId,
    slug: row.slug,
    name: row.name,
    position: row.position,
    translations: row.translations,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function presentPublicCategory(row: CategoryRow, lang: ContentLocale, baseLocale: ContentLocale): PublicCategoryDto {
  return { id: row.id, parentId: row.parentId, slug: row.slug, name: localized(row.name, row.translations, lang, baseLocale, 'name') };
}

export function presentStockItem(row: StockItemRow): StockItemDto {
  return {
    id: row.id,
    code: row.code,
    onHand: row.onHand,
    reserved: row.reserved,
    available: row.onHand - row.reserved,
    lowStockThreshold: row.lowStockThreshold,
    updatedAt: iso(row.updatedAt),
  };
}

export function presentVariant(row: VariantWithStock): VariantDto {
  return {
    id: row.id,
    productId: row.productId,
    sku: row.sku,
    title: row.title,
    options: row.options,
    priceMinor: row.priceMinor,
    compareAtMinor: row.compareAtMinor,
    unitsPerVariant: row.unitsPerVariant,
    position: row.position,
    active: row.active,
    translations: row.translations,
    stockItem: presentStockItem(row.stockItem),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function presentProduct(row: ProductRow, variants: VariantWithStock[]): ProductDto {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    images: row.images,
    categoryId: row.categoryId,
    tags: row.tags,
    featured: row.featured,
    status: row.status,
    currency: row.currency,
    priceMinMinor: row.priceMinMinor,
    ratingCount: row.ratingCount,
    ratingAverage: ratingAverage(row),
    translations: row.translations,
    variants: variants.map(presentVariant),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/**
 * What the storefront says about a variant's stock: how many of the variant can still be
 * bought (a 3-pack takes 3 units), "low" at or under the stock item's threshold — only then is
 * the number shown — and "out" at zero.
 */
export function variantAvailability(v: VariantWithStock): { availability: Availability; availableQuantity: number | null } {
  const units = Math.max(0, v.stockItem.onHand - v.stockItem.reserved);
  const quantity = Math.floor(units / v.unitsPerVariant);
  if (quantity === 0) return { availability: 'out', availableQuantity: null };
  if (units <= v.stockItem.lowStockThreshold) return { availability: 'low', availableQuantity: quantity };
  return { availability: 'in_stock', availableQuantity: null };
}
