/**
 * Dispatches a FhirRequest to the repository: the one implementation of the RESTful interactions,
 * shared by HTTP routes and by batch/transaction entries.
 * @see https://hl7.org/fhir/R4/http.html
 */
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, FhirError, informational, IssueType, notSupported } from '../../errors/index.ts';
import { etag, parseHistoryParams, parseIfMatch, type FhirRepository, type StoredResource, type WriteContext, type WriteResult } from '../repository/index.ts';
import { historyBundleJson } from './history-bundle.ts';
import type { FhirRequest, FhirResponse } from './fhir-request.ts';

const SEARCH_RESULT_PARAMS = new Set(['_summary', '_elements']);

export async function handleInteraction(repo: FhirRepository, req: FhirRequest, ctx?: WriteContext): Promise<FhirResponse> {
  const [type, id, op, vid, ...rest] = req.path;
  const m = req.method === 'HEAD' ? 'GET' : req.method;
  if (rest.length > 0) throw unknownRoute(req);
  if (type === undefined || type === '' || type === 'metadata' || (type === '_history' && id === undefined)) {
    throw unknownRoute(req); // system level is routed by the HTTP layer (bundles, metadata, system history)
  }
  const q = ctx?.q;

  if (id === undefined) {
    if (m === 'GET') return searchResponse(repo, req, type, req.query, q);
    if (m === 'POST') {
      const body = asResource(req.body, type);
      // Outside a transaction, a plain create is one autocommitted statement (repo.create's fast path).
      return writeResponse(req, ctx ? await repo.createIn(ctx, body, ifNoneExist(req)) : await repo.create(body, ifNoneExist(req)));
    }
    if (m === 'PUT') {
      const query = conditionFrom(req);
      const result = await write(repo, ctx, (c) => repo.conditionalUpdateIn(c, type, query, asResource(req.body, type), ifMatch(req)));
      return writeResponse(req, result);
    }
    if (m === 'DELETE') {
      const query = conditionFrom(req);
      return write(repo, ctx, async (c) => {
        const matches = await repo.findMatches(type, query, c.q);
        if (matches.length > 1) throw new FhirError(412, IssueType.multipleMatches, `The condition '${query}' matches more than one ${type}`);
        if (matches[0]) await repo.deleteIn(c, type, matches[0].id);
        return deletedResponse(req);
      });
    }
    throw methodNotAllowed(req);
  }

  if (id === '_search' && op === undefined) {
    if (m !== 'POST') throw methodNotAllowed(req);
    return searchResponse(repo, req, type, [...req.query, ...formPairs(req.body)], q);
  }
  if (id === '_history' && op === undefined) {
    if (m !== 'GET') throw methodNotAllowed(req);
    return historyResponse(repo, req, { type }, q);
  }

  if (op === undefined) {
    switch (m) {
      case 'GET':
        return readResponse(repo, req, await repo.read(type, id, q));
      case 'PUT': {
        const body = asResource(req.body, type);
        if (body.id !== id) throw badRequest(`The body's id '${String(body.id ?? '')}' must equal the URL's id '${id}'`, `${type}.id`);
        return writeResponse(req, await write(repo, ctx, (c) => repo.updateIn(c, body, ifMatch(req))));
      }
      case 'PATCH':
        return writeResponse(req, await write(repo, ctx, (c) => repo.patchIn(c, type, id, req.body, ifMatch(req))));
      case 'DELETE':
        return write(repo, ctx, async (c) => {
          await repo.deleteIn(c, type, id);
          return deletedResponse(req);
        });
      default:
        throw methodNotAllowed(req);
    }
  }
  if (op === '_history') {
    if (m !== 'GET') throw methodNotAllowed(req);
    if (vid === undefined) return historyResponse(repo, req, { type, id }, q);
    return readResponse(repo, req, await repo.vread(type, id, vid, q));
  }
  throw unknownRoute(req);
}

/** Runs a write in the caller's transaction, or in its own. */
function write<T>(repo: FhirRepository, ctx: WriteContext | undefined, fn: (c: WriteContext) => Promise<T>): Promise<T> {
  return ctx ? fn(ctx) : repo.transaction(fn);
}

async function searchResponse(repo: FhirRepository, req: FhirRequest, type: string, params: [string, string][], q?: WriteContext['q']): Promise<FhirResponse> {
  const result = await repo.search({ resourceType: type, params, baseUrl: req.baseUrl, handling: req.prefer.handling }, q);
  return { status: 200, body: repo.searchPort.searchBundleJson(result, req.baseUrl) };
}

