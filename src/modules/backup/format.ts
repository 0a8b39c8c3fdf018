/**
 * The file format: a versioned envelope around rows as the database holds them (column names
 * as in SQL, instants as ISO 8601 in UTC, jsonb as JSON, bigint/numeric as strings).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrationsFolder } from '@/db/migrate';
import { validationError } from '@/lib/errors';
import { exportEnvelope } from './schemas';

export const EXPORT_FORMAT = 'bookline-org-export';
export const EXPORT_VERSION = 1;

export type Row = Record<string, unknown>;

export interface OrganizationExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  /** The last migration applied when the file was written: the shape of the rows. */
  schemaMigration: string;
  organization: Row;
  tables: Record<string, Row[]>;
}

/** Migration tags in the order they apply, from drizzle's journal. */
export function migrationTags(): string[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

export const latestMigration = () => migrationTags().at(-1)!;

/** Two exports of the same data are byte-identical apart from exportedAt. */
export function serializeExport(doc: OrganizationExport): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Parses a file's text, refusing anything that is not a version-1 organization export. */
export function parseExport(text: string): OrganizationExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw validationError(`The file is not valid JSON (${(err as Error).message}); it may be truncated or corrupted.`);
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== EXPORT_FORMAT) {
    throw validationError(`The file is not a Bookline organization export (expected "format": "${EXPORT_FORMAT}").`);
  }
  if (head.version !== EXPORT_VERSION) {
    throw validationError(`The file is format version ${JSON.stringify(head.version)}; this Bookline reads version ${EXPORT_VERSION} only.`);
  }
  const parsed = exportEnvelope.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).slice(0, 5);
    throw validationError(`The export file is malformed: ${where.join('; ')}.`);
  }
  return parsed.data as OrganizationExport;
}
