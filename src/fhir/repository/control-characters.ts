/**
 * FHIR strings may not hold control characters other than tab, CR and LF
 * (@see https://hl7.org/fhir/R4/datatypes.html#string). Checked on the serialised JSON, where
 * JSON.stringify has escaped each of them as \u00XX, \b or \f: one linear scan, no tree walk.
 */
import { badRequest } from '../../errors/index.ts';

const ESCAPED_CONTROL = /(?<!\\)(?:\\\\)*\\(?:u00[01][0-9a-fA-F]|[bf])/;

export function assertNoControlCharacters(json: string, resourceType: string): void {
  if (ESCAPED_CONTROL.test(json)) {
    throw badRequest('Strings may not contain control characters (only tab, CR and LF are allowed in FHIR strings)', resourceType);
  }
}
