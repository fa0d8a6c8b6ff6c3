/**
 * Administrative resources and Synthea de-duplication.
 *
 * Synthea (and similar generators) put the same Organization and Practitioner into every patient
 * Bundle as plain POSTs, so loading many Bundles would create one copy per Bundle. The rule:
 * every POST entry (no id in the URL) of an administrative type (Organization, Practitioner,
 * Location, PractitionerRole) that has no `request.ifNoneExist` yet, and whose resource has an
 * identifier with both system and value, gets
 *   request.ifNoneExist = 'identifier=<system>|<value>'
 * built from the FIRST such identifier. The server then resolves the entry's urn:uuid fullUrl to
 * the existing resource (or creates it once), so references from the other entries stay intact.
 * An administrative resource without such an identifier is posted unchanged (and may duplicate).
 * Files holding only administrative resources are imported before all others, so that, for
 * Synthea, the practitioner Bundle defines the Practitioners the patient Bundles then match.
 * @see https://hl7.org/fhir/R4/http.html#ccreate
 */
import type { BundleEntry, Identifier, Resource } from '@medplum/fhirtypes';

export const ADMINISTRATIVE_TYPES: ReadonlySet<string> = new Set(['Organization', 'Practitioner', 'Location', 'PractitionerRole']);

/** The `identifier=<system>|<value>` query of a resource's first complete identifier. */
export function identifierCondition(resource: Resource): string | undefined {
  const identifiers = (resource as { identifier?: Identifier[] }).identifier;
  if (!Array.isArray(identifiers)) return undefined;
  const first = identifiers.find((i) => typeof i?.system === 'string' && i.system !== '' && typeof i.value === 'string' && i.value !== '');
  return first ? `identifier=${escapeToken(first.system!)}|${escapeToken(first.value!)}` : undefined;
}

/** Token search escaping: `|`, `,`, `$` and `\` in a system or value are escaped with `\`. */
function escapeToken(s: string): string {
  return s.replace(/[\\|,$]/g, (c) => `\\${c}`);
}

/** True for a POST to the type itself (a create), the only entries conditional create applies to. */
function isPlainCreate(entry: BundleEntry): boolean {
  const url = entry.request?.url ?? '';
  return entry.request?.method === 'POST' && !url.replace(/\?.*$/, '').includes('/');
}

/** Applies the rule above to one entry, returning a new entry when it changes (else the same one). */
export function withIfNoneExist(entry: BundleEntry): BundleEntry {
  const resource = entry.resource;
  if (!resource || !ADMINISTRATIVE_TYPES.has(resource.resourceType) || !entry.request || entry.request.ifNoneExist) return entry;
  if (!isPlainCreate(entry)) return entry;
  const condition = identifierCondition(resource);
  return condition ? { ...entry, request: { ...entry.request, ifNoneExist: condition } } : entry;
}
