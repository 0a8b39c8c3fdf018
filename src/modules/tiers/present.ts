/** Rows → the module's answers (schemas.ts). */
import { iso } from '@/lib/dto';
import type { TierRow } from './queries';
import type { TierDto } from './schemas';

export function presentTier(row: TierRow, memberCount: number): TierDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    translations: row.translations,
    rank: row.rank,
    memberCount,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
