/** The demo hospital's organisational units (departments as Organizations, partOf Demo Sygehus); made-up codes. */
import type { Organization } from '@medplum/fhirtypes';
import { PSYCHIATRIC_UNIT } from '../access/principal.ts';
import { demoMeta } from './demo-meta.ts';

export const DEMO_UNIT_SYSTEM = 'urn:kerne:demo:unit';

export const DEMO_UNITS = [
  { code: 'AKM', name: 'Akutmodtagelsen', psychiatric: false },
  { code: 'MED1', name: 'Medicinsk afdeling M1', psychiatric: false },
  { code: 'MED2', name: 'Medicinsk afdeling M2', psychiatric: false },
  { code: 'KIR', name: 'Kirurgisk afdeling K', psychiatric: false },
  { code: 'PSY', name: 'Psykiatrisk afdeling P', psychiatric: true },
] as const;
export type DemoUnitCode = (typeof DEMO_UNITS)[number]['code'];

/** The conditional reference that finds a demo unit, e.g. Organization?identifier=urn:kerne:demo:unit|MED1. */
export const demoUnitQuery = (code: DemoUnitCode) => `identifier=${DEMO_UNIT_SYSTEM}|${code}`;

export function demoUnit(unit: (typeof DEMO_UNITS)[number], hospitalRef: string): Organization {
  return {
    resourceType: 'Organization',
    meta: demoMeta(),
    active: true,
    identifier: [{ system: DEMO_UNIT_SYSTEM, value: unit.code }],
    type: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'dept', display: 'Hospital Department' }] },
      ...(unit.psychiatric ? [{ coding: [{ ...PSYCHIATRIC_UNIT }] }] : []),
    ],
    name: unit.name,
    partOf: { reference: hospitalRef, display: 'Demo Sygehus' },
  };
}
