/**
 * _summary and _elements: reduce a resource to its summary, text, data or listed top-level
 * elements, marked SUBSETTED. @see https://hl7.org/fhir/R4/search.html#summary @see https://hl7.org/fhir/R4/search.html#elements
 */
import { tryGetDataType } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from '../definitions/index.ts';

export const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'Resource encoded in summary mode' };

interface TypeElements {
  /** Element names (choice elements by base name, e.g. `value`) flagged isSummary. */
  readonly summary: ReadonlySet<string>;
  readonly mandatory: ReadonlySet<string>;
  /** Base names of choice elements (`value` for value[x]). */
  readonly choices: readonly string[];
}

const cache = new Map<string, TypeElements>();

function elementsOf(type: string): TypeElements {
  let e = cache.get(type);
  if (!e) {
    loadFhirDefinitions();
    const schema = tryGetDataType(type);
    const keys = Object.keys(schema?.elements ?? {});
    e = {
      summary: new Set(schema?.summaryProperties ?? []),
      mandatory: new Set(schema?.mandatoryProperties ?? []),
      choices: keys.filter((k) => k.endsWith('[x]')).map((k) => k.slice(0, -3)),
    };
    cache.set(type, e);
  }
  return e;
}

/** The element name a JSON key belongs to: `valueQuantity` → `value`, `_status` → `status`. */
function elementName(key: string, choices: readonly string[]): string {
  const k = key.startsWith('_') ? key.slice(1) : key;
  for (const c of choices) {
    if (k.length > c.length && k.startsWith(c) && /[A-Z]/.test(k[c.length]!)) return c;
  }
  return k;
}

/**
 * Returns the resource reduced per `_summary` (true, text, data, count, false) or `_elements`
 * (which wins when both are given), or the resource itself when nothing is removed.
 */
export function applySummaryAndElements(resource: Resource, summary: string | undefined, elements: string[] | undefined): Resource {
  const info = elementsOf(resource.resourceType);
  let keep: (name: string) => boolean;
  if (elements && elements.length > 0) {
    const wanted = new Set(elements);
    keep = (n) => wanted.has(n) || info.mandatory.has(n);
  } else if (summary === 'true') {
    keep = (n) => info.summary.has(n);
  } else if (summary === 'text') {
    keep = (n) => n === 'text' || info.mandatory.has(n);
  } else if (summary === 'data') {
    keep = (n) => n !== 'text';
  } else {
    return resource;
  }
  const out: Record<string, unknown> = {};
  let removed = false;
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'resourceType' || key === 'id' || key === 'meta' || keep(elementName(key, info.choices))) out[key] = value;
    else removed = true;
  }
  if (!removed) return resource;
  const meta = (resource.meta ?? {}) as NonNullable<Resource['meta']>;
  const tags = meta.tag ?? [];
  if (!tags.some((t) => t.system === SUBSETTED.system && t.code === SUBSETTED.code)) {
    out.meta = { ...meta, tag: [...tags, SUBSETTED] };
  }
  return out as unknown as Resource;
}
