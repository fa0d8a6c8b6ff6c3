/**
 * The boards' write side: service tasks, the transfer handshake, admission, discharge and
 * emergency-department activities. Each action reads and writes through the caller's repository
 * (role permissions, care relation, audit) in one transaction, with the version it read as
 * If-Match, so two screens acting at once cannot overwrite each other. The resource changes
 * themselves are built by the pure domain functions.
 */
import type { Encounter, Location, Reference, Resource, Task } from '@medplum/fhirtypes';
import { badRequest, FhirError, IssueType, notFound } from '../errors/index.ts';
import type { FhirRepository, WriteContext } from '../fhir/repository/index.ts';
import type { EdRow, NewAdmission, NewServiceTask, NewTransfer, ServiceTaskView, TransferView } from './api-types.ts';
import { isWard, kindOf, taskView, wardOfLocation } from './board-service.ts';
import type { BoardService } from './board-service.ts';
import {
  admitEncounter, applyTaskAction, refId, applyTransferAction, dischargeEncounter, displayName, edActivityTask, moveEncounter, newServiceTask, newTransferTask,
} from './domain/index.ts';
import type { Caller } from './logistics.plugin.ts';
import { BED_STATUS_SYSTEM, BedStatusCode, ED_ACTIVITY_KINDS, SERVICE_TASK_KINDS, TASK_KIND_SYSTEM, TaskKind, TRIAGE_SYSTEM, type Triage } from './model.ts';
import { loadPlaces } from './snapshot-loader.ts';

export interface LogisticsActionsOptions {
  readonly boards: BoardService;
  /**
   * The unfiltered repository, for bed statuses only: a bed's status follows from the action the
   * caller may take (admit, move, discharge, cleaning done), not from a right to edit Locations.
   */
  readonly repo: FhirRepository;
  readonly now: () => Date;
}

const ref = (r: Resource & { id?: string }, display?: string): Reference => ({ reference: `${r.resourceType}/${r.id}`, ...(display ? { display } : {}) });

export class LogisticsActions {
  readonly #o: LogisticsActionsOptions;

  constructor(options: LogisticsActionsOptions) {
    this.#o = options;
  }

  // ---- service tasks -----------------------------------------------------------------------

  async createTask(c: Caller, input: NewServiceTask): Promise<ServiceTaskView> {
    if (!SERVICE_TASK_KINDS.includes(input.kind)) throw badRequest(`A service task is one of ${SERVICE_TASK_KINDS.join(', ')}`, 'kind');
    if (input.description !== undefined && (typeof input.description !== 'string' || input.description.length > 500)) throw badRequest('The description is text of at most 500 characters', 'description');
    const { locations } = await loadPlaces(c.repo);
    const ward = locations.find((l) => l.id === input.wardId);
    if (!ward) throw badRequest(`Unknown ward '${String(input.wardId).slice(0, 64)}'`, 'wardId');
    const bed = input.bedId ? locations.find((l) => l.id === input.bedId) : undefined;
    if (input.bedId && (!bed || wardOfLocation(locations, bed.id)?.id !== ward.id)) throw badRequest('The bed is not on this ward', 'bedId');
    const encounter = input.encounterId ? await this.#read<Encounter>(c.repo, 'Encounter', input.encounterId) : undefined;
    const task = newServiceTask({
      kind: input.kind,
      now: this.#o.now(),
      ward: ref(ward, ward.name),
      ...(bed ? { bed: ref(bed, bed.name) } : {}),
      ...(encounter ? { encounter: ref(encounter), patient: encounter.subject } : {}),
      ...(input.description ? { description: input.description } : {}),
      ...(input.destination ? { destination: String(input.destination).slice(0, 200) } : {}),
      ...(input.priority ? { priority: input.priority } : {}),
      requester: requesterOf(c),
    });
    const created = await c.repo.create(task);
    return this.#view(c, created.resource as Task, locations);
  }

