import type { Database } from '@/db/client';
import type { Clock } from '@/lib/clock';
import type { Logger } from '@/lib/logger';
import type { Auth } from '@/modules/identity';
import type { Ctx } from '@/modules/kernel';

export interface ApiDeps {
  database: Database;
  auth: Auth;
  clock: Clock;
  logger: Logger;
  /** The public URL (default: env().BASE_URL): the only Origin allowed to make changes; https turns HSTS on. */
  baseUrl?: string;
}

export interface ApiEnv {
  Variables: {
    requestId: string;
    log: Logger;
    ctx: Ctx;
  };
}
