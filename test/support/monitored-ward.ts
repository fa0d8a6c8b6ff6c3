/**
 * A small monitored hospital for device and early-warning tests: a ward (optionally auto-finalising)
 * with beds, a monitor (EUI-64) fixed to each bed, patients in beds 1 and 2, a nurse and a doctor of
 * the unit, and a mobile device not bound to anything.
 */
import type { Device, Encounter, Location, Resource } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM, type Role } from '../../src/access/index.ts';
import { AUTO_FINALISE_EXTENSION, EUI64_SYSTEM } from '../../src/devices/index.ts';
import { LOCATION_PHYSICAL_TYPE_SYSTEM } from '../../src/logistics/index.ts';
import type { TestKerne } from './kerne.ts';

const physical = (code: string) => ({ coding: [{ system: LOCATION_PHYSICAL_TYPE_SYSTEM, code }] });

export const monitorEui64 = (ward: string, bed: number) => `00AA${ward === 'icu' ? 'C' : 'B'}${String(bed).padStart(11, '0')}`;
export const MOBILE_EUI64 = '00BB000000000001';

export interface MonitoredWard {
  readonly ids: Record<string, string>;
  /** Bearer tokens by staff key (nurse, doctor, icuNurse, otherNurse). */
  readonly tokens: Record<string, string>;
}

export async function createMonitoredWard(t: TestKerne, options: { issuer?: string } = {}): Promise<MonitoredWard> {
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const create = async <T extends Resource>(r: T): Promise<string> => (await t.kerne.repo.create(r)).stored.id;
  ids.hosp = await create({ resourceType: 'Organization', name: 'Testsygehus' });
  for (const key of ['med', 'icu', 'other'] as const) {
    ids[key] = await create({ resourceType: 'Organization', name: `Afdeling ${key}`, partOf: { reference: `Organization/${ids.hosp}` } });
    ids[`${key}Ward`] = await create({
      resourceType: 'Location', status: 'active', name: `Afsnit ${key}`, physicalType: physical('wa'), managingOrganization: { reference: `Organization/${ids[key]}` },
      ...(key === 'icu' ? { extension: [{ url: AUTO_FINALISE_EXTENSION, valueBoolean: true }] } : {}),
    } as Location);
    ids[`${key}Room`] = await create({ resourceType: 'Location', status: 'active', name: 'Stue 1', physicalType: physical('ro'), partOf: { reference: `Location/${ids[`${key}Ward`]}` } } as Location);
    for (const n of [1, 2, 3]) {
      ids[`${key}Bed${n}`] = await create({ resourceType: 'Location', status: 'active', name: `Seng ${n}`, physicalType: physical('bd'), partOf: { reference: `Location/${ids[`${key}Room`]}` } } as Location);
      if (key !== 'other') {
        ids[`${key}Monitor${n}`] = await create({
          resourceType: 'Device', status: 'active', identifier: [{ system: EUI64_SYSTEM, value: monitorEui64(key, n) }],
          deviceName: [{ name: `Monitor ${key} ${n}`, type: 'user-friendly-name' }], location: { reference: `Location/${ids[`${key}Bed${n}`]}` },
        } as Device);
      }
    }
  }
  ids.mobile = await create({ resourceType: 'Device', status: 'active', identifier: [{ system: EUI64_SYSTEM, value: MOBILE_EUI64 }], deviceName: [{ name: 'Mobil SpO2-måler', type: 'user-friendly-name' }] } as Device);
  const staff: [string, Role, string][] = [['nurse', 'sygeplejerske', 'med'], ['doctor', 'laege', 'med'], ['icuNurse', 'sygeplejerske', 'icu'], ['otherNurse', 'sygeplejerske', 'other']];
  for (const [key, role, unit] of staff) {
    ids[key] = await create({ resourceType: 'Practitioner', name: [{ text: `Test ${key}` }] });
    await create({ resourceType: 'PractitionerRole', active: true, practitioner: { reference: `Practitioner/${ids[key]}` }, code: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: role }] }], organization: { reference: `Organization/${ids[unit]}` } });
    tokens[key] = await t.tokenFor({ subject: key, fhirUser: `Practitioner/${ids[key]}`, scope: 'openid fhirUser user/*.*', clientId: 'kerne-web', ...(options.issuer ? { issuer: options.issuer } : {}) });
  }
  const admit = async (key: string, unit: 'med' | 'icu', bed: number | undefined, since = Date.now() - 3_600_000) => {
    ids[key] = await create({ resourceType: 'Patient', name: [{ given: ['Test'], family: `Patient${key}` }], birthDate: '1950-05-01' });
    ids[`enc_${key}`] = await create({
      resourceType: 'Encounter', status: 'in-progress', class: { code: 'IMP' }, subject: { reference: `Patient/${ids[key]}` },
      serviceProvider: { reference: `Organization/${ids[unit]}` }, period: { start: new Date(since).toISOString() },
      ...(bed ? { location: [{ location: { reference: `Location/${ids[`${unit}Bed${bed}`]}` }, status: 'active', period: { start: new Date(since).toISOString() } }] } : {}),
    } as Encounter);
  };
  await admit('p1', 'med', 1);
  await admit('p2', 'med', 2);
  await admit('p3', 'med', undefined); // on the ward's list, no bed: for the mobile device
  await admit('icu1', 'icu', 1);
  return { ids, tokens };
}
