/**
 * Two instances of the real server on one PostgreSQL database (started together, so both
 * migrate at once) and one Redis, behind Debian's nginx round-robin on loopback. The scenarios
 * are in instances-suite.ts; pooler.scale.ts runs the same through pgbouncer.
 */
import { scaleOutSuite } from './instances-suite';

scaleOutSuite('two instances behind nginx, on PostgreSQL and Redis', { redisDb: 11, pooler: false });
