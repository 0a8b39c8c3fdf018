/**
 * Building blocks of the answers (DTOs) use cases return and routes declare: plain JSON, so
 * the same zod schema describes the server's answer, the client's type and the OpenAPI
 * document. Instants are ISO 8601 strings, money is integer minor units with its currency.
 */
import { z } from 'zod';

/** An instant as ISO 8601 with an offset (`Z` for UTC, or the organization's zone offset). */
export const isoInstant = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 instant with offset' });

/** A calendar date "YYYY-MM-DD". */
export const isoDate = z.iso.date().meta({ description: 'calendar date YYYY-MM-DD' });

/** Money in integer minor units (cents) of `currency`. */
export const moneyMinor = z.number().int().meta({ description: 'amount in minor units of the currency (e.g. cents)' });

export const paginationDto = z
  .object({
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    totalPages: z.number().int(),
    hasMore: z.boolean(),
  })
  .meta({ id: 'Pagination' });

/** A page of `item`s: `{ data, pagination }`. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), pagination: paginationDto });

/** `Date` → ISO string for a DTO; null stays null. */
export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
