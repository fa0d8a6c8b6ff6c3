/** FHIR logical ids and weak ETags. @see https://hl7.org/fhir/R4/datatypes.html#id @see https://hl7.org/fhir/R4/http.html#versioning */
import { badRequest } from '../../errors/index.ts';

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function isValidId(id: string): boolean {
  return ID.test(id);
}

export function assertValidId(id: string, expression = 'id'): void {
  if (!isValidId(id)) throw badRequest(`Invalid id '${id.slice(0, 80)}': 1-64 characters of A-Z, a-z, 0-9, '-' and '.'`, expression);
}

/** `W/"3"` for version 3. */
export function etag(versionId: number): string {
  return `W/"${versionId}"`;
}

/** Reads the version out of an If-Match value (`W/"3"`, `"3"` or `3`). */
export function parseIfMatch(value: string): number {
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(value);
  if (!m) throw badRequest(`If-Match must be a version ETag such as W/"1", not '${value.slice(0, 40)}'`, 'If-Match');
  return Number(m[1]);
}
