/** The tag on every demo resource, and the identifier systems the demo uses. */
import type { Meta } from '@medplum/fhirtypes';

export const DEMO_TAG = { system: 'urn:kerne:demo', code: 'synthetic', display: 'Synthetic demo data' } as const;
export const demoMeta = (): Meta => ({ tag: [{ ...DEMO_TAG }] });

export const System = {
  cpr: 'urn:oid:1.2.208.176.1.2',
  sor: 'urn:oid:1.2.208.176.1.1',
  sks: 'urn:oid:1.2.208.176.2.4',
  npu: 'urn:oid:1.2.208.176.2.1',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  atc: 'http://www.whocc.no/atc',
  demoPractitioner: 'urn:kerne:demo:practitioner',
} as const;
