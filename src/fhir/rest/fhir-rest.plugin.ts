/**
 * The FHIR R4 REST API under /fhir as a Fastify plugin: parses HTTP into FhirRequests and renders
 * FhirResponses. All logic lives in interactions.ts and the repository.
 * @see https://hl7.org/fhir/R4/http.html
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FhirError, IssueType } from '../../errors/index.ts';
import { processBundle } from '../bundle/process-bundle.ts';
import type { FhirRepository } from '../repository/index.ts';
import { parseHistoryParams } from '../repository/index.ts';
import { capabilityStatementJson } from './capability.ts';
import { parseRelativeUrl, type FhirMethod, type FhirResponse } from './fhir-request.ts';
import { historyBundleJson } from './history-bundle.ts';
import { handleInteraction } from './interactions.ts';
import { parsePrefer } from './prefer.ts';

export interface FhirRestOptions {
  /** The repository acting for the caller of a request (authenticated, access-controlled, audited). */
  readonly repoFor: (req: FastifyRequest) => Promise<FhirRepository>;
  /** Fixed public base URL; when absent it is derived from the request's Host. */
  readonly baseUrl?: string | undefined;
  readonly version: string;
  readonly subscriptionChannels: readonly string[];
}

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const JSON_TYPES = ['application/json', 'application/fhir+json', 'application/json-patch+json'];

export async function fhirRestPlugin(app: FastifyInstance, options: FhirRestOptions): Promise<void> {
  const { repoFor } = options;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(new FhirError(400, IssueType.structure, `The body is not valid JSON: ${(err as Error).message.slice(0, 200)}`, 'body'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, _body, done) =>
    done(new FhirError(415, IssueType.notSupported, `Unsupported content type '${String(req.headers['content-type']).slice(0, 80)}'; use application/fhir+json`), undefined),
  );

  const baseUrlOf = (req: FastifyRequest) => options.baseUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}/fhir`;

  app.get('/metadata', async (_req, reply) => {
    reply.type(FHIR_JSON).send(capabilityStatementJson({ version: options.version, subscriptions: options.subscriptionChannels }));
  });

  app.post('/', async (req, reply) => {
    const prefer = parsePrefer(req.headers.prefer);
    const body = await processBundle(await repoFor(req), req.body, { baseUrl: baseUrlOf(req), prefer });
    reply.type(FHIR_JSON).send(body);
  });

  app.get('/_history', async (req, reply) => {
    const { query } = parseRelativeUrl(req.url);
    const params = parseHistoryParams(query);
    const page = await (await repoFor(req)).history(params);
    reply.type(FHIR_JSON).send(historyBundleJson(page, baseUrlOf(req), '_history', query, params));
  });

  app.get('/', async () => {
    throw new FhirError(400, IssueType.notSupported, 'Search across all types is not supported; search a resource type, e.g. /fhir/Patient?name=…');
  });

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const { path, query } = parseRelativeUrl(req.url.replace(/^\/fhir/, ''));
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const repo = await repoFor(req);
    const response = await handleInteraction(repo, {
      method: req.method as FhirMethod,
      path,
      query,
      body: req.body,
      ifMatch: header('if-match'),
      ifNoneExist: header('if-none-exist'),
      ifNoneMatch: header('if-none-match'),
      prefer: parsePrefer(req.headers.prefer),
      baseUrl: baseUrlOf(req),
    });
    sendFhir(reply, response, req.method === 'HEAD');
  };
  app.route({ method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/*', handler });
}

export function sendFhir(reply: FastifyReply, r: FhirResponse, headOnly = false): void {
  reply.code(r.status);
  if (r.location) reply.header(r.status === 201 ? 'location' : 'content-location', r.location);
  if (r.etag) reply.header('etag', r.etag);
  if (r.lastModified) reply.header('last-modified', r.lastModified);
  if (r.body !== undefined && !headOnly && r.status !== 204 && r.status !== 304) reply.type(FHIR_JSON).send(r.body);
  else reply.send();
}
