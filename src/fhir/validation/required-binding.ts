/**
 * Required terminology bindings: a code, Coding or CodeableConcept must come from the bound ValueSet.
 * @see https://hl7.org/fhir/R4/terminologies.html#required
 */
import type { ElementDefinitionBinding, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { isObject, type Node } from './json-nodes.ts';
import { expansionHas, type Terminology } from './value-sets.ts';

/** Types a binding applies to; string and uri values are checked as codes (any system). */
const BOUND_TYPES = new Set(['code', 'string', 'uri', 'Coding', 'CodeableConcept']);

/** Whether an element's binding is one we check (required, with a ValueSet). */
export function isRequiredBinding(binding: ElementDefinitionBinding | undefined): binding is ElementDefinitionBinding & { valueSet: string } {
  return binding?.strength === 'required' && typeof binding.valueSet === 'string';
}

/**
 * Checks one value against a required binding; adds a `code-invalid` issue when it is not in the ValueSet.
 * ValueSets we cannot expand (external terminologies, unsupported filters) are not checked.
 */
export function checkRequiredBinding(
  node: Node,
  binding: ElementDefinitionBinding,
  terminology: Terminology,
  issues: OperationOutcomeIssue[],
): void {
  if (!isRequiredBinding(binding) || !BOUND_TYPES.has(node.type)) return;
  const expansion = terminology.expand(binding.valueSet);
  if (!expansion) return;
  const v = node.value;
  const fail = (path: string, shown: string) =>
    issues.push({
      severity: 'error',
      code: 'code-invalid',
      details: { text: `Value ${shown} is not in the required ValueSet ${binding.valueSet}` },
      expression: [path],
    });
  if (node.type === 'code' || node.type === 'string' || node.type === 'uri') {
    if (typeof v === 'string' && !expansionHas(expansion, undefined, v)) fail(node.path, `'${v}'`);
    return;
  }
  if (node.type === 'Coding') {
    if (isObject(v) && typeof v.code === 'string' && !expansionHas(expansion, str(v.system), v.code)) {
      fail(`${node.path}.code`, describe(v));
    }
    return;
  }
  // CodeableConcept: at least one coding from the ValueSet, when codings with codes exist (text alone is not checked).
  if (!isObject(v) || !Array.isArray(v.coding)) return;
  const coded = v.coding.map((c, i) => ({ c, i })).filter(({ c }) => isObject(c) && typeof c.code === 'string');
  if (coded.length === 0) return;
  if (coded.some(({ c }) => expansionHas(expansion, str(c.system), c.code as string))) return;
  const first = coded[0]!;
  fail(`${node.path}.coding[${first.i}].code`, coded.map(({ c }) => describe(c as Record<string, unknown>)).join(', '));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const describe = (c: Record<string, unknown>): string => `'${str(c.system) ? `${c.system as string}|` : ''}${c.code as string}'`;
