/**
 * Payment providers: authorize → capture, each call idempotent by our payment id (a retry of a
 * call that went through gets the same answer, never a second charge), and a webhook entry
 * point (apply-payment-event.ts) for providers that finish asynchronously.
 *
 * How Stripe plugs in (docs/architecture.md, "Shop: orders"): authorize creates a
 * PaymentIntent with `capture_method: manual` and `Idempotency-Key: <payment id>-authorize`,
 * answering `pending` with the intent's id as providerRef while the customer confirms in the
 * browser; Stripe's signed webhook (`payment_intent.amount_capturable_updated`, verified with
 * the endpoint secret over the raw body) becomes `applyPaymentEvent({ type: 'authorized' })`,
 * capture calls `paymentIntents.capture` with `<payment id>-capture`, `payment_failed` becomes
 * `declined`. A hold that expires first cancels the order; a late capture is then voided.
 */
import type { PaymentProviderName } from '@/db/schema';

export interface AuthorizeRequest {
  paymentId: string;
  amountMinor: number;
  currency: string;
  orderNumber: string;
  /** The test provider only: what to answer. */
  testOutcome?: 'succeed' | 'decline';
}

export type AuthorizeResult = { status: 'authorized'; providerRef: string } | { status: 'pending'; providerRef: string | null } | { status: 'declined'; providerRef: string | null; reason: string };

export interface PaymentProvider {
  name: PaymentProviderName;
  /** Online payments complete at checkout or soon after: their stock hold expires when they do not. */
  online: boolean;
  authorize(req: AuthorizeRequest): Promise<AuthorizeResult>;
  capture(req: { paymentId: string; providerRef: string; amountMinor: number }): Promise<{ status: 'captured' } | { status: 'declined'; reason: string }>;
  /** Gives an authorization or a capture back (a hold that expired before the payment finished; a refund). */
  void(req: { paymentId: string; providerRef: string }): Promise<void>;
}
