import { createRoute, errors, json, jsonBody, ruleResponse, router } from '@/api/openapi';
import { errorEnvelope } from '@/api/schemas';
import { bookingSchemas as s, cancelSeries, createSeries, editSeries, getSeries } from '@/modules/bookings';
import { organizationSchemas } from '@/modules/organizations';

const tags = ['Bookings'];
const refused = json(errorEnvelope, 'Dates are taken or not offered: `details.skipped` lists each refused occurrence and why (all or nothing, or every date refused).');

const createSeriesRoute = createRoute({
  method: 'post',
  path: '/{slug}/bookings/series',
  tags,
  summary: 'Book a recurring series (RFC 5545 rule) in one transaction: all or nothing, or skipping the dates that cannot be booked',
  'x-permission': 'bookings:write',
  request: { params: organizationSchemas.slugParams, headers: s.idempotencyHeaders, body: jsonBody(s.createSeriesInput) },
  responses: { 201: json(s.createdSeriesDto, 'The series, the bookings made and the dates skipped (why)'), 409: refused, 422: ruleResponse, ...errors.tenant },
});

const getSeriesRoute = createRoute({
  method: 'get',
  path: '/{slug}/bookings/series/{seriesId}',
  tags,
  summary: 'A recurring series with its occurrences (members see their own)',
  'x-permission': 'bookings:read',
  request: { params: s.seriesParams },
  responses: { 200: json(s.seriesDto, 'The series'), ...errors.tenant },
});

const cancelSeriesRoute = createRoute({
  method: 'post',
  path: '/{slug}/bookings/series/{seriesId}/cancel',
  tags,
  summary: 'Cancel one occurrence, it and the following ones, or every future occurrence (past ones stay)',
  'x-permission': 'bookings:write',
  request: { params: s.seriesParams, body: jsonBody(s.cancelSeriesInput) },
  responses: { 200: json(s.changedSeriesDto, 'The series after the change'), 409: json(errorEnvelope, 'Nothing left to cancel, or not allowed any more'), 422: ruleResponse, ...errors.tenant },
});

const editSeriesRoute = createRoute({
  method: 'patch',
  path: '/{slug}/bookings/series/{seriesId}',
  tags,
  summary: 'Move one occurrence, it and the following ones, or every future one to another local time and/or resource, all or nothing',
  'x-permission': 'bookings:write',
  request: { params: s.seriesParams, body: jsonBody(s.editSeriesInput) },
  responses: { 200: json(s.changedSeriesDto, 'The series after the change'), 409: refused, 422: ruleResponse, ...errors.tenant },
});

/** `/api/v1/orgs/{slug}/bookings/series…`: recurring reservations. Mounted under the tenant middleware. */
export function seriesRoutes() {
  return router()
    .openapi(createSeriesRoute, async (c) => {
      const result = await createSeries(c.get('ctx'), c.req.valid('json'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result, 201);
    })
    .openapi(getSeriesRoute, async (c) => c.json(await getSeries(c.get('ctx'), c.req.valid('param').seriesId), 200))
    .openapi(cancelSeriesRoute, async (c) => c.json(await cancelSeries(c.get('ctx'), c.req.valid('param').seriesId, c.req.valid('json')), 200))
    .openapi(editSeriesRoute, async (c) => c.json(await editSeries(c.get('ctx'), c.req.valid('param').seriesId, c.req.valid('json')), 200));
}
