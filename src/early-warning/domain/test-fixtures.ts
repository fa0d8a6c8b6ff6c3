/** Named fixtures for the early-warning tests: a fixed clock, the worked-case inputs of the reference (§3), and Observation makers. */
import type { Observation } from '@medplum/fhirtypes';
import { ACVPU_SYSTEM, EARLY_WARNING_SYSTEM, EarlyWarningCode, LOINC_SYSTEM } from './codes.ts';
import type { Acvpu, VitalInputs } from './model.ts';

export const NOW = new Date('2025-03-10T12:00:00.000Z');
export const minutesAgo = (m: number): string => new Date(NOW.getTime() - m * 60_000).toISOString();

/** W1: RR 16, SpO2 97 % (S1), air, SBP 125, pulse 72, A, 37.0 °C — every sub-score 0. */
export const W1: VitalInputs = { respiratoryRate: 16, spo2: 97, supplementalOxygen: false, systolic: 125, heartRate: 72, consciousness: 'A', temperature: 37.0 };

type Status = Observation['status'];
let seq = 0;
const base = (at: string, status: Status, id?: string): Omit<Observation, 'code'> => ({
  resourceType: 'Observation', id: id ?? `o${++seq}`, status, subject: { reference: 'Patient/p1' }, effectiveDateTime: at,
});

export function loincObs(code: string, value: number, unit: string, at: string, opts: { status?: Status; id?: string } = {}): Observation {
  return { ...base(at, opts.status ?? 'final', opts.id), category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }], code: { coding: [{ system: LOINC_SYSTEM, code }] }, valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit } };
}

export function bpPanel(systolic: number, diastolic: number, at: string, opts: { status?: Status; id?: string } = {}): Observation {
  const mmHg = (v: number) => ({ value: v, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' });
  return {
    ...base(at, opts.status ?? 'final', opts.id),
    code: { coding: [{ system: LOINC_SYSTEM, code: '85354-9' }] },
    component: [{ code: { coding: [{ system: LOINC_SYSTEM, code: '8480-6' }] }, valueQuantity: mmHg(systolic) }, { code: { coding: [{ system: LOINC_SYSTEM, code: '8462-4' }] }, valueQuantity: mmHg(diastolic) }],
  };
}

export function oxygenObs(onOxygen: boolean, at: string, opts: { status?: Status; id?: string } = {}): Observation {
  return { ...base(at, opts.status ?? 'final', opts.id), code: { coding: [{ system: EARLY_WARNING_SYSTEM, code: EarlyWarningCode.supplementalOxygen }] }, valueBoolean: onOxygen };
}

export function acvpuObs(value: Acvpu, at: string, opts: { status?: Status; id?: string } = {}): Observation {
  return { ...base(at, opts.status ?? 'final', opts.id), code: { coding: [{ system: EARLY_WARNING_SYSTEM, code: EarlyWarningCode.acvpu }] }, valueCodeableConcept: { coding: [{ system: ACVPU_SYSTEM, code: value }] } };
}

export function concernObs(concerned: boolean, at: string, opts: { id?: string } = {}): Observation {
  return { ...base(at, 'final', opts.id), code: { coding: [{ system: EARLY_WARNING_SYSTEM, code: EarlyWarningCode.nurseConcern }] }, valueBoolean: concerned };
}

/** A complete W1 set as Observations, all taken `m` minutes ago. */
export function w1Observations(m = 5): Observation[] {
  const at = minutesAgo(m);
  return [
    loincObs('9279-1', 16, '/min', at, { id: 'rr' }),
    loincObs('59408-5', 97, '%', at, { id: 'spo2' }),
    oxygenObs(false, at, { id: 'o2' }),
    bpPanel(125, 80, at, { id: 'bp' }),
    loincObs('8867-4', 72, '/min', at, { id: 'hr' }),
    acvpuObs('A', at, { id: 'acvpu' }),
    loincObs('8310-5', 37.0, 'Cel', at, { id: 'temp' }),
  ];
}
