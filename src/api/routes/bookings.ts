import { Hono } from 'hono';
import { readJson as jsonBody } from '@/api/body';

// Not yet declared with @hono/zod-openapi: converted once the bookings internals settle.
const queryObject = (c: { req: { query(): Record<string, string> } }) => c.req.query();
import type { ApiEnv } from '@/api/types';
import {
  type BookingAction,
  cancelManagedBooking,
  createBooking,
  createPublicBooking,
  getBooking,
  getManagedBooking,
  listBookings,
  rescheduleBooking,
  rescheduleManagedBooking,
  rotateManageLink,
  transitionBooking,
  updateBooking,
} from '@/modules/bookings';
import { getCustomer, listCustomers, mergeCustomers, updateCustomer } from '@/modules/customers';
import { getAvailability } from '@/modules/scheduling';

const actions: Record<string, BookingAction> = {
  confirm: 'confirm',
  reject: 'reject',
  start: 'start',
  complete: 'complete',
  cancel: 'cancel',
  'no-show': 'no_show',
};

/** An empty body is fine for transitions that take an optional reason. */
async function optionalJson(c: Parameters<typeof jsonBody>[0]): Promise<unknown> {
  return c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : jsonBody(c);
}

/** `/api/v1/orgs/:slug/…` bookings and customers. Mounted under the tenant middleware. */
export function bookingRoutes() {
  return new Hono<ApiEnv>()
    .get('/bookings', async (c) => c.json(await listBookings(c.var.ctx, queryObject(c))))
    .post('/bookings', async (c) => {
      const result = await createBooking(c.var.ctx, await jsonBody(c), c.req.header('idempotency-key'));
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result, 201);
    })
    .get('/bookings/:bookingId', async (c) => c.json(await getBooking(c.var.ctx, c.req.param('bookingId'))))
    .patch('/bookings/:bookingId', async (c) => c.json(await updateBooking(c.var.ctx, c.req.param('bookingId'), await jsonBody(c))))
    .post('/bookings/:bookingId/manage-link', async (c) => c.json(await rotateManageLink(c.var.ctx, c.req.param('bookingId'))))
    .post('/bookings/:bookingId/reschedule', async (c) => c.json(await rescheduleBooking(c.var.ctx, c.req.param('bookingId'), await jsonBody(c))))
    .post('/bookings/:bookingId/:action{confirm|reject|start|complete|cancel|no-show}', async (c) =>
      c.json(await transitionBooking(c.var.ctx, c.req.param('bookingId'), actions[c.req.param('action')]!, await optionalJson(c))),
    )
    .get('/customers', async (c) => c.json(await listCustomers(c.var.ctx, queryObject(c))))
    .get('/customers/:customerId', async (c) => c.json(await getCustomer(c.var.ctx, c.req.param('customerId'), queryObject(c))))
    .patch('/customers/:customerId', async (c) => c.json(await updateCustomer(c.var.ctx, c.req.param('customerId'), await jsonBody(c))))
    .post('/customers/:customerId/merge', async (c) => c.json(await mergeCustomers(c.var.ctx, c.req.param('customerId'), await jsonBody(c))));
}

/** `/api/v1/public/…` availability, guest bookings and manage-by-token. */
export function publicBookingRoutes() {
  return new Hono<ApiEnv>()
    .get('/orgs/:slug/availability', async (c) => c.json(await getAvailability(c.var.ctx, c.req.param('slug'), queryObject(c))))
    .post('/orgs/:slug/bookings', async (c) => {
      const result = await createPublicBooking(c.var.ctx, c.req.param('slug'), await jsonBody(c), c.req.header('idempotency-key'));
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result, 201);
    })
    .get('/bookings/:token', async (c) => c.json(await getManagedBooking(c.var.ctx, c.req.param('token'))))
    .post('/bookings/:token/cancel', async (c) => c.json(await cancelManagedBooking(c.var.ctx, c.req.param('token'), await jsonBody(c))))
    .post('/bookings/:token/reschedule', async (c) => c.json(await rescheduleManagedBooking(c.var.ctx, c.req.param('token'), await jsonBody(c))));
}
