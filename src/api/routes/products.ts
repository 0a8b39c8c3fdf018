/**
 * The shop's catalog. Admin: `/api/v1/orgs/{slug}/product-categories…`, `/products…` (with
 * variants), `/stock-items/{id}/adjustments|movements` and `/low-stock` — reads with
 * catalog:read, writes with products:manage. Public (no sign-in): `/api/v1/public/orgs/{slug}/
 * products`, `/products/{productSlug}`, `/product-suggestions` and `/product-categories`.
 */
import { conflictResponse, createRoute, errors, json, jsonBody, noContent, router } from '@/api/openapi';
import {
  adjustStock,
  createCategory,
  createProduct,
  createVariant,
  deleteCategory,
  deleteProduct,
  deleteVariant,
  getProduct,
  getPublicProduct,
  listCategories,
  listLowStock,
  listStockItems,
  listProducts,
  listPublicCategories,
  listPublicProducts,
  listStockMovements,
  productSchemas as s,
  suggestProducts,
  updateCategory,
  updateProduct,
  updateVariant,
} from '@/modules/products';
import { onReplica } from '@/api/read-replica';

const tags = ['Products'];
const publicTags = ['Public shop'];

// ─── Categories ─────────────────────────────────────────────────────────────────────────────

const listCategoriesRoute = createRoute({
  method: 'get',
  path: '/{slug}/product-categories',
  tags,
  summary: "The shop's categories (every one; build the tree from parentId)",
  'x-permission': 'catalog:read',
  request: { params: s.slugParams },
  responses: { 200: json(s.categoryListDto, 'Every category'), ...errors.tenant },
});

const createCategoryRoute = createRoute({
  method: 'post',
  path: '/{slug}/product-categories',
  tags,
  summary: 'Create a category (at the top or under a parent); slugs are unique',
  'x-permission': 'products:manage',
  request: { params: s.slugParams, body: jsonBody(s.createCategoryInput) },
  responses: { 201: json(s.categoryDto, 'The new category'), 409: conflictResponse, ...errors.tenant },
});

const updateCategoryRoute = createRoute({
  method: 'patch',
  path: '/{slug}/product-categories/{categoryId}',
  tags,
  summary: 'Rename, translate or move a category (a parent under it is a loop: 409)',
  'x-permission': 'products:manage',
  request: { params: s.categoryParams, body: jsonBody(s.updateCategoryInput) },
  responses: { 200: json(s.categoryDto, 'The category after the change'), 409: conflictResponse, ...errors.tenant },
});

const deleteCategoryRoute = createRoute({
  method: 'delete',
  path: '/{slug}/product-categories/{categoryId}',
  tags,
  summary: 'Delete an empty category (categories or products under it: 409 with the counts)',
  'x-permission': 'products:manage',
  request: { params: s.categoryParams },
  responses: { 204: noContent, 409: conflictResponse, ...errors.tenant },
});

// ─── Products and variants ──────────────────────────────────────────────────────────────────

const listProductsRoute = createRoute({
  method: 'get',
  path: '/{slug}/products',
  tags,
  summary: 'Products of any status with their variants and stock; filter by status, category, search (q)',
  'x-permission': 'catalog:read',
  request: { params: s.slugParams, query: s.listProductsQuery },
  responses: { 200: json(s.productPage, 'A page of products'), ...errors.tenant },
});

const createProductRoute = createRoute({
  method: 'post',
  path: '/{slug}/products',
  tags,
  summary: 'Create a product (draft unless said); slugs are unique (409 with the field)',
  'x-permission': 'products:manage',
  request: { params: s.slugParams, body: jsonBody(s.createProductInput) },
  responses: { 201: json(s.productDto, 'The new product'), 409: conflictResponse, ...errors.tenant },
});

const getProductRoute = createRoute({
  method: 'get',
  path: '/{slug}/products/{productId}',
  tags,
  summary: 'One product with its variants and their stock',
  'x-permission': 'catalog:read',
  request: { params: s.productParams },
  responses: { 200: json(s.productDto, 'The product'), ...errors.tenant },
});

