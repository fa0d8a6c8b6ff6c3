/**
 * Typed navigation of FHIR JSON by element name, with choice types (`value[x]`) resolved from the key.
 * @see https://hl7.org/fhir/R4/json.html
 */
import { tryGetDataType } from '@medplum/core';

/** A value in a resource with its FHIR type and its FHIRPath-like location (`Patient.identifier[0].value`). */
export interface Node {
  readonly value: unknown;
  readonly type: string;
  readonly path: string;
}

const PRIMITIVES = new Set([
  'base64Binary', 'boolean', 'canonical', 'code', 'date', 'dateTime', 'decimal', 'id', 'instant', 'integer',
  'markdown', 'oid', 'positiveInt', 'string', 'time', 'unsignedInt', 'uri', 'url', 'uuid', 'xhtml',
]);

export const isPrimitive = (type: string): boolean => PRIMITIVES.has(type) || type.startsWith('http://hl7.org/fhirpath/');

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The FHIR type a JSON key suffix names (`Quantity`, `code` from `valueCode`), or undefined. */
export function choiceType(suffix: string): string | undefined {
  if (!suffix) return undefined;
  const lower = suffix[0]!.toLowerCase() + suffix.slice(1);
  if (PRIMITIVES.has(lower)) return lower;
  return tryGetDataType(suffix) ? suffix : undefined;
}

/** The declared type of a child element in the base definition (`Patient` + `contact` → `PatientContact`). */
function baseChildType(parentType: string, name: string): string | undefined {
  return tryGetDataType(parentType)?.elements[name]?.type[0]?.code;
}

/** The type of a value at a place that allows any resource (`Bundle.entry.resource`, `contained`). */
function concreteType(value: unknown, declared: string | undefined): string | undefined {
  if ((declared === 'Resource' || declared === 'DomainResource' || declared === undefined) && isObject(value) && typeof value.resourceType === 'string') {
    return value.resourceType;
  }
  return declared;
}

/** The values of child element `name` (may end in `[x]`) of a node, each array item a node of its own. */
export function children(node: Node, name: string): Node[] {
  const obj = node.value;
  if (!isObject(obj)) return [];
  const out: Node[] = [];
  const push = (key: string, type: string | undefined) => {
    // A primitive given only by its extensions (`_family`) is present, with no value.
    const v = obj[key] ?? (isObject(obj[`_${key}`]) ? obj[`_${key}`] : undefined);
    if (v === undefined || v === null || !type) return;
    if (Array.isArray(v)) v.forEach((item, i) => item !== null && out.push({ value: item, type: concreteType(item, type) ?? type, path: `${node.path}.${key}[${i}]` }));
    else out.push({ value: v, type: concreteType(v, type) ?? type, path: `${node.path}.${key}` });
  };
  if (name.endsWith('[x]')) {
    const prefix = name.slice(0, -3);
    for (const key of Object.keys(obj)) {
      if (key.startsWith(prefix) && key.length > prefix.length) push(key, choiceType(key.slice(prefix.length)));
    }
  } else {
    push(name, baseChildType(node.type, name) ?? (name === 'extension' || name === 'modifierExtension' ? 'Extension' : undefined));
  }
  return out;
}

/** Values at a dotted element path below a node, grouped by the parent that holds them (for per-parent cardinality). */
export function groupsAt(node: Node, dotted: string): Node[][] {
  const segments = dotted.split('.');
  let parents: Node[] = [node];
  for (const seg of segments.slice(0, -1)) parents = parents.flatMap((p) => children(p, seg));
  const last = segments[segments.length - 1]!;
  return parents.map((p) => children(p, last));
}
