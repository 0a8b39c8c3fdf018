/**
 * Structured JSON logs (pino). Pretty output is a matter of piping to pino-pretty.
 *
 * What never reaches a log line: cookies, authorization headers, passwords, tokens, secrets,
 * links that carry tokens and email addresses under their usual keys (redacted wherever a
 * caller puts them), and the bound parameters of a failed SQL statement (Drizzle puts them in
 * the error's message: emails, names, token hashes), which the error serializer cuts off.
 * Request lines name the route pattern, never the path (src/api/middleware/request-context.ts).
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { env } from './env';

export type { Logger };

const SECRET_KEYS = ['password', 'token', 'secret', 'manageUrl', 'acceptUrl', 'email', 'customerEmail'];

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
];

/** Drizzle's "Failed query: …\nparams: a,b,c" (on the error and on its cause): keep the SQL, drop the values. */
function withoutParams(text: unknown): unknown {
  return typeof text === 'string' ? text.replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]') : text;
}

function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!out || typeof out !== 'object') return out;
  out.message = withoutParams(out.message);
  out.stack = withoutParams(typeof out.stack === 'string' ? out.stack.replace(/\nparams: [^\n]*/g, '\nparams: [redacted]') : out.stack);
  if (out.cause && typeof out.cause === 'object') out.cause = serializeError(out.cause);
  if ('params' in out) out.params = '[redacted]';
  return out;
}

/** A logger with Bookline's redaction; `destination` lets tests read what would be written. */
export function createLogger(opts: { level?: LoggerOptions['level'] } = {}, destination?: DestinationStream): Logger {
  const e = env();
  const options: LoggerOptions = {
    level: opts.level ?? e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    base: { app: 'bookline' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

let root: Logger | undefined;

export function logger(): Logger {
  root ??= createLogger();
  return root;
}
