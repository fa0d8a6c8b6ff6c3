/**
 * The device inbox's durable step: one HL7 v2 message in, its answer(s) out, with everything the
 * message carries committed before the answer is built. Transport de-duplication by (sender,
 * MSH-10): a repeat gets the original answer and adds nothing. Observation de-duplication by each
 * reading's key (device, code, path, time, value), which is the Observation's id: a reading re-sent
 * under a new MSH-10 is not stored twice. IHE PCD TF-2 (PCD-01, PCD-04); HL7 v2.6 ch. 2 (ACKs).
 */
import { createHash } from 'node:crypto';
import type { Communication } from '@medplum/fhirtypes';
import type { Queryable } from '../db/index.ts';
import { FhirError } from '../errors/index.ts';
import type { FhirRepository, NewVersion, WriteContext } from '../fhir/repository/index.ts';
import { searchResources } from '../logistics/index.ts';
import { DeviceBindings, type Binding } from './device-binding.ts';
import { alarmId, DEVICE_SENDER_SYSTEM, deviceIdOf, EUI64_SYSTEM, readingId } from './device-model.ts';
import {
  ackCodeFor, ackPlan, buildAck, buildRejectWithoutHeader, interpretDeviceMessage, type AckOutcome, type DeviceReading, type Hl7Error, type MessageHeader, type PlausibilityRanges,
} from './hl7/index.ts';
import { buildAlarmCommunication, buildDevice, buildReadingObservation } from './reading-resources.ts';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** How Kerne answers and reads one sender (MSH-3): configurable per sender. */
export interface SenderSettings {
  /** 'standard': CA/CE/CR and AA/AE/AR as MSH-15/16 ask; 'application-only': AA instead of CA (senders that reject CA). */
  readonly ack: 'standard' | 'application-only';
  /** The IANA zone of timestamps sent without an offset. */
  readonly timeZone: string;
}

export interface IngestOutcome {
  /** The answers to send, in order (none under NE/NE). */
  readonly acks: readonly string[];
  readonly status: 'accepted' | 'duplicate' | 'rejected' | 'error';
  readonly sender?: string;
  readonly controlId?: string;
  readonly observations: number;
  readonly held: number;
  readonly aside: number;
  readonly alarms: number;
  /** Patients whose record got new readings. */
  readonly patients: readonly string[];
  /** Patients who got final readings (an auto-finalising ward): the early-warning engine scores them. */
  readonly finalised: readonly string[];
  readonly error?: string;
}

export interface DeviceIngestOptions {
  readonly repo: FhirRepository;
  readonly bindings?: DeviceBindings;
  readonly settingsFor?: (sender: string) => SenderSettings;
  readonly plausibility?: PlausibilityRanges;
  readonly now?: () => Date;
}

export const DEFAULT_SENDER_SETTINGS: SenderSettings = { ack: 'standard', timeZone: 'Europe/Copenhagen' };


interface OutsideRow {
  key: string; state: 'held' | 'aside'; device_id: string; sender: string; control_id: string; observed_at: string;
  bed_id: string | null; ward_id: string | null; reading: DeviceReading; reason: string; patient_id: string | null;
}

export class DeviceIngest {
  readonly #repo: FhirRepository;
  readonly bindings: DeviceBindings;
  readonly #settingsFor: (sender: string) => SenderSettings;
  readonly #plausibility: PlausibilityRanges | undefined;
  readonly #now: () => Date;
  /** Device ids by wire identifier (EUI-64 or sender). */
  readonly #devices = new Map<string, string>();

  constructor(options: DeviceIngestOptions) {
    this.#repo = options.repo;
    this.bindings = options.bindings ?? new DeviceBindings(options.repo);
    this.#settingsFor = options.settingsFor ?? (() => DEFAULT_SENDER_SETTINGS);
    this.#plausibility = options.plausibility;
    this.#now = options.now ?? (() => new Date());
  }

