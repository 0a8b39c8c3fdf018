/**
 * The running server's API from the test process, as a browser on its origin would call it:
 * users, organizations and bookings set up without clicking, and their session handed to a
 * browser context.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { CHALLENGE_HEADER, solvedChallenge } from '../support/challenge';
import { secretOfUri, totp } from '../support/totp';

export interface ApiUser {
  email: string;
  password: string;
  name: string;
  cookie: string;
}

export interface ApiResponse {
  status: number;
  json: any;
  headers: Headers;
}

export const suffix = () => randomBytes(4).toString('hex');

export function cookieOf(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => c && !c.endsWith('='))
    .join('; ');
}

/**
 * Public forms an organization may put behind its proof-of-work challenge (the demo
 * organizations do): a POST here gets a freshly solved `X-Altcha` header, fetched and solved on
 * the way (tests/support/challenge.ts). The manage link's review has no slug in its path: pass
 * `challenge: slug`. `challenge: false` sends none (to see the refusal).
 */
const CHALLENGED = /^\/api\/v1\/public\/orgs\/([^/?]+)\/(bookings|checkout|orders\/[^/?]+\/lines\/[^/?]+\/review)(\?|$)/;

export async function api(baseUrl: string, path: string, init: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string>; challenge?: string | false } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { origin: baseUrl, accept: 'application/json', ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const slug = init.challenge === false ? null : (init.challenge ?? (method === 'POST' ? CHALLENGED.exec(path)?.[1] : null));
  if (slug) headers[CHALLENGE_HEADER] = await solvedChallenge((p) => api(baseUrl, p), slug);
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

function expectStatus(res: ApiResponse, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
}

export async function signUpUser(baseUrl: string, name: string): Promise<ApiUser> {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${suffix()}@example.test`;
  const password = `correct horse ${suffix()}`;
  const res = await api(baseUrl, '/api/auth/sign-up/email', { body: { email, password, name } });
  expectStatus(res, 200, 'sign-up');
  // Sign-up does not sign in (an existing email gets the same answer as a new one).
  const signIn = await api(baseUrl, '/api/auth/sign-in/email', { body: { email, password } });
  expectStatus(signIn, 200, 'sign-in');
  return { email, password, name, cookie: cookieOf(signIn.headers) };
}

export async function createOrganization(baseUrl: string, owner: ApiUser, slug: string, name: string) {
  const res = await api(baseUrl, '/api/v1/orgs', { cookie: owner.cookie, body: { name, slug, timezone: 'America/Chicago', currency: 'USD' } });
  expectStatus(res, 201, 'create organization');
}

/** Invites `user` with `role` and accepts as them. */
export async function addToOrganization(baseUrl: string, slug: string, owner: ApiUser, user: ApiUser, role: string) {
  const invite = await api(baseUrl, `/api/v1/orgs/${slug}/invitations`, { cookie: owner.cookie, body: { email: user.email, role } });
  expectStatus(invite, 201, 'invite');
  const token = new URL(invite.json.acceptUrl).searchParams.get('token');
  expectStatus(await api(baseUrl, '/api/v1/invitations/accept', { cookie: user.cookie, body: { token } }), 200, 'accept invitation');
}

/** TOTP on, as the account page does it; Better Auth replaces the session, so the cookie changes. */
export async function enrolTotp(baseUrl: string, user: ApiUser): Promise<string> {
  const enabled = await api(baseUrl, '/api/auth/two-factor/enable', { cookie: user.cookie, body: { password: user.password } });
  expectStatus(enabled, 200, 'two-factor enable');
  const secret = secretOfUri(enabled.json.totpURI);
  const verified = await api(baseUrl, '/api/auth/two-factor/verify-totp', { cookie: user.cookie, body: { code: totp(secret) } });
  expectStatus(verified, 200, 'two-factor verify');
  user.cookie = cookieOf(verified.headers) || user.cookie;
  return secret;
}

/** Gives a browser context the user's session cookies (no sign-in form, no sign-in rate limit). */
export async function useSession(context: BrowserContext, baseUrl: string, user: ApiUser) {
  await context.clearCookies();
  await context.addCookies(
    user.cookie.split('; ').map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
    }),
  );
}
