/**
 * Which patient a device's reading belongs to, at the reading's time: an explicit, time-bounded
 * association of a mobile device (DeviceUseStatement), else the fixed device's bed (Device.location)
 * and the stay whose location history has the patient in that bed then. Nothing found: the reading
 * is held, never filed to a patient. Gateway PID/PV1 are not trusted (IHE SDPi R8111).
 */
import type { Device, DeviceUseStatement, Encounter, Location } from '@medplum/fhirtypes';
import type { Queryable } from '../db/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { OPEN_ENCOUNTER_STATUSES, refId, searchResources } from '../logistics/index.ts';
import { AUTO_FINALISE_EXTENSION } from './device-model.ts';

export interface Binding {
  readonly patientId?: string;
  readonly encounterId?: string;
  /** The DeviceUseStatement a mobile device's reading is filed under. */
  readonly associationId?: string;
  readonly bedId?: string;
  readonly wardId?: string;
  /** The ward finalises device readings without a nurse's validation. */
  readonly autoFinalise: boolean;
}

interface DeviceContext {
  readonly device?: Device;
  readonly associations: readonly DeviceUseStatement[];
  readonly bed?: Location;
  readonly ward?: Location;
  readonly stays: readonly Encounter[];
  readonly loadedAt: number;
}

const CACHE_MS = 5_000;
const ms = (iso: string | undefined): number | undefined => (iso ? Date.parse(iso) : undefined);

/** Whether `at` lies within [start, end] (open ends unbounded). */
export function within(at: number, period: { start?: string; end?: string } | undefined): boolean {
  const start = ms(period?.start);
  const end = ms(period?.end);
  return (start === undefined || at >= start) && (end === undefined || at <= end);
}

/** The association of a device in force at `at` (entered-in-error ones never count). */
export function associationAt(associations: readonly DeviceUseStatement[], at: number): DeviceUseStatement | undefined {
  return associations.find((a) => a.status !== 'entered-in-error' && within(at, a.timingPeriod));
}

/** The stay that had the patient in `bedId` at `at` (the Encounter's location history). */
export function stayInBedAt(stays: readonly Encounter[], bedId: string, at: number): Encounter | undefined {
  return stays.find((e) => (e.location ?? []).some((l) => refId(l.location, 'Location') === bedId && l.status !== 'planned' && within(at, l.period)));
}

export class DeviceBindings {
  readonly #repo: FhirRepository;
  readonly #cache = new Map<string, DeviceContext>();
  readonly #now: () => number;

  constructor(repo: FhirRepository, now: () => number = Date.now) {
    this.#repo = repo;
    this.#now = now;
  }

  /** Forget what is known (a Device, association, stay or place changed). */
  invalidate(): void {
    this.#cache.clear();
  }

  async resolve(q: Queryable, deviceId: string, observedAt: string): Promise<Binding> {
    const context = await this.#context(q, deviceId);
    const at = Date.parse(observedAt);
    const where = { ...(context.bed?.id ? { bedId: context.bed.id } : {}), ...(context.ward?.id ? { wardId: context.ward.id } : {}) };
    const autoFinalise = context.ward?.extension?.some((x) => x.url === AUTO_FINALISE_EXTENSION && x.valueBoolean === true) ?? false;
    const association = associationAt(context.associations, at);
    const associatedPatient = refId(association?.subject, 'Patient');
    if (association?.id && associatedPatient) {
      return { patientId: associatedPatient, associationId: association.id, ...where, autoFinalise };
    }
    const stay = context.bed?.id ? stayInBedAt(context.stays, context.bed.id, at) : undefined;
    const stayPatient = refId(stay?.subject, 'Patient');
    if (stay?.id && stayPatient) return { patientId: stayPatient, encounterId: stay.id, ...where, autoFinalise };
    return { ...where, autoFinalise };
  }

  async #context(q: Queryable, deviceId: string): Promise<DeviceContext> {
    const cached = this.#cache.get(deviceId);
    if (cached && this.#now() - cached.loadedAt < CACHE_MS) return cached;
    const [devices, associations] = await Promise.all([
      searchResources<Device>(this.#repo, 'Device', [['_id', deviceId]], q),
      searchResources<DeviceUseStatement>(this.#repo, 'DeviceUseStatement', [['device', `Device/${deviceId}`]], q),
    ]);
    const device = devices[0];
    const bedId = refId(device?.location, 'Location');
    const bed = bedId ? (await searchResources<Location>(this.#repo, 'Location', [['_id', bedId]], q))[0] : undefined;
    const ward = bed ? await this.#wardOf(q, bed) : undefined;
    const stays = bedId ? await searchResources<Encounter>(this.#repo, 'Encounter', [['location', `Location/${bedId}`], ['status', `${OPEN_ENCOUNTER_STATUSES},finished`]], q) : [];
    const context: DeviceContext = { ...(device ? { device } : {}), associations, ...(bed ? { bed } : {}), ...(ward ? { ward } : {}), stays, loadedAt: this.#now() };
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(deviceId, context);
    return context;
  }

  /** The ward (physicalType wa) a place is part of, walking up partOf. */
  async #wardOf(q: Queryable, place: Location): Promise<Location | undefined> {
    let current: Location | undefined = place;
    for (let depth = 0; current && depth < 6; depth++) {
      if (current.physicalType?.coding?.some((c) => c.code === 'wa')) return current;
      const parent = refId(current.partOf, 'Location');
      current = parent ? (await searchResources<Location>(this.#repo, 'Location', [['_id', parent]], q))[0] : undefined;
    }
    return undefined;
  }
}
