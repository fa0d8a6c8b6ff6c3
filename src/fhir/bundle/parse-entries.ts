/** Checks the shape of a batch or transaction Bundle and reads its entries. @see https://hl7.org/fhir/R4/http.html#transaction */
import type { Resource } from '@medplum/fhirtypes';
import { badRequest } from '../../errors/index.ts';
import type { FhirMethod } from '../rest/fhir-request.ts';
import { parseRelativeUrl } from '../rest/fhir-request.ts';

export interface BundleEntryRequest {
  readonly index: number;
  readonly method: FhirMethod;
  readonly url: string;
  readonly path: string[];
  readonly query: [string, string][];
  readonly fullUrl: string | undefined;
  readonly resource: Resource | undefined;
  readonly ifMatch: string | undefined;
  readonly ifNoneExist: string | undefined;
  readonly ifNoneMatch: string | undefined;
}

const METHODS = new Set<string>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

export function parseBundle(body: unknown): { type: 'batch' | 'transaction'; entries: BundleEntryRequest[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The body must be a Bundle', 'Bundle');
  const b = body as { resourceType?: unknown; type?: unknown; entry?: unknown };
  if (b.resourceType !== 'Bundle') throw badRequest(`POST to the base takes a Bundle, not '${String(b.resourceType ?? '')}'`.slice(0, 200), 'resourceType');
  if (b.type !== 'batch' && b.type !== 'transaction') throw badRequest(`Bundle.type must be batch or transaction, not '${String(b.type ?? '')}'`.slice(0, 200), 'Bundle.type');
  if (b.entry !== undefined && !Array.isArray(b.entry)) throw badRequest('Bundle.entry must be an array', 'Bundle.entry');
  const entries = ((b.entry as unknown[] | undefined) ?? []).map((raw, index) => parseEntry(raw, index));
  return { type: b.type, entries };
}

function parseEntry(raw: unknown, index: number): BundleEntryRequest {
  const at = `Bundle.entry[${index}]`;
  if (typeof raw !== 'object' || raw === null) throw badRequest(`${at} must be an object`, at);
  const e = raw as { fullUrl?: unknown; resource?: unknown; request?: { method?: unknown; url?: unknown; ifMatch?: unknown; ifNoneExist?: unknown; ifNoneMatch?: unknown } };
  const method = e.request?.method;
  const url = e.request?.url;
  if (typeof method !== 'string' || !METHODS.has(method)) throw badRequest(`${at}.request.method must be one of GET, HEAD, POST, PUT, PATCH, DELETE`, `${at}.request.method`);
  if (typeof url !== 'string' || url === '') throw badRequest(`${at}.request.url is required`, `${at}.request.url`);
  const { path, query } = parseRelativeUrl(url.replace(/^https?:\/\/[^/]+(\/[^?]*?)?\/(?=[A-Z])/, ''));
  const needsBody = method === 'POST' || method === 'PUT';
  if (needsBody && (typeof e.resource !== 'object' || e.resource === null || Array.isArray(e.resource))) {
    throw badRequest(`${at}.resource is required for ${method}`, `${at}.resource`);
  }
  if (method === 'PATCH' && e.resource !== undefined) {
    const r = e.resource as { resourceType?: string; contentType?: string; data?: string };
    if (r.resourceType !== 'Binary') throw badRequest(`${at}: a PATCH entry carries a Binary with the JSON Patch`, `${at}.resource`);
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    index,
    method: method as FhirMethod,
    url,
    path,
    query,
    fullUrl: str(e.fullUrl),
    resource: e.resource as Resource | undefined,
    ifMatch: str(e.request?.ifMatch),
    ifNoneExist: str(e.request?.ifNoneExist),
    ifNoneMatch: str(e.request?.ifNoneMatch),
  };
}