  async taskAction(c: Caller, id: string, action: 'accept' | 'start' | 'complete' | 'cancel'): Promise<ServiceTaskView> {
    const { locations } = await loadPlaces(c.repo);
    const result = await c.repo.transaction(async (ctx) => {
      const stored = await c.repo.read('Task', id, ctx.q);
      const task = JSON.parse(stored.json!) as Task;
      if (!SERVICE_TASK_KINDS.includes(kindOf(task) ?? ('' as TaskKind))) throw badRequest(`Task/${id} is not a service task`, 'id');
      const next = applyTaskAction(task, action, this.#o.now(), requesterOf(c));
      if ('error' in next) throw new FhirError(409, IssueType.conflict, next.error);
      const written = await c.repo.updateIn(ctx, next, { ifMatch: stored.versionId });
      // A cleaned bed is free again.
      if (action === 'complete' && kindOf(task) === TaskKind.cleaning) await this.#setBedStatus(ctx, refId(task.focus, 'Location'), BedStatusCode.free);
      return written.resource as Task;
    });
    return this.#view(c, result, locations);
  }

  // ---- transfers ---------------------------------------------------------------------------

  async requestTransfer(c: Caller, input: NewTransfer): Promise<TransferView> {
    if (typeof input.report !== 'string' || input.report.trim().length < 3 || input.report.length > 4000) throw badRequest('Write a report for the receiving ward (3 to 4,000 characters)', 'report');
    const encounter = await this.#read<Encounter>(c.repo, 'Encounter', input.encounterId);
    if (!['arrived', 'triaged', 'in-progress'].includes(encounter.status)) throw badRequest(`Encounter/${encounter.id} is ${encounter.status}: only a current stay can be transferred`, 'encounterId');
    const { locations } = await loadPlaces(c.repo);
    const toWard = locations.find((l) => l.id === input.toWardId);
    const toUnit = toWard?.managingOrganization;
    if (!toWard || !toUnit?.reference) throw badRequest(`Unknown ward '${String(input.toWardId).slice(0, 64)}' (or it has no managing unit)`, 'toWardId');
    if (!encounter.serviceProvider?.reference) throw badRequest(`Encounter/${encounter.id} has no responsible unit (serviceProvider)`, 'encounterId');
    if (encounter.serviceProvider.reference === toUnit.reference) throw badRequest('The patient is already in that unit', 'toWardId');
    const task = newTransferTask({ encounter: ref(encounter), patient: encounter.subject!, from: encounter.serviceProvider, to: toUnit, toWard: ref(toWard, toWard.name), report: input.report.trim(), now: this.#o.now(), sentBy: requesterOf(c) });
    const created = await c.repo.create(task);
    return this.#transferView(c, created.resource as Task, encounter, locations);
  }

  async transferAction(c: Caller, id: string, action: 'accept' | 'reject' | 'assign-bed' | 'move', bedId?: string): Promise<TransferView> {
    const { locations } = await loadPlaces(c.repo);
    const now = this.#o.now();
    const { task, encounter } = await c.repo.transaction(async (ctx) => {
      const stored = await c.repo.read('Task', id, ctx.q);
      const task = JSON.parse(stored.json!) as Task;
      if (kindOf(task) !== TaskKind.transfer) throw badRequest(`Task/${id} is not a transfer`, 'id');
      const encounterId = refId(task.focus, 'Encounter');
      const encStored = encounterId ? await c.repo.read('Encounter', encounterId, ctx.q) : undefined;
      if (!encStored) throw badRequest(`Task/${id} names no Encounter`, 'id');
      let encounter = JSON.parse(encStored.json!) as Encounter;
      let bed: Location | undefined;
      if (action === 'assign-bed') {
        bed = locations.find((l) => l.id === bedId);
        const toWard = refId(task.location, 'Location');
        if (!bed || (toWard && wardOfLocation(locations, bed.id)?.id !== toWard)) throw badRequest('The bed is not on the receiving ward', 'bedId');
      }
      const next = applyTransferAction(task, action, now, bed ? { bed: ref(bed, bed.name) } : undefined);
      if ('error' in next) throw new FhirError(409, IssueType.conflict, next.error);
      const written = await c.repo.updateIn(ctx, next, { ifMatch: stored.versionId });
      if (action === 'move') {
        const bedRef = assignedBed(next);
        if (!bedRef) throw new FhirError(409, IssueType.conflict, 'Assign a bed before the patient is moved');
        const fromBed = activeBed(encounter);
        encounter = moveEncounter(encounter, bedRef, next.owner, now);
        await c.repo.updateIn(ctx, encounter, { ifMatch: encStored.versionId });
        await this.#setBedStatus(ctx, refId(bedRef, 'Location'), BedStatusCode.occupied);
        if (fromBed) await this.#setBedStatus(ctx, fromBed, BedStatusCode.cleaning);
      }
      return { task: written.resource as Task, encounter };
    });
    return this.#transferView(c, task, encounter, locations);
  }

  // ---- admission and discharge -------------------------------------------------------------

  async admit(c: Caller, input: NewAdmission): Promise<{ encounterId: string }> {
    const { locations } = await loadPlaces(c.repo);
    const ward = locations.find((l) => l.id === input.wardId);
    if (!ward?.managingOrganization) throw badRequest(`Unknown ward '${String(input.wardId).slice(0, 64)}' (or it has no managing unit)`, 'wardId');
    const bed = input.bedId ? locations.find((l) => l.id === input.bedId) : undefined;
    if (input.bedId && (!bed || wardOfLocation(locations, bed.id)?.id !== ward.id)) throw badRequest('The bed is not on this ward', 'bedId');
    if (typeof input.patientId !== 'string' || !/^[A-Za-z0-9\-.]{1,64}$/.test(input.patientId)) throw badRequest('Name the patient', 'patientId');
    const encounter = admitEncounter({
      patient: { reference: `Patient/${input.patientId}` },
      unit: ward.managingOrganization,
      ward: ref(ward, ward.name),
      ...(bed ? { bed: ref(bed, bed.name) } : {}),
      class: input.class ?? 'IMP',
      now: this.#o.now(),
      ...(input.expectedDischarge ? { expectedDischarge: input.expectedDischarge } : {}),
      ...(input.complaint ? { complaint: String(input.complaint).slice(0, 200) } : {}),
    });
    const id = await c.repo.transaction(async (ctx) => {
      // The patient must exist; reading them needs no care relation, because the admission to the
      // caller's own unit is what creates it (the guard lets such an Encounter be created).
      await this.#o.repo.read('Patient', input.patientId, ctx.q);
      const created = await c.repo.createIn(ctx, encounter);
      if (bed) await this.#setBedStatus(ctx, bed.id, BedStatusCode.occupied);
      return created.stored.id;
    });
    return { encounterId: id };
  }

  /** Ends the stay: the bed goes to cleaning and a cleaning task is created for it. */
  async discharge(c: Caller, encounterId: string): Promise<{ encounterId: string }> {
    const { locations } = await loadPlaces(c.repo);
    const now = this.#o.now();
    await c.repo.transaction(async (ctx) => {
      const stored = await c.repo.read('Encounter', encounterId, ctx.q);
      const encounter = JSON.parse(stored.json!) as Encounter;
      if (encounter.status === 'finished' || encounter.status === 'cancelled') throw new FhirError(409, IssueType.conflict, `Encounter/${encounterId} is already ${encounter.status}`);
      const bedId = activeBed(encounter);
      await c.repo.updateIn(ctx, dischargeEncounter(encounter, now), { ifMatch: stored.versionId });
      const bed = bedId ? locations.find((l) => l.id === bedId) : undefined;
      const ward = bed ? wardOfLocation(locations, bed.id) : undefined;
      if (bed && ward) {
        await this.#setBedStatus(ctx, bed.id, BedStatusCode.cleaning);
        await c.repo.createIn(ctx, newServiceTask({ kind: TaskKind.cleaning, now, ward: ref(ward, ward.name), bed: ref(bed, bed.name), description: `Rengøring efter udskrivning: ${bed.name ?? ''}`, requester: requesterOf(c) }));
      }
    });
    return { encounterId };
  }

  // ---- emergency department ----------------------------------------------------------------

  async triage(c: Caller, encounterId: string, level: Triage): Promise<EdRow> {
    const now = this.#o.now();
    await c.repo.transaction(async (ctx) => {
      const stored = await c.repo.read('Encounter', encounterId, ctx.q);
      const encounter = JSON.parse(stored.json!) as Encounter;
      const next: Encounter = { ...encounter, priority: { coding: [{ system: TRIAGE_SYSTEM, code: level }] }, ...(encounter.status === 'arrived' ? { status: 'triaged' } : {}) };
      await c.repo.updateIn(ctx, next, { ifMatch: stored.versionId });
      await this.#edTask(c, ctx, next, TaskKind.triage, 'complete', now);
    });
    return this.#edRow(c, encounterId);
  }

  async edActivity(c: Caller, encounterId: string, kind: TaskKind, action: 'start' | 'complete' | 'cancel'): Promise<EdRow> {
    if (!ED_ACTIVITY_KINDS.includes(kind)) throw badRequest(`Unknown activity '${String(kind).slice(0, 40)}': one of ${ED_ACTIVITY_KINDS.join(', ')}`, 'kind');
    const now = this.#o.now();
    await c.repo.transaction(async (ctx) => {
      const encounter = JSON.parse((await c.repo.read('Encounter', encounterId, ctx.q)).json!) as Encounter;
      await this.#edTask(c, ctx, encounter, kind, action, now);
    });
    return this.#edRow(c, encounterId);
  }

  /** The encounter's activity task of `kind`: created when missing, then moved on by `action`. */
  async #edTask(c: Caller, ctx: WriteContext, encounter: Encounter, kind: TaskKind, action: 'start' | 'complete' | 'cancel', now: Date): Promise<void> {
    const found = await c.repo.search({ resourceType: 'Task', params: [['encounter', `Encounter/${encounter.id}`], ['code', `${TASK_KIND_SYSTEM}|${kind}`]], baseUrl: '', handling: 'strict' }, ctx.q);
    const existing = found.entries[0];
    const task = existing ? (JSON.parse(existing.json) as Task) : edActivityTask({ kind, encounter: ref(encounter), patient: encounter.subject!, now, requester: requesterOf(c) });
    let next: Task = task;
    if (action === 'complete' && task.status === 'requested') {
      const started = applyTaskAction(task, 'start', now, requesterOf(c));
      if ('error' in started) throw new FhirError(409, IssueType.conflict, started.error);
      next = started;
    }
    const moved = applyTaskAction(next, action, now, requesterOf(c));
    if ('error' in moved) throw new FhirError(409, IssueType.conflict, moved.error);
    if (existing) await c.repo.updateIn(ctx, moved);
    else await c.repo.createIn(ctx, moved);
  }

  async #edRow(c: Caller, encounterId: string): Promise<EdRow> {
    const board = await this.#o.boards.edBoard(c.repo);
    const row = board.rows.find((r) => r.encounterId === encounterId);
    if (!row) throw notFound(`Encounter/${encounterId} on the emergency board`);
    return row;
  }

  // ---- helpers -----------------------------------------------------------------------------

  async #read<T extends Resource>(repo: FhirRepository, type: T['resourceType'], id: unknown): Promise<T> {
    if (typeof id !== 'string' || !/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw badRequest(`Name the ${type} by its id`, `${type.toLowerCase()}Id`);
    return JSON.parse((await repo.read(type, id)).json!) as T;
  }

  /** Sets a bed's operationalStatus (in the same transaction). */
  async #setBedStatus(ctx: WriteContext, bedId: string | undefined, code: string): Promise<void> {
    if (!bedId) return;
    const repo = this.#o.repo;
    const stored = await repo.read('Location', bedId, ctx.q);
    const bed = JSON.parse(stored.json!) as Location;
    if (bed.operationalStatus?.code === code) return;
    await repo.updateIn(ctx, { ...bed, operationalStatus: { system: BED_STATUS_SYSTEM, code } }, { ifMatch: stored.versionId });
  }

