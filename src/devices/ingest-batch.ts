/**
 * Stores a batch of interpreted device messages in one transaction (group commit): their Devices,
 * their transport record (sender, MSH-10, the answer), their readings as Observations (one write
 * statement for all), held and set-aside readings, and alarms. A message seen before adds nothing
 * and gets its original answer. The device locks are taken in one statement, in a fixed order.
 */
import type { Communication } from '@medplum/fhirtypes';
import type { Queryable } from '../db/index.ts';
import type { FhirRepository, NewVersion, WriteContext } from '../fhir/repository/index.ts';
import { searchResources } from '../logistics/index.ts';
import type { Binding, DeviceBindings } from './device-binding.ts';
import { alarmId, DEVICE_SENDER_SYSTEM, deviceIdOf, EUI64_SYSTEM, readingId } from './device-model.ts';
import type { DeviceReading, InterpretResult } from './hl7/index.ts';
import { buildAlarmCommunication, buildDevice, buildReadingObservation } from './reading-resources.ts';
import { createHash } from 'node:crypto';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export type InterpretedMessage = Extract<InterpretResult, { ok: true }>;

export interface BatchItem {
  readonly message: InterpretedMessage;
  readonly receivedAt: Date;
  /** The answers to keep with the message (sent once the batch is committed). */
  readonly acks: readonly string[];
}

/** What a message added to the record. */
export interface StoredCounts {
  readonly observations: number;
  readonly held: number;
  readonly aside: number;
  readonly alarms: number;
  /** Patients whose record got new readings. */
  readonly patients: readonly string[];
  /** Patients who got final readings (an auto-finalising ward): the early-warning engine scores them. */
  readonly finalised: readonly string[];
}

export interface StoredItem extends StoredCounts {
  /** False: the message was seen before; `acks` is its original answer. */
  readonly fresh: boolean;
  readonly acks: readonly string[];
}

interface OutsideRow {
  key: string; state: 'held' | 'aside'; device_id: string; sender: string; control_id: string; observed_at: string;
  bed_id: string | null; ward_id: string | null; reading: DeviceReading; reason: string; patient_id: string | null;
}

const HELD_NO_PATIENT = 'No patient in the bed at the reading time';
const HELD_UNBOUND = 'The device is neither bound to a bed nor associated with a patient';

export class BatchStore {
  readonly #repo: FhirRepository;
  readonly #bindings: DeviceBindings;
  /** Device ids by wire identifier (EUI-64 or sender). */
  readonly #devices = new Map<string, string>();

  constructor(repo: FhirRepository, bindings: DeviceBindings) {
    this.#repo = repo;
    this.#bindings = bindings;
  }

