/**
 * The boards' read side: which wards there are, a ward board, the bed overview, the emergency
 * board and service-task lists, each loaded through the caller's repository and derived by the
 * pure domain functions.
 */
import type { Location, Organization, Task } from '@medplum/fhirtypes';
import { badRequest, FhirError, IssueType, notFound } from '../errors/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import type { BedOverview, EdBoard, ResolvedTemplate, ServiceTaskView, TaskList, WardBoard, WardList, WardSummary } from './api-types.ts';
import {
  bedOverview, deriveEdBoard, deriveWardBoard, displayName, projectRow, refId, resolveTemplate, STANDARD_TEMPLATES, tailorTemplate, taskDestination,
  type BoardTemplate, type CapacityRules, type WardTailoring,
} from './domain/index.ts';
import { BOARD_TAILORING_EXTENSION, BOARD_TEMPLATE_EXTENSION, EMERGENCY_ROOM_TYPE, LOCATION_PHYSICAL_TYPE_SYSTEM, NameDisplay, PhysicalType, TASK_KIND_SYSTEM, type TaskKind, type TaskStatus } from './model.ts';
import { loadEdSnapshot, loadHospitalSnapshot, loadPlaces, loadWardSnapshot, searchResources } from './snapshot-loader.ts';


export type Screen = 'wall' | 'list' | 'phone';

export interface BoardServiceOptions {
  /** The unfiltered repository: the bed overview counts every stay (numbers only, no patient shown). */
  readonly repo: FhirRepository;
  readonly rules: CapacityRules;
  readonly now: () => Date;
}

export const isWard = (l: Location) => l.physicalType?.coding?.some((c) => c.system === LOCATION_PHYSICAL_TYPE_SYSTEM && c.code === PhysicalType.ward) ?? false;
const isEmergency = (l: Location) => l.type?.some((t) => t.coding?.some((c) => c.system === EMERGENCY_ROOM_TYPE.system && c.code === EMERGENCY_ROOM_TYPE.code)) ?? false;
const extensionText = (l: Location, url: string) => l.extension?.find((x) => x.url === url)?.valueString;

export class BoardService {
  readonly #o: BoardServiceOptions;

  constructor(options: BoardServiceOptions) {
    this.#o = options;
  }

