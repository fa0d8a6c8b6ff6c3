/** Reference rewriting inside a transaction: urn:uuid and fullUrl references become Type/id. @see https://hl7.org/fhir/R4/bundle.html#references */

/** Calls fn on every Reference.reference string in the value (in place) and lets it replace the value. */
export function rewriteReferences(value: unknown, fn: (reference: string) => string): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteReferences(item, fn);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (key === 'reference' && typeof v === 'string') obj[key] = fn(v);
    else if (typeof v === 'object' && v !== null) rewriteReferences(v, fn);
  }
}

/** 'Patient?identifier=x|y' → { type: 'Patient', query: 'identifier=x|y' }, or undefined for any other reference. */
export function parseConditionalReference(reference: string): { type: string; query: string } | undefined {
  const m = /^([A-Z][A-Za-z]+)\?(.+)$/.exec(reference);
  return m ? { type: m[1]!, query: m[2]! } : undefined;
}
