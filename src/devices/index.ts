/**
 * Medical devices into the record: the MLLP listener for HL7 v2 (IHE PCD-01 results, PCD-04
 * alarms), the mapping of device codes to LOINC/NPU and UCUM, de-duplication, binding of readings to
 * a patient through the device's bed or an explicit association, and the holding area. The face of
 * src/devices/.
 */
import { readFileSync } from 'node:fs';
import type { KerneConfig } from '../config/index.ts';
import type { ChangeBus } from '../events/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { DeviceBindings } from './device-binding.ts';
import { DEFAULT_SENDER_SETTINGS, DeviceIngest, type IngestOutcome, type SenderSettings } from './device-ingest.ts';
import { MllpListener } from './mllp-listener.ts';

export * from './device-model.ts';
export { DeviceIngest, sha256, type IngestOutcome, type SenderSettings } from './device-ingest.ts';
export { DeviceBindings, associationAt, within, type Binding } from './device-binding.ts';
export { MllpListener } from './mllp-listener.ts';
export { buildReadingObservation, readingCodings, vitalSignsCategory } from './reading-resources.ts';
export { MllpDecoder, mllpFrame } from './hl7/index.ts';

/** Changes of these types can change which patient a device's readings belong to. */
const BINDING_TYPES: ReadonlySet<string> = new Set(['Device', 'DeviceUseStatement', 'Encounter', 'Location']);

export interface DevicesDeps {
  readonly repo: FhirRepository;
  readonly bus: ChangeBus;
  readonly config: Pick<KerneConfig, 'mllpPort' | 'mllpTls' | 'host' | 'tlsCert' | 'tlsKey' | 'deviceTimeZone' | 'deviceSenders' | 'devicePlausibility' | 'deviceMessageRetentionDays'>;
  readonly onOutcome?: (outcome: IngestOutcome) => void;
  readonly onError?: (err: unknown) => void;
}

export interface Devices {
  readonly ingest: DeviceIngest;
  /** Counts since start, for /metrics. */
  stats(): { messages: Record<string, number>; readings: Record<string, number>; connections: number };
  readonly bindings: DeviceBindings;
  /** Starts the MLLP listener (unless the port is -1); resolves with its port. */
  listen(port?: number): Promise<number | undefined>;
  readonly listener: MllpListener | undefined;
  /** Forgets transport records older than the retention (hourly by itself); returns how many. */
  pruneTransportRecord(): Promise<number>;
  close(): Promise<void>;
}

export function createDevices(deps: DevicesDeps): Devices {
  const { config } = deps;
  const bindings = new DeviceBindings(deps.repo);
  const settingsFor = (sender: string): SenderSettings => {
    const own = config.deviceSenders[sender];
    return { ack: own?.ack ?? DEFAULT_SENDER_SETTINGS.ack, timeZone: own?.timeZone ?? config.deviceTimeZone };
  };
  const ingest = new DeviceIngest({ repo: deps.repo, bindings, settingsFor, plausibility: config.devicePlausibility });
  const unsubscribe = deps.bus.subscribe((event) => {
    if (BINDING_TYPES.has(event.type)) bindings.invalidate();
  });
  // The transport record is a window: repeats come within minutes or hours, not weeks.
  const prune = () =>
    deps.repo.db
      .query<{ n: string }>(
        `WITH gone AS (DELETE FROM device_message WHERE received_at < now() - make_interval(days => $1::int) RETURNING 1) SELECT count(*)::text AS n FROM gone`,
        [Math.round(config.deviceMessageRetentionDays)],
      )
      .then((rows) => Number(rows[0]?.n ?? 0))
      .catch((err: unknown) => {
        deps.onError?.(err);
        return 0;
      });
  const pruning = setInterval(() => void prune(), 3_600_000);
  pruning.unref();
  let listener: MllpListener | undefined;
  const messages: Record<string, number> = { accepted: 0, duplicate: 0, rejected: 0, error: 0 };
  const readings: Record<string, number> = { charted: 0, held: 0, aside: 0 };
  const counted = (outcome: IngestOutcome) => {
    messages[outcome.status] = (messages[outcome.status] ?? 0) + 1;
    readings.charted! += outcome.observations;
    readings.held! += outcome.held;
    readings.aside! += outcome.aside;
    deps.onOutcome?.(outcome);
  };
  return {
    ingest,
    stats: () => ({ messages, readings, connections: listener?.connections ?? 0 }),
    pruneTransportRecord: prune,
    bindings,
    get listener() {
      return listener;
    },
    async listen(port = config.mllpPort) {
      if (port < 0) return undefined;
      listener = new MllpListener(ingest, {
        port,
        host: config.host,
        ...(config.mllpTls && config.tlsCert && config.tlsKey ? { tls: { cert: readFileSync(config.tlsCert, 'utf8'), key: readFileSync(config.tlsKey, 'utf8') } } : {}),
        onOutcome: counted,
        ...(deps.onError ? { onError: deps.onError } : {}),
      });
      return listener.listen();
    },
    async close() {
      unsubscribe();
      clearInterval(pruning);
      await listener?.close();
    },
  };
}
