/**
 * Turns what an import file holds into transaction Bundles: transaction and batch Bundles are sent
 * as they are; any other Bundle (collection, searchset, document, …) and single resources become a
 * transaction of `PUT Type/id` entries (resource with an id) or `POST Type` entries (without one).
 * Every entry then goes through the administrative de-duplication rule (administrative.ts).
 * @see https://hl7.org/fhir/R4/bundle.html#transaction
 */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { withIfNoneExist } from './administrative.ts';

/** The request entry that stores one resource: PUT when it has an id, else POST. */
export function entryFor(resource: Resource, fullUrl?: string): BundleEntry {
  const request: BundleEntry['request'] = resource.id
    ? { method: 'PUT', url: `${resource.resourceType}/${resource.id}` }
    : { method: 'POST', url: resource.resourceType };
  return withIfNoneExist({ ...(fullUrl ? { fullUrl } : {}), resource, request });
}

/** A transaction Bundle of the given resources (NDJSON chunks). */
export function transactionOf(resources: readonly Resource[]): Bundle {
  return { resourceType: 'Bundle', type: 'transaction', entry: resources.map((r) => entryFor(r)) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The transaction (or batch) Bundle to send for one parsed JSON document.
 * Throws an Error with a readable message when the document is not a FHIR resource.
 */
export function toTransaction(doc: unknown): Bundle {
  if (!isObject(doc) || typeof doc.resourceType !== 'string') throw new Error('The file does not hold a FHIR resource (no resourceType)');
  if (doc.resourceType !== 'Bundle') return transactionOf([doc as unknown as Resource]);
  const bundle = doc as unknown as Bundle;
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  if (bundle.type === 'transaction' || bundle.type === 'batch') {
    return { ...bundle, entry: entries.map((e) => withIfNoneExist(e)) };
  }
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: entries.filter((e) => isObject(e?.resource)).map((e) => entryFor(e.resource as Resource, e.fullUrl)),
  };
}
