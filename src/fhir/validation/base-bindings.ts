/**
 * Walks a resource with the R4 base type definitions and checks every required binding on the way.
 * @see https://hl7.org/fhir/R4/terminologies.html#strength
 */
import { tryGetDataType, type InternalSchemaElement, type InternalTypeSchema } from '@medplum/core';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { choiceType, isObject, isPrimitive, type Node } from './json-nodes.ts';
import { checkRequiredBinding, isRequiredBinding } from './required-binding.ts';
import type { Terminology } from './value-sets.ts';

interface KeyPlan {
  readonly element: InternalSchemaElement;
  readonly type: string | undefined;
}

/** Per schema: JSON key → element and type (choice keys resolved once). */
const plans = new WeakMap<InternalTypeSchema, Map<string, KeyPlan | null>>();

function planFor(schema: InternalTypeSchema, key: string): KeyPlan | null {
  let map = plans.get(schema);
  if (!map) plans.set(schema, (map = new Map()));
  let plan = map.get(key);
  if (plan !== undefined) return plan;
  plan = null;
  const direct = schema.elements[key];
  if (direct) plan = { element: direct, type: direct.type.length === 1 ? direct.type[0]!.code : undefined };
  else {
    for (let i = key.length - 1; i > 0; i--) {
      const el = schema.elements[`${key.slice(0, i)}[x]`];
      if (el) {
        plan = { element: el, type: choiceType(key.slice(i)) };
        break;
      }
    }
  }
  map.set(key, plan);
  return plan;
}

/** Adds a `code-invalid` issue for every value outside its element's required ValueSet. */
export function checkBaseBindings(node: Node, terminology: Terminology, issues: OperationOutcomeIssue[]): void {
  const schema = tryGetDataType(node.type);
  const obj = node.value;
  if (!schema || !isObject(obj)) return;
  for (const key of Object.keys(obj)) {
    if (key === 'resourceType' || key.startsWith('_')) continue;
    const plan = planFor(schema, key);
    if (!plan?.type) continue;
    const raw = obj[key];
    const items = Array.isArray(raw) ? raw : [raw];
    for (let i = 0; i < items.length; i++) {
      const value = items[i];
      if (value === null || value === undefined) continue;
      let type = plan.type;
      if ((type === 'Resource' || type === 'DomainResource') && isObject(value) && typeof value.resourceType === 'string') type = value.resourceType;
      const child: Node = { value, type, path: Array.isArray(raw) ? `${node.path}.${key}[${i}]` : `${node.path}.${key}` };
      if (isRequiredBinding(plan.element.binding)) checkRequiredBinding(child, plan.element.binding, terminology, issues);
      if (!isPrimitive(type)) checkBaseBindings(child, terminology, issues);
    }
  }
}