  /** Interprets, stores and answers one message. Never throws: failures become AE/CE (retry) or AR/CR (do not resend). */
  async ingest(text: string): Promise<IngestOutcome> {
    const receivedAt = this.#now();
    const none = { observations: 0, held: 0, aside: 0, alarms: 0, patients: [], finalised: [] };
    let interpreted = interpretDeviceMessage(text, { senderTimeZone: DEFAULT_SENDER_SETTINGS.timeZone, receivedAt, ...(this.#plausibility ? { plausibility: this.#plausibility } : {}) });
    const sender = interpreted.header?.sender;
    const settings = sender ? this.#settingsFor(sender) : DEFAULT_SENDER_SETTINGS;
    if (settings.timeZone !== DEFAULT_SENDER_SETTINGS.timeZone) {
      interpreted = interpretDeviceMessage(text, { senderTimeZone: settings.timeZone, receivedAt, ...(this.#plausibility ? { plausibility: this.#plausibility } : {}) });
    }
    if (!interpreted.ok) {
      const header = interpreted.header;
      const acks = header ? this.#answers(header, settings, 'rejected', interpreted.error) : [buildRejectWithoutHeader(text, receivedAt)];
      return { ...none, acks, status: 'rejected', ...(header ? { sender: header.sender, controlId: header.controlId } : {}), error: interpreted.error.text };
    }
    const message = interpreted;
    const header = message.header;
    try {
      // The answer is known before the write (the write failing turns it into AE/CE): it is stored with the message.
      const acks = this.#answers(header, settings, 'accepted');
      return await this.#repo.transaction(async (ctx) => {
        const stored = await this.#store(ctx, message, receivedAt, async (observations) => {
          const fresh = await ctx.q.query(
            `INSERT INTO device_message (sender, control_id, message_type, ack, observations) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING sender`,
            [header.sender, header.controlId, header.messageType, JSON.stringify(acks), observations],
          );
          return fresh.length > 0;
        });
        if (!stored) {
          const [row] = await ctx.q.query<{ ack: string }>('SELECT ack FROM device_message WHERE sender = $1 AND control_id = $2', [header.sender, header.controlId]);
          return { ...none, acks: JSON.parse(row?.ack || '[]') as string[], status: 'duplicate' as const, sender: header.sender, controlId: header.controlId };
        }
        return { ...stored, acks, status: 'accepted' as const, sender: header.sender, controlId: header.controlId };
      });
    } catch (err) {
      const clientFault = err instanceof FhirError && err.status < 500;
      const error: Hl7Error = { ackCode: clientFault ? 'AR' : 'AE', hl7ErrorCode: '207', text: clientFault ? `Rejected: ${(err as Error).message}` : 'Application internal error: the message could not be stored; send it again' };
      return { ...none, acks: this.#answers(header, settings, clientFault ? 'rejected' : 'error', error), status: clientFault ? 'rejected' : 'error', sender: header.sender, controlId: header.controlId, error: (err as Error).message };
    }
  }

  /** The answers under MSH-15/16 and the sender's settings. */
  #answers(header: MessageHeader, settings: SenderSettings, outcome: AckOutcome, error?: Hl7Error): string[] {
    const plan = ackPlan(header, settings.ack, outcome);
    const now = this.#now();
    const codes = [...(plan.commit ? [ackCodeFor('commit', outcome)] : []), ...(plan.application ? [ackCodeFor('application', outcome)] : [])];
    return codes.map((code, i) => buildAck(header, code, { ...(error ? { error } : {}), controlId: `K${now.getTime().toString(36)}${i}`, now }));
  }

  /**
   * Stores a message's devices, readings and alarms. `record` enters the message in the transport
   * record once the reads are done and before anything is written; false (seen before): nothing is
   * written and undefined is returned.
   */
  async #store(ctx: WriteContext, message: Extract<ReturnType<typeof interpretDeviceMessage>, { ok: true }>, receivedAt: Date, record: (observations: number) => Promise<boolean>) {
    const header = message.header;
    // Each device: its Device resource, and a lock so that two messages of one device are stored one after the other.
    const identifiers = new Set<string>([...message.readings.map((r) => r.deviceId), ...message.alarms.map((a) => a.deviceId)]);
    const nameOf = (identifier: string) => message.devices.find((d) => d.id === identifier)?.name ?? (identifier === header.sender ? header.senderName : undefined);
    const deviceIds = new Map<string, string>();
    for (const identifier of [...identifiers].sort()) {
      const id = await this.#deviceFor(ctx, identifier, nameOf(identifier));
      deviceIds.set(identifier, id);
      await this.#repo.lockKey(ctx, `device:${id}`);
    }

    const observations: NewVersion[] = [];
    const outside: OutsideRow[] = [];
    const patients = new Set<string>();
    const finalised = new Set<string>();
    const candidates: { reading: DeviceReading; id: string; deviceId: string; binding: Binding }[] = [];
    for (const reading of message.readings) {
      const deviceId = deviceIds.get(reading.deviceId)!;
      const binding = await this.bindings.resolve(ctx.q, deviceId, reading.observedAt);
      const row = (state: 'held' | 'aside', reason: string): OutsideRow => ({
        key: reading.key, state, device_id: deviceId, sender: header.sender, control_id: header.controlId, observed_at: reading.observedAt,
        bed_id: binding.bedId ?? null, ward_id: binding.wardId ?? null, reading, reason, patient_id: binding.patientId ?? null,
      });
      if (reading.problem) outside.push(row('aside', reading.problem.text));
      else if (!binding.patientId) outside.push(row('held', binding.bedId ? 'No patient in the bed at the reading time' : 'The device is neither bound to a bed nor associated with a patient'));
      else candidates.push({ reading, id: readingId(reading.key), deviceId, binding });
    }
    const existing = await this.#existing(ctx, 'Observation', candidates.map((c) => c.id));
    // Readings once held and then filed by a nurse (or withdrawn) are not charted again when re-sent.
    if (candidates.length) {
      const outsideKeys = await ctx.q.query<{ key: string }>('SELECT key FROM device_reading_outside WHERE key = ANY($1::text[])', [candidates.map((c) => c.reading.key)]);
      for (const { key } of outsideKeys) existing.add(readingId(key));
    }
    for (const c of candidates) {
      if (existing.has(c.id)) continue;
      existing.add(c.id); // a reading twice in one message
      const resource = buildReadingObservation(c.reading, { id: c.id, deviceId: c.deviceId, binding: c.binding as Binding & { patientId: string }, receivedAt, status: c.binding.autoFinalise ? 'final' : 'preliminary' });
      observations.push((await this.#repo.prepareVersion(ctx, resource, 1, 'create')).newVersion);
      patients.add(c.binding.patientId!);
      if (c.binding.autoFinalise) finalised.add(c.binding.patientId!);
    }
    if (!(await record(observations.length))) return undefined;
    if (observations.length) await this.#repo.writePrepared(ctx, observations);
    if (outside.length) await insertOutside(ctx.q, outside);

    let alarms = 0;
    for (const alarm of message.alarms) {
      const deviceId = deviceIds.get(alarm.deviceId)!;
      const binding = await this.bindings.resolve(ctx.q, deviceId, alarm.observedAt);
      const id = alarmId(sha256(`${alarm.deviceId}|${alarm.eventId}`));
      const [current] = await searchResources<Communication>(this.#repo, 'Communication', [['_id', id]], ctx.q);
      const lastUpdate = current?.extension?.[0]?.extension?.find((x) => x.url === 'update')?.valueString;
      if (current && (lastUpdate === alarm.updateId || (current.sent && Date.parse(current.sent) > Date.parse(alarm.observedAt)))) continue; // seen, or older than what is shown
      await this.#repo.updateIn(ctx, buildAlarmCommunication(alarm, { id, deviceId, ...(binding.patientId ? { patientId: binding.patientId } : {}), receivedAt }));
      alarms++;
    }
    return {
      observations: observations.length,
      held: outside.filter((o) => o.state === 'held').length,
      aside: outside.filter((o) => o.state === 'aside').length,
      alarms,
      patients: [...patients],
      finalised: [...finalised],
    };
  }

  /** Which of these ids exist (current, not deleted). */
  async #existing(ctx: WriteContext, type: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await searchResources(this.#repo, type, [['_id', ids.join(',')], ['_elements', 'id']], ctx.q);
    return new Set(found.map((r) => r.id!));
  }

  /** The Device of an identifier: one registered with it (by anyone, e.g. bound to a bed), else a new one. */
  async #deviceFor(ctx: WriteContext, identifier: string, name: string | undefined): Promise<string> {
    const known = this.#devices.get(identifier);
    if (known) return known;
    const system = /^[0-9A-F]{16}$/.test(identifier) ? EUI64_SYSTEM : DEVICE_SENDER_SYSTEM;
    const [found] = await searchResources(this.#repo, 'Device', [['identifier', `${system}|${identifier}`]], ctx.q);
    let id = found?.id;
    if (!id) {
      id = deviceIdOf(identifier, sha256);
      await this.#repo.lockKey(ctx, `Device/${id}`);
      if (!(await this.#existing(ctx, 'Device', [id])).has(id)) await this.#repo.updateIn(ctx, buildDevice(id, identifier, name));
    }
    if (this.#devices.size > 50_000) this.#devices.clear();
    this.#devices.set(identifier, id);
    return id;
  }
}

async function insertOutside(q: Queryable, rows: readonly OutsideRow[]): Promise<void> {
  await q.query(
    `INSERT INTO device_reading_outside (key, state, device_id, sender, control_id, observed_at, bed_id, ward_id, reading, reason, patient_id)
     SELECT x.key, x.state, x.device_id, x.sender, x.control_id, x.observed_at, x.bed_id, x.ward_id, x.reading, x.reason, x.patient_id
       FROM jsonb_to_recordset($1::jsonb) AS x(key text, state text, device_id text, sender text, control_id text, observed_at timestamptz,
            bed_id text, ward_id text, reading jsonb, reason text, patient_id text)
     ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}
