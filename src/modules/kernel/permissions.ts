/**
 * The role → permission matrix. Every use case's first line is `authorize(ctx, permission)`.
 * Roles: owner, admin, manager, staff, member (a club member who books for themself), viewer.
 */
import type { MemberRole } from '@/db/schema';
import { forbidden, notFound, unauthenticated } from '@/lib/errors';
import type { Actor, Ctx, Tenant } from './context';

const permissions = [
  'org:read',
  'bookings:read',
  'bookings:write',
  /** Act for the business: cancel or move inside the cancellation notice (modules/bookings/change-policy.ts). */
  'bookings:override_policy',
  'customers:read',
  'customers:write',
  'catalog:read',
  'catalog:write',
  'reviews:moderate',
  'members:read',
  'members:manage',
  /** Member tiers (modules/tiers): create, rename, reorder, delete (owners and admins); assigning one is members:manage. */
  'tiers:manage',
  'settings:manage',
  'audit:read',
  /** Webhook endpoints: where the organization's data is sent, and their signing secrets (owners and admins). */
  'webhooks:manage',
  /**
   * Calendar feeds of resources, and revoking anyone's feed (owners and admins). Every member
   * may make and revoke a feed of their own bookings without it (modules/feeds).
   */
  'feeds:manage',
  /** The booking funnel's counts (modules/analytics): owners, admins and managers. */
  'analytics:read',
  /** Booking rules and who may book (modules/rules): owners and admins. */
  'rules:manage',
  /**
   * The approval queue (modules/approvals): owners, admins and managers see it; who may decide
   * each approval is the rule's business (its approver roles or named members).
   */
  'approvals:read',
  /**
   * The shop's catalog (modules/products): categories, products, variants, stock adjustments
   * (owners and admins). Reading it is catalog:read.
   */
  'products:manage',
  /** The shop's orders (modules/orders): list, detail and stats (owners, admins, managers, staff). */
  'orders:read',
  /** Order status actions (paid, fulfilled, delivered, cancelled, refunded) and shop settings. */
  'orders:manage',
  /** Promo codes: create, change, delete (owners, admins, managers). */
  'promotions:manage',
  /** Events and their ticket types (modules/events): create, change, cancel, delete (owners, admins, managers). */
  'events:manage',
  /** Events, their sales figures and ticket lists (owners, admins, managers, staff). */
  'events:read',
  /** Admitting ticket holders at the door (owners, admins, managers, staff). */
  'events:check_in',
  /** Loyalty points (modules/loyalty): the program's settings and adjusting a customer's points (owners, admins, managers). */
  'loyalty:manage',
] as const;
export type Permission = (typeof permissions)[number];

const all = [...permissions];

export const rolePermissions: Record<MemberRole, readonly Permission[]> = {
  owner: all,
  admin: all,
  manager: [
    'org:read',
    'bookings:read',
    'bookings:write',
    'bookings:override_policy',
    'customers:read',
    'customers:write',
    'catalog:read',
    'catalog:write',
    'reviews:moderate',
    'members:read',
    'analytics:read',
    'approvals:read',
    'orders:read',
    'orders:manage',
    'promotions:manage',
    'events:manage',
    'events:read',
    'events:check_in',
    'loyalty:manage',
  ],
  staff: ['org:read', 'bookings:read', 'bookings:write', 'bookings:override_policy', 'customers:read', 'customers:write', 'catalog:read', 'members:read', 'orders:read', 'orders:manage', 'events:read', 'events:check_in'],
  // Members book for themselves (ReservePTY); their own bookings are filtered by the use case.
  member: ['org:read', 'bookings:read', 'bookings:write', 'catalog:read'],
  viewer: ['org:read', 'bookings:read', 'customers:read', 'catalog:read', 'members:read'],
};

export function can(role: MemberRole | null | undefined, permission: Permission): boolean {
  return !!role && rolePermissions[role].includes(permission);
}

export type MemberActor = Extract<Actor, { type: 'user' }> & { role: MemberRole };
export type SystemActor = Extract<Actor, { type: 'system' }>;

/** After authorize(): a member holding the permission, or the system (seeds, workers). */
export type AuthorizedCtx = Ctx & { tenant: Tenant; actor: MemberActor | SystemActor };

/** The acting member when their role is `member` (club members see and act on their own bookings only). */
export function ownBookingsOnly(ctx: AuthorizedCtx): MemberActor | null {
  return ctx.actor.type === 'user' && ctx.actor.role === 'member' ? ctx.actor : null;
}

/** The actor's role; the system acts with an owner's rights. */
export function actorRole(ctx: AuthorizedCtx): MemberRole {
  return ctx.actor.type === 'user' ? ctx.actor.role : 'owner';
}

/**
 * Throws unless the actor is a member of ctx.tenant holding `permission`.
 * Not a member → 404 (another tenant's resources do not exist); member without the right → 403.
 */
export function authorize(ctx: Ctx, permission: Permission): asserts ctx is AuthorizedCtx {
  if (ctx.actor.type === 'anonymous') throw unauthenticated();
  if (!ctx.tenant) throw notFound('Organization');
  if (ctx.actor.type === 'system') return;
  if (!ctx.actor.role) throw notFound('Organization');
  if (!can(ctx.actor.role, permission)) {
    throw forbidden(`Your role (${ctx.actor.role}) does not allow ${permission}.`, { permission, role: ctx.actor.role });
  }
}

/** For tenant-less use cases that only need a signed-in user. */
export function requireUser(ctx: Ctx): Extract<Actor, { type: 'user' }> {
  if (ctx.actor.type !== 'user') throw unauthenticated();
  return ctx.actor;
}
