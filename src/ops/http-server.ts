/**
 * The Fastify instance: JSON logs without CPR numbers or credentials, HTTPS when configured, security
 * headers and CORS, CPR-free FHIR URLs, body limit, and every error rendered as an OperationOutcome.
 */
import { readFileSync } from 'node:fs';
import type { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import Fastify, { LogController, type FastifyHttpsOptions, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { KerneConfig } from '../config/index.ts';
import { toFhirError } from '../errors/index.ts';
import { FHIR_JSON } from '../fhir/rest/index.ts';
import { rejectCprInFhirUrl } from './cpr-guard.ts';
import { loggerOptions, type LogStream } from './log-options.ts';
import { redactCpr } from './redact-cpr.ts';
import { registerSecurityHeaders } from './security-headers.ts';

export interface HttpServerOptions {
  /** Where log lines go (default stdout). */
  readonly logStream?: LogStream;
}

export function createHttpServer(config: KerneConfig, options: HttpServerOptions = {}): FastifyInstance {
  const serverOptions: FastifyServerOptions = {
    logger: loggerOptions(config, options.logStream),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    forceCloseConnections: false,
    return503OnClosing: true,
    // Errors Fastify raises before routing (a malformed URL, a bad content type) are OperationOutcomes too.
    frameworkErrors: (err, _req, reply) => sendError(reply as unknown as FastifyReply, err),
  };
  // With TLS files Fastify creates an https server; its instance type differs only in the raw server.
  const http = (
    config.tlsCert && config.tlsKey
      ? Fastify<HttpsServer>({ ...serverOptions, https: { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) } } as FastifyHttpsOptions<HttpsServer>)
      : Fastify(serverOptions)
  ) as unknown as FastifyInstance;

  // Before anything else sees the request: CPR numbers in /fhir query strings are refused.
  http.addHook('onRequest', rejectCprInFhirUrl);
  registerSecurityHeaders(http, config);
  closeConnectionsWhenClosing(http);

  http.setErrorHandler((err, req, reply) => {
    const e = sendError(reply, err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
  });
  http.setNotFoundHandler((req, reply) => {
    const path = redactCpr(req.url.split('?')[0] ?? '');
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found', details: { text: `No route ${req.method} ${path}` } }] };
    reply.code(404).type(FHIR_JSON).send(JSON.stringify(outcome));
  });
  http.get('/healthz', async () => ({ status: 'ok' }));
  return http;
}

/**
 * Graceful shutdown: once closing starts, every response says `Connection: close`, so keep-alive
 * connections end with their last in-flight request, and connections without a request in flight
 * (idle keep-alive ones, and ones a client opened ahead of need) are closed at once and while
 * closing: Node would otherwise wait for their keep-alive or header timeouts (a minute or more).
 */
function closeConnectionsWhenClosing(http: FastifyInstance): void {
  let closing = false;
  const sockets = new Set<Socket>();
  const busy = new Set<Socket>();
  http.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      busy.delete(socket);
    });
  });
  const closeUnused = () => {
    for (const socket of sockets) if (!busy.has(socket)) socket.destroy();
  };
  http.addHook('onRequest', async (req) => {
    busy.add(req.raw.socket);
  });
  http.addHook('onResponse', async (req) => {
    busy.delete(req.raw.socket);
    if (closing) req.raw.socket.destroySoon();
  });
  http.addHook('preClose', (done) => {
    closing = true;
    closeUnused();
    const timer = setInterval(closeUnused, 100);
    timer.unref();
    http.server.once('close', () => clearInterval(timer));
    done();
  });
  http.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}

function sendError(reply: FastifyReply, err: unknown) {
  const e = toFhirError(err);
  for (const [name, value] of Object.entries(e.headers)) reply.header(name, value);
  reply.code(e.status).type(FHIR_JSON).send(JSON.stringify(e.outcome));
  return e;
}
