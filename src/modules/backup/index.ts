/**
 * backup — export one organization to a JSON file and restore it into another database.
 * Invariants: the export covers every table with an organization_id column (derived from the
 * schema, checked against the database by tests/backup.test.ts) except the secrets of manage
 * links (an import issues fresh links), plus its members' user,
 * account and two_factor rows; two exports of the same data differ only in exportedAt; an
 * import is one transaction, refuses an existing organization or user, and is audited
 * ("organization.imported", actor system). Both run as the database owner role, outside
 * row-level security, from the command line (npm run export / npm run import), never over HTTP.
 * Tables owned: none (reads and writes every tenant table and the identity rows of members).
 */
export { exportOrganization } from './export-organization';
export { type OrganizationExport, parseExport, serializeExport } from './format';
export { importOrganization, type ImportSummary } from './import-organization';
export { backupTables, type BackupTable, identityTables, organizationTable, tenantTables, unexportedTableNames } from './tables';
