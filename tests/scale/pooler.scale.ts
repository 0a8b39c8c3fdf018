/**
 * The several-instances suite (instances-suite.ts) with every app connection going through
 * Debian's pgbouncer in transaction pooling mode (docs/scaling.md, "Connection pooler"), plus
 * what is particular to a transaction pooler.
 */
import { scaleOutSuite } from './instances-suite';

scaleOutSuite('two instances behind nginx, through pgbouncer (transaction pooling)', { redisDb: 12, pooler: true });
