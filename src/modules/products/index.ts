/**
 * products — the shop's catalog: a category tree, products (slug, texts with translations,
 * images, tags, featured, draft/active/archived), their variants (SKU, price and compare-at in
 * minor units, options) and the stock items the variants draw on (two variants may share one,
 * `units_per_variant` each), stock adjustments with a ledger, the public storefront (list with
 * filters and sorts, product page with availability and related products, category tree) and
 * search (full text per language, accent-insensitive, plus trigrams for typos and suggestions).
 * Invariants: slugs and SKUs unique per organization (409 naming the field); the category tree
 * has no cycles (moves serialised per organization, 409 on a loop); on_hand - reserved >= 0
 * (CHECK; adjustments lock the stock row first); products.price_min_minor is the lowest active
 * variant price, kept by every variant write. Owners and admins manage (products:manage);
 * catalog:read reads. Every mutation writes one audit row.
 * Tables owned: product_categories, products, product_variants, stock_items (with the orders
 * module, which reserves), stock_movements. Events: none yet.
 */
export { adjustStock } from './adjust-stock';
export { createCategory } from './create-category';
export { createProduct } from './create-product';
export { createVariant } from './create-variant';
export { deleteCategory } from './delete-category';
export { deleteProduct } from './delete-product';
export { deleteVariant } from './delete-variant';
export { getProduct } from './get-product';
export { getPublicProduct } from './get-public-product';
export { listCategories } from './list-categories';
export { listLowStock } from './list-low-stock';
export { listStockItems } from './list-stock-items';
export { listProducts } from './list-products';
export { listPublicCategories } from './list-public-categories';
export { listPublicProducts } from './list-public-products';
export { listStockMovements } from './list-stock-movements';
export * as productSchemas from './schemas';
export type { CategoryDto, ProductDto, PublicProductDto, PublicProductPage, StockAdjustmentDto, VariantDto } from './schemas';
export { suggestProducts } from './suggest-products';
export { updateCategory } from './update-category';
export { updateProduct } from './update-product';
export { updateVariant } from './update-variant';
