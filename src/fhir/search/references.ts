/** Parsing of Reference.reference strings: relative `Type/id`, versioned, absolute URLs. @see https://hl7.org/fhir/R4/references.html */

export interface ParsedReference {
  /** Target type and id when the reference names one (relative, or an absolute RESTful URL). */
  readonly type?: string;
  readonly id?: string;
  /** The absolute URL (or urn:/other non-relative reference) as written, without _history. */
  readonly url?: string;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const ABSOLUTE = /^(https?:\/\/.+)\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

export function parseReference(ref: string): ParsedReference {
  const rel = RELATIVE.exec(ref);
  if (rel) return { type: rel[1], id: rel[2] };
  const abs = ABSOLUTE.exec(ref);
  if (abs) return { type: abs[2], id: abs[3], url: `${abs[1]}/${abs[2]}/${abs[3]}` };
  return { url: ref };
}
