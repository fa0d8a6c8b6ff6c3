/** Shared fixtures and helpers for the search DB tests (every store in STORES). */
import type { Resource } from '@medplum/fhirtypes';
import type { Db } from '../../db/index.ts';
import { executeSearch } from './execute.ts';
import { insertResource } from './testing.ts';
import type { SearchResult } from './types.ts';

export const BASE = 'http://127.0.0.1:8080/fhir';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

const lu = (n: number) => `2024-01-0${n}T12:00:00.000Z`;

export const FIXTURES: Resource[] = [
  { resourceType: 'Organization', id: 'o1', meta: { lastUpdated: lu(1) }, name: 'Rigshospitalet', identifier: [{ system: 'urn:org', value: 'RH' }] },
  { resourceType: 'Organization', id: 'o2', meta: { lastUpdated: lu(1) }, name: 'Odense Universitetshospital' },
  { resourceType: 'Practitioner', id: 'pr1', meta: { lastUpdated: lu(1) }, name: [{ family: 'Who', prefix: ['Dr'] }] },
  {
    resourceType: 'Patient', id: 'p1', meta: { lastUpdated: lu(2), tag: [{ system: 'urn:tag', code: 'vip' }] }, active: true, gender: 'female', birthDate: '1970-03-15',
    name: [{ family: 'Sørensen', given: ['Åse'] }], identifier: [{ system: 'urn:sys1', value: '111' }], telecom: [{ system: 'phone', value: '1234' }],
    managingOrganization: { reference: 'Organization/o1' }, generalPractitioner: [{ reference: 'Practitioner/pr1' }],
  },
  {
    resourceType: 'Patient', id: 'p2', meta: { lastUpdated: lu(3) }, active: false, gender: 'male', birthDate: '1980',
    name: [{ family: 'Hansen', given: ['Jens', 'Peter'] }], identifier: [{ system: 'urn:sys1', value: '222' }],
    managingOrganization: { reference: `${BASE}/Organization/o2` },
  },
  {
    resourceType: 'Patient', id: 'p3', meta: { lastUpdated: lu(4) }, gender: 'female', birthDate: '1990-06-01',
    name: [{ family: 'Müller', given: ['Hélène'] }], identifier: [{ system: 'urn:sys2', value: '111' }, { value: 'nosys' }],
  },
  {
    resourceType: 'Observation', id: 'ob1', meta: { lastUpdated: lu(5) }, status: 'final', subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] },
    valueQuantity: { value: 120, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' }, effectiveDateTime: '2021-01-01T10:00:00Z',
  },
  {
    resourceType: 'Observation', id: 'ob2', meta: { lastUpdated: lu(5) }, status: 'preliminary', subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }] },
    valueQuantity: { value: 80, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' }, effectiveDateTime: '2021-06-15',
  },
  {
    resourceType: 'Observation', id: 'ob3', meta: { lastUpdated: lu(6) }, status: 'final', subject: { reference: 'Patient/p2' },
    code: { coding: [{ system: LOINC, code: '8480-6' }] },
    valueQuantity: { value: 140.5, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' }, effectivePeriod: { start: '2020-01-01', end: '2020-01-31' },
  },
  {
    resourceType: 'Observation', id: 'ob4', meta: { lastUpdated: lu(7) }, status: 'amended', subject: { reference: 'Patient/p3' },
    code: { coding: [{ code: 'local' }], text: 'Local thing' }, valueQuantity: { value: 5.4, unit: 'mg' }, effectiveDateTime: '2022',
  },
  { resourceType: 'RiskAssessment', id: 'ra1', meta: { lastUpdated: lu(8) }, status: 'final', subject: { reference: 'Patient/p1' }, prediction: [{ probabilityDecimal: 0.25 }] },
  { resourceType: 'RiskAssessment', id: 'ra2', meta: { lastUpdated: lu(8) }, status: 'final', subject: { reference: 'Patient/p2' }, prediction: [{ probabilityDecimal: 0.8 }] },
  { resourceType: 'Questionnaire', id: 'q1', meta: { lastUpdated: lu(8) }, status: 'active', url: 'http://example.org/fhir/Questionnaire/phq9' },
  { resourceType: 'Questionnaire', id: 'q2', meta: { lastUpdated: lu(8) }, status: 'active', url: 'http://example.org/fhir/Questionnaire/gad7' },
  { resourceType: 'Questionnaire', id: 'q3', meta: { lastUpdated: lu(8) }, status: 'draft', url: 'http://other.org/q' },
  { resourceType: 'Provenance', id: 'prov1', meta: { lastUpdated: lu(9) }, target: [{ reference: 'Patient/p1' }], recorded: '2024-01-01T00:00:00Z', agent: [{ who: { reference: 'Practitioner/pr1' } }] },
];

/** A deleted patient that must never match. */
export const DELETED: Resource = { resourceType: 'Patient', id: 'pdel', gender: 'male', name: [{ family: 'Hansen' }], identifier: [{ system: 'urn:sys1', value: '222' }] };

export async function loadFixtures(db: Db): Promise<void> {
  for (const r of FIXTURES) await insertResource(db, r);
  await insertResource(db, DELETED, { deleted: true });
}

/** Runs a search given as a query string; strict handling unless told. */
export function search(db: Db, type: string, query: string, handling: 'strict' | 'lenient' = 'strict'): Promise<SearchResult> {
  return executeSearch(db, { resourceType: type, params: [...new URLSearchParams(query)], baseUrl: BASE, handling });
}

/** The ids of the matches, in result order. */
export function matchIds(r: SearchResult): string[] {
  return r.entries.filter((e) => e.mode === 'match').map((e) => e.id);
}

/** The ids of the matches, sorted (for filters whose order is not under test). */
export async function ids(db: Db, type: string, query: string): Promise<string[]> {
  return matchIds(await search(db, type, query)).sort();
}