  /** The wards (ward Locations) with their unit and board template. */
  async wards(repo: FhirRepository): Promise<WardList> {
    const { locations, organizations } = await loadPlaces(repo);
    const wards = locations.filter((l) => isWard(l) && l.status !== 'inactive').map((l) => wardSummary(l, organizations));
    wards.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, 'da') : a.kind === 'emergency' ? -1 : 1));
    return { wards };
  }

  async wardBoard(repo: FhirRepository, wardId: string, screen: Screen, publicScreen: boolean): Promise<WardBoard> {
    const now = this.#o.now();
    const snapshot = await loadWardSnapshot(repo, wardId, now);
    const ward = snapshot.locations.find((l) => l.id === wardId && isWard(l));
    if (!ward) throw notFound(`Ward Location/${wardId}`);
    const summary = wardSummary(ward, snapshot.organizations);
    const template = resolveTemplate(this.#templateOf(ward), screen, publicScreen);
    const names = template.names === NameDisplay.initials ? NameDisplay.initials : NameDisplay.full;
    const { rows, capacity } = deriveWardBoard(snapshot, wardId, { names, now, rules: this.#o.rules });
    // What the screen's columns do not show is not sent either.
    const columns = template.columns.map((c) => c.id);
    return { ward: summary, template, rows: rows.map((r) => projectRow(r, columns)), capacity, generatedAt: now.toISOString() };
  }

  /** Occupancy per ward by the capacity rules, from every open stay (counts only). */
  async bedOverview(): Promise<BedOverview> {
    const now = this.#o.now();
    const snapshot = await loadHospitalSnapshot(this.#o.repo, now);
    const overview = bedOverview(snapshot, this.#o.rules, now);
    return { ...overview, generatedAt: now.toISOString() };
  }

  /** The emergency department's board (the first ward typed ER), through the caller's access. */
  async edBoard(repo: FhirRepository): Promise<EdBoard> {
    const now = this.#o.now();
    const { locations } = await loadPlaces(repo);
    const ed = locations.find((l) => isWard(l) && isEmergency(l));
    const unitId = refId(ed?.managingOrganization, 'Organization');
    if (!unitId) throw notFound('An emergency department (a ward Location typed ER with its managingOrganization)');
    return deriveEdBoard(await loadEdSnapshot(repo, unitId, now), unitId, now);
  }

  /** Open service tasks for a staff group (and today's finished ones), newest first. */
  async tasks(repo: FhirRepository, group: string | undefined, wardId: string | undefined): Promise<TaskList> {
    const now = this.#o.now();
    const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
    const params: [string, string][] = [['modified', `ge${since}`], ['_include', 'Task:subject'], ['_include', 'Task:focus']];
    if (group) params.push(['performer', group]);
    const [found, places] = await Promise.all([searchResources(repo, 'Task', params), loadPlaces(repo)]);
    const tasks = found.filter((r): r is Task => r.resourceType === 'Task' && isServiceTask(r));
    const included = new Map(found.filter((r) => r.resourceType !== 'Task').map((r) => [`${r.resourceType}/${r.id}`, r]));
    const views = tasks.map((t) => taskView(t, included, places.locations)).filter((v) => !wardId || v.ward?.id === wardId);
    views.sort((a, b) => b.authoredOn.localeCompare(a.authoredOn));
    return { tasks: views, generatedAt: now.toISOString() };
  }

  /**
   * A ward's tailoring of its template, checked against what the template allows, then kept on the
   * ward Location (its history says who changed what when). Only roles that may edit Locations.
   */
  async tailor(repo: FhirRepository, wardId: string, tailoring: WardTailoring): Promise<ResolvedTemplate> {
    const template = STANDARD_TEMPLATES.find((t) => t.id === tailoring.templateId);
    if (!template) throw badRequest(`Unknown template '${String(tailoring.templateId).slice(0, 64)}': one of ${STANDARD_TEMPLATES.map((t) => t.id).join(', ')}`, 'templateId');
    const tailored = tailorTemplate(template, tailoring);
    if ('errors' in tailored) {
      throw new FhirError(400, tailored.errors.map((e) => ({ severity: 'error' as const, code: IssueType.invalid, details: { text: e.message, coding: [{ system: 'https://kerne.dk/fhir/CodeSystem/tailoring-error', code: e.code }] }, ...(e.column ? { expression: [e.column] } : {}) })));
    }
    const stored = await repo.read('Location', wardId);
    const ward = JSON.parse(stored.json!) as Location;
    if (!isWard(ward)) throw notFound(`Ward Location/${wardId}`);
    const { templateId: _, ...rest } = tailoring;
    const extension = [
      ...(ward.extension ?? []).filter((x) => x.url !== BOARD_TEMPLATE_EXTENSION && x.url !== BOARD_TAILORING_EXTENSION),
      { url: BOARD_TEMPLATE_EXTENSION, valueString: template.id },
      ...(Object.keys(rest).length ? [{ url: BOARD_TAILORING_EXTENSION, valueString: JSON.stringify(rest) }] : []),
    ];
    await repo.update({ ...ward, extension }, { ifMatch: stored.versionId });
    return resolveTemplate(tailored, 'list', false);
  }

  #templateOf(ward: Location): BoardTemplate {
    const id = extensionText(ward, BOARD_TEMPLATE_EXTENSION) ?? (isEmergency(ward) ? 'akutmodtagelse' : 'medicinsk-sengeafsnit');
    const template = STANDARD_TEMPLATES.find((t) => t.id === id) ?? STANDARD_TEMPLATES[0]!;
    const tailoring = extensionText(ward, BOARD_TAILORING_EXTENSION);
    if (!tailoring) return template;
    const tailored = tailorTemplate(template, { templateId: template.id, ...(JSON.parse(tailoring) as object) });
    return 'errors' in tailored ? template : tailored;
  }
}

function wardSummary(ward: Location, organizations: readonly Organization[]): WardSummary {
  const unitId = refId(ward.managingOrganization, 'Organization');
  const unit = organizations.find((o) => o.id === unitId);
  return {
    id: ward.id!,
    name: ward.name ?? ward.id!,
    ...(unitId ? { unitId } : {}),
    ...(unit?.name ? { unitName: unit.name } : {}),
    kind: isEmergency(ward) ? 'emergency' : 'ward',
    templateId: extensionText(ward, BOARD_TEMPLATE_EXTENSION) ?? (isEmergency(ward) ? 'akutmodtagelse' : 'medicinsk-sengeafsnit'),
  };
}

const SERVICE_KINDS = new Set<string>(['transport', 'rengoering', 'blodproeve']);
export const kindOf = (t: Task) => t.code?.coding?.find((c) => c.system === TASK_KIND_SYSTEM)?.code as TaskKind | undefined;
export const isServiceTask = (t: Task) => SERVICE_KINDS.has(kindOf(t) ?? '');

/** The ward a Location lies in (itself if a ward), walking partOf. */
export function wardOfLocation(locations: readonly Location[], locationId: string | undefined): Location | undefined {
  const byId = new Map(locations.map((l) => [l.id, l]));
  let current = locationId ? byId.get(locationId) : undefined;
  for (let depth = 0; current && depth < 8; depth++) {
    if (isWard(current)) return current;
    current = byId.get(refId(current.partOf, 'Location'));
  }
  return undefined;
}

export function taskView(t: Task, included: ReadonlyMap<string, unknown>, locations: readonly Location[]): ServiceTaskView {
  const patientRef = t.for?.reference;
  const patient = patientRef ? (included.get(patientRef) as Parameters<typeof displayName>[0] | undefined) : undefined;
  const bedId = t.focus?.reference?.startsWith('Location/') ? t.focus.reference.slice('Location/'.length) : undefined;
  const bed = bedId ? locations.find((l) => l.id === bedId) : undefined;
  const wardRef = refId(t.location, 'Location');
  const ward = wardOfLocation(locations, wardRef ?? bedId);
  return {
    id: t.id!,
    kind: kindOf(t) ?? 'transport',
    status: t.status as TaskStatus,
    ...(t.performerType?.[0]?.coding?.[0]?.code ? { group: t.performerType[0].coding[0].code } : {}),
    ...(t.description ? { description: t.description } : {}),
    ...(t.priority ? { priority: t.priority } : {}),
    ...(patient && patientRef ? { patient: { id: refId(t.for, 'Patient')!, name: displayName(patient) } } : {}),
    ...(ward?.id ? { ward: { id: ward.id, name: ward.name ?? ward.id } } : {}),
    ...(bed?.id ? { bed: { id: bed.id, name: bed.name ?? bed.id } } : {}),
    ...(taskDestination(t) ? { destination: taskDestination(t)! } : {}),
    ...(t.owner?.display ? { owner: t.owner.display } : {}),
    authoredOn: t.authoredOn ?? t.meta?.lastUpdated ?? '',
    ...(t.executionPeriod?.start ? { started: t.executionPeriod.start } : {}),
    ...(t.executionPeriod?.end ? { ended: t.executionPeriod.end } : {}),
  };
}
