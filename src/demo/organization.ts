/** The demo hospital, 'Demo Sygehus' (a made-up SOR number), and its clinicians. */
import type { Organization, Practitioner } from '@medplum/fhirtypes';
import { demoMeta, System } from './demo-meta.ts';

/** Made up, not in the SOR register (SOR ids are numeric, at least 11 digits). */
export const DEMO_SOR = '999999000000001';

export function demoOrganization(): Organization {
  return {
    resourceType: 'Organization',
    meta: demoMeta(),
    active: true,
    identifier: [{ use: 'official', system: System.sor, value: DEMO_SOR }],
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov', display: 'Healthcare Provider' }] }],
    name: 'Demo Sygehus',
    address: [{ use: 'work', type: 'physical', line: ['Sygehusvej 1'], city: 'Aarhus N', postalCode: '8200', country: 'DK' }],
  };
}

const CLINICIANS = [
  { given: 'Karen', family: 'Holm', gender: 'female', role: 'Overlæge' },
  { given: 'Mikkel', family: 'Dahl', gender: 'male', role: 'Afdelingslæge' },
  { given: 'Sofie', family: 'Bech', gender: 'female', role: 'Reservelæge' },
  { given: 'Jonas', family: 'Krogh', gender: 'male', role: 'Sygeplejerske' },
  { given: 'Line', family: 'Skov', gender: 'female', role: 'Sygeplejerske' },
] as const;

export function demoPractitioners(): Practitioner[] {
  return CLINICIANS.map((c, i) => ({
    resourceType: 'Practitioner',
    meta: demoMeta(),
    active: true,
    identifier: [{ system: System.demoPractitioner, value: `demo-${i + 1}` }],
    name: [{ use: 'official', family: c.family, given: [c.given], text: `${c.given} ${c.family}` }],
    gender: c.gender,
    qualification: [{ code: { text: c.role } }],
  }));
}
