import { conflictResponse, createRoute, errors, json, jsonBody, noContent, router } from '@/api/openapi';
import {
  archiveResource,
  archiveService,
  catalogSchemas as s,
  createAddon,
  deleteAddon,
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
  listAddons,
  listBlackouts,
  listDateOverrides,
  listPublicServices,
  listResources,
  listServices,
  setBusinessHours,
  setResourceHours,
  updateAddon,
  updateResource,
  updateService,
  upsertDateOverride,
} from '@/modules/catalog';
import { organizationSchemas } from '@/modules/organizations';
import { onReplica } from '@/api/read-replica';

const tags = ['Catalog'];
const { serviceParams, resourceParams, overrideParams, blackoutParams, addonParams } = s;
const slug = organizationSchemas.slugParams;

// ─── Services ───────────────────────────────────────────────────────────────────────────────

const listServicesRoute = createRoute({
  method: 'get',
  path: '/{slug}/services',
  tags,
  summary: 'Services, primary first then in the owner’s order (archived included unless filtered)',
  'x-permission': 'catalog:read',
  request: { params: slug, query: s.listServicesQuery },
  responses: { 200: json(s.servicePage, 'A page of services'), ...errors.tenant },
});

const createServiceRoute = createRoute({
  method: 'post',
  path: '/{slug}/services',
  tags,
  summary: 'Add a service, with the resources that can perform it',
  'x-permission': 'catalog:write',
  request: { params: slug, body: jsonBody(s.createServiceInput) },
  responses: { 201: json(s.serviceDto, 'The new service'), 409: conflictResponse, ...errors.tenant },
});

const getServiceRoute = createRoute({
  method: 'get',
  path: '/{slug}/services/{serviceId}',
  tags,
  summary: 'A service with the resources that can perform it',
  'x-permission': 'catalog:read',
  request: { params: serviceParams },
  responses: { 200: json(s.serviceDetailDto, 'The service'), ...errors.tenant },
});

const updateServiceRoute = createRoute({
  method: 'patch',
  path: '/{slug}/services/{serviceId}',
  tags,
  summary: 'Change a service (resourceIds, when sent, replaces the whole set; active: true restores it)',
  'x-permission': 'catalog:write',
  request: { params: serviceParams, body: jsonBody(s.updateServiceInput) },
  responses: { 200: json(s.serviceDto, 'The service after the change'), 409: conflictResponse, ...errors.tenant },
});

const archiveServiceRoute = createRoute({
  method: 'post',
  path: '/{slug}/services/{serviceId}/archive',
  tags,
  summary: 'Take a service off the menu (bookings keep it)',
  'x-permission': 'catalog:write',
  request: { params: serviceParams },
  responses: { 200: json(s.serviceDto, 'The archived service'), ...errors.tenant },
});

// ─── Add-ons of a service ───────────────────────────────────────────────────────────────────

const listAddonsRoute = createRoute({
  method: 'get',
  path: '/{slug}/services/{serviceId}/addons',
  tags,
  summary: 'A service’s add-ons (active and inactive), in order',
  'x-permission': 'catalog:read',
  request: { params: serviceParams },
  responses: { 200: json(s.addonListDto, 'The add-ons'), ...errors.tenant },
});

const createAddonRoute = createRoute({
  method: 'post',
  path: '/{slug}/services/{serviceId}/addons',
  tags,
  summary: 'Add an add-on to a service (price per booking or per guest; extra minutes lengthen the booking)',
  'x-permission': 'catalog:write',
  request: { params: serviceParams, body: jsonBody(s.createAddonInput) },
  responses: { 201: json(s.addonDto, 'The new add-on'), ...errors.tenant },
});

const updateAddonRoute = createRoute({
  method: 'patch',
  path: '/{slug}/services/{serviceId}/addons/{addonId}',
  tags,
  summary: 'Change an add-on (bookings keep the price they were made with)',
  'x-permission': 'catalog:write',
  request: { params: addonParams, body: jsonBody(s.updateAddonInput) },
  responses: { 200: json(s.addonDto, 'The add-on after the change'), ...errors.tenant },
});

