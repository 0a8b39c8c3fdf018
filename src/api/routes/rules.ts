/**
 * Booking rules, who may book, the dry run and the approval queue:
 * `/api/v1/orgs/{slug}/rules…` and `/booking-access` (owners and admins: rules:manage),
 * `POST /orgs/{slug}/bookings/check` (anyone who books), `/orgs/{slug}/approvals…` (the queue:
 * approvals:read; deciding: the rule's approvers).
 */
import { conflictResponse, createRoute, errors, json, jsonBody, noContent, router } from '@/api/openapi';
import { approveApproval, listApprovals, rejectApproval } from '@/modules/approvals';
import { checkBooking } from '@/modules/bookings';
import { organizationSchemas } from '@/modules/organizations';
import { createRule, deleteRule, getBookingAccess, listRules, previewRule, ruleSchemas as s, setBookingAccess, updateRule } from '@/modules/rules';

const tags = ['Booking rules'];
const slug = organizationSchemas.slugParams;

const listRulesRoute = createRoute({
  method: 'get',
  path: '/{slug}/rules',
  tags,
  summary: 'The booking rules, in evaluation order, each with a one-line summary in the caller’s language',
  'x-permission': 'rules:manage',
  request: { params: slug, query: s.listRulesQuery },
  responses: { 200: json(s.rulePage, 'A page of rules'), ...errors.tenant },
});

const createRuleRoute = createRoute({
  method: 'post',
  path: '/{slug}/rules',
  tags,
  summary: 'Create a rule (its params are checked against its kind; its scope against the resources and sections)',
  'x-permission': 'rules:manage',
  request: { params: slug, body: jsonBody(s.createRuleInput) },
  responses: { 201: json(s.ruleDto, 'The new rule'), ...errors.tenant },
});

const updateRuleRoute = createRoute({
  method: 'patch',
  path: '/{slug}/rules/{ruleId}',
  tags,
  summary: 'Change a rule (the result is checked as a whole)',
  'x-permission': 'rules:manage',
  request: { params: s.ruleParams, body: jsonBody(s.updateRuleInput) },
  responses: { 200: json(s.ruleDto, 'The rule after the change'), ...errors.tenant },
});

const deleteRuleRoute = createRoute({
  method: 'delete',
  path: '/{slug}/rules/{ruleId}',
  tags,
  summary: 'Delete a rule (approvals it asked for keep their snapshot)',
  'x-permission': 'rules:manage',
  request: { params: s.ruleParams },
  responses: { 204: noContent, ...errors.tenant },
});

const previewRuleRoute = createRoute({
  method: 'get',
  path: '/{slug}/rules/{ruleId}/preview',
  tags,
  summary: 'How many of the bookings made in the last `days` days the rule would have affected, with examples',
  'x-permission': 'rules:manage',
  request: { params: s.ruleParams, query: s.previewRuleQuery },
  responses: { 200: json(s.rulePreviewDto, 'The preview'), ...errors.tenant },
});

const getAccessRoute = createRoute({
  method: 'get',
  path: '/{slug}/booking-access',
  tags,
  summary: 'Who may book (anyone, members, members of tiers) and how long a request may wait for approval',
  'x-permission': 'rules:manage',
  request: { params: slug },
  responses: { 200: json(s.bookingAccessDto, 'Booking access'), ...errors.tenant },
});

const setAccessRoute = createRoute({
  method: 'put',
  path: '/{slug}/booking-access',
  tags,
  summary: 'Set who may book and the approval expiry',
  'x-permission': 'rules:manage',
  request: { params: slug, body: jsonBody(s.bookingAccessInput) },
  responses: { 200: json(s.bookingAccessDto, 'Booking access after the change'), ...errors.tenant },
});

const checkRoute = createRoute({
  method: 'post',
  path: '/{slug}/bookings/check',
  tags,
  summary: 'Dry run: would this booking be taken, and what does every rule say (pass, fail, not applicable, exempt) and why',
  'x-permission': 'bookings:write',
  request: { params: slug, body: jsonBody(s.checkBookingInput) },
  responses: { 200: json(s.checkResultDto, 'Every rule evaluated, with the verdict'), ...errors.tenant },
});

const approvalTags = ['Approvals'];

const listApprovalsRoute = createRoute({
  method: 'get',
  path: '/{slug}/approvals',
  tags: approvalTags,
  summary: 'The approval queue: pending approvals (soonest to expire first) or decided ones (newest first)',
  'x-permission': 'approvals:read',
  request: { params: slug, query: s.listApprovalsQuery },
  responses: { 200: json(s.approvalPage, 'A page of approvals'), ...errors.tenant },
});

const approveRoute = createRoute({
  method: 'post',
  path: '/{slug}/approvals/{approvalId}/approve',
  tags: approvalTags,
  summary: "Approve (the rule's approvers only); the last approval to pass confirms the booking",
  'x-permission': 'org:read',
  request: { params: s.approvalParams, body: jsonBody(s.decideApprovalInput) },
  responses: { 200: json(s.approvalDto, 'The approval after the decision'), 409: conflictResponse, ...errors.tenant },
});

const rejectRoute = createRoute({
  method: 'post',
  path: '/{slug}/approvals/{approvalId}/reject',
  tags: approvalTags,
  summary: "Reject with a comment (the rule's approvers only); the booking is rejected and the member told",
  'x-permission': 'org:read',
  request: { params: s.approvalParams, body: jsonBody(s.rejectApprovalInput) },
  responses: { 200: json(s.approvalDto, 'The approval after the decision'), 409: conflictResponse, ...errors.tenant },
});

/** Mounted under the tenant middleware with the other /orgs/{slug} routes. */
export function ruleRoutes() {
  return router()
    .openapi(listRulesRoute, async (c) => c.json(await listRules(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(createRuleRoute, async (c) => c.json(await createRule(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(updateRuleRoute, async (c) => c.json(await updateRule(c.get('ctx'), c.req.valid('param').ruleId, c.req.valid('json')), 200))
    .openapi(deleteRuleRoute, async (c) => {
      await deleteRule(c.get('ctx'), c.req.valid('param').ruleId);
      return c.body(null, 204);
    })
    .openapi(previewRuleRoute, async (c) => c.json(await previewRule(c.get('ctx'), c.req.valid('param').ruleId, c.req.valid('query').days), 200))
    .openapi(getAccessRoute, async (c) => c.json(await getBookingAccess(c.get('ctx')), 200))
    .openapi(setAccessRoute, async (c) => c.json(await setBookingAccess(c.get('ctx'), c.req.valid('json')), 200))
    .openapi(checkRoute, async (c) => c.json(await checkBooking(c.get('ctx'), c.req.valid('json')), 200))
    .openapi(listApprovalsRoute, async (c) => c.json(await listApprovals(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(approveRoute, async (c) => c.json(await approveApproval(c.get('ctx'), c.req.valid('param').approvalId, c.req.valid('json')), 200))
    .openapi(rejectRoute, async (c) => c.json(await rejectApproval(c.get('ctx'), c.req.valid('param').approvalId, c.req.valid('json')), 200));
}
