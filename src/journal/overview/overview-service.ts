/**
 * Loads one patient's record for the overview through the CALLER's repository (access control and
 * audit apply to every search) and builds it; records the visit for "Nyt siden sidst". I/O only:
 * the sections are built by the pure builders (build-overview.ts).
 */
import type {
  AllergyIntolerance, Condition, DiagnosticReport, Encounter, MedicationRequest, MedicationStatement, Observation, Resource, ServiceRequest,
} from '@medplum/fhirtypes';
import type { FhirRepository } from '../../fhir/repository/index.ts';
import { searchResources, type Caller } from '../../logistics/index.ts';
import type { JournalOverview } from '../api-types.ts';
import { buildOverview } from './build-overview.ts';
import { MAX_NEW_ITEMS } from './new-since-last-visit.ts';
import type { OverviewInput } from './overview-input.ts';
import { isRetired, textDocument } from './text-documents.ts';
import { EARLY_WARNING_CODES, VITAL_SIGNS } from './vitals.ts';
import { lastOpenedAt, recordVisit } from './visit-store.ts';

const PAGE = 1000;
/** Types whose changes "Nyt siden sidst" lists, with their patient search parameter. */
const CHANGE_TYPES: readonly [string, string][] = [
  ['Observation', 'subject'], ['Condition', 'subject'], ['AllergyIntolerance', 'patient'], ['MedicationStatement', 'subject'], ['MedicationRequest', 'subject'],
  ['ServiceRequest', 'subject'], ['DiagnosticReport', 'subject'], ['Composition', 'subject'], ['DocumentReference', 'subject'], ['Encounter', 'subject'],
];

/** Every match of a search, page by page. */
export async function searchAll<T extends Resource>(repo: FhirRepository, resourceType: string, params: [string, string][], max = 20_000): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; offset < max; offset += PAGE) {
    const result = await repo.search({ resourceType, params: [...params, ['_count', String(PAGE)], ...(offset ? [['_offset', String(offset)] as [string, string]] : [])], baseUrl: '', handling: 'strict' });
    const matches = result.entries.filter((e) => e.mode === 'match');
    out.push(...matches.map((e) => JSON.parse(e.json) as T));
    if (matches.length < PAGE) break;
  }
  return out;
}

/** Reads what the overview is built from, as the caller may see it. */
export async function loadOverviewInput(repo: FhirRepository, patientId: string, now: Date, lastOpened?: string): Promise<OverviewInput> {
  const subject: [string, string] = ['subject', `Patient/${patientId}`];
  const [allergies, medicationStatements, medicationRequests, conditions, encounters, serviceRequests, compositions, documentReferences, reports, vitals, earlyWarningScores] = await Promise.all([
    searchAll<AllergyIntolerance>(repo, 'AllergyIntolerance', [['patient', `Patient/${patientId}`]]),
    searchAll<MedicationStatement>(repo, 'MedicationStatement', [subject]),
    searchAll<MedicationRequest>(repo, 'MedicationRequest', [subject]),
    searchAll<Condition>(repo, 'Condition', [subject]),
    searchResources<Encounter>(repo, 'Encounter', [subject, ['_sort', '-date'], ['_count', '10']]),
    searchAll<ServiceRequest>(repo, 'ServiceRequest', [subject, ['status', 'active']]),
    searchAll(repo, 'Composition', [subject]),
    searchAll(repo, 'DocumentReference', [subject]),
    searchAll<DiagnosticReport>(repo, 'DiagnosticReport', [subject]),
    Promise.all(VITAL_SIGNS.map((v) => searchResources<Observation>(repo, 'Observation', [subject, ['code', `http://loinc.org|${v.code}`], ['status', 'final'], ['_sort', '-date'], ['_count', '3']]))).then((x) => x.flat()),
    searchResources<Observation>(repo, 'Observation', [subject, ['code', EARLY_WARNING_CODES.join(',')], ['_sort', '-date'], ['_count', '1']]),
  ]);
  const requestIds = serviceRequests.map((r) => r.id!).filter(Boolean);
  const basedOn: [string, string] = ['based-on', requestIds.map((id) => `ServiceRequest/${id}`).join(',')];
  const results = requestIds.length
    ? [...reports.filter((r) => r.basedOn?.length), ...(await searchAll<Observation>(repo, 'Observation', [basedOn]))]
    : [];
  const changedSinceLastVisit = lastOpened
    ? (await Promise.all(CHANGE_TYPES.map(([type, param]) => searchResources(repo, type, [[param, `Patient/${patientId}`], ['_lastUpdated', `gt${lastOpened}`], ['_sort', '-_lastUpdated'], ['_count', String(MAX_NEW_ITEMS)]])))).flat()
    : [];
  const documents = [...compositions, ...documentReferences, ...reports].filter((r) => !isRetired(r)).map(textDocument).filter((d) => d !== undefined);
  return {
    patientId, now, ...(lastOpened ? { lastOpened } : {}),
    allergies, medicationStatements, medicationRequests, conditions, vitals, earlyWarningScores, encounters, serviceRequests, results, documents, changedSinceLastVisit,
  };
}

/** The overview of one patient for the caller (403/404 first when the caller may not read the patient); the visit is recorded after building. */
export async function overviewFor(caller: Caller, patientId: string, now: Date): Promise<JournalOverview> {
  const started = performance.now();
  await caller.repo.read('Patient', patientId); // 403/404 as an OperationOutcome; audited
  const user = { issuer: caller.principal.issuer, subject: caller.principal.subject };
  const lastOpened = await lastOpenedAt(caller.repo.db, user, patientId);
  const input = await loadOverviewInput(caller.repo, patientId, now, lastOpened);
  const overview = buildOverview(input);
  const result = { ...overview, buildMs: Math.round((performance.now() - started) * 10) / 10 };
  await recordVisit(caller.repo.db, user, patientId, now);
  return result;
}
