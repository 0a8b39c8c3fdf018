/** Offset pagination shared by every list: `{ data, pagination: { page, pageSize, total, totalPages, hasMore } }`. */
import { z } from 'zod';

const MAX_PAGE_SIZE = 100;

export const paginationQuery = z.object({
  page: z.coerce.number().int().min(1, 'page starts at 1').max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `pageSize is at most ${MAX_PAGE_SIZE}`).default(20),
});

export type PageRequest = z.infer<typeof paginationQuery>;

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
  hasMore: boolean;
}

export interface Page<T> {
  data: T[];
  pagination: Pagination;
}

export function pageOffset({ page, pageSize }: PageRequest): { limit: number; offset: number } {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

export function toPage<T>(data: T[], total: number, { page, pageSize }: PageRequest): Page<T> {
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  return { data, pagination: { page, pageSize, total, totalPages, hasMore: page * pageSize < total } };
}

/**
 * A list's total, without the count query when the page itself tells it: a page shorter than
 * `pageSize` that has rows (or is the first page) is the list's end, so the total is its offset
 * plus its rows, as of the same statement. A full page, or an empty page past the first, runs
 * `count`. Saves a statement on every short list (most organizations' members, rules, tiers).
 */
export async function totalOf(rows: number, request: PageRequest, count: () => Promise<number>): Promise<number> {
  const { limit, offset } = pageOffset(request);
  if (rows < limit && (rows > 0 || offset === 0)) return offset + rows;
  return count();
}