const updateProductRoute = createRoute({
  method: 'patch',
  path: '/{slug}/products/{productId}',
  tags,
  summary: 'Change a product (texts, images, category, tags, featured, status)',
  'x-permission': 'products:manage',
  request: { params: s.productParams, body: jsonBody(s.updateProductInput) },
  responses: { 200: json(s.productDto, 'The product after the change'), 409: conflictResponse, ...errors.tenant },
});

const deleteProductRoute = createRoute({
  method: 'delete',
  path: '/{slug}/products/{productId}',
  tags,
  summary: 'Delete a product and its variants (orders refer to it: 409, archive it instead)',
  'x-permission': 'products:manage',
  request: { params: s.productParams },
  responses: { 204: noContent, 409: conflictResponse, ...errors.tenant },
});

const createVariantRoute = createRoute({
  method: 'post',
  path: '/{slug}/products/{productId}/variants',
  tags,
  summary: 'Add a variant drawing on a new stock item (`stock`) or an existing one (`stockItemId`)',
  'x-permission': 'products:manage',
  request: { params: s.productParams, body: jsonBody(s.createVariantInput) },
  responses: { 201: json(s.variantDto, 'The new variant'), 409: conflictResponse, ...errors.tenant },
});

const updateVariantRoute = createRoute({
  method: 'patch',
  path: '/{slug}/products/{productId}/variants/{variantId}',
  tags,
  summary: 'Change a variant (price, compare-at, SKU, texts, active)',
  'x-permission': 'products:manage',
  request: { params: s.variantParams, body: jsonBody(s.updateVariantInput) },
  responses: { 200: json(s.variantDto, 'The variant after the change'), 409: conflictResponse, ...errors.tenant },
});

const deleteVariantRoute = createRoute({
  method: 'delete',
  path: '/{slug}/products/{productId}/variants/{variantId}',
  tags,
  summary: 'Delete a variant (its stock item stays)',
  'x-permission': 'products:manage',
  request: { params: s.variantParams },
  responses: { 204: noContent, 409: conflictResponse, ...errors.tenant },
});

// ─── Stock ──────────────────────────────────────────────────────────────────────────────────

const adjustStockRoute = createRoute({
  method: 'post',
  path: '/{slug}/stock-items/{stockItemId}/adjustments',
  tags,
  summary: 'Add or take units on hand, with a reason (below what is reserved: 409)',
  'x-permission': 'products:manage',
  request: { params: s.stockItemParams, body: jsonBody(s.adjustStockInput) },
  responses: { 201: json(s.stockAdjustmentDto, 'The stock item after the change and the ledger row'), 409: conflictResponse, ...errors.tenant },
});

const listMovementsRoute = createRoute({
  method: 'get',
  path: '/{slug}/stock-items/{stockItemId}/movements',
  tags,
  summary: "A stock item's ledger, newest first",
  'x-permission': 'catalog:read',
  request: { params: s.stockItemParams, query: s.movementsQuery },
  responses: { 200: json(s.stockMovementPage, 'A page of movements'), ...errors.tenant },
});

const lowStockRoute = createRoute({
  method: 'get',
  path: '/{slug}/low-stock',
  tags,
  summary: 'Stock items at or under their threshold (available = on hand − reserved), emptiest first',
  'x-permission': 'catalog:read',
  request: { params: s.slugParams, query: s.lowStockQuery },
  responses: { 200: json(s.lowStockPage, 'A page of stock items'), ...errors.tenant },
});

const listStockItemsRoute = createRoute({
  method: 'get',
  path: '/{slug}/stock-items',
  tags,
  summary: 'Shelf stock items by code, with the variants and add-ons that draw on them (what an add-on may draw on)',
  'x-permission': 'catalog:read',
  request: { params: s.slugParams, query: s.lowStockQuery },
  responses: { 200: json(s.lowStockPage, 'A page of stock items'), ...errors.tenant },
});

