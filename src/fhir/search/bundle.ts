/**
 * The searchset Bundle, built by string concatenation around the stored JSON (never re-serialised).
 * @see https://hl7.org/fhir/R4/bundle.html @see https://hl7.org/fhir/R4/search.html#return
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { SearchResult } from './types.ts';

export function searchBundleJson(result: SearchResult, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const parts: string[] = ['{"resourceType":"Bundle","type":"searchset"'];
  if (result.total !== undefined) parts.push(`,"total":${result.total}`);
  if (result.links.length > 0) {
    parts.push(',"link":[', result.links.map((l) => `{"relation":${JSON.stringify(l.relation)},"url":${JSON.stringify(l.url)}}`).join(','), ']');
  }
  const entries = result.entries.map(
    (e) => `{"fullUrl":${JSON.stringify(`${base}/${e.type}/${e.id}`)},"resource":${e.json},"search":{"mode":"${e.mode}"}}`,
  );
  if (result.warnings.length > 0) {
    const outcome: OperationOutcome = { resourceType: 'OperationOutcome', issue: result.warnings };
    entries.push(`{"resource":${JSON.stringify(outcome)},"search":{"mode":"outcome"}}`);
  }
  if (entries.length > 0) parts.push(',"entry":[', entries.join(','), ']');
  parts.push('}');
  return parts.join('');
}