const deleteAddonRoute = createRoute({
  method: 'delete',
  path: '/{slug}/services/{serviceId}/addons/{addonId}',
  tags,
  summary: 'Remove an add-on (bookings keep their copied lines)',
  'x-permission': 'catalog:write',
  request: { params: addonParams },
  responses: { 204: noContent, ...errors.tenant },
});

// ─── Resources and their hours ──────────────────────────────────────────────────────────────

const listResourcesRoute = createRoute({
  method: 'get',
  path: '/{slug}/resources',
  tags,
  summary: 'Resources: staff, assets, rooms and spaces (archived included unless filtered)',
  'x-permission': 'catalog:read',
  request: { params: slug, query: s.listResourcesQuery },
  responses: { 200: json(s.resourcePage, 'A page of resources'), ...errors.tenant },
});

const createResourceRoute = createRoute({
  method: 'post',
  path: '/{slug}/resources',
  tags,
  summary: 'Add a person, asset, room or space that services are booked on',
  'x-permission': 'catalog:write',
  request: { params: slug, body: jsonBody(s.createResourceInput) },
  responses: { 201: json(s.resourceDto, 'The new resource'), ...errors.tenant },
});

const getResourceRoute = createRoute({
  method: 'get',
  path: '/{slug}/resources/{resourceId}',
  tags,
  summary: 'A resource with its effective hours, upcoming overrides and blackouts, and services',
  'x-permission': 'catalog:read',
  request: { params: resourceParams },
  responses: { 200: json(s.resourceDetailDto, 'The resource'), ...errors.tenant },
});

const updateResourceRoute = createRoute({
  method: 'patch',
  path: '/{slug}/resources/{resourceId}',
  tags,
  summary: 'Change a resource (null clears section, timezone, userId or multiDay)',
  'x-permission': 'catalog:write',
  request: { params: resourceParams, body: jsonBody(s.updateResourceInput) },
  responses: { 200: json(s.resourceDto, 'The resource after the change'), ...errors.tenant },
});

const archiveResourceRoute = createRoute({
  method: 'post',
  path: '/{slug}/resources/{resourceId}/archive',
  tags,
  summary: 'Stop offering a resource (bookings keep it)',
  'x-permission': 'catalog:write',
  request: { params: resourceParams },
  responses: { 200: json(s.resourceDto, 'The archived resource'), ...errors.tenant },
});

const getResourceHoursRoute = createRoute({
  method: 'get',
  path: '/{slug}/resources/{resourceId}/hours',
  tags,
  summary: 'A resource’s effective weekly hours (its own, or the business hours it inherits)',
  'x-permission': 'catalog:read',
  request: { params: resourceParams },
  responses: { 200: json(s.resourceHoursDto, 'The weekly hours'), ...errors.tenant },
});

const setResourceHoursRoute = createRoute({
  method: 'put',
  path: '/{slug}/resources/{resourceId}/hours',
  tags,
  summary: 'Replace a resource’s weekly hours (none: it inherits the business hours again)',
  'x-permission': 'catalog:write',
  request: { params: resourceParams, body: jsonBody(s.setHoursInput) },
  responses: { 200: json(s.resourceHoursDto, 'The weekly hours after the change'), ...errors.tenant },
});

// ─── Business hours, date overrides, blackouts ──────────────────────────────────────────────

const getBusinessHoursRoute = createRoute({
  method: 'get',
  path: '/{slug}/business-hours',
  tags,
  summary: 'The organization’s weekly business hours',
  'x-permission': 'catalog:read',
  request: { params: slug },
  responses: { 200: json(s.businessHoursDto, 'All seven weekdays'), ...errors.tenant },
});

const setBusinessHoursRoute = createRoute({
  method: 'put',
  path: '/{slug}/business-hours',
  tags,
  summary: 'Replace the weekly business hours (weekdays left out are closed)',
  'x-permission': 'catalog:write',
  request: { params: slug, body: jsonBody(s.setHoursInput) },
  responses: { 200: json(s.businessHoursDto, 'The business hours after the change'), ...errors.tenant },
});