  async store(ctx: WriteContext, items: readonly BatchItem[]): Promise<StoredItem[]> {
    // 1. Devices (registered by anyone, else new), then one lock per device: two batches with readings of one device are stored one after the other.
    const deviceIds = new Map<string, string>();
    for (const { message } of items) {
      const header = message.header;
      for (const identifier of new Set([...message.readings.map((r) => r.deviceId), ...message.alarms.map((a) => a.deviceId)])) {
        if (deviceIds.has(identifier)) continue;
        const name = message.devices.find((d) => d.id === identifier)?.name ?? (identifier === header.sender ? header.senderName : undefined);
        deviceIds.set(identifier, await this.#deviceFor(ctx, identifier, name));
      }
    }
    await this.#repo.lockKeys(ctx, [...new Set(deviceIds.values())].map((id) => `device:${id}`));

    // 2. Where each reading goes: held (no patient), aside (a problem), or a patient's record.
    const plans = [];
    for (const { message, receivedAt } of items) {
      const header = message.header;
      const outside: OutsideRow[] = [];
      const candidates: { reading: DeviceReading; id: string; deviceId: string; binding: Binding }[] = [];
      for (const reading of message.readings) {
        const deviceId = deviceIds.get(reading.deviceId)!;
        const binding = await this.#bindings.resolve(ctx.q, deviceId, reading.observedAt);
        const row = (state: 'held' | 'aside', reason: string): OutsideRow => ({
          key: reading.key, state, device_id: deviceId, sender: header.sender, control_id: header.controlId, observed_at: reading.observedAt,
          bed_id: binding.bedId ?? null, ward_id: binding.wardId ?? null, reading, reason, patient_id: binding.patientId ?? null,
        });
        if (reading.problem) outside.push(row('aside', reading.problem.text));
        else if (!binding.patientId) outside.push(row('held', binding.bedId ? HELD_NO_PATIENT : HELD_UNBOUND));
        else candidates.push({ reading, id: readingId(reading.key), deviceId, binding });
      }
      plans.push({ message, receivedAt, outside, candidates });
    }

    // 3. Readings already in a record, or once held and then filed or withdrawn, are not charted again.
    const allCandidates = plans.flatMap((p) => p.candidates);
    const existing = await this.#existing(ctx, 'Observation', allCandidates.map((c) => c.id));
    if (allCandidates.length) {
      const outsideKeys = await ctx.q.query<{ key: string }>('SELECT key FROM device_reading_outside WHERE key = ANY($1::text[])', [allCandidates.map((c) => c.reading.key)]);
      for (const { key } of outsideKeys) existing.add(readingId(key));
    }

    // 4. The transport record, before anything is written: a message seen before (now or in this batch) stops here.
    const newIds = plans.map((p) => p.candidates.filter((c) => !existing.has(c.id)).map((c) => c.id));
    const fresh = await recordMessages(ctx.q, items.map((item, i) => ({ item, observations: new Set(newIds[i]).size })));

    // 5. Writes: every new reading of every fresh message in one statement; held and set-aside rows; alarms.
    const versions: NewVersion[] = [];
    const outside: OutsideRow[] = [];
    const results: StoredItem[] = [];
    for (const [i, plan] of plans.entries()) {
      const header = plan.message.header;
      const seen = fresh.get(`${header.sender}\n${header.controlId}`);
      if (seen !== i) {
        results.push({ fresh: false, acks: [], observations: 0, held: 0, aside: 0, alarms: 0, patients: [], finalised: [] });
        continue;
      }
      const patients = new Set<string>();
      const finalised = new Set<string>();
      let observations = 0;
      for (const c of plan.candidates) {
        if (existing.has(c.id)) continue;
        existing.add(c.id); // the same reading twice in the batch
        const resource = buildReadingObservation(c.reading, { id: c.id, deviceId: c.deviceId, binding: c.binding as Binding & { patientId: string }, receivedAt: plan.receivedAt, status: c.binding.autoFinalise ? 'final' : 'preliminary' });
        versions.push((await this.#repo.prepareVersion(ctx, resource, 1, 'create')).newVersion);
        observations++;
        patients.add(c.binding.patientId!);
        if (c.binding.autoFinalise) finalised.add(c.binding.patientId!);
      }
      outside.push(...plan.outside);
      const alarms = await this.#storeAlarms(ctx, plan.message, plan.receivedAt, deviceIds);
      results.push({
        fresh: true, acks: items[i]!.acks, observations, alarms, patients: [...patients], finalised: [...finalised],
        held: plan.outside.filter((o) => o.state === 'held').length, aside: plan.outside.filter((o) => o.state === 'aside').length,
      });
    }
    if (versions.length) await this.#repo.writePrepared(ctx, versions);
    if (outside.length) await insertOutside(ctx.q, outside);

    // 6. The original answers of messages seen before.
    const repeats = results.map((r, i) => (r.fresh ? undefined : items[i]!.message.header)).filter((h) => h !== undefined);
    if (repeats.length) {
      const rows = await ctx.q.query<{ sender: string; control_id: string; ack: string }>(
        'SELECT sender, control_id, ack FROM device_message WHERE (sender, control_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
        [repeats.map((h) => h.sender), repeats.map((h) => h.controlId)],
      );
      const answers = new Map(rows.map((r) => [`${r.sender}\n${r.control_id}`, JSON.parse(r.ack || '[]') as string[]]));
      results.forEach((r, i) => {
        if (r.fresh) return;
        const h = items[i]!.message.header;
        // A repeat within this batch gets the answer its first copy is about to get.
        const first = fresh.get(`${h.sender}\n${h.controlId}`);
        results[i] = { ...r, acks: answers.get(`${h.sender}\n${h.controlId}`) ?? (first !== undefined ? items[first]!.acks : []) };
      });
    }
    return results;
  }

  async #storeAlarms(ctx: WriteContext, message: InterpretedMessage, receivedAt: Date, deviceIds: ReadonlyMap<string, string>): Promise<number> {
    let stored = 0;
    for (const alarm of message.alarms) {
      const deviceId = deviceIds.get(alarm.deviceId)!;
      const binding = await this.#bindings.resolve(ctx.q, deviceId, alarm.observedAt);
      const id = alarmId(sha256(`${alarm.deviceId}|${alarm.eventId}`));
      const [current] = await searchResources<Communication>(this.#repo, 'Communication', [['_id', id]], ctx.q);
      const lastUpdate = current?.extension?.[0]?.extension?.find((x) => x.url === 'update')?.valueString;
      if (current && (lastUpdate === alarm.updateId || (current.sent && Date.parse(current.sent) > Date.parse(alarm.observedAt)))) continue; // seen, or older than what is shown
      await this.#repo.updateIn(ctx, buildAlarmCommunication(alarm, { id, deviceId, ...(binding.patientId ? { patientId: binding.patientId } : {}), receivedAt }));
      stored++;
    }
    return stored;
  }

  /** Which of these ids exist (current, not deleted). */
  async #existing(ctx: WriteContext, type: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await searchResources(this.#repo, type, [['_id', ids.join(',')], ['_elements', 'id'], ['_count', String(Math.max(ids.length, 1))]], ctx.q);
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

/**
 * Enters messages in the transport record; returns, for each (sender, MSH-10) entered now, the
 * index of the batch item that entered it (a key seen before is absent; a repeat within the batch
 * maps to its first copy).
 */
async function recordMessages(q: Queryable, entries: readonly { item: BatchItem; observations: number }[]): Promise<Map<string, number>> {
  const keyOf = (e: { item: BatchItem }) => `${e.item.message.header.sender}\n${e.item.message.header.controlId}`;
  const first = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!first.has(keyOf(e))) first.set(keyOf(e), i);
  });
  const rows = [...first.values()].map((i) => {
    const { item, observations } = entries[i]!;
    const h = item.message.header;
    return { sender: h.sender, control_id: h.controlId, message_type: h.messageType, ack: JSON.stringify(item.acks), observations };
  });
  const inserted = await q.query<{ sender: string; control_id: string }>(
    `INSERT INTO device_message (sender, control_id, message_type, ack, observations)
     SELECT x.sender, x.control_id, x.message_type, x.ack, x.observations
       FROM jsonb_to_recordset($1::jsonb) AS x(sender text, control_id text, message_type text, ack text, observations integer)
     ON CONFLICT DO NOTHING RETURNING sender, control_id`,
    [JSON.stringify(rows)],
  );
  const fresh = new Map<string, number>();
  for (const r of inserted) {
    const key = `${r.sender}\n${r.control_id}`;
    fresh.set(key, first.get(key)!);
  }
  return fresh;
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
