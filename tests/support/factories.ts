/**
 * Factories that go through the public API, so each test builds its world the way a user
 * would: sign up, create an organization, invite and accept.
 */
import { randomBytes } from 'node:crypto';
import type { MemberRole } from '@/db/schema';
import { env } from '@/lib/env';
import type { Harness } from './harness';

export const uniq = (prefix = 't') => `${prefix}${randomBytes(5).toString('hex')}`;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  cookie: string;
}

export interface TestOrg {
  id: string;
  slug: string;
  name: string;
  owner: TestUser;
}

type Init = { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> };

/** A JSON request through the in-process app, as a browser on our origin would send it. */
export async function call(h: Harness, path: string, init: Init = {}) {
  const headers: Record<string, string> = { origin: env().BASE_URL, ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await h.app.request(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return readResponse(res);
}

/** Status, headers and the body as JSON (or as text when it is not JSON). */
export async function readResponse(res: Response): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** Cookie header value from a response's Set-Cookie headers. */
export function cookieFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c && !c.endsWith('='))
    .join('; ');
}

export async function signUp(h: Harness, overrides: Partial<{ email: string; name: string; password: string }> = {}): Promise<TestUser> {
  const email = overrides.email ?? `${uniq('user')}@example.test`;
  const name = overrides.name ?? 'Test User';
  const password = overrides.password ?? 'correct-horse-battery';
  const res = await h.app.request('/api/auth/sign-up/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: env().BASE_URL },
    body: JSON.stringify({ email, name, password }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  // Sign-up does not sign in (an existing email must get the same answer as a new one).
  const signIn = await h.app.request('/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: env().BASE_URL },
    body: JSON.stringify({ email, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in after sign-up failed: ${signIn.status} ${await signIn.text()}`);
  const signedIn = (await signIn.json()) as { user: { id: string } };
  if (signedIn.user.id !== body.user.id) throw new Error(`sign-up answered for ${email} with a user that was not created (the email already had an account)`);
  return { id: body.user.id, email, name, password, cookie: cookieFrom(signIn.headers) };
}

export async function createOrg(h: Harness, owner?: TestUser, overrides: Record<string, unknown> = {}): Promise<TestOrg> {
  const user = owner ?? (await signUp(h));
  const slug = uniq('org-');
  const res = await call(h, '/api/v1/orgs', {
    cookie: user.cookie,
    body: { name: `Org ${slug}`, slug, timezone: 'America/Chicago', currency: 'USD', ...overrides },
  });
  if (res.status !== 201) throw new Error(`create org failed: ${res.status} ${JSON.stringify(res.json)}`);
  return { id: res.json.id, slug: res.json.slug, name: res.json.name, owner: user };
}

/** Adds a new user to `org` with `role` through invitation + acceptance. */
export async function addMember(h: Harness, org: TestOrg, role: Exclude<MemberRole, 'owner'>): Promise<TestUser & { memberId: string }> {
  const user = await signUp(h);
  const invite = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: user.email, role } });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.json)}`);
  const token = new URL(invite.json.acceptUrl).searchParams.get('token');
  const accepted = await call(h, '/api/v1/invitations/accept', { cookie: user.cookie, body: { token } });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.json)}`);
  return { ...user, memberId: accepted.json.memberId };
}
