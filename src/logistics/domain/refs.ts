/** Small readers for FHIR references, codings and extensions, shared by the logistics domain. @see https://hl7.org/fhir/R4/references.html */
import type { CodeableConcept, Extension, Reference } from '@medplum/fhirtypes';

/** "Type/id" of a relative or absolute literal reference (a /_history/ suffix dropped); undefined for urn: and other forms. */
export function refKey(ref: Reference | undefined): string | undefined {
  const raw = ref?.reference;
  if (!raw || raw.startsWith('urn:') || raw.startsWith('#')) return undefined;
  const parts = raw.split('/');
  const history = parts.indexOf('_history');
  const end = history >= 0 ? history : parts.length;
  const type = parts[end - 2];
  const id = parts[end - 1];
  return type && id ? `${type}/${id}` : undefined;
}

/** The id a reference points at, if it points at a resource of that type. */
export function refId(ref: Reference | undefined, type: string): string | undefined {
  const key = refKey(ref);
  return key?.startsWith(`${type}/`) ? key.slice(type.length + 1) : undefined;
}

/** The resource type a reference points at. */
export function refType(ref: Reference | undefined): string | undefined {
  return refKey(ref)?.split('/')[0];
}

export const refTo = (type: string, id: string, display?: string): Reference => (display ? { reference: `${type}/${id}`, display } : { reference: `${type}/${id}` });

export const isRefTo = (ref: Reference | undefined, type: string, id: string): boolean => refKey(ref) === `${type}/${id}`;

const concepts = (c: CodeableConcept | readonly CodeableConcept[] | undefined): readonly CodeableConcept[] =>
  c === undefined ? [] : Array.isArray(c) ? c : [c as CodeableConcept];

/** The codes a concept (or list of concepts) carries in one code system, in order. */
export function codesIn(concept: CodeableConcept | readonly CodeableConcept[] | undefined, system: string): string[] {
  const out: string[] = [];
  for (const c of concepts(concept)) for (const coding of c.coding ?? []) if (coding.system === system && coding.code) out.push(coding.code);
  return out;
}

export const codeIn = (concept: CodeableConcept | readonly CodeableConcept[] | undefined, system: string): string | undefined => codesIn(concept, system)[0];

export const hasCode = (concept: CodeableConcept | readonly CodeableConcept[] | undefined, system: string, code: string): boolean =>
  codesIn(concept, system).includes(code);

/** What a person reads for a concept: its text, else the first coding's display, else its code. */
export function conceptText(concept: CodeableConcept | undefined): string | undefined {
  if (!concept) return undefined;
  if (concept.text) return concept.text;
  const coding = concept.coding?.find((c) => c.display) ?? concept.coding?.[0];
  return coding?.display ?? coding?.code;
}

export const extensionOf = (resource: { extension?: Extension[] } | undefined, url: string): Extension | undefined =>
  resource?.extension?.find((e) => e.url === url);

/** Type guard for narrowing `Array.filter`. */
export const isDefined = <T>(value: T | undefined | null): value is T => value !== undefined && value !== null;
