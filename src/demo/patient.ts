/** A demo Patient: Danish name and address, a fictitious CPR number consistent with birth date and gender. */
import type { Patient } from '@medplum/fhirtypes';
import { fictitiousCpr } from './cpr.ts';
import { FEMALE_NAMES, MALE_NAMES, STREETS, SURNAMES, TOWNS } from './danish-names.ts';
import { demoMeta, System } from './demo-meta.ts';
import type { Random } from './random.ts';

export function demoPatient(rnd: Random, organizationRef: string): Patient {
  const gender = rnd.chance(0.5) ? 'female' : 'male';
  const year = rnd.int(1930, 2005);
  const month = rnd.int(1, 12);
  const day = month === 1 ? rnd.int(2, 28) : rnd.int(1, 28); // never 1 January (see cpr.ts)
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const given = rnd.pick(gender === 'female' ? FEMALE_NAMES : MALE_NAMES);
  const middle = rnd.chance(0.3) ? [rnd.pick(gender === 'female' ? FEMALE_NAMES : MALE_NAMES)] : [];
  const family = rnd.pick(SURNAMES);
  const town = rnd.pick(TOWNS);
  return {
    resourceType: 'Patient',
    meta: demoMeta(),
    identifier: [{ use: 'official', system: System.cpr, value: fictitiousCpr(birthDate, gender, rnd) }],
    active: true,
    name: [{ use: 'official', family, given: [given, ...middle].filter((g, i, all) => all.indexOf(g) === i) }],
    gender,
    birthDate,
    address: [
      { use: 'home', type: 'physical', line: [`${rnd.pick(STREETS)} ${rnd.int(1, 120)}`], city: town.city, postalCode: town.postalCode, country: 'DK' },
    ],
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'da', display: 'Danish' }] }, preferred: true }],
    managingOrganization: { reference: organizationRef, display: 'Demo Sygehus' },
  };
}
