import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import { openDatabase } from '@/db/client';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { TEST_AUTH_SECRET } from '@/lib/secrets';
import { createAuth } from '@/modules/identity';
import { call, createOrg, signUp } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const envelope = { error: { code: expect.any(String), message: expect.any(String), requestId: expect.any(String) } };

describe('the error envelope', () => {
  it('answers an unknown route with 404', async () => {
    const res = await call(h, '/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject(envelope);
    expect(res.json.error.code).toBe('NOT_FOUND');
    expect(res.headers.get('x-request-id')).toBe(res.json.error.requestId);
  });

  it('answers bad JSON, a wrong content type and an empty body with 400', async () => {
    const user = await signUp(h);
    for (const [body, type] of [
      ['{"name": ', 'application/json'],
      ['name=x', 'application/x-www-form-urlencoded'],
      ['', 'application/json'],
      ['[1, 2', 'application/json'],
    ] as const) {
      const res = await h.app.request('/api/v1/orgs', { method: 'POST', headers: { cookie: user.cookie, 'content-type': type, origin: env().BASE_URL }, body });
      expect(res.status, `${type}: ${body}`).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    }
  });

  it('answers invalid input with 400 and per-field details', async () => {
    const user = await signUp(h);
    const res = await call(h, '/api/v1/orgs', { cookie: user.cookie, body: { slug: 'ok-slug', timezone: 'UTC', currency: 'USD', extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.json.error.details.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'name' })]));
    const arrayBody = await call(h, '/api/v1/orgs', { cookie: user.cookie, body: [1, 2, 3] });
    expect(arrayBody.status).toBe(400);
    const nullBody = await call(h, '/api/v1/orgs', { cookie: user.cookie, body: null });
    expect(nullBody.status).toBe(400);
  });

  it('answers missing or bogus auth with 401', async () => {
    const org = await createOrg(h);
    for (const path of ['/api/v1/me', `/api/v1/orgs/${org.slug}/members`]) {
      expect((await call(h, path)).json).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      expect((await call(h, path, { cookie: 'bookline.session_token=forged.value' })).status).toBe(401);
    }
    expect((await call(h, '/api/v1/orgs', { body: { name: 'x' } })).status).toBe(401);
  });

  it('keeps a caller-supplied request id only when it is safe', async () => {
    const ok = await h.app.request('/api/v1/health', { headers: { 'x-request-id': 'abc-123-def-456' } });
    expect(ok.headers.get('x-request-id')).toBe('abc-123-def-456');
    const bad = await h.app.request('/api/v1/health', { headers: { 'x-request-id': '<script>' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^req_/);
  });
});

describe('health and readiness', () => {
  it('health answers without the database; ready checks it', async () => {
    expect(await call(h, '/api/v1/health')).toMatchObject({ status: 200, json: { status: 'ok' } });
    expect(await call(h, '/api/v1/ready')).toMatchObject({ status: 200, json: { status: 'ok', database: 'ok' } });
  });

  it('ready answers 503 in the envelope when the database is unreachable', async () => {
    // A real PostgreSQL client pointed at a port where nothing listens.
    const database = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' });
    const auth = createAuth({ db: database.db, baseURL: env().BASE_URL, secret: TEST_AUTH_SECRET, production: false });
    const app = createApp({ database, auth, clock: () => new Date(), logger: logger() });
    try {
      const ready = await app.request('/api/v1/ready');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ error: { code: 'UNAVAILABLE', requestId: expect.any(String) } });
      expect((await app.request('/api/v1/health')).status).toBe(200);
      // A data route answers 503 as well, not 500.
      const profile = await app.request('/api/v1/public/orgs/some-org');
      expect(profile.status).toBe(503);
      expect(await profile.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    } finally {
      await database.close();
    }
  });
});

describe('input bounds', () => {
  it('refuses an oversized body with 413 in the envelope', async () => {
    const user = await signUp(h);
    const res = await call(h, '/api/v1/orgs', { cookie: user.cookie, body: { name: 'x'.repeat(70 * 1024), slug: 'big-one', timezone: 'UTC', currency: 'USD' } });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('bounds and validates the auth endpoints’ fields, in the envelope', async () => {
    const long = await call(h, '/api/auth/sign-up/email', { body: { email: 'long@example.test', password: 'long-enough-pw', name: 'a'.repeat(101) } });
    expect(long.status).toBe(400);
    expect(long.json.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/Name/) });
    const blank = await call(h, '/api/auth/sign-up/email', { body: { email: 'blank@example.test', password: 'long-enough-pw', name: '   ' } });
    expect(blank.status).toBe(400);
    const badJson = await h.app.request('/api/auth/sign-in/email', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' }, body: '{bad' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: 'VALIDATION', requestId: expect.any(String) } });
    const badEmail = await call(h, '/api/auth/sign-up/email', { body: { email: 'nope', password: 'long-enough-pw', name: 'A' } });
    expect(badEmail.status).toBe(400);
  });
});
