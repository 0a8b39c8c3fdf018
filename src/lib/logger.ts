/** Structured JSON logs (pino). Pretty output is a matter of piping to pino-pretty. */
import pino, { type Logger } from 'pino';
import { env } from './env';

export type { Logger };

let root: Logger | undefined;

export function logger(): Logger {
  if (!root) {
    const e = env();
    root = pino({
      level: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
      base: { app: 'bookline' },
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token', '*.secret'],
        censor: '[redacted]',
      },
    });
  }
  return root;
}