const listDateOverridesRoute = createRoute({
  method: 'get',
  path: '/{slug}/date-overrides',
  tags,
  summary: 'Date overrides by date (closed days and special hours)',
  'x-permission': 'catalog:read',
  request: { params: slug, query: s.listDateOverridesQuery },
  responses: { 200: json(s.dateOverridePage, 'A page of date overrides'), ...errors.tenant },
});

const upsertDateOverrideRoute = createRoute({
  method: 'post',
  path: '/{slug}/date-overrides',
  tags,
  summary: 'Set the hours of one date, for the organization or one resource (replaces that date’s override)',
  'x-permission': 'catalog:write',
  request: { params: slug, body: jsonBody(s.upsertDateOverrideInput) },
  responses: {
    200: json(s.dateOverrideDto, 'The override that replaced the one of that date and scope'),
    201: json(s.dateOverrideDto, 'The new override'),
    ...errors.tenant,
  },
});

const deleteDateOverrideRoute = createRoute({
  method: 'delete',
  path: '/{slug}/date-overrides/{overrideId}',
  tags,
  summary: 'Remove a date override (the date follows the weekly hours again)',
  'x-permission': 'catalog:write',
  request: { params: overrideParams },
  responses: { 204: noContent, ...errors.tenant },
});

const listBlackoutsRoute = createRoute({
  method: 'get',
  path: '/{slug}/blackouts',
  tags,
  summary: 'Blackouts by start (kind: only that kind; from/to: those overlapping [from, to))',
  'x-permission': 'catalog:read',
  request: { params: slug, query: s.listBlackoutsQuery },
  responses: { 200: json(s.blackoutPage, 'A page of blackouts'), ...errors.tenant },
});

const createBlackoutRoute = createRoute({
  method: 'post',
  path: '/{slug}/blackouts',
  tags,
  summary: 'Block [startsAt, endsAt) for one resource or the whole organization',
  'x-permission': 'catalog:write',
  request: { params: slug, body: jsonBody(s.createBlackoutInput) },
  responses: { 201: json(s.blackoutDto, 'The new blackout'), ...errors.tenant },
});

const deleteBlackoutRoute = createRoute({
  method: 'delete',
  path: '/{slug}/blackouts/{blackoutId}',
  tags,
  summary: 'Remove a blackout',
  'x-permission': 'catalog:write',
  request: { params: blackoutParams },
  responses: { 204: noContent, ...errors.tenant },
});

/**
 * `/api/v1/orgs/{slug}/…` catalog: services, resources, schedules. Mounted at `/orgs` under
 * the tenant middleware; the paths carry the slug so the document lists it.
 */
