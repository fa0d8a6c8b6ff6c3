/**
 * The early-warning engine at work: whenever validated vital signs reach a patient's record (a
 * nurse's validation, a manual entry, an auto-finalising ward's device, or another system writing
 * final Observations through the FHIR API), it selects the freshest complete set, scores it with the
 * ward's rule set and the patient's orders, stores the score (Observation + RiskAssessment, derived
 * from the readings used) and, at the rule set's thresholds or on a nurse's concern, an escalation
 * Task to the doctor. Idempotent: a score's id is derived from its inputs, so two nodes (or a retry)
 * store it once.
 */
import type { Encounter, Location, Observation, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { isDeviceReadingId, sha256 } from '../devices/index.ts';
import type { ChangeBus, ChangeEvent } from '../events/index.ts';
import type { FhirRepository, WriteContext } from '../fhir/repository/index.ts';
import { OPEN_ENCOUNTER_STATUSES, refId, searchResources } from '../logistics/index.ts';
import {
  buildEscalationTask, buildRiskAssessment, buildScoreObservation, EARLY_WARNING_SYSTEM, EarlyWarningCode, escalationFor, Loinc, LOINC_SYSTEM, NEWS2_RCP_2017, readAdjustmentOrder,
  readScale2Order, RULE_SETS, scoreVitals, selectVitalSet, shouldCreateEscalation, type RuleSet, type ScoreResult,
} from './domain/index.ts';

/** Location.extension (valueString) on a ward: the rule set its patients are scored with (default NEWS2). */
export const RULE_SET_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/early-warning-rule-set';
const OPEN_TASK = 'requested,received,accepted,in-progress,on-hold';

/** What the engine reads: measured vital signs (LOINC), and recorded inputs (consciousness, oxygen, concern). */
const VITAL_CODES = [Loinc.heartRate, Loinc.respiratoryRate, Loinc.spo2PulseOximetry, Loinc.spo2, Loinc.systolic, Loinc.bloodPressurePanel, Loinc.bodyTemperature]
  .map((c) => `${LOINC_SYSTEM}|${c}`).join(',');
const RECORDED_CODES = [
  ...[EarlyWarningCode.acvpu, EarlyWarningCode.supplementalOxygen, EarlyWarningCode.nurseConcern].map((c) => `${EARLY_WARNING_SYSTEM}|${c}`),
  ...[Loinc.inhaledOxygenFlow, Loinc.inhaledOxygenConcentration].map((c) => `${LOINC_SYSTEM}|${c}`),
].join(',');
/** The longest freshness windows of any rule set, for the searches (the rule set applies its own). */
const FRESHEST_VITALS_MINUTES = Math.max(...Object.values(RULE_SETS).flatMap((r) => ['respiratoryRate', 'spo2', 'systolic', 'heartRate', 'temperature'].map((p) => (r.parameters as Record<string, { freshnessMinutes: number } | undefined>)[p]?.freshnessMinutes ?? 0)));
const FRESHEST_RECORDED_MINUTES = Math.max(
  ...Object.values(RULE_SETS).flatMap((r) => [...['consciousness', 'supplementalOxygen'].map((p) => (r.parameters as Record<string, { freshnessMinutes: number } | undefined>)[p]?.freshnessMinutes ?? 0), r.responses.concern.freshnessMinutes]),
);

/** When the set was taken: the latest effective time among the inputs used. */
function latestInput(observations: readonly Observation[], used: Readonly<Record<string, string | undefined>>): string | undefined {
  const ids = new Set(Object.values(used));
  const times = observations.filter((o) => o.id && ids.has(o.id)).map((o) => o.effectiveDateTime ?? o.issued).filter((t): t is string => !!t);
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}

export interface Evaluation {
  readonly result: ScoreResult;
  /** The stored score (new or, for the same inputs, the existing one). */
  readonly score?: Observation;
  readonly escalation?: Task;
  readonly concern: boolean;
}

export interface EarlyWarningDeps {
  /** Kerne's own repository: the engine is a trusted worker (its writes are in the audit log as Kerne's). */
  readonly repo: FhirRepository;
  readonly bus: ChangeBus;
  readonly now?: () => Date;
  readonly onError?: (err: unknown) => void;
  /** Milliseconds to collect changes before evaluating (several readings of one set arrive together). */
  readonly debounceMs?: number;
}

export class EarlyWarningService {
  readonly #repo: FhirRepository;
  readonly #now: () => Date;
  readonly #onError: (err: unknown) => void;
  readonly #debounceMs: number;
  #pending = new Set<string>();
  #pendingPatients = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;
  readonly #bus: ChangeBus;

  constructor(deps: EarlyWarningDeps) {
    this.#repo = deps.repo;
    this.#bus = deps.bus;
    this.#now = deps.now ?? (() => new Date());
    this.#onError = deps.onError ?? (() => {});
    this.#debounceMs = deps.debounceMs ?? 50;
  }

  /** Listens for committed Observations (any node's) and scores their patients. */
  start(): void {
    this.#unsubscribe = this.#bus.subscribe((event) => this.#heard(event));
  }

  /** Stops listening and waits for the evaluation in progress. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running.catch(() => {});
  }

  /** Waits until what has been heard so far is evaluated (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.#pending.size || this.#pendingPatients.size || this.#timer) {
      await new Promise((resolve) => setTimeout(resolve, this.#debounceMs));
      await this.#running.catch(() => {});
    }
    await this.#running.catch(() => {});
  }

  /** Scores a patient soon (the device inbox's auto-finalised readings: it knows the patient already). */
  schedule(patientId: string): void {
    this.#pendingPatients.add(patientId);
    this.#arm();
  }

  #heard(event: ChangeEvent): void {
    if (event.type !== 'Observation' || event.action === 'delete') return;
    // Scores of our own, and device readings: preliminary until validated (the validation scores
    // them), or finalised by the inbox, which schedules their patients itself.
    if (event.id.startsWith('ews-') || isDeviceReadingId(event.id)) return;
    this.#pending.add(event.id);
    this.#arm();
  }

  #arm(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      const ids = [...this.#pending];
      const patients = [...this.#pendingPatients];
      this.#pending = new Set();
      this.#pendingPatients = new Set();
      this.#running = this.#running.then(() => this.#evaluateChanged(ids, patients)).catch((err) => this.#onError(err));
    }, this.#debounceMs);
  }

  /** The patients of changed validated vital-sign Observations, each evaluated once. */
  async #evaluateChanged(ids: readonly string[], scheduled: readonly string[]): Promise<void> {
    const patients = new Set<string>(scheduled);
    for (let i = 0; i < ids.length; i += 200) {
      const found = await searchResources<Observation>(this.#repo, 'Observation', [['_id', ids.slice(i, i + 200).join(',')], ['_elements', 'subject,status,code']]);
      for (const obs of found) {
        if (!['final', 'amended', 'corrected'].includes(obs.status)) continue;
        if (obs.code?.coding?.some((c) => c.system === EARLY_WARNING_SYSTEM && (c.code === 'NEWS2' || c.code === 'TOKS'))) continue;
        const patient = refId(obs.subject, 'Patient');
        if (patient) patients.add(patient);
      }
    }
    for (const patient of patients) {
      try {
        await this.evaluate(this.#repo, patient);
      } catch (err) {
        this.#onError(err);
      }
    }
  }

  /**
   * Scores a patient now with `repo` (a caller's, when a user's action asks for it: the reads and
   * writes are then checked and audited as theirs). Returns the stored score, if the set is complete.
   */
  async evaluate(repo: FhirRepository, patientId: string, options: { at?: Date } = {}): Promise<Evaluation> {
    const now = options.at ?? this.#now();
    const before = options.at ? [['date', `lt${new Date(now.getTime() + 1000).toISOString()}`] as [string, string]] : [];
    const ago = (minutes: number) => `ge${new Date(now.getTime() - minutes * 60_000).toISOString()}`;
    const recent = (codes: string, minutes: number, count: number) =>
      searchResources<Observation>(repo, 'Observation', [['subject', `Patient/${patientId}`], ['code', codes], ['status', 'final,amended,corrected'], ['date', ago(minutes)], ...before, ['_sort', '-date'], ['_count', String(count)]]);
    // The newest validated values: a monitored patient has thousands of readings a day, so two sorted
    // searches (measured vitals; recorded inputs such as consciousness) rather than everything.
    const [vitals, recorded, orders, stays] = await Promise.all([
      recent(VITAL_CODES, FRESHEST_VITALS_MINUTES, 200),
      recent(RECORDED_CODES, FRESHEST_RECORDED_MINUTES, 50),
      searchResources<ServiceRequest>(repo, 'ServiceRequest', [['subject', `Patient/${patientId}`], ['code', `${EARLY_WARNING_SYSTEM}|${EarlyWarningCode.spo2Scale2},${EARLY_WARNING_SYSTEM}|${EarlyWarningCode.adjustedThresholds}`], ['status', 'active']]),
      searchResources<Encounter | Location>(repo, 'Encounter', [['subject', `Patient/${patientId}`], ['status', OPEN_ENCOUNTER_STATUSES], ['_include', 'Encounter:location']]),
    ]);
    const observations = [...vitals, ...recorded];
    const stay = stays.find((r): r is Encounter => r.resourceType === 'Encounter');
    const ruleSet = this.#ruleSetFor(stays);
    const set = selectVitalSet(observations, ruleSet, now);
    const adjustment = orders.map(readAdjustmentOrder).find((a) => a !== undefined);
    const scale2 = orders.map((o) => readScale2Order(o, now)).some(Boolean);
    const result = scoreVitals(ruleSet, set.inputs, {
      ...(scale2 ? { spo2Scale: 2 as const, scale2Ordered: true } : {}),
      ...(adjustment ? { adjustment } : {}),
      ...(set.concern ? { concern: true } : {}),
      now,
    });
    const concern = set.concern === true;
    if (result.status !== 'complete' && !concern) return { result, concern };

    const inputs = Object.entries(set.usedObservationIds).map(([k, v]) => `${k}=${v}`).sort();
    const key = sha256([patientId, ruleSet.id, ruleSet.version, ...inputs, adjustment ? JSON.stringify(adjustment) : '', scale2 ? 's2' : ''].join('|'));
    const scoreId = `ews-${key.slice(0, 40)}`;
    return repo.transaction(async (ctx) => {
      await repo.lockKey(ctx, `Observation/${scoreId}`);
      let score: Observation | undefined;
      if (result.status === 'complete') {
        score = (await this.#read<Observation>(repo, ctx, 'Observation', scoreId)) ?? (await this.#storeScore(repo, ctx, { result, ruleSet, patientId, stay, set, scoreId, effective: latestInput(observations, set.usedObservationIds) ?? now.toISOString() }));
      }
      const escalation = await this.#escalate(repo, ctx, { result, ruleSet, patientId, stay, score, concernId: set.usedObservationIds.concern, key, now });
      return { result, ...(score ? { score } : {}), ...(escalation ? { escalation } : {}), concern };
    });
  }

  /**
   * Scores each current stay's latest vital-signs set as of that set's time: for data that arrived
   * without passing the engine (demo data, a bulk import). Returns the number of scores stored.
   */
  async scoreLatestSets(): Promise<number> {
    const stays = await searchResources<Encounter>(this.#repo, 'Encounter', [['status', 'in-progress'], ['_elements', 'subject']]);
    let stored = 0;
    for (const patient of new Set(stays.map((e) => refId(e.subject, 'Patient')).filter((p): p is string => !!p))) {
      const [latest] = await searchResources<Observation>(this.#repo, 'Observation', [['subject', `Patient/${patient}`], ['category', 'vital-signs'], ['_sort', '-date'], ['_count', '1'], ['_elements', 'effective']]);
      const at = latest?.effectiveDateTime;
      if (!at) continue;
      const evaluation = await this.evaluate(this.#repo, patient, { at: new Date(at) }).catch((err: unknown) => {
        this.#onError(err);
        return undefined;
      });
      if (evaluation?.score) stored++;
    }
    return stored;
  }

  #ruleSetFor(resources: readonly Resource[]): RuleSet {
    for (const r of resources) {
      if (r.resourceType !== 'Location') continue;
      const id = r.extension?.find((x) => x.url === RULE_SET_EXTENSION)?.valueString;
      if (id && RULE_SETS[id]) return RULE_SETS[id]!;
    }
    return NEWS2_RCP_2017;
  }

  async #read<T extends Resource>(repo: FhirRepository, ctx: WriteContext, type: T['resourceType'], id: string): Promise<T | undefined> {
    const stored = await repo.read(type, id, ctx.q).catch(() => undefined);
    return stored?.json ? (JSON.parse(stored.json) as T) : undefined;
  }

  async #storeScore(
    repo: FhirRepository, ctx: WriteContext,
    s: { result: Extract<ScoreResult, { status: 'complete' }>; ruleSet: RuleSet; patientId: string; stay: Encounter | undefined; set: ReturnType<typeof selectVitalSet>; scoreId: string; effective: string },
  ): Promise<Observation> {
    const inputs = Object.fromEntries(Object.entries(s.set.usedObservationIds).map(([k, v]) => [k, `Observation/${v}`]));
    const observation = buildScoreObservation({
      id: s.scoreId,
      result: s.result,
      ruleSet: s.ruleSet,
      patient: `Patient/${s.patientId}`,
      ...(s.stay?.id ? { encounter: `Encounter/${s.stay.id}` } : {}),
      inputs,
      effective: s.effective,
      provisional: s.set.provisional,
    });
    const written = await repo.updateIn(ctx, observation);
    await repo.updateIn(ctx, buildRiskAssessment({ id: `ra-${s.scoreId.slice(4)}`, result: s.result, ruleSet: s.ruleSet, patient: `Patient/${s.patientId}`, ...(s.stay?.id ? { encounter: `Encounter/${s.stay.id}` } : {}), scoreObservation: `Observation/${s.scoreId}`, effective: s.effective, provisional: s.set.provisional }));
    return written.resource as Observation;
  }

  async #escalate(
    repo: FhirRepository, ctx: WriteContext,
    e: { result: ScoreResult; ruleSet: RuleSet; patientId: string; stay: Encounter | undefined; score: Observation | undefined; concernId: string | undefined; key: string; now: Date },
  ): Promise<Task | undefined> {
    const wanted = escalationFor(e.result, { concern: e.concernId !== undefined });
    if (!wanted) return undefined;
    const open = await searchResources<Task>(repo, 'Task', [['patient', `Patient/${e.patientId}`], ['code', `${EARLY_WARNING_SYSTEM}|${EarlyWarningCode.escalation}`], ['status', OPEN_TASK]], ctx.q);
    if (!shouldCreateEscalation(open, wanted.level)) return undefined;
    const id = `esc-${sha256(`${e.key}|${wanted.level}`).slice(0, 40)}`;
    const existing = await this.#read<Task>(repo, ctx, 'Task', id);
    if (existing) return existing;
    const focus = e.score?.id ? `Observation/${e.score.id}` : e.concernId ? `Observation/${e.concernId}` : undefined;
    const task = buildEscalationTask({
      id,
      patient: `Patient/${e.patientId}`,
      ...(e.stay?.id ? { encounter: `Encounter/${e.stay.id}` } : {}),
      ...(focus ? { scoreObservation: focus } : {}),
      level: wanted.level,
      ...(e.stay?.serviceProvider?.reference ? { unit: e.stay.serviceProvider.reference } : {}),
      result: e.result,
      ruleSet: e.ruleSet,
      concern: e.concernId !== undefined,
      now: e.now,
    });
    return (await repo.updateIn(ctx, task)).resource as Task;
  }
}