/** Mounted under the tenant middleware with the other /orgs/{slug} routes. */
export function productRoutes() {
  return router()
    .openapi(listCategoriesRoute, async (c) => c.json(await listCategories(c.get('ctx')), 200))
    .openapi(createCategoryRoute, async (c) => c.json(await createCategory(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(updateCategoryRoute, async (c) => c.json(await updateCategory(c.get('ctx'), c.req.valid('param').categoryId, c.req.valid('json')), 200))
    .openapi(deleteCategoryRoute, async (c) => {
      await deleteCategory(c.get('ctx'), c.req.valid('param').categoryId);
      return c.body(null, 204);
    })
    .openapi(listProductsRoute, async (c) => c.json(await listProducts(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(createProductRoute, async (c) => c.json(await createProduct(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(getProductRoute, async (c) => c.json(await getProduct(c.get('ctx'), c.req.valid('param').productId), 200))
    .openapi(updateProductRoute, async (c) => c.json(await updateProduct(c.get('ctx'), c.req.valid('param').productId, c.req.valid('json')), 200))
    .openapi(deleteProductRoute, async (c) => {
      await deleteProduct(c.get('ctx'), c.req.valid('param').productId);
      return c.body(null, 204);
    })
    .openapi(createVariantRoute, async (c) => c.json(await createVariant(c.get('ctx'), c.req.valid('param').productId, c.req.valid('json')), 201))
    .openapi(updateVariantRoute, async (c) => {
      const { productId, variantId } = c.req.valid('param');
      return c.json(await updateVariant(c.get('ctx'), productId, variantId, c.req.valid('json')), 200);
    })
    .openapi(deleteVariantRoute, async (c) => {
      const { productId, variantId } = c.req.valid('param');
      await deleteVariant(c.get('ctx'), productId, variantId);
      return c.body(null, 204);
    })
    .openapi(adjustStockRoute, async (c) => c.json(await adjustStock(c.get('ctx'), c.req.valid('param').stockItemId, c.req.valid('json')), 201))
    .openapi(listMovementsRoute, async (c) => c.json(await listStockMovements(c.get('ctx'), c.req.valid('param').stockItemId, c.req.valid('query')), 200))
    .openapi(lowStockRoute, async (c) => c.json(await listLowStock(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(listStockItemsRoute, async (c) => c.json(await listStockItems(c.get('ctx'), c.req.valid('query')), 200));
}

// ─── Public storefront ──────────────────────────────────────────────────────────────────────

const publicListRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/products',
  tags: publicTags,
  summary: 'Active products: filter by category (with those under it), tag, price, stock; sort; search with q',
  description: 'Texts are in `lang` (or Accept-Language) where the shop translated them, else in its own language.',
  request: { params: s.slugParams, query: s.publicProductsQuery },
  responses: { 200: json(s.publicProductPage, 'A page of products'), ...errors.public },
});

const publicSuggestRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/product-suggestions',
  tags: publicTags,
  summary: 'As-you-type suggestions (typo tolerant, accents ignored)',
  request: { params: s.slugParams, query: s.suggestQuery },
  responses: { 200: json(s.suggestionListDto, 'Up to 8 suggestions'), ...errors.public },
});

const publicProductRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/products/{productSlug}',
  tags: publicTags,
  summary: 'One active product: variants with availability, category path, related products, rating',
  request: { params: s.publicProductParams, query: s.publicLangQuery },
  responses: { 200: json(s.publicProductDto, 'The product'), ...errors.public },
});

const publicCategoriesRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/product-categories',
  tags: publicTags,
  summary: "The shop's category tree",
  request: { params: s.slugParams, query: s.publicLangQuery },
  responses: { 200: json(s.publicCategoryTreeDto, 'The tree'), ...errors.public },
});

/** Anonymous; mounted under /public. Suggestions live at their own path: under /products a product slugged "suggest" would be shadowed. */
export function publicProductRoutes() {
  return router()
    .openapi(publicListRoute, async (c) => c.json(await listPublicProducts(onReplica(c), c.req.valid('param').slug, c.req.valid('query')), 200))
    .openapi(publicSuggestRoute, async (c) => {
      const { q, lang } = c.req.valid('query');
      return c.json(await suggestProducts(onReplica(c), c.req.valid('param').slug, q, lang), 200);
    })
    .openapi(publicProductRoute, async (c) => {
      const { slug, productSlug } = c.req.valid('param');
      return c.json(await getPublicProduct(onReplica(c), slug, productSlug, c.req.valid('query').lang), 200);
    })
    .openapi(publicCategoriesRoute, async (c) => c.json(await listPublicCategories(onReplica(c), c.req.valid('param').slug, c.req.valid('query').lang), 200));
}
