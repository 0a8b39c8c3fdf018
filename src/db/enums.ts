/**
 * The closed value sets the tables store, as plain data: the table definitions (schema/*) and
 * the modules' zod schemas (which forms in the browser use too) share them from here, so no
 * database code reaches a client bundle through an enum.
 */

export const memberRoles = ['owner', 'admin', 'manager', 'staff', 'member', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const invitationStatuses = ['pending', 'accepted', 'revoked'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/**
 * Languages an organization's own content (service and resource names, descriptions, questions)
 * can be written in: the base value is in the organization's language, the others are
 * translations with a fallback to the base value.
 */
export const contentLocales = ['en', 'es'] as const;
export type ContentLocale = (typeof contentLocales)[number];

export const serviceCategories = ['primary', 'additional'] as const;
export const bookingModes = ['slot', 'multi_day'] as const;
export const resourceKinds = ['staff', 'asset', 'room', 'space'] as const;
/** `address`: a street, city and postal code (a mobile business's service address). */
export const customFieldTypes = ['text', 'textarea', 'select', 'number', 'checkbox', 'email', 'phone', 'address'] as const;

/**
 * How a resource's public page says how many people it takes (details.capacityLabel):
 * "up to 12 passengers", "up to 10 guests", "sleeps 8", "up to 40 people".
 */
export const capacityLabels = ['passengers', 'guests', 'sleeps', 'people'] as const;
export type CapacityLabel = (typeof capacityLabels)[number];

/**
 * `held`: a waitlist hold (modules/waitlist) — the range is reserved for the member the waitlist
 * offered it to until the hold expires; it counts as active (the exclusion constraint covers it).
 */
export const bookingStatuses = ['pending', 'confirmed', 'in_progress', 'completed', 'cancelled', 'rejected', 'no_show', 'held'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];
export const activeBookingStatuses = ['pending', 'confirmed', 'in_progress', 'held'] as const satisfies readonly BookingStatus[];
export const bookingSources = ['public', 'staff', 'member'] as const;
/** What staff, members and guests do to a booking (booking_events.action keeps these, plus created/rescheduled…). */
export const bookingActions = ['confirm', 'reject', 'start', 'complete', 'cancel', 'no_show'] as const;
export type BookingAction = (typeof bookingActions)[number];

/**
 * What a blackout is: a closure (the default), an asset's maintenance window (shown to guests
 * and members as "in maintenance until…", with its reason), an event, or something else.
 * Every kind blocks booking alike; the kind says why.
 */
export const blackoutKinds = ['closure', 'maintenance', 'event', 'other'] as const;
export type BlackoutKind = (typeof blackoutKinds)[number];

export const outboxStatuses = ['pending', 'sent', 'failed'] as const;

/**
 * The booking funnel's steps (modules/analytics): what the visitor's browser reports
 * (service_viewed, time_chosen) and the public booking route's outcomes (details_submitted,
 * then booked, or a drop-off: conflict 409, rule 422, invalid 400).
 */
export const funnelSteps = ['service_viewed', 'time_chosen', 'details_submitted', 'booked', 'conflict', 'rule', 'invalid'] as const;
export type FunnelStep = (typeof funnelSteps)[number];

/**
 * Booking rules (modules/rules): what a rule checks, what happens when it trips, and where it
 * applies. `tier_only`: only members of the given tiers may book in the rule's scope.
 */
export const ruleKinds = ['blackout', 'lead_time', 'duration', 'max_consecutive', 'min_gap', 'quota', 'max_upcoming', 'tier_only'] as const;
export type RuleKind = (typeof ruleKinds)[number];
/** deny: refused (422); approval: created pending until approved; warn: allowed, the answer says why. */
export const ruleOutcomes = ['deny', 'approval', 'warn'] as const;
export type RuleOutcome = (typeof ruleOutcomes)[number];
export const ruleScopes = ['organization', 'section', 'resource'] as const;
export type RuleScope = (typeof ruleScopes)[number];
/** closed: the request left pending another way (cancelled, another approval rejected it). */
export const approvalStatuses = ['pending', 'approved', 'rejected', 'expired', 'closed'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];
/** Who may book on the organization's pages: guests too, signed-in members, or members of given tiers. */
export const bookingAccessModes = ['anyone', 'members', 'tiers'] as const;
export type BookingAccessMode = (typeof bookingAccessModes)[number];
/** The dashboard's optional areas (modules/organizations/dashboard-areas.ts). */
export const dashboardAreaKeys = ['shop', 'events', 'parties', 'loyalty'] as const;
export type DashboardArea = (typeof dashboardAreaKeys)[number];

/**
 * A waitlist entry (modules/waitlist): waiting in the queue; offered a hold (a `held` booking);
 * booked (the member claimed the hold); expired (the hold ran out, or staff released it); left.
 */
export const waitlistStatuses = ['waiting', 'offered', 'booked', 'expired', 'left'] as const;
export type WaitlistStatus = (typeof waitlistStatuses)[number];

// The shop's orders (db/schema/orders.ts, modules/orders).
export const orderStatuses = ['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
/** `digital`: nothing to ship or collect (a cart of event tickets only; modules/events). */
export const fulfilmentKinds = ['shipping', 'pickup', 'digital'] as const;
export type FulfilmentKind = (typeof fulfilmentKinds)[number];
export const paymentProviders = ['manual', 'test'] as const;
export type PaymentProviderName = (typeof paymentProviders)[number];
export const paymentStatuses = ['pending', 'authorized', 'captured', 'declined', 'voided', 'refunded'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];
/** Where an order's stock is: held (reserved), taken out of on_hand (committed), or given back (returned). */
export const orderStockStates = ['reserved', 'committed', 'returned'] as const;
export type OrderStockState = (typeof orderStockStates)[number];
export const promoKinds = ['percentage', 'fixed'] as const;
export type PromoKind = (typeof promoKinds)[number];
export const promoScopes = ['order', 'products', 'categories'] as const;
export type PromoScope = (typeof promoScopes)[number];

/** What a review is about (modules/reviews): a service (a completed booking) or a product (an order line). */
export const reviewSubjects = ['service', 'product'] as const;
export type ReviewSubject = (typeof reviewSubjects)[number];
/** pending → approved | rejected (a moderator may change their mind: approved ↔ rejected). */
export const reviewStatuses = ['pending', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** What a product is: a shop product, or an event's hidden ticket product (modules/events). */
export const productKinds = ['product', 'ticket'] as const;
export type ProductKind = (typeof productKinds)[number];
/** An event's life: drafts are not shown; cancelled events sell nothing. */
export const eventStatuses = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];
/** A ticket admits one person; a cancelled or refunded order voids its tickets. */
/**
 * An event waitlist entry (modules/event-waitlist): waiting in line; offered (a held order of its
 * tickets until the event's hold window ends); purchased (the held order was paid); expired (the
 * held order expired or was cancelled); left (the visitor left the line).
 */
export const eventWaitlistStatuses = ['waiting', 'offered', 'purchased', 'expired', 'left'] as const;
export type EventWaitlistStatus = (typeof eventWaitlistStatuses)[number];
export const ticketStatuses = ['valid', 'void'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
/** Loyalty points (modules/loyalty). */
export const loyaltyTiers = ['bronze', 'silver', 'gold', 'platinum'] as const;
export type LoyaltyTier = (typeof loyaltyTiers)[number];
/** merge_out / merge_in: a merged-away customer's points moving to the survivor (modules/customers merge). */
export const loyaltyEntryKinds = ['earn', 'redeem', 'expire', 'adjust', 'reverse', 'merge_out', 'merge_in'] as const;
export type LoyaltyEntryKind = (typeof loyaltyEntryKinds)[number];
export const loyaltySourceTypes = ['booking', 'order', 'ticket'] as const;
export type LoyaltySourceType = (typeof loyaltySourceTypes)[number];
