/**
 * The API's contract as types, for the pages' client (type-only imports; lint allows pages
 * nothing else from src/api). A route's request and response types come from its declaration.
 */
export type { ApiRoutes } from '@/api/app';
