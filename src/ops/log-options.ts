/**
 * Logger options (pino through Fastify) that keep CPR numbers and credentials out of every log line:
 * redacting serializers for requests and errors, the Authorization and Cookie headers censored, and
 * a last pass over each finished line.
 * @see https://getpino.io/#/docs/redaction
 */
import type { FastifyServerOptions } from 'fastify';
import type { KerneConfig } from '../config/index.ts';
import { redactCpr } from './redact-cpr.ts';

/** Where log lines go (stdout by default; tests capture them). */
export interface LogStream {
  write(line: string): void;
}

interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly host?: string;
  readonly ip?: string;
  readonly socket?: { readonly remotePort?: number };
}

interface LoggedError {
  readonly name?: string;
  readonly message?: string;
  readonly stack?: string;
  readonly code?: unknown;
  readonly statusCode?: unknown;
}

/** Like Fastify's own request serializer, with CPR-like sequences in the URL replaced by [CPR]. */
export function serializeRequest(req: LoggedRequest) {
  return {
    method: req.method,
    url: req.url === undefined ? undefined : redactCpr(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** An error's type, message, stack and codes, with CPR-like sequences replaced by [CPR]. */
export function serializeError(err: LoggedError) {
  return {
    type: err.name ?? 'Error',
    message: redactCpr(String(err.message ?? '')),
    stack: redactCpr(String(err.stack ?? '')),
    ...(err.code !== undefined ? { code: err.code } : {}),
    ...(err.statusCode !== undefined ? { statusCode: err.statusCode } : {}),
  };
}

/** Header paths censored wherever a request, response or header object is logged. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
  'headers["set-cookie"]',
];

export function loggerOptions(config: Pick<KerneConfig, 'logLevel'>, stream?: LogStream): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  const out = stream ?? process.stdout;
  return {
    level: config.logLevel,
    serializers: {
      req: serializeRequest as never,
      err: serializeError as never,
    },
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    // The last line of defence: whatever a message or object carried, no CPR-like sequence is written.
    stream: { write: (line: string) => out.write(redactCpr(line)) },
  };
}