async function historyResponse(repo: FhirRepository, req: FhirRequest, scope: { type: string; id?: string }, q?: WriteContext['q']): Promise<FhirResponse> {
  const params = parseHistoryParams(req.query);
  const page = await repo.history({ ...scope, ...params }, q);
  const path = scope.id ? `${scope.type}/${scope.id}/_history` : `${scope.type}/_history`;
  return { status: 200, body: historyBundleJson(page, req.baseUrl, path, req.query, params) };
}

function readResponse(repo: FhirRepository, req: FhirRequest, stored: StoredResource): FhirResponse {
  const headers = versionHeaders(req, stored);
  if (req.ifNoneMatch && parseIfMatch(req.ifNoneMatch) === stored.versionId) return { status: 304, ...headers };
  const summary = req.query.find(([k]) => k === '_summary')?.[1];
  const elements = req.query.find(([k]) => k === '_elements')?.[1];
  for (const [k] of req.query) {
    if (!SEARCH_RESULT_PARAMS.has(k) && k !== '_format' && k !== '_pretty' && req.prefer.handling === 'strict') {
      throw badRequest(`Unknown parameter '${k.slice(0, 40)}' for read`, k);
    }
  }
  let body = stored.json ?? '';
  if (summary !== undefined || elements !== undefined) {
    const reduced = repo.searchPort.applySummaryAndElements(JSON.parse(body) as Resource, summary, elements?.split(',').map((e) => e.trim()));
    body = JSON.stringify(reduced);
  }
  return { status: 200, body, ...headers };
}

function writeResponse(req: FhirRequest, result: WriteResult): FhirResponse {
  const status = result.outcome === 'created' ? 201 : 200;
  const headers = versionHeaders(req, result.stored);
  switch (req.prefer.return) {
    case 'minimal':
      return { status, ...headers };
    case 'OperationOutcome':
      return { status, ...headers, body: JSON.stringify(informational(`${result.outcome} ${result.stored.type}/${result.stored.id}`)) };
    default:
      return { status, ...headers, body: result.stored.json ?? JSON.stringify(result.resource) };
  }
}

function deletedResponse(req: FhirRequest): FhirResponse {
  if (req.prefer.return === 'OperationOutcome') return { status: 200, body: JSON.stringify(informational('Deleted')) };
  return { status: 204 };
}

function versionHeaders(req: FhirRequest, stored: StoredResource) {
  return {
    location: `${req.baseUrl}/${stored.type}/${stored.id}/_history/${stored.versionId}`,
    etag: etag(stored.versionId),
    lastModified: new Date(stored.lastUpdated).toUTCString(),
  };
}

function asResource(body: unknown, type: string): Resource {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The body must be a FHIR resource (a JSON object)', 'resourceType');
  }
  const rt = (body as { resourceType?: unknown }).resourceType;
  if (rt !== type) throw badRequest(`The body's resourceType '${String(rt ?? '')}' must be '${type}'`, 'resourceType');
  return body as Resource;
}

function ifMatch(req: FhirRequest) {
  return req.ifMatch ? { ifMatch: parseIfMatch(req.ifMatch) } : {};
}

function ifNoneExist(req: FhirRequest) {
  return req.ifNoneExist ? { ifNoneExist: req.ifNoneExist.replace(/^[^?]*\?/, '') } : {};
}

function conditionFrom(req: FhirRequest): string {
  if (req.query.length === 0) throw notSupported(`${req.method} on a type needs search criteria (conditional ${req.method.toLowerCase()})`, 'url');
  return new URLSearchParams(req.query).toString();
}

function formPairs(body: unknown): [string, string][] {
  if (body === undefined || body === null || body === '') return [];
  if (body instanceof URLSearchParams) return [...body.entries()];
  if (typeof body === 'string') return [...new URLSearchParams(body).entries()];
  throw badRequest('POST _search takes an application/x-www-form-urlencoded body', '_search');
}

function unknownRoute(req: FhirRequest): FhirError {
  return new FhirError(404, IssueType.notFound, `No FHIR interaction at ${req.method} /${req.path.join('/')}`);
}

function methodNotAllowed(req: FhirRequest): FhirError {
  return new FhirError(405, IssueType.notSupported, `${req.method} is not supported on /${req.path.join('/')}`);
}
