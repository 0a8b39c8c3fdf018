import { Hono } from 'hono';
import { readJson as jsonBody } from '@/api/body';

// Not yet declared with @hono/zod-openapi.
const queryObject = (c: { req: { query(): Record<string, string> } }) => c.req.query();
import type { ApiDeps, ApiEnv } from '@/api/types';
import {
  archiveResource,
  archiveService,
  createBlackout,
  createResource,
  createService,
  deleteBlackout,
  deleteDateOverride,
  getBusinessHours,
  getPublicHours,
  getPublicService,
  getResource,
  getResourceHours,
  getService,
  listBlackouts,
  listDateOverrides,
  listPublicServices,
  listResources,
  listServices,
  setBusinessHours,
  setResourceHours,
  updateResource,
  updateService,
  upsertDateOverride,
} from '@/modules/catalog';

/** `/api/v1/orgs/:slug/…` catalog: services, resources, schedules. Mounted under the tenant middleware. */
export function catalogRoutes(_deps: ApiDeps) {
  return new Hono<ApiEnv>()
    .get('/services', async (c) => c.json(await listServices(c.var.ctx, queryObject(c))))
    .post('/services', async (c) => c.json(await createService(c.var.ctx, (await jsonBody(c)) as never), 201))
    .get('/services/:serviceId', async (c) => c.json(await getService(c.var.ctx, c.req.param('serviceId'))))
    .patch('/services/:serviceId', async (c) => c.json(await updateService(c.var.ctx, c.req.param('serviceId'), (await jsonBody(c)) as never)))
    .post('/services/:serviceId/archive', async (c) => c.json(await archiveService(c.var.ctx, c.req.param('serviceId'))))
    .get('/resources', async (c) => c.json(await listResources(c.var.ctx, queryObject(c))))
    .post('/resources', async (c) => c.json(await createResource(c.var.ctx, (await jsonBody(c)) as never), 201))
    .get('/resources/:resourceId', async (c) => c.json(await getResource(c.var.ctx, c.req.param('resourceId'))))
    .patch('/resources/:resourceId', async (c) => c.json(await updateResource(c.var.ctx, c.req.param('resourceId'), (await jsonBody(c)) as never)))
    .post('/resources/:resourceId/archive', async (c) => c.json(await archiveResource(c.var.ctx, c.req.param('resourceId'))))
    .get('/resources/:resourceId/hours', async (c) => c.json(await getResourceHours(c.var.ctx, c.req.param('resourceId'))))
    .put('/resources/:resourceId/hours', async (c) => c.json(await setResourceHours(c.var.ctx, c.req.param('resourceId'), (await jsonBody(c)) as never)))
    .get('/business-hours', async (c) => c.json(await getBusinessHours(c.var.ctx)))
    .put('/business-hours', async (c) => c.json(await setBusinessHours(c.var.ctx, (await jsonBody(c)) as never)))
    .get('/date-overrides', async (c) => c.json(await listDateOverrides(c.var.ctx, queryObject(c))))
    .post('/date-overrides', async (c) => {
      // An upsert: 201 when the date had no override in that scope, 200 when it replaced one.
      const { created, override } = await upsertDateOverride(c.var.ctx, (await jsonBody(c)) as never);
      return c.json(override, created ? 201 : 200);
    })
    .delete('/date-overrides/:overrideId', async (c) => {
      await deleteDateOverride(c.var.ctx, c.req.param('overrideId'));
      return c.body(null, 204);
    })
    .get('/blackouts', async (c) => c.json(await listBlackouts(c.var.ctx, queryObject(c))))
    .post('/blackouts', async (c) => c.json(await createBlackout(c.var.ctx, (await jsonBody(c)) as never), 201))
    .delete('/blackouts/:blackoutId', async (c) => {
      await deleteBlackout(c.var.ctx, c.req.param('blackoutId'));
      return c.body(null, 204);
    });
}

/** `/api/v1/public/orgs/:slug/…` public catalog: active services and opening hours, no one's personal data. */
export function publicCatalogRoutes() {
  return new Hono<ApiEnv>()
    .get('/services', async (c) => c.json(await listPublicServices(c.var.ctx, c.req.param('slug') ?? '')))
    .get('/services/:idOrSlug', async (c) => c.json(await getPublicService(c.var.ctx, c.req.param('slug') ?? '', c.req.param('idOrSlug'))))
    .get('/hours', async (c) => c.json(await getPublicHours(c.var.ctx, c.req.param('slug') ?? '')));
}
