/**
 * The export file's envelope, checked on import. Bounded like every other input schema
 * (tests/input-limits.test.ts walks this file): identifiers as PostgreSQL allows them, and a
 * row count per table far above any one organization's.
 */
import { z } from 'zod';

const identifier = z.string().min(1).max(63);
const row = z.record(identifier, z.unknown());

export const exportEnvelope = z.object({
  format: z.string().max(40),
  version: z.number().int(),
  exportedAt: z.iso.datetime({ offset: true }).max(40),
  schemaMigration: z.string().min(1).max(200),
  organization: row,
  tables: z.record(identifier, z.array(row).max(10_000_000)),
});