export function catalogRoutes() {
  return router()
    .openapi(listServicesRoute, async (c) => c.json(await listServices(onReplica(c), c.req.valid('query')), 200))
    .openapi(createServiceRoute, async (c) => c.json(await createService(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(getServiceRoute, async (c) => c.json(await getService(c.get('ctx'), c.req.valid('param').serviceId), 200))
    .openapi(updateServiceRoute, async (c) => c.json(await updateService(c.get('ctx'), c.req.valid('param').serviceId, c.req.valid('json')), 200))
    .openapi(archiveServiceRoute, async (c) => c.json(await archiveService(c.get('ctx'), c.req.valid('param').serviceId), 200))
    .openapi(listAddonsRoute, async (c) => c.json(await listAddons(c.get('ctx'), c.req.valid('param').serviceId), 200))
    .openapi(createAddonRoute, async (c) => c.json(await createAddon(c.get('ctx'), c.req.valid('param').serviceId, c.req.valid('json')), 201))
    .openapi(updateAddonRoute, async (c) => {
      const { serviceId, addonId } = c.req.valid('param');
      return c.json(await updateAddon(c.get('ctx'), serviceId, addonId, c.req.valid('json')), 200);
    })
    .openapi(deleteAddonRoute, async (c) => {
      const { serviceId, addonId } = c.req.valid('param');
      await deleteAddon(c.get('ctx'), serviceId, addonId);
      return c.body(null, 204);
    })
    .openapi(listResourcesRoute, async (c) => c.json(await listResources(onReplica(c), c.req.valid('query')), 200))
    .openapi(createResourceRoute, async (c) => c.json(await createResource(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(getResourceRoute, async (c) => c.json(await getResource(c.get('ctx'), c.req.valid('param').resourceId), 200))
    .openapi(updateResourceRoute, async (c) => c.json(await updateResource(c.get('ctx'), c.req.valid('param').resourceId, c.req.valid('json')), 200))
    .openapi(archiveResourceRoute, async (c) => c.json(await archiveResource(c.get('ctx'), c.req.valid('param').resourceId), 200))
    .openapi(getResourceHoursRoute, async (c) => c.json(await getResourceHours(c.get('ctx'), c.req.valid('param').resourceId), 200))
    .openapi(setResourceHoursRoute, async (c) => c.json(await setResourceHours(c.get('ctx'), c.req.valid('param').resourceId, c.req.valid('json')), 200))
    .openapi(getBusinessHoursRoute, async (c) => c.json(await getBusinessHours(c.get('ctx')), 200))
    .openapi(setBusinessHoursRoute, async (c) => c.json(await setBusinessHours(c.get('ctx'), c.req.valid('json')), 200))
    .openapi(listDateOverridesRoute, async (c) => c.json(await listDateOverrides(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(upsertDateOverrideRoute, async (c) => {
      // An upsert: 201 when the date had no override in that scope, 200 when it replaced one.
      const { created, override } = await upsertDateOverride(c.get('ctx'), c.req.valid('json'));
      return created ? c.json(override, 201) : c.json(override, 200);
    })
    .openapi(deleteDateOverrideRoute, async (c) => {
      await deleteDateOverride(c.get('ctx'), c.req.valid('param').overrideId);
      return c.body(null, 204);
    })
    .openapi(listBlackoutsRoute, async (c) => c.json(await listBlackouts(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(createBlackoutRoute, async (c) => c.json(await createBlackout(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(deleteBlackoutRoute, async (c) => {
      await deleteBlackout(c.get('ctx'), c.req.valid('param').blackoutId);
      return c.body(null, 204);
    });
}

// ─── Public ─────────────────────────────────────────────────────────────────────────────────

const publicTags = ['Public'];

const listPublicServicesRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/services',
  tags: publicTags,
  summary: 'The public menu: active services with the resources that perform them',
  description: 'Texts (names, descriptions, questions) are in `lang` where the organization translated them, else in its own language.',
  request: { params: slug, query: s.publicLangQuery },
  responses: { 200: json(s.publicServiceListDto, 'Every active service'), ...errors.public },
});

const getPublicServiceRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/services/{idOrSlug}',
  tags: publicTags,
  summary: 'One active service, by id or slug',
  // Anything that is not an active service of this organization is a 404, never a 400.
  request: { params: s.publicServiceParams, query: s.publicLangQuery },
  responses: { 200: json(s.publicServiceDto, 'The service'), ...errors.public },
});

const getPublicHoursRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/hours',
  tags: publicTags,
  summary: 'Opening hours and the special dates of the next 60 days',
  request: { params: slug },
  responses: { 200: json(s.publicHoursDto, 'The hours, in the organization’s zone'), ...errors.public },
});

/** `/api/v1/public/orgs/{slug}/…` public catalog: active services and opening hours, no one's personal data. */
export function publicCatalogRoutes() {
  return router()
    .openapi(listPublicServicesRoute, async (c) => c.json(await listPublicServices(onReplica(c), c.req.valid('param').slug, c.req.valid('query').lang), 200))
    .openapi(getPublicServiceRoute, async (c) => {
      const { slug, idOrSlug } = c.req.valid('param');
      return c.json(await getPublicService(onReplica(c), slug, idOrSlug, c.req.valid('query').lang), 200);
    })
    .openapi(getPublicHoursRoute, async (c) => c.json(await getPublicHours(onReplica(c), c.req.valid('param').slug), 200));
}
