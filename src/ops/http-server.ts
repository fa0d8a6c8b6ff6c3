/** The Fastify instance: JSON logs, body limit, and every error rendered as an OperationOutcome. */
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import type { KerneConfig } from '../config/index.ts';
import { toFhirError } from '../errors/index.ts';
import { FHIR_JSON } from '../fhir/rest/index.ts';

export function createHttpServer(config: KerneConfig): FastifyInstance {
  const http = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    forceCloseConnections: false,
    return503OnClosing: true,
    // Errors Fastify raises before routing (a malformed URL, a bad content type) are OperationOutcomes too.
    frameworkErrors: (err, _req, reply) => sendError(reply as unknown as FastifyReply, err),
  });
  http.setErrorHandler((err, req, reply) => {
    const e = sendError(reply, err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
  });
  http.setNotFoundHandler((req, reply) => {
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found', details: { text: `No route ${req.method} ${req.url.split('?')[0]}` } }] };
    reply.code(404).type(FHIR_JSON).send(JSON.stringify(outcome));
  });
  http.get('/healthz', async () => ({ status: 'ok' }));
  return http;
}

function sendError(reply: FastifyReply, err: unknown) {
  const e = toFhirError(err);
  reply.code(e.status).type(FHIR_JSON).send(JSON.stringify(e.outcome));
  return e;
}
