/** Patient search against the server: POST /fhir/Patient/_search with a form body (a CPR number never goes in a URL). */
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { postForm } from '../api/api-client.ts';
import { patientSearchBody } from './cpr.ts';

export const PAGE_SIZE = 50;

export interface PatientSearchResult {
  readonly patients: readonly Patient[];
  /** More matches than shown. */
  readonly more: boolean;
}

export async function searchPatients(query: { kind: 'name'; name: string } | { kind: 'cpr'; cpr: string }): Promise<PatientSearchResult> {
  const bundle = await postForm<Bundle>('/fhir/Patient/_search', patientSearchBody(query, PAGE_SIZE));
  const patients = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Patient => r?.resourceType === 'Patient');
  const more = (bundle.link ?? []).some((l) => l.relation === 'next') || (bundle.total ?? 0) > patients.length;
  return { patients, more };
}
