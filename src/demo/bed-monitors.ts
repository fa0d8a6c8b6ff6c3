/**
 * The bedside monitors of Demo Sygehus: a fixed Device (EUI-64 identity) on every bed of the
 * medical and surgical wards, bound to its bed through Device.location. `kerne simulate devices
 * --beds N` speaks for the first N of them (MED1's beds first). MED2 finalises device readings
 * without a nurse's validation (a unit's choice, normally intensive care), so its scores move on
 * their own in the demo; MED1 and KIR validate.
 */
import type { Device } from '@medplum/fhirtypes';
import { EUI64_SYSTEM } from '../devices/device-model.ts';
import type { BundleBuilder } from './bundle-builder.ts';
import { demoMeta } from './demo-meta.ts';
import type { BedLayout, WardLayout } from './hospital-places.ts';
import type { DemoUnitCode } from './units.ts';

/** Wards with a monitor on every bed, in the order the simulator uses them. */
export const MONITORED_WARDS: readonly DemoUnitCode[] = ['MED1', 'MED2', 'KIR'];
/** Wards whose device readings are final without validation (demo choice). */
export const AUTO_FINALISING_WARDS: readonly DemoUnitCode[] = ['MED2'];

/** The EUI-64 of demo monitor n (1-based): a made-up OUI, 0A1B2C, and the number. */
export const demoMonitorEui64 = (n: number): string => `0A1B2C${n.toString(16).toUpperCase().padStart(10, '0')}`;

/** The monitored beds in simulator order. */
export function monitoredBeds(layout: readonly WardLayout[]): BedLayout[] {
  return MONITORED_WARDS.flatMap((unit) => layout.find((w) => w.unit === unit)?.rooms.flatMap((r) => r.beds) ?? []);
}

export function addBedMonitors(b: BundleBuilder, layout: readonly WardLayout[], bedRef: (key: string) => string): number {
  const beds = monitoredBeds(layout);
  beds.forEach((bed, i) => {
    const device: Device = {
      resourceType: 'Device',
      meta: demoMeta(),
      status: 'active',
      identifier: [{ system: EUI64_SYSTEM, value: demoMonitorEui64(i + 1) }],
      deviceName: [{ name: `Monitor ${bed.name}`, type: 'user-friendly-name' }],
      type: { coding: [{ system: 'urn:iso:std:iso:11073:10101', code: '69798', display: 'MDC_DEV_ANALY_SAT_O2_MDS' }], text: 'Patientmonitor' },
      location: { reference: bedRef(bed.key), display: bed.name },
    };
    b.add(device, `identifier=${EUI64_SYSTEM}|${demoMonitorEui64(i + 1)}`);
  });
  return beds.length;
}
