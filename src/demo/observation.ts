/** Demo Observations: vital signs (LOINC, UCUM; the blood pressure panel with components) and NPU laboratory results. */
import type { Observation, Quantity } from '@medplum/fhirtypes';
import { BLOOD_PRESSURE, type LabTest, type VitalSign } from './catalog.ts';
import { demoMeta, System } from './demo-meta.ts';
import type { Random } from './random.ts';

export interface ObservationContext {
  readonly patientRef: string;
  readonly encounterRef: string;
  readonly practitionerRef: string;
  readonly effective: string;
}

const category = (code: 'vital-signs' | 'laboratory') => [
  {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code, display: code === 'vital-signs' ? 'Vital Signs' : 'Laboratory' },
    ],
  },
];

const quantity = (value: number, unit: string, code: string): Quantity => ({ value, unit, system: System.ucum, code });

const draw = (rnd: Random, min: number, max: number, decimals: number) => Number((min + rnd.next() * (max - min)).toFixed(decimals));

function base(ctx: ObservationContext): Pick<Observation, 'meta' | 'status' | 'subject' | 'encounter' | 'effectiveDateTime' | 'performer'> {
  return {
    meta: demoMeta(),
    status: 'final',
    subject: { reference: ctx.patientRef },
    encounter: { reference: ctx.encounterRef },
    effectiveDateTime: ctx.effective,
    performer: [{ reference: ctx.practitionerRef }],
  };
}

export function vitalSign(rnd: Random, sign: VitalSign, ctx: ObservationContext): Observation {
  return {
    resourceType: 'Observation',
    ...base(ctx),
    category: category('vital-signs'),
    code: { coding: [{ system: System.loinc, code: sign.code, display: sign.display }], text: sign.display },
    valueQuantity: quantity(draw(rnd, sign.min, sign.max, sign.decimals), sign.unit, sign.ucum),
  };
}

export function bloodPressure(rnd: Random, ctx: ObservationContext): Observation {
  const { panel, systolic, diastolic } = BLOOD_PRESSURE;
  const sys = rnd.int(systolic.min, systolic.max);
  const dia = Math.min(rnd.int(diastolic.min, diastolic.max), sys - 25);
  const component = (c: { code: string; display: string }, value: number) => ({
    code: { coding: [{ system: System.loinc, code: c.code, display: c.display }] },
    valueQuantity: quantity(value, 'mmHg', 'mm[Hg]'),
  });
  return {
    resourceType: 'Observation',
    ...base(ctx),
    category: category('vital-signs'),
    code: { coding: [{ system: System.loinc, code: panel.code, display: panel.display }], text: 'Blodtryk' },
    component: [component(systolic, sys), component(diastolic, dia)],
  };
}

export function labResult(rnd: Random, test: LabTest, ctx: ObservationContext): Observation {
  const value = draw(rnd, test.min, test.max, test.decimals);
  const interpretation = value < test.low ? 'L' : value > test.high ? 'H' : 'N';
  return {
    resourceType: 'Observation',
    ...base(ctx),
    category: category('laboratory'),
    code: { coding: [{ system: System.npu, code: test.code, display: test.display }], text: test.display },
    valueQuantity: quantity(value, test.unit, test.ucum),
    interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: interpretation }] }],
    referenceRange: [{ low: quantity(test.low, test.unit, test.ucum), high: quantity(test.high, test.unit, test.ucum) }],
  };
}
