/**
 * The built-in providers: `manual` (pay on pickup or by bank transfer: the order waits for the
 * shop to mark it paid, and keeps its stock until then or until cancelled) and `test` (answers
 * what the checkout asks it to; for tests and demos). Both remember their answers by payment id,
 * as a real provider's idempotency keys do.
 */
import { randomToken } from '@/lib/crypto';
import type { PaymentProviderName } from '@/db/schema';
import type { AuthorizeResult, PaymentProvider } from './provider';

export type { AuthorizeRequest, AuthorizeResult, PaymentProvider } from './provider';

const manual: PaymentProvider = {
  name: 'manual',
  online: false,
  authorize: async () => ({ status: 'pending', providerRef: null }),
  capture: async () => ({ status: 'captured' }),
  void: async () => undefined,
};

const testAnswers = new Map<string, AuthorizeResult>();
const testCaptures = new Map<string, 'captured' | 'voided'>();

const test: PaymentProvider = {
  name: 'test',
  online: true,
  async authorize(req) {
    const known = testAnswers.get(req.paymentId);
    if (known) return known;
    const answer: AuthorizeResult = req.testOutcome === 'decline' ? { status: 'declined', providerRef: `test_${randomToken(9)}`, reason: 'card_declined' } : { status: 'authorized', providerRef: `test_${randomToken(9)}` };
    testAnswers.set(req.paymentId, answer);
    return answer;
  },
  async capture(req) {
    const auth = testAnswers.get(req.paymentId);
    if (!auth || auth.status !== 'authorized') return { status: 'declined', reason: 'not_authorized' };
    if (testCaptures.get(req.paymentId) === 'voided') return { status: 'declined', reason: 'voided' };
    testCaptures.set(req.paymentId, 'captured');
    return { status: 'captured' };
  },
  async void(req) {
    testCaptures.set(req.paymentId, 'voided');
  },
};

export const paymentProviders: Record<PaymentProviderName, PaymentProvider> = { manual, test };
