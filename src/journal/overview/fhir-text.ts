/** Small readers of FHIR datatypes for the overview: a CodeableConcept's text, a coding's code, a Quantity as Danish text. */
import type { CodeableConcept, Quantity } from '@medplum/fhirtypes';

/** text, else the first display, else the first code (one reader for the whole code base). */
export { conceptText } from '../../logistics/domain/refs.ts';

/** The code of the first coding of `concept` (in `system` when given). */
export function codeOf(concept: CodeableConcept | undefined, system?: string): string | undefined {
  return concept?.coding?.find((c) => !system || c.system === system)?.code;
}

/** "37,5 °C": a decimal comma and the unit. */
export function quantityText(q: Quantity | undefined): string | undefined {
  if (q?.value === undefined) return undefined;
  return `${String(q.value).replace('.', ',')}${q.unit ?? q.code ? ` ${q.unit ?? q.code}` : ''}`;
}

/** The first letter in upper case. */
export const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase('da') + s.slice(1);
