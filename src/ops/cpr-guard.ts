/**
 * CPR numbers never in URLs: a request under /fhir whose query string holds a CPR-like value is
 * refused (400) with directions to search by POST, before it reaches any handler. URLs end up in
 * access logs, proxies and browser history; a form body does not.
 * @see https://hl7.org/fhir/R4/http.html#search (search by POST)
 */
import type { FastifyRequest } from 'fastify';
import { FhirError, IssueType } from '../errors/index.ts';
import { queryHasCpr } from './redact-cpr.ts';

/** onRequest hook: throws a FhirError (400) for /fhir URLs with a CPR-like query value. */
export async function rejectCprInFhirUrl(req: FastifyRequest): Promise<void> {
  const url = req.url;
  if (!url.startsWith('/fhir')) return;
  const q = url.indexOf('?');
  if (q === -1 || !queryHasCpr(url.slice(q + 1))) return;
  const type = /^\/fhir\/([A-Z][A-Za-z]+)/.exec(url)?.[1] ?? 'Patient';
  throw new FhirError(
    400,
    IssueType.security,
    `CPR numbers must not be sent in URLs (they are logged and cached on the way). Search with POST /fhir/${type}/_search ` +
      `and the parameters as a form body (Content-Type: application/x-www-form-urlencoded).`,
  );
}
