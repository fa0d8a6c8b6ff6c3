/** The Prefer request header: return= and handling=. @see https://hl7.org/fhir/R4/http.html#ops @see https://hl7.org/fhir/R4/search.html#errors */
export type PreferReturn = 'minimal' | 'representation' | 'OperationOutcome';

export interface Prefer {
  readonly return: PreferReturn;
  readonly handling: 'strict' | 'lenient';
}

export function parsePrefer(header: string | string[] | undefined): Prefer {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  let ret: PreferReturn = 'representation';
  let handling: Prefer['handling'] = 'lenient';
  for (const part of text.split(/[,;]/)) {
    const [key, value] = part.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (key === 'return' && (value === 'minimal' || value === 'representation' || value === 'OperationOutcome')) ret = value;
    if (key === 'handling' && (value === 'strict' || value === 'lenient')) handling = value;
  }
  return { return: ret, handling };
}
