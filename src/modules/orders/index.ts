/**
 * orders — the shop's buying side: carts (guest by cookie token, user by account, merged on
 * sign-in), checkout that holds stock, orders with a status machine and history, payments
 * (manual and test providers behind one interface), promo codes with hard limits, shop settings.
 * Invariants: stock never oversold (conditional UPDATE per stock item in id order, CHECK
 * on_hand - reserved >= 0); a hold is released exactly once (reservation rows deleted under the
 * order's lock); promo uses never exceed the limit (counted under the code's row lock, CHECK);
 * one order per Idempotency-Key. Lock order: cart, promo code, order, stock items by id.
 * Tables owned: carts, cart_lines, orders, order_lines, order_events, stock_reservations,
 * payments, promo_codes, promo_redemptions (orders.purpose 'deposit'/'balance' with booking_id: a
 * booking's payment, no lines, deposit-order.ts); writes stock_items.reserved/on_hand and
 * organizations.settings.shop. Events: order.placed, order.status_changed (outbox → emails).
 */
export { addCartLine } from './add-cart-line';
export type { CartKey } from './cart-store';
export { checkout } from './checkout';
export { applyTransition as applyOrderTransition, lockOrder } from './apply-transition';
export { type BookingOrderRequest, findOrder, placeBookingOrder, type PlacedBookingOrder, presentBookingOrder } from './deposit-order';
export { expireCheckoutHolds } from './expire-holds';
export { getCart, type CartAnswer } from './get-cart';
export { getOrder, getPublicOrder } from './get-order';
export { listOrders } from './list-orders';
export { orderStats } from './order-stats';
export { issueStatusToken, openStatusToken, statusUrl } from './order-links';
export { paymentProviders, type PaymentProvider, providerAvailable, testWebhookSignature, verifyTestWebhook } from './payments';
export { createPromoCode, deletePromoCode, getPromoCode, listPromoCodes, updatePromoCode } from './promo-codes';
export { CART_IDLE_DAYS, pruneGuestCarts } from './prune-carts';
export { removeCartLine } from './remove-cart-line';
export * as orderSchemas from './schemas';
export type { CartDto, OrderDto, PlacedOrderDto, PromoCodeDto, PublicOrderDto, ShopSettingsDto } from './schemas';
export { applyPaymentEvent, applyPaymentOutcome, settlePayment } from './settle-payment';
export { getShopSettings, readShopSettings, shopSettingsOf, updateShopSettings } from './shop-settings';
export { transitionOrder } from './transition-order';
export { updateCartLine } from './update-cart-line';
export { holdProvider, placeTicketHoldOrder, type TicketHoldOutcome, type TicketHoldRequest } from './ticket-hold-order';
export { getPublicOrderBooking, type PublicOrderBooking } from './order-booking';
