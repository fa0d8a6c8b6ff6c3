/** Reference rewriting inside a transaction: urn:uuid and fullUrl references become Type/id. @see https://hl7.org/fhir/R4/bundle.html#references */

/** What a rewrite changed, so that a retried transaction can start again from the client's input. */
export type RewriteLog = [Record<string, unknown>, string][];

/** Calls fn on every Reference.reference string in the value (in place), letting it replace the value; logs each change. */
export function rewriteReferences(value: unknown, fn: (reference: string) => string, log?: RewriteLog): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteReferences(item, fn, log);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (key === 'reference' && typeof v === 'string') {
      const next = fn(v);
      if (next !== v) {
        log?.push([obj, v]);
        obj[key] = next;
      }
    } else if (typeof v === 'object' && v !== null) rewriteReferences(v, fn, log);
  }
}

/** Puts back what the logged rewrites changed, newest first, and empties the log. */
export function undoRewrites(log: RewriteLog): void {
  for (let i = log.length - 1; i >= 0; i--) log[i]![0].reference = log[i]![1];
  log.length = 0;
}

/** 'Patient?identifier=x|y' → { type: 'Patient', query: 'identifier=x|y' }, or undefined for any other reference. */
export function parseConditionalReference(reference: string): { type: string; query: string } | undefined {
  const m = /^([A-Z][A-Za-z]+)\?(.+)$/.exec(reference);
  return m ? { type: m[1]!, query: m[2]! } : undefined;
}