  async #view(c: Caller, task: Task, locations: readonly Location[]): Promise<ServiceTaskView> {
    const included = new Map<string, unknown>();
    const patientId = refId(task.for, 'Patient');
    if (patientId) included.set(`Patient/${patientId}`, JSON.parse((await c.repo.read('Patient', patientId)).json!));
    return taskView(task, included, locations);
  }

  async #transferView(c: Caller, task: Task, encounter: Encounter, locations: readonly Location[]): Promise<TransferView> {
    const patientId = refId(encounter.subject, 'Patient') ?? '';
    const patient = JSON.parse((await c.repo.read('Patient', patientId)).json!) as Parameters<typeof displayName>[0];
    const fromWard = locations.find((l) => l.managingOrganization?.reference === task.requester?.reference && isWard(l));
    const toWard = locations.find((l) => l.id === refId(task.location, 'Location'));
    const bed = assignedBed(task);
    return {
      id: task.id!,
      status: task.status as TransferView['status'],
      encounterId: encounter.id!,
      patient: { id: patientId, name: displayName(patient) },
      from: { wardId: fromWard?.id ?? '', name: fromWard?.name ?? task.requester?.display ?? '' },
      to: { wardId: toWard?.id ?? '', name: toWard?.name ?? task.owner?.display ?? '' },
      ...(task.description ? { report: task.description } : {}),
      ...(bed ? { bed: { id: refId(bed, 'Location') ?? '', name: bed.display ?? '' } } : {}),
      authoredOn: task.authoredOn ?? '',
    };
  }
}

/** The bed assigned in a transfer task (Task.input valueReference). */
const assignedBed = (t: Task): Reference | undefined => t.input?.find((i) => i.valueReference?.reference?.startsWith('Location/'))?.valueReference;
/** The Location id of the encounter's active location. */
const activeBed = (e: Encounter) => refId(e.location?.find((l) => l.status === 'active')?.location, 'Location');

function requesterOf(c: Caller): Reference {
  return c.principal.fhirUser ? { reference: c.principal.fhirUser, display: c.principal.display } : { display: c.principal.display };
}
