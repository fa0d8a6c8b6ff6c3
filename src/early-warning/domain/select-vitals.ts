/** Chooses the inputs of one score from a patient's Observations: per parameter the latest by effective time within the rule set's freshness window, validated values only. @see shared/reference/early-warning.md §1 ("one observation set or a configurable time window"), §5 ("Provenance of inputs") @see ../../../docs/early-warning-codes.md */
import type { CodeableConcept, Observation, Quantity } from '@medplum/fhirtypes';
import { ACVPU_SYSTEM, EARLY_WARNING_SYSTEM, EarlyWarningCode, Loinc, LOINC_SYSTEM } from './codes.ts';
import { PARAMETERS, type Acvpu, type Parameter, type VitalInputs } from './model.ts';
import { fahrenheitToCelsius } from './rounding.ts';
import type { RuleSet } from './rule-set-schema.ts';

export type InputName = Parameter | 'concern';

export interface VitalSet {
  readonly inputs: VitalInputs;
  /** The nurse's concern, when recorded within its window. */
  readonly concern?: boolean;
  /** The Observation id each input came from (the BP panel's id for a systolic read from its component). */
  readonly usedObservationIds: Partial<Record<InputName, string>>;
  /** True when a preliminary (unvalidated) value was used: the score is then provisional. */
  readonly provisional: boolean;
  /** Rule-set parameters without a usable value in their window. */
  readonly missing: readonly Parameter[];
  /** Latest observations that could not be read (free-text ACVPU, unknown unit …): their parameter counts as missing. */
  readonly rejected: readonly { readonly input: InputName; readonly observationId?: string; readonly reason: string }[];
}

export interface SelectOptions {
  /** Also use preliminary (device, not yet validated) values; the result is then provisional. Default false. */
  readonly allowPreliminary?: boolean;
}

const VALIDATED: readonly Observation['status'][] = ['final', 'amended', 'corrected'];
/** A device clock a little ahead of the server's is tolerated. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

type Value = number | boolean | string;
interface Reading {
  readonly input: InputName;
  readonly value?: Value;
  readonly problem?: string;
}

const hasCode = (concept: CodeableConcept | undefined, system: string, code: string): boolean =>
  (concept?.coding ?? []).some((c) => c.system === system && c.code === code);
const loinc = (concept: CodeableConcept | undefined, code: string): boolean => hasCode(concept, LOINC_SYSTEM, code);
const kerne = (concept: CodeableConcept | undefined, code: string): boolean => hasCode(concept, EARLY_WARNING_SYSTEM, code);

/** A quantity's number when its unit is one of `units` (UCUM code or printed unit); `allowNoUnit` for unambiguous ones. */
function quantity(q: Quantity | undefined, units: readonly string[], allowNoUnit = true): { value?: number; problem?: string } {
  if (typeof q?.value !== 'number') return { problem: 'no valueQuantity' };
  const unit = q.code ?? q.unit;
  if (unit === undefined) return allowNoUnit ? { value: q.value } : { problem: 'no unit' };
  return units.includes(unit) ? { value: q.value } : { problem: `unit ${unit} not accepted` };
}
const PER_MINUTE = ['/min', '{beats}/min', '{breaths}/min', 'beats/min', 'breaths/min', 'bpm', '/minute'];
const PERCENT = ['%'];
const MMHG = ['mm[Hg]', 'mmHg'];
const CELSIUS = ['Cel', '°C', 'C', 'degC'];
const FAHRENHEIT = ['[degF]', '°F', 'F', 'degF'];

const reading = (input: InputName, r: { value?: Value; problem?: string }): Reading => ({ input, ...r });

