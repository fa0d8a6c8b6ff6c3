/**
 * /api/vitals behind the routes: a ward's readings waiting for validation, the holding area and
 * alarms, a patient's vitals and scores, manual entry, concern and the doctor's orders and
 * acknowledgements. Reads and writes go through the caller's repository (care relations, audit);
 * scores are computed by the early-warning engine.
 */
import type { Communication, Device, DeviceUseStatement, Encounter, Location, Observation, Patient, ServiceRequest, Task } from '@medplum/fhirtypes';
import { badRequest, conflict, notFound } from '../errors/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { ALARM_CATEGORY, AUTO_FINALISE_EXTENSION, EUI64_SYSTEM, VITAL_SOURCE_SYSTEM, VitalSource, within } from '../devices/index.ts';
import { associationView } from './device-associations.ts';
import type { EarlyWarningService } from '../early-warning/early-warning-service.ts';
import {
  acknowledgeEscalation, ACVPU_SYSTEM, isEscalationError, buildAdjustmentOrder, buildScale2Order, EARLY_WARNING_SYSTEM, EarlyWarningCode,
} from '../early-warning/domain/index.ts';
import { OPEN_ENCOUNTER_STATUSES, refId, searchResources, type Caller } from '../logistics/index.ts';
import type {
  Acvpu, DeviceView, EscalationList, EscalationView, ManualVitals, ManualVitalsResult, PatientPending, PatientVitals, ScoreOrder, ScoreOrderView, ValidationResult, Validation, WardVitals,
} from './api-types.ts';
import { manualObservations } from './manual-observations.ts';
import { requireRole, CHARTING_ROLES, DOCTOR_ROLES } from './roles.ts';
import { actorOf, validateReadings } from './validation.ts';
import { alarmView, escalationView, outsideView, patientRef, readingView, scoreView, type OutsideRow } from './views.ts';

const SCORE_CODES = `${EARLY_WARNING_SYSTEM}|NEWS2,${EARLY_WARNING_SYSTEM}|TOKS`;
const OPEN_TASK = 'requested,received,accepted,in-progress,on-hold';

export interface VitalsServiceDeps {
  /** Kerne's own repository: the holding area (no patient) and device names. */
  readonly repo: FhirRepository;
  readonly engine: EarlyWarningService;
  readonly now?: () => Date;
}

export class VitalsService {
  readonly #repo: FhirRepository;
  readonly #engine: EarlyWarningService;
  readonly #now: () => Date;

  constructor(deps: VitalsServiceDeps) {
    this.#repo = deps.repo;
    this.#engine = deps.engine;
    this.#now = deps.now ?? (() => new Date());
  }

