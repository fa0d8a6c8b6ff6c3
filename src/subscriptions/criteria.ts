/**
 * R4 Subscription.criteria (`Type?search-params`) evaluated in memory on the changed version itself,
 * with @medplum/core's search matcher over the R4 SearchParameters. @see https://hl7.org/fhir/R4/subscription.html#criteria
 *
 * In memory rather than repo.findMatches(type, criteria + '&_id=' + id): the notified version is the
 * one judged (the database only indexes the current version, which may have moved on by the time an
 * ordered, retried delivery runs), no query per change and subscription, and no dependency on the
 * SQL search engine. Chained parameters and _has are not supported by the in-memory matcher.
 */
import { matchesSearchRequest, parseSearchRequest, type SearchRequest } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { isResourceType, searchParametersOf } from '../fhir/definitions/index.ts';

export interface Criteria {
  readonly text: string;
  readonly type: string;
  matches(resource: Resource): boolean;
}

const UNSUPPORTED = /(^|&)(_has:|[^=&]*\.[^=&]*=|_text=|_content=|_list=|_query=|_filter=)/;

export function compileCriteria(text: string): Criteria {
  const trimmed = text.trim();
  const type = trimmed.split('?')[0]!;
  if (!type || !isResourceType(type)) throw new Error(`Subscription.criteria must start with a resource type, as in 'Observation?code=…', not '${trimmed.slice(0, 80)}'`);
  const query = trimmed.slice(type.length + 1);
  if (UNSUPPORTED.test(query)) throw new Error(`Subscription.criteria '${trimmed.slice(0, 120)}' uses chaining, _has or a special parameter, which criteria do not support`);
  let request: SearchRequest;
  try {
    request = parseSearchRequest(trimmed);
  } catch (err) {
    throw new Error(`Subscription.criteria '${trimmed.slice(0, 120)}' cannot be parsed: ${(err as Error).message}`);
  }
  const known = searchParametersOf(type);
  const unknown = (request.filters ?? []).map((f) => f.code).filter((code) => !(code in known));
  if (unknown.length) throw new Error(`Subscription.criteria '${trimmed.slice(0, 120)}' uses unknown ${type} search parameter(s): ${unknown.join(', ')}`);
  const probe = { resourceType: type, id: 'probe' } as Resource;
  try {
    matchesSearchRequest(probe, request); // throws on unknown parameters
  } catch (err) {
    throw new Error(`Subscription.criteria '${trimmed.slice(0, 120)}' cannot be evaluated: ${(err as Error).message}`);
  }
  return {
    text: trimmed,
    type,
    matches(resource: Resource): boolean {
      try {
        return resource.resourceType === type && matchesSearchRequest(resource, request);
      } catch {
        return false;
      }
    },
  };
}
