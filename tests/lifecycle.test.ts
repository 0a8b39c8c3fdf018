/** Readiness follows the process's state: a draining server (SIGTERM received) answers 503 to
 * /ready so a load balancer sends it nothing new, while /health still answers. The real
 * server's shutdown is proven in tests/faults/shutdown.faults.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import type { Lifecycle } from '@/api/types';
import { systemClock } from '@/lib/clock';
import { logger } from '@/lib/logger';
import { call } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
const lifecycle: Lifecycle = { draining: false };
beforeAll(async () => {
  const base = await createHarness();
  h = { ...base, app: createApp({ database: base.database, auth: base.auth, clock: systemClock, logger: logger(), lifecycle }) };
});
afterAll(() => h.close());

describe('readiness while draining', () => {
  it('answers 200 when serving, 503 in the envelope once draining; health stays 200', async () => {
    expect((await call(h, '/api/v1/ready')).status).toBe(200);
    lifecycle.draining = true;
    const ready = await call(h, '/api/v1/ready');
    expect(ready.status).toBe(503);
    expect(ready.json.error).toMatchObject({ code: 'UNAVAILABLE', requestId: expect.any(String) });
    expect((await call(h, '/api/v1/health')).status).toBe(200);
  });
});
