/**
 * kernel — what every module's use cases share: the ctx shape, authorization against the
 * role → permission matrix, input parsing, the tenant transaction, audit rows and the outbox.
 * Tables written: audit_log, outbox (both tenant-owned, behind RLS).
 */
export { noRequest, type Actor, type Ctx, type RequestMeta, type Tenant } from './context';
export {
  actorRole,
  authorize,
  can,
  ownBookingsOnly,
  requireUser,
  rolePermissions,
  type AuthorizedCtx,
  type MemberActor,
  type Permission,
  type SystemActor,
} from './permissions';
export { auditInsert, recordAudit, type AuditEntry } from './audit';
export {
  type AccountOutboxHandler,
  type AccountOutboxMessage,
  deliverOutbox,
  enqueue,
  enqueueAccountMessage,
  OUTBOX_MAX_ATTEMPTS,
  outboxBackoffSeconds,
  outboxInsert,
  type OutboxHandler,
  type OutboxHandlers,
  type OutboxMessage,
  type OutboxSend,
} from './outbox';
export { enterTenantScope, tenantTx } from './transaction';
export { parseInput, validationFailure, type FieldIssue } from './validate';
export { auditChanges, changedKeys, sameValue } from './diff';
export { createJobQueue, type JobQueue, type JobQueueOptions, startJobQueue } from './jobs';