  async wardVitals(caller: Caller, wardId: string): Promise<WardVitals> {
    requireRole(caller.principal, CHARTING_ROLES, 'The vital-signs overview');
    const now = this.#now();
    const locations = await searchResources<Location>(caller.repo, 'Location', []);
    const ward = locations.find((l) => l.id === wardId);
    if (!ward) throw notFound(`Location/${wardId}`);
    const places = placesUnder(locations, wardId);
    const bedNames = new Map(locations.filter((l) => l.id && places.has(l.id)).map((l) => [l.id!, l.name ?? l.id!]));
    // The ward's patients: those in its beds, and those of its unit without a bed yet (as on the board).
    const unit = ward.managingOrganization?.reference;
    const [inPlaces, ofUnit] = await Promise.all([
      searchResources<Encounter | Patient>(caller.repo, 'Encounter', [['location', [...places].map((p) => `Location/${p}`).join(',')], ['status', OPEN_ENCOUNTER_STATUSES], ['_include', 'Encounter:subject']]),
      unit ? searchResources<Encounter | Patient>(caller.repo, 'Encounter', [['service-provider', unit], ['status', OPEN_ENCOUNTER_STATUSES], ['_include', 'Encounter:subject']]) : [],
    ]);
    const stays = [...new Map([...inPlaces, ...ofUnit].map((r) => [`${r.resourceType}/${r.id}`, r])).values()];
    const patients = new Map(stays.filter((r): r is Patient => r.resourceType === 'Patient').map((p) => [p.id!, p]));
    const encounters = stays.filter((r): r is Encounter => r.resourceType === 'Encounter');
    const bedOf = (e: Encounter) => {
      const current = (e.location ?? []).filter((l) => l.status === 'active' || !l.status).map((l) => refId(l.location, 'Location')).find((id) => id && places.has(id));
      return current ? bedNames.get(current) : undefined;
    };
    const patientIds = [...new Set(encounters.map((e) => refId(e.subject, 'Patient')).filter((p): p is string => !!p && patients.has(p)))];
    const subjects = patientIds.map((p) => `Patient/${p}`).join(',');
    const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
    const [pending, scores, recent, escalations, alarms, devices, associations] = await Promise.all([
      patientIds.length ? searchResources<Observation>(caller.repo, 'Observation', [['subject', subjects], ['status', 'preliminary'], ['_tag', `${VITAL_SOURCE_SYSTEM}|${VitalSource.device}`], ['_sort', 'date']]) : [],
      patientIds.length ? searchResources<Observation>(caller.repo, 'Observation', [['subject', subjects], ['code', SCORE_CODES], ['date', `ge${since}`], ['_sort', '-date']]) : [],
      patientIds.length ? searchResources<Observation>(caller.repo, 'Observation', [['subject', subjects], ['code', `${EARLY_WARNING_SYSTEM}|${EarlyWarningCode.acvpu},${EARLY_WARNING_SYSTEM}|${EarlyWarningCode.supplementalOxygen}`], ['date', `ge${since}`], ['_sort', '-date']]) : [],
      patientIds.length ? searchResources<Task>(caller.repo, 'Task', [['patient', subjects], ['code', `${EARLY_WARNING_SYSTEM}|${EarlyWarningCode.escalation}`], ['status', OPEN_TASK]]) : [],
      searchResources<Communication>(this.#repo, 'Communication', [['category', `${ALARM_CATEGORY.system}|${ALARM_CATEGORY.code}`], ['status', 'in-progress']]),
      searchResources<Device>(this.#repo, 'Device', [['location', [...places].map((p) => `Location/${p}`).join(',') || 'Location/none']]),
      patientIds.length ? searchResources<DeviceUseStatement | Device>(caller.repo, 'DeviceUseStatement', [['patient', subjects], ['_include', 'DeviceUseStatement:device']]) : [],
    ]);
    const associated = (associations as (DeviceUseStatement | Device)[]).filter((r): r is DeviceUseStatement => r.resourceType === 'DeviceUseStatement' && r.status === 'active' && within(now.getTime(), r.timingPeriod));
    const mobile = new Map((associations as (DeviceUseStatement | Device)[]).filter((r): r is Device => r.resourceType === 'Device').map((d) => [d.id!, d]));
    const deviceNames = new Map(devices.map((d) => [d.id!, d.deviceName?.[0]?.name ?? d.id!]));
    const wardDevices = new Set(devices.map((d) => d.id!));
    const refOf = (id: string) => {
      const stay = encounters.find((e) => refId(e.subject, 'Patient') === id);
      return patientRef(patients.get(id), id, stay ? bedOf(stay) : undefined);
    };
    const autoFinalise = ward.extension?.some((x) => x.url === AUTO_FINALISE_EXTENSION && x.valueBoolean === true) ?? false;
    const byPatient = (list: readonly Observation[], id: string) => list.filter((o) => refId(o.subject, 'Patient') === id);
    const rows: PatientPending[] = patientIds.map((id) => {
      const latest = byPatient(scores, id)[0];
      const own = byPatient(recent, id);
      const consciousness = own.find((o) => o.code.coding?.some((c) => c.code === EarlyWarningCode.acvpu))?.valueCodeableConcept?.coding?.find((c) => c.system === ACVPU_SYSTEM)?.code as Acvpu | undefined;
      const oxygen = own.find((o) => o.code.coding?.some((c) => c.code === EarlyWarningCode.supplementalOxygen))?.valueBoolean;
      const stay = encounters.find((e) => refId(e.subject, 'Patient') === id);
      const score = latest ? scoreView(latest, now) : undefined;
      return {
        patient: refOf(id),
        ...(stay?.id ? { encounterId: stay.id } : {}),
        readings: byPatient(pending, id).map((o) => readingView(o, deviceNames)).filter((r) => r !== undefined),
        ...(score ? { latestScore: score } : {}),
        ...(consciousness ? { lastConsciousness: consciousness } : {}),
        ...(oxygen !== undefined ? { lastSupplementalOxygen: oxygen } : {}),
        autoFinalise,
      };
    });
    rows.sort((a, b) => (a.patient.bed ?? '').localeCompare(b.patient.bed ?? '', 'da', { numeric: true }));
    const outside = await this.#repo.db.query<OutsideRow>(
      `SELECT key, state, device_id, observed_at, received_at, bed_id, reading, reason FROM device_reading_outside
        WHERE state IN ('held', 'aside') AND (ward_id = $1 OR device_id = ANY($2::text[])) AND (state = 'held' OR patient_id = ANY($3::text[]))
          AND received_at > now() - interval '24 hours' ORDER BY observed_at DESC LIMIT 500`,
      [wardId, [...wardDevices], patientIds],
    );
    const names = (row: OutsideRow) => ({ ...(deviceNames.get(row.device_id) ? { device: deviceNames.get(row.device_id)! } : {}), ...(row.bed_id && bedNames.get(row.bed_id) ? { bed: bedNames.get(row.bed_id)! } : {}) });
    return {
      wardId,
      patients: rows,
      held: outside.filter((r) => r.state === 'held').map((r) => outsideView(r, names(r))),
      aside: outside.filter((r) => r.state === 'aside').map((r) => outsideView(r, names(r))),
      alarms: alarms
        .filter((a) => wardDevices.has(refId(a.about?.[0], 'Device') ?? '') || patientIds.includes(refId(a.subject, 'Patient') ?? ''))
        .filter((a) => !a.subject || patientIds.includes(refId(a.subject, 'Patient') ?? ''))
        .map((a) => alarmView(a, deviceNames, refId(a.subject, 'Patient') ? refOf(refId(a.subject, 'Patient')!) : undefined)),
      escalations: escalations.map((t) => escalationView(t, refOf(refId(t.for, 'Patient') ?? ''), now)).filter((e): e is EscalationView => e !== undefined),
      devices: [
        ...devices.map((d) => deviceView(d, bedNames.get(refId(d.location, 'Location') ?? ''))),
        ...associated.flatMap((a) => {
          const device = mobile.get(refId(a.device, 'Device') ?? '');
          const patient = refId(a.subject, 'Patient') ?? '';
          return device ? [deviceView(device, undefined, { ...associationView(a), patientName: refOf(patient).name })] : [];
        }),
      ],
      generatedAt: now.toISOString(),
    };
  }

  /** A device by the code on its label (a scanned or typed EUI-64 or serial number). */
  async deviceByCode(caller: Caller, code: string): Promise<DeviceView> {
    requireRole(caller.principal, CHARTING_ROLES, 'Looking up a device');
    const clean = code.trim().replace(/[-:\s]/g, '');
    const eui64 = /^[0-9A-Fa-f]{16}$/.test(clean) ? clean.toUpperCase() : undefined;
    const [device] = await searchResources<Device>(this.#repo, 'Device', [['identifier', eui64 ? `${EUI64_SYSTEM}|${eui64}` : code.trim()]]);
    if (!device) throw notFound(`A device with the code '${code.slice(0, 40)}'`);
    const now = this.#now();
    const statements = await searchResources<DeviceUseStatement>(caller.repo, 'DeviceUseStatement', [['device', `Device/${device.id}`]]);
    const current = statements.find((a) => a.status === 'active' && within(now.getTime(), a.timingPeriod));
    return deviceView(device, undefined, current ? associationView(current) : undefined);
  }

  async validate(caller: Caller, input: Validation): Promise<ValidationResult> {
    requireRole(caller.principal, CHARTING_ROLES, 'Validating device readings');
    const now = this.#now();
    const outcome = await validateReadings(caller, input, now);
    const scores = [];
    for (const patient of outcome.patients) {
      const evaluation = await this.#engine.evaluate(this.#repo, patient);
      const view = evaluation.score ? scoreView(evaluation.score, now) : undefined;
      if (view) scores.push(view);
    }
    return { accepted: outcome.accepted, rejected: outcome.rejected, corrected: outcome.corrected, ...(outcome.provenanceIds[0] ? { provenanceId: outcome.provenanceIds[0] } : {}), scores };
  }

  async manual(caller: Caller, patientId: string, input: ManualVitals): Promise<ManualVitalsResult> {
    requireRole(caller.principal, CHARTING_ROLES, 'Charting vital signs');
    const now = this.#now();
    const at = input.at ?? now.toISOString();
    if (Date.parse(at) > now.getTime() + 5 * 60_000) throw badRequest('The time of the measurement is in the future', 'at');
    const repo = caller.repo;
    const ids = await repo.transaction(async (ctx) => {
      await repo.read('Patient', patientId, ctx.q);
      const [stay] = await searchResources<Encounter>(repo, 'Encounter', [['subject', `Patient/${patientId}`], ['status', OPEN_ENCOUNTER_STATUSES]], ctx.q);
      const actor = actorOf(caller);
      const written = [];
      for (const obs of manualObservations(input, { patientId, ...(stay?.id ? { encounterId: stay.id } : {}), ...(actor ? { performer: actor } : {}), at, issued: now.toISOString() })) {
        written.push((await repo.createIn(ctx, obs)).stored.id);
      }
      return written;
    });
    const evaluation = await this.#engine.evaluate(this.#repo, patientId);
    const score = evaluation.score ? scoreView(evaluation.score, now) : undefined;
    return {
      observationIds: ids,
      ...(score ? { score } : {}),
      ...(evaluation.result.status === 'incomplete' ? { incomplete: evaluation.result.missing } : {}),
      ...(evaluation.result.status === 'refused' ? { incomplete: [evaluation.result.reason] } : {}),
    };
  }

  async concern(caller: Caller, patientId: string, note: string | undefined): Promise<PatientVitals> {
    requireRole(caller.principal, CHARTING_ROLES, 'Recording concern');
    const now = this.#now();
    const actor = actorOf(caller);
    const [stay] = await searchResources<Encounter>(caller.repo, 'Encounter', [['subject', `Patient/${patientId}`], ['status', OPEN_ENCOUNTER_STATUSES]]);
    const [obs] = manualObservations({ concern: true }, { patientId, ...(stay?.id ? { encounterId: stay.id } : {}), ...(actor ? { performer: actor } : {}), at: now.toISOString(), issued: now.toISOString() });
    await caller.repo.create({ ...obs!, ...(note ? { note: [{ text: note }] } : {}) });
    await this.#engine.evaluate(this.#repo, patientId);
    return this.patient(caller, patientId);
  }

  async order(caller: Caller, patientId: string, input: ScoreOrder): Promise<PatientVitals> {
    requireRole(caller.principal, DOCTOR_ROLES, 'An order on the early-warning score');
    const now = this.#now();
    if (Date.parse(input.expires) <= now.getTime()) throw badRequest('The order must expire in the future', 'expires');
    await caller.repo.read('Patient', patientId);
    const author = caller.principal.fhirUser ?? caller.principal.display;
    const common = { reason: input.reason, expires: input.expires, author, authoredOn: now.toISOString() };
    const order: ServiceRequest = input.kind === 'spo2-scale-2'
      ? buildScale2Order({ patient: `Patient/${patientId}`, order: common })
      : buildAdjustmentOrder({
          patient: `Patient/${patientId}`,
          adjustment: { ...common, ...(input.parameters ? { parameters: input.parameters as never } : {}), ...(input.monitoringMinutes ? { monitoringMinutes: input.monitoringMinutes } : {}) },
        });
    await caller.repo.create(order);
    await this.#engine.evaluate(this.#repo, patientId);
    return this.patient(caller, patientId);
  }

  async patient(caller: Caller, patientId: string): Promise<PatientVitals> {
    const now = this.#now();
    const stored = await caller.repo.read('Patient', patientId);
    const patient = JSON.parse(stored.json!) as Patient;
    const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
    const [observations, orders, escalations] = await Promise.all([
      searchResources<Observation>(caller.repo, 'Observation', [['subject', `Patient/${patientId}`], ['date', `ge${since}`], ['_sort', '-date']]),
      searchResources<ServiceRequest>(caller.repo, 'ServiceRequest', [['subject', `Patient/${patientId}`], ['code', `${EARLY_WARNING_SYSTEM}|${EarlyWarningCode.spo2Scale2},${EARLY_WARNING_SYSTEM}|${EarlyWarningCode.adjustedThresholds}`]]),
      searchResources<Task>(caller.repo, 'Task', [['patient', `Patient/${patientId}`], ['code', `${EARLY_WARNING_SYSTEM}|${EarlyWarningCode.escalation}`], ['_sort', '-authored-on']]),
    ]);
    const ref = patientRef(patient, patientId);
    const isScore = (o: Observation) => o.code.coding?.some((c) => c.system === EARLY_WARNING_SYSTEM && (c.code === 'NEWS2' || c.code === 'TOKS'));
    const scores = observations.filter(isScore).map((o) => scoreView(o, now)).filter((s) => s !== undefined);
    return {
      patient: ref,
      ...(scores[0] ? { latestScore: scores[0] } : {}),
      scores,
      readings: observations.filter((o) => !isScore(o)).map((o) => readingView(o)).filter((r) => r !== undefined).slice(0, 200),
      orders: orders.map((o) => orderView(o, now)).filter((o): o is ScoreOrderView => o !== undefined),
      escalations: escalations.map((t) => escalationView(t, ref, now)).filter((e): e is EscalationView => e !== undefined),
    };
  }

  async escalations(caller: Caller, wardId: string | undefined): Promise<EscalationList> {
    requireRole(caller.principal, CHARTING_ROLES, 'The escalation list');
    const now = this.#now();
    const params: [string, string][] = [['code', `${EARLY_WARNING_SYSTEM}|${EarlyWarningCode.escalation}`], ['status', OPEN_TASK], ['_include', 'Task:patient']];
    let unit: string | undefined;
    if (wardId) {
      const [ward] = await searchResources<Location>(caller.repo, 'Location', [['_id', wardId]]);
      if (!ward) throw notFound(`Location/${wardId}`);
      unit = ward.managingOrganization?.reference;
    }
    // The ward's escalations: those addressed to its unit (Task.restriction.recipient).
    const inUnit = (t: Task) => !unit || (t.restriction?.recipient ?? []).some((r) => r.reference === unit);
    const found = (await searchResources<Task | Patient>(caller.repo, 'Task', params)).filter((r) => r.resourceType !== 'Task' || inUnit(r));
    const patients = new Map(found.filter((r): r is Patient => r.resourceType === 'Patient').map((p) => [p.id!, p]));
    const views = found
      .filter((r): r is Task => r.resourceType === 'Task')
      .map((t) => {
        const id = refId(t.for, 'Patient') ?? '';
        return escalationView(t, patientRef(patients.get(id), id), now);
      })
      .filter((e): e is EscalationView => e !== undefined);
    const rank = { emergency: 0, urgent: 1, red: 2, concern: 3 } as const;
    views.sort((a, b) => rank[a.level] - rank[b.level] || a.authoredOn.localeCompare(b.authoredOn));
    return { escalations: views, generatedAt: now.toISOString() };
  }

  async acknowledge(caller: Caller, taskId: string, note: string | undefined): Promise<EscalationView> {
    requireRole(caller.principal, DOCTOR_ROLES, 'Acknowledging an escalation');
    const now = this.#now();
    const repo = caller.repo;
    const task = await repo.transaction(async (ctx) => {
      const stored = await repo.read('Task', taskId, ctx.q);
      const current = JSON.parse(stored.json!) as Task;
      if (!current.code?.coding?.some((c) => c.system === EARLY_WARNING_SYSTEM && c.code === EarlyWarningCode.escalation)) throw badRequest(`Task/${taskId} is not an escalation`, 'taskId');
      if (current.status === 'completed' || current.status === 'cancelled') throw conflict(`Task/${taskId} has already been ${current.status === 'completed' ? 'acknowledged' : 'cancelled'}`);
      const next = acknowledgeEscalation(current, { practitioner: caller.principal.fhirUser ?? caller.principal.display, now, ...(note ? { note } : {}) });
      if (isEscalationError(next)) throw conflict(next.error);
      return (await repo.updateIn(ctx, next, { ifMatch: stored.versionId })).resource as Task;
    });
    const id = refId(task.for, 'Patient') ?? '';
    const patient = await repo.read('Patient', id).then((s) => JSON.parse(s.json!) as Patient).catch(() => undefined);
    return escalationView(task, patientRef(patient, id), now)!;
  }
}

/** A ward's places (the ward, its rooms and beds) by id. */
export function placesUnder(locations: readonly Location[], wardId: string): Set<string> {
  const out = new Set<string>([wardId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const l of locations) {
      const parent = refId(l.partOf, 'Location');
      if (l.id && parent && out.has(parent) && !out.has(l.id)) {
        out.add(l.id);
        grew = true;
      }
    }
  }
  return out;
}

function deviceView(d: Device, bed: string | undefined, association?: DeviceView['association']): DeviceView {
  const code = d.identifier?.[0]?.value;
  const name = d.deviceName?.[0]?.name;
  return { id: d.id!, ...(name ? { name } : {}), ...(code ? { code } : {}), kind: d.location ? 'fixed' : 'mobile', ...(bed ? { bed } : {}), ...(association ? { association } : {}) };
}

function orderView(sr: ServiceRequest, now: Date): ScoreOrderView | undefined {
  const code = sr.code?.coding?.find((c) => c.system === EARLY_WARNING_SYSTEM)?.code;
  if (code !== 'spo2-scale-2' && code !== 'adjusted-thresholds') return undefined;
  const expires = sr.occurrencePeriod?.end ?? '';
  return {
    id: sr.id!,
    kind: code,
    reason: sr.reasonCode?.[0]?.text ?? '',
    expires,
    ...(sr.requester?.display ? { author: sr.requester.display } : {}),
    authoredOn: sr.authoredOn ?? '',
    expired: sr.status !== 'active' || (expires !== '' && Date.parse(expires) < now.getTime()),
  };
}

