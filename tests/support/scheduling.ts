/** Bookable fixtures built through the catalog API: resources, business hours, a service. */
import { call, type TestOrg } from './factories';
import type { Harness } from './harness';

export interface Weekly {
  weekday: number;
  ranges: { start: string; end: string }[];
}

export const weekdays = (ranges: { start: string; end: string }[], days = [1, 2, 3, 4, 5]): Weekly[] => days.map((weekday) => ({ weekday, ranges }));

export async function createResource(h: Harness, org: TestOrg, body: Record<string, unknown> = {}) {
  const res = await call(h, `/api/v1/orgs/${org.slug}/resources`, { cookie: org.owner.cookie, body: { kind: 'staff', name: 'Alex', ...body } });
  if (res.status !== 201) throw new Error(`create resource: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { id: string };
}

export async function setBusinessHours(h: Harness, org: TestOrg, weekly: Weekly[]) {
  const res = await call(h, `/api/v1/orgs/${org.slug}/business-hours`, { method: 'PUT', cookie: org.owner.cookie, body: { weekly } });
  if (res.status !== 200) throw new Error(`business hours: ${res.status} ${JSON.stringify(res.json)}`);
}

export async function createService(h: Harness, org: TestOrg, body: Record<string, unknown>) {
  const res = await call(h, `/api/v1/orgs/${org.slug}/services`, {
    cookie: org.owner.cookie,
    body: { name: `Service ${Math.random().toString(36).slice(2, 8)}`, durationMinutes: 60, minNoticeMinutes: 0, ...body },
  });
  if (res.status !== 201) throw new Error(`create service: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { id: string; slug: string };
}

/** An org (Mon–Fri 09:00–17:00 in its zone) with `staff` resources and one service they all perform. */
export async function bookableSetup(
  h: Harness,
  org: TestOrg,
  opts: { staff?: number; service?: Record<string, unknown>; resource?: Record<string, unknown>; hours?: Weekly[] } = {},
) {
  await setBusinessHours(h, org, opts.hours ?? weekdays([{ start: '09:00', end: '17:00' }]));
  const resources = [];
  for (let i = 0; i < (opts.staff ?? 1); i++) resources.push(await createResource(h, org, { name: `Staff ${i + 1}`, ...opts.resource }));
  const service = await createService(h, org, { resourceIds: resources.map((r) => r.id), ...opts.service });
  return { resources, service };
}

export const guest = (n = 1) => ({ name: `Guest ${n}`, email: `guest${n}-${Math.random().toString(36).slice(2, 8)}@example.test` });