/** What one Observation says about the engine's inputs (a BP panel gives its systolic component). */
function readingsOf(obs: Observation): Reading[] {
  const code = obs.code;
  if (obs.dataAbsentReason && !obs.component?.length) return [];
  if (loinc(code, Loinc.heartRate)) return [reading('heartRate', quantity(obs.valueQuantity, PER_MINUTE))];
  if (loinc(code, Loinc.respiratoryRate)) return [reading('respiratoryRate', quantity(obs.valueQuantity, PER_MINUTE))];
  if (loinc(code, Loinc.spo2PulseOximetry) || loinc(code, Loinc.spo2)) return [reading('spo2', quantity(obs.valueQuantity, PERCENT))];
  if (loinc(code, Loinc.systolic)) return [reading('systolic', quantity(obs.valueQuantity, MMHG))];
  if (loinc(code, Loinc.bloodPressurePanel)) {
    const systolic = obs.component?.find((c) => loinc(c.code, Loinc.systolic));
    return systolic && !systolic.dataAbsentReason ? [reading('systolic', quantity(systolic.valueQuantity, MMHG))] : [];
  }
  if (loinc(code, Loinc.bodyTemperature)) {
    const unit = obs.valueQuantity?.code ?? obs.valueQuantity?.unit;
    if (unit !== undefined && FAHRENHEIT.includes(unit)) {
      const f = quantity(obs.valueQuantity, FAHRENHEIT);
      return [reading('temperature', f.value === undefined ? f : { value: fahrenheitToCelsius(f.value) })];
    }
    return [reading('temperature', quantity(obs.valueQuantity, CELSIUS, false))];
  }
  if (kerne(code, EarlyWarningCode.supplementalOxygen)) {
    return [reading('supplementalOxygen', typeof obs.valueBoolean === 'boolean' ? { value: obs.valueBoolean } : { problem: 'no valueBoolean' })];
  }
  if (loinc(code, Loinc.inhaledOxygenFlow)) {
    const flow = quantity(obs.valueQuantity, ['L/min', 'l/min', 'L/min{O2}']);
    return [reading('supplementalOxygen', flow.value === undefined ? flow : { value: flow.value > 0 })];
  }
  if (loinc(code, Loinc.inhaledOxygenConcentration)) {
    const fio2 = quantity(obs.valueQuantity, PERCENT);
    return [reading('supplementalOxygen', fio2.value === undefined ? fio2 : { value: fio2.value > 21 })];
  }
  if (kerne(code, EarlyWarningCode.acvpu)) {
    const c = obs.valueCodeableConcept?.coding?.find((k) => k.system === ACVPU_SYSTEM && ['A', 'C', 'V', 'P', 'U'].includes(k.code ?? ''));
    return [reading('consciousness', c?.code ? { value: c.code as Acvpu } : { problem: 'consciousness is not coded in ACVPU (free text or another system)' })];
  }
  if (kerne(code, EarlyWarningCode.nurseConcern)) {
    return [reading('concern', typeof obs.valueBoolean === 'boolean' ? { value: obs.valueBoolean } : { problem: 'no valueBoolean' })];
  }
  return [];
}

/** Effective time in ms: effectiveDateTime/Instant, or the end (else start) of effectivePeriod. Never lastUpdated or issued. */
function effectiveMs(obs: Observation): number | undefined {
  const at = obs.effectiveDateTime ?? obs.effectiveInstant ?? obs.effectivePeriod?.end ?? obs.effectivePeriod?.start;
  const ms = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Of two readings at the same time, a correction wins. */
const statusRank = (status: Observation['status']): number => (status === 'corrected' || status === 'amended' ? 2 : status === 'final' ? 1 : 0);

/**
 * The inputs for one score. Per parameter: the latest Observation by effective time within the
 * rule set's freshness window (final/amended/corrected; preliminary only when allowed, making the
 * set provisional; entered-in-error and others never). When the latest cannot be read, the
 * parameter is missing — an older value is not used in its place.
 */
export function selectVitalSet(observations: readonly Observation[], ruleSet: RuleSet, now: Date, options: SelectOptions = {}): VitalSet {
  const usable = options.allowPreliminary ? [...VALIDATED, 'preliminary'] : VALIDATED;
  const windows = new Map<InputName, number>();
  for (const p of PARAMETERS) {
    const def = ruleSet.parameters[p];
    if (def) windows.set(p, def.freshnessMinutes);
  }
  windows.set('concern', ruleSet.responses.concern.freshnessMinutes);

  const latest = new Map<InputName, { reading: Reading; obs: Observation; ms: number }>();
  const nowMs = now.getTime();
  for (const obs of observations) {
    if (!usable.includes(obs.status)) continue;
    const ms = effectiveMs(obs);
    if (ms === undefined || ms > nowMs + FUTURE_TOLERANCE_MS) continue;
    for (const r of readingsOf(obs)) {
      const window = windows.get(r.input);
      if (window === undefined || ms < nowMs - window * 60_000) continue;
      const best = latest.get(r.input);
      if (!best || ms > best.ms || (ms === best.ms && statusRank(obs.status) > statusRank(best.obs.status))) latest.set(r.input, { reading: r, obs, ms });
    }
  }

  const inputs: Record<string, Value> = {};
  const usedObservationIds: Partial<Record<InputName, string>> = {};
  const rejected: { input: InputName; observationId?: string; reason: string }[] = [];
  let provisional = false;
  let concern: boolean | undefined;
  for (const [input, { reading: r, obs }] of latest) {
    if (r.value === undefined) {
      rejected.push({ input, ...(obs.id ? { observationId: obs.id } : {}), reason: r.problem ?? 'unreadable' });
      continue;
    }
    if (input === 'concern') concern = r.value as boolean;
    else inputs[input] = r.value;
    if (obs.id) usedObservationIds[input] = obs.id;
    if (obs.status === 'preliminary') provisional = true;
  }
  const missing = PARAMETERS.filter((p) => ruleSet.parameters[p] !== undefined && inputs[p] === undefined);
  return { inputs: inputs as VitalInputs, ...(concern !== undefined ? { concern } : {}), usedObservationIds, provisional, missing, rejected };
}
