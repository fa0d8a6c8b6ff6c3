/**
 * Prepares a profile's StructureDefinition for @medplum/core's FHIRPath engine: rewrites invariants it would
 * misread and sets aside those it cannot evaluate, so a valid instance is never rejected for an engine gap.
 * @see https://hl7.org/fhir/R4/fhirpath.html (resolve, conformsTo) and https://hl7.org/fhirpath/
 */
import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import { isPrimitive } from './json-nodes.ts';

/** An invariant of a profile that is not enforced, and why. */
export interface SkippedInvariant {
  readonly profile: string;
  readonly key: string;
  readonly reason: string;
}

/** resolve() needs the referenced resource (medplum does not look it up in the Bundle); conformsTo() is not implemented. */
const UNSUPPORTED = [
  { test: /\bresolve\(\)/, reason: 'uses resolve(), which cannot follow references inside a Bundle' },
  { test: /\bconformsTo\(/, reason: 'uses conformsTo(), which @medplum/core does not implement' },
];

/** `value.` at the start of a path (not `x.value.`, not `%value.`). */
const OWN_VALUE = /(^|[^\w.%$])value\./g;

export function prepareProfile(sd: StructureDefinition): { sd: StructureDefinition; skipped: SkippedInvariant[] } {
  const skipped: SkippedInvariant[] = [];
  const element = (sd.snapshot?.element ?? []).map((ed) => prepareElement(ed, sd.url ?? '', skipped));
  return { sd: { ...sd, snapshot: { ...sd.snapshot, element } }, skipped };
}

function prepareElement(ed: ElementDefinition, profile: string, skipped: SkippedInvariant[]): ElementDefinition {
  if (!ed.constraint?.length) return ed;
  const primitive = !!ed.type?.length && ed.type.every((t) => isPrimitive(t.code ?? ''));
  const constraint = ed.constraint.flatMap((c) => {
    const expression = c.expression ?? '';
    const unsupported = UNSUPPORTED.find((u) => u.test.test(expression));
    if (unsupported && c.severity === 'error') {
      skipped.push({ profile, key: c.key ?? '', reason: unsupported.reason });
      return [];
    }
    // On a primitive element, `value.x()` means the primitive's own value (the Java validator reads it so);
    // @medplum/core finds no `value` child there and would fail every instance.
    const rewritten = primitive ? expression.replace(OWN_VALUE, '$1$$this.') : expression;
    if (rewritten !== expression) return [{ ...c, expression: rewritten }];
    return [c];
  });
  return { ...ed, constraint };
}
