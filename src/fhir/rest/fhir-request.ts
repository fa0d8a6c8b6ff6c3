/** A FHIR interaction independent of transport: what an HTTP request or a Bundle entry asks for, and the answer. */
import type { Prefer } from './prefer.ts';

export type FhirMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FhirRequest {
  readonly method: FhirMethod;
  /** Path segments after the FHIR base, e.g. ['Patient', '123', '_history', '2']. */
  readonly path: readonly string[];
  /** Decoded query pairs, in order (repeats allowed). */
  readonly query: [string, string][];
  readonly body?: unknown;
  readonly ifMatch?: string | undefined;
  readonly ifNoneExist?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
  readonly prefer: Prefer;
  /** The FHIR base URL, e.g. http://127.0.0.1:8080/fhir (no trailing slash). */
  readonly baseUrl: string;
}

export interface FhirResponse {
  readonly status: number;
  /** JSON text of the body (a resource, Bundle or OperationOutcome). */
  readonly body?: string;
  readonly location?: string;
  readonly etag?: string;
  readonly lastModified?: string;
}

/** Splits 'Patient/1/_history?x=1' into path segments and decoded query pairs. */
export function parseRelativeUrl(url: string): { path: string[]; query: [string, string][] } {
  const q = url.indexOf('?');
  const pathPart = (q === -1 ? url : url.slice(0, q)).replace(/^\/+|\/+$/g, '');
  const path = pathPart === '' ? [] : pathPart.split('/').map(safeDecode);
  const query: [string, string][] = [];
  if (q !== -1) for (const [k, v] of new URLSearchParams(url.slice(q + 1))) query.push([k, v]);
  return { path, query };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
