'use client';

import { z } from 'zod';

/**
 * Pages validate with the server's zod schemas. Zod compiles object parsers with `new Function`
 * unless told not to, and even its probe for that (caught when refused) is reported as a
 * violation of the pages' CSP (no 'unsafe-eval'). In the browser it runs without the compiler;
 * the server keeps it.
 */
if (typeof window !== 'undefined') z.config({ jitless: true });

export function ZodJitless() {
  return null;
}
