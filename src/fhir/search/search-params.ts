/**
 * The searchable parameters of each resource type, prepared once: the R4 SearchParameter, its
 * FHIRPath expression pruned to the branches for this type and compiled. @see https://hl7.org/fhir/R4/searchparameter.html
 */
import { parseFhirPath, type FhirPathAtom, type TypedValue } from '@medplum/core';
import { compileFastPath, splitTop } from './fast-path.ts';
import type { SearchParameter } from '@medplum/fhirtypes';
import { searchParametersOf } from '../definitions/index.ts';

/** The parameter types that have an index table (composite and special are not indexed). */
export type IndexedType = 'token' | 'string' | 'date' | 'number' | 'quantity' | 'reference' | 'uri';
const INDEXED = new Set<string>(['token', 'string', 'date', 'number', 'quantity', 'reference', 'uri']);
/** Parameters stored on the resource row itself, or not indexed at all. */
const ON_RESOURCE_ROW = new Set(['_id', '_lastUpdated', '_compartment']);

export interface IndexedParam {
  readonly code: string;
  readonly type: IndexedType;
  readonly targets: readonly string[];
  readonly definition: SearchParameter;
  readonly atom: FhirPathAtom;
  /** The compiled fast path, when the expression is simple enough (see fast-path.ts). */
  readonly fast: ((resource: Record<string, unknown>) => TypedValue[]) | undefined;
}

export interface TypeParams {
  /** Every R4 parameter of the type by code (including _id, _lastUpdated, composite, special). */
  readonly all: Readonly<Record<string, SearchParameter>>;
  /** The parameters with index rows, by code. */
  readonly indexed: ReadonlyMap<string, IndexedParam>;
  /** The same, as a list (extraction walks it). */
  readonly list: readonly IndexedParam[];
}

const cache = new Map<string, TypeParams>();

export function paramsOf(resourceType: string): TypeParams {
  let p = cache.get(resourceType);
  if (!p) {
    p = prepare(resourceType);
    cache.set(resourceType, p);
  }
  return p;
}

/** The indexed parameter `code` of `resourceType`, or undefined. */
export function indexedParam(resourceType: string, code: string): IndexedParam | undefined {
  return paramsOf(resourceType).indexed.get(code);
}

function prepare(resourceType: string): TypeParams {
  const all = searchParametersOf(resourceType);
  const indexed = new Map<string, IndexedParam>();
  for (const [code, sp] of Object.entries(all)) {
    if (ON_RESOURCE_ROW.has(code) || !INDEXED.has(sp.type) || !sp.expression) continue;
    const expression = pruneExpression(sp.expression, resourceType);
    if (!expression) continue;
    indexed.set(code, {
      code,
      type: sp.type as IndexedType,
      targets: sp.target ?? [],
      definition: sp,
      atom: parseFhirPath(expression),
      fast: process.env.KERNE_FHIRPATH_FAST === '0' ? undefined : compileFastPath(expression, resourceType),
    });
  }
  return { all, indexed, list: [...indexed.values()] };
}

/**
 * Keeps the top-level `|` branches of a shared expression that can apply to the type
 * (`Observation.code | Condition.code` → `Observation.code` for Observation). Branches that do not
 * start with a type name are kept as they are.
 */
export function pruneExpression(expression: string, resourceType: string): string {
  const branches = splitTop(expression, '|').filter((b) => b.length > 0);
  const kept = branches.filter((b) => {
    const m = /^\(*\s*([A-Z][A-Za-z]*)\b/.exec(b);
    if (!m) return true;
    const head = m[1];
    return head === resourceType || head === 'Resource' || head === 'DomainResource';
  });
  return kept.join(' | ');
}

