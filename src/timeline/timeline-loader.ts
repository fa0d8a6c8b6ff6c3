/**
 * Loads one patient's timeline through the caller's repository (I/O only; the mapping is pure): the
 * patient is read first (403/404, audited), then each record type in the window, then the directory
 * the sectors are decided from (organisations and their parents, roles, care teams), the contacts
 * records point at and the questionnaires answered. Access control filters every search, so what a
 * caller may not see (a psychiatric stay for somatic staff) is simply not there: the timeline neither
 * shows it nor says how much is withheld.
 */
import type { CareTeam, Encounter, Organization, PractitionerRole, Questionnaire, Resource } from '@medplum/fhirtypes';
import { ALARM_CATEGORY } from '../devices/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { refId, searchResources } from '../logistics/index.ts';
import type { TimelineResult } from './api-types.ts';
import type { TimelineContext } from './entry-parts.ts';
import { toTimelineEntries, type TimelineType } from './timeline-entries.ts';
import { selectEntries, type TimelineQuery } from './timeline-query.ts';

/** The most of one type read for one timeline (newest first); more in the window makes the result `truncated`. */
export const PER_TYPE = 1000;
const ID_CHUNK = 100;
const DEVICE_ALARM = `${ALARM_CATEGORY.system}|${ALARM_CATEGORY.code}`;

/** Each type's search: its date parameter (absent: the window is applied after reading) and fixed filters. */
const SEARCHES: Readonly<Record<TimelineType, { readonly date?: string; readonly sort: string; readonly params?: readonly [string, string][] }>> = {
  Encounter: { date: 'date', sort: '-date' },
  EpisodeOfCare: { date: 'date', sort: '-date' },
  Composition: { date: 'date', sort: '-date' },
  DiagnosticReport: { date: 'date', sort: '-date' },
  Observation: { date: 'date', sort: '-date', params: [['category', 'laboratory,imaging,exam,procedure']] },
  DocumentReference: { date: 'date', sort: '-date' },
  QuestionnaireResponse: { date: 'authored', sort: '-authored' },
  // MedCom messages carry their time in the payload, not in `sent`: read newest first, the window applied after.
  Communication: { sort: '-_lastUpdated', params: [['category:not', DEVICE_ALARM]] },
};

export async function loadTimeline(repo: FhirRepository, patientId: string, query: TimelineQuery, now: Date): Promise<TimelineResult> {
  await repo.read('Patient', patientId); // 403/404 as an OperationOutcome; audited
  let capped = false;
  const perType = await Promise.all(
    (Object.keys(SEARCHES) as TimelineType[]).map(async (type) => {
      const spec = SEARCHES[type];
      const params: [string, string][] = [['patient', `Patient/${patientId}`], ...(spec.params ?? []), ['_sort', spec.sort], ['_count', String(PER_TYPE)]];
      if (spec.date && query.from) params.push([spec.date, `ge${query.from}`]);
      if (spec.date && query.to) params.push([spec.date, `le${query.to}`]);
      const found = await searchResources(repo, type, params);
      if (found.length >= PER_TYPE) capped = true;
      return found;
    }),
  );
  const resources = perType.flat();
  const context = await loadContext(repo, resources);
  const selected = selectEntries(toTimelineEntries(resources, context), query);
  return {
    patientId,
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    entries: selected.entries,
    counts: selected.counts,
    total: selected.total,
    truncated: selected.truncated || capped,
    limit: query.limit,
    generatedAt: now.toISOString(),
  };
}

/** Every `Type/id` reference of the given types anywhere in the resources. */
export function referencedIds(resources: readonly unknown[], types: readonly string[]): Map<string, Set<string>> {
  const out = new Map(types.map((t) => [t, new Set<string>()]));
  const walk = (value: unknown, depth: number) => {
    if (depth > 12 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v) => walk(v, depth + 1));
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') {
        const [type, id, extra] = v.split('/');
        if (type && id && extra === undefined) out.get(type)?.add(id);
      } else if (typeof v === 'object') walk(v, depth + 1);
    }
  };
  resources.forEach((r) => walk(r, 0));
  return out;
}

async function byIds<T extends Resource>(repo: FhirRepository, type: string, ids: Iterable<string>): Promise<T[]> {
  const all = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < all.length; i += ID_CHUNK) out.push(...(await searchResources<T>(repo, type, [['_id', all.slice(i, i + ID_CHUNK).join(',')]])));
  return out;
}

async function loadContext(repo: FhirRepository, resources: readonly Resource[]): Promise<TimelineContext> {
  const refs = referencedIds(resources, ['Organization', 'PractitionerRole', 'CareTeam', 'Encounter']);
  const encounters = new Map(resources.filter((r): r is Encounter => r.resourceType === 'Encounter' && !!r.id).map((e) => [e.id!, e]));
  const missingEncounters = [...refs.get('Encounter')!].filter((id) => !encounters.has(id));
  const [roles, teams, more] = await Promise.all([
    byIds<PractitionerRole>(repo, 'PractitionerRole', refs.get('PractitionerRole')!),
    byIds<CareTeam>(repo, 'CareTeam', refs.get('CareTeam')!),
    byIds<Encounter>(repo, 'Encounter', missingEncounters),
  ]);
  for (const e of more) encounters.set(e.id!, e);

  const organizations = new Map<string, Organization>();
  let wanted = new Set([...refs.get('Organization')!, ...referencedIds([...roles, ...teams, ...more], ['Organization']).get('Organization')!]);
  for (let round = 0; round < 5 && wanted.size > 0; round++) {
    const found = await byIds<Organization>(repo, 'Organization', wanted);
    found.forEach((o) => organizations.set(o.id!, o));
    wanted = new Set(found.map((o) => refId(o.partOf, 'Organization')).filter((id): id is string => !!id && !organizations.has(id)));
  }

  const canonicals = [...new Set(resources.flatMap((r) => (r.resourceType === 'QuestionnaireResponse' && r.questionnaire ? [r.questionnaire.split('|')[0]!] : [])))];
  const questionnaires = new Map<string, Questionnaire>();
  if (canonicals.length > 0) {
    const found = await searchResources<Questionnaire>(repo, 'Questionnaire', [['url', canonicals.slice(0, ID_CHUNK).join(',')]]);
    for (const q of found) if (q.url) questionnaires.set(q.url, q);
  }
  return {
    organizations,
    practitionerRoles: new Map(roles.map((r) => [r.id!, r])),
    careTeams: new Map(teams.map((t) => [t.id!, t])),
    encounters,
    questionnaires,
  };
}
