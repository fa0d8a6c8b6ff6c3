/**
 * A mobile device with a patient: an explicit, time-bounded association (DeviceUseStatement) made by
 * a nurse, one patient at a time per device; ending it; withdrawing a wrong one, which takes its
 * readings out of the patient's record (entered-in-error, kept in the history and the audit log)
 * and back to the holding area; and filing held readings to a patient after all.
 * @see https://hl7.org/fhir/R4/deviceusestatement.html
 */
import { randomUUID } from 'node:crypto';
import type { DeviceUseStatement, Observation } from '@medplum/fhirtypes';
import { badRequest, conflict, notFound } from '../errors/index.ts';
import { associationAt, buildReadingObservation, DEVICE_ASSOCIATION_EXTENSION, type Binding } from '../devices/index.ts';
import type { DeviceReading } from '../devices/hl7/index.ts';
import { OPEN_ENCOUNTER_STATUSES, searchResources, type Caller } from '../logistics/index.ts';
import type { DeviceAssociationView } from './api-types.ts';
import { actorOf } from './validation.ts';

export function associationView(s: DeviceUseStatement): DeviceAssociationView {
  return {
    id: s.id!,
    deviceId: s.device.reference?.replace('Device/', '') ?? '',
    patientId: s.subject.reference?.replace('Patient/', '') ?? '',
    start: s.timingPeriod?.start ?? s.recordedOn ?? '',
    ...(s.timingPeriod?.end ? { end: s.timingPeriod.end } : {}),
    status: s.status === 'entered-in-error' ? 'entered-in-error' : s.status === 'completed' ? 'completed' : 'active',
    ...(s.source?.display ? { recordedBy: s.source.display } : {}),
  };
}

export async function associateDevice(caller: Caller, deviceId: string, input: { patientId: string; until?: string }, now: Date): Promise<DeviceAssociationView> {
  const repo = caller.repo;
  return repo.transaction(async (ctx) => {
    await repo.lockKey(ctx, `device:${deviceId}`);
    const device = await repo.read('Device', deviceId, ctx.q).catch(() => undefined);
    if (!device?.json) throw notFound(`Device/${deviceId}`);
    if (input.until && Date.parse(input.until) <= now.getTime()) throw badRequest('The association must end in the future', 'until');
    await repo.read('Patient', input.patientId, ctx.q).catch(() => {
      throw badRequest(`Unknown patient '${input.patientId}'`, 'patientId');
    });
    const existing = await searchResources<DeviceUseStatement>(repo, 'DeviceUseStatement', [['device', `Device/${deviceId}`]], ctx.q);
    const current = associationAt(existing.filter((s) => s.status === 'active'), now.getTime());
    if (current) throw conflict(`The device is associated with another patient until it is ended (DeviceUseStatement/${current.id})`, 'deviceId');
    const [stay] = await searchResources(repo, 'Encounter', [['subject', `Patient/${input.patientId}`], ['status', OPEN_ENCOUNTER_STATUSES]], ctx.q);
    const actor = actorOf(caller);
    const statement: DeviceUseStatement = {
      resourceType: 'DeviceUseStatement',
      status: 'active',
      subject: { reference: `Patient/${input.patientId}` },
      device: { reference: `Device/${deviceId}` },
      timingPeriod: { start: now.toISOString(), ...(input.until ? { end: input.until } : {}) },
      recordedOn: now.toISOString(),
      source: actor ?? { display: caller.principal.display },
      ...(stay?.id ? { derivedFrom: [{ reference: `Encounter/${stay.id}` }] } : {}),
    };
    return associationView((await repo.createIn(ctx, statement)).resource as DeviceUseStatement);
  });
}

async function readAssociation(caller: Caller, id: string, q: Parameters<Caller['repo']['read']>[2]) {
  const stored = await caller.repo.read('DeviceUseStatement', id, q).catch(() => undefined);
  if (!stored?.json) throw notFound(`DeviceUseStatement/${id}`);
  return { statement: JSON.parse(stored.json) as DeviceUseStatement, versionId: stored.versionId };
}

export async function endAssociation(caller: Caller, id: string, now: Date): Promise<DeviceAssociationView> {
  return caller.repo.transaction(async (ctx) => {
    const { statement, versionId } = await readAssociation(caller, id, ctx.q);
    if (statement.status !== 'active') throw conflict(`DeviceUseStatement/${id} is ${statement.status}`);
    const ended: DeviceUseStatement = { ...statement, status: 'completed', timingPeriod: { ...statement.timingPeriod, end: now.toISOString() } };
    return associationView((await caller.repo.updateIn(ctx, ended, { ifMatch: versionId })).resource as DeviceUseStatement);
  });
}

/** A wrong association: entered-in-error, and every reading filed under it leaves the record (back to the holding area). */
export async function withdrawAssociation(caller: Caller, id: string, reason: string, now: Date): Promise<{ withdrawn: number }> {
  const repo = caller.repo;
  return repo.transaction(async (ctx) => {
    const { statement, versionId } = await readAssociation(caller, id, ctx.q);
    if (statement.status === 'entered-in-error') throw conflict(`DeviceUseStatement/${id} has already been withdrawn`);
    await repo.updateIn(ctx, { ...statement, status: 'entered-in-error', note: [...(statement.note ?? []), { text: `Tilbagekaldt: ${reason}`, time: now.toISOString() }] }, { ifMatch: versionId });
    const readings = await searchResources<Observation>(repo, 'Observation', [['device', statement.device.reference!], ['subject', statement.subject.reference!]], ctx.q);
    let withdrawn = 0;
    for (const obs of readings) {
      const under = obs.extension?.some((x) => x.url === DEVICE_ASSOCIATION_EXTENSION && x.valueReference?.reference === `DeviceUseStatement/${id}`);
      if (!under || obs.status === 'entered-in-error') continue;
      await repo.updateIn(ctx, { ...obs, status: 'entered-in-error', note: [...(obs.note ?? []), { text: `Fejlagtig tilknytning af udstyr: ${reason}`, time: now.toISOString() }] });
      const key = obs.identifier?.[0]?.value;
      if (key) {
        await ctx.q.query(
          `INSERT INTO device_reading_outside (key, state, device_id, sender, control_id, observed_at, reading, reason)
           VALUES ($1, 'held', $2, '', '', $3, $4::jsonb, $5)
           ON CONFLICT (key) DO UPDATE SET state = 'held', patient_id = NULL, assigned_by = NULL, assigned_at = NULL, reason = EXCLUDED.reason`,
          [key, statement.device.reference!.replace('Device/', ''), obs.effectiveDateTime ?? now.toISOString(), JSON.stringify({ observation: obs }), `Taken from ${statement.subject.reference}: ${reason}`],
        );
      }
      withdrawn++;
    }
    return { withdrawn };
  });
}

/** Held readings filed to a patient by a nurse: preliminary Observations, to be validated like any other. */
export async function assignHeldReadings(caller: Caller, keys: readonly string[], patientId: string, now: Date): Promise<{ assigned: number }> {
  const repo = caller.repo;
  return repo.transaction(async (ctx) => {
    await repo.read('Patient', patientId, ctx.q).catch(() => {
      throw badRequest(`Unknown patient '${patientId}'`, 'patientId');
    });
    const rows = await ctx.q.query<{ key: string; device_id: string; reading: { observation?: Observation } & Partial<DeviceReading> }>(
      `SELECT key, device_id, reading FROM device_reading_outside WHERE key = ANY($1::text[]) AND state = 'held' FOR UPDATE`,
      [keys],
    );
    if (rows.length !== new Set(keys).size) throw conflict('Some of the readings are no longer held (assigned by someone else, or unknown)', 'readingIds');
    const [stay] = await searchResources(repo, 'Encounter', [['subject', `Patient/${patientId}`], ['status', OPEN_ENCOUNTER_STATUSES]], ctx.q);
    const binding: Binding & { patientId: string } = { patientId, ...(stay?.id ? { encounterId: stay.id } : {}), autoFinalise: false };
    for (const row of rows) {
      const withdrawn = row.reading.observation;
      const observation: Observation = withdrawn
        ? { ...withdrawn, id: randomUUID(), status: 'preliminary', subject: { reference: `Patient/${patientId}` }, ...(stay?.id ? { encounter: { reference: `Encounter/${stay.id}` } } : {}), extension: withdrawn.extension?.filter((x) => x.url !== DEVICE_ASSOCIATION_EXTENSION), note: [] }
        : buildReadingObservation(row.reading as DeviceReading, { id: randomUUID(), deviceId: row.device_id, binding, receivedAt: now, status: 'preliminary' });
      if (observation.extension?.length === 0) delete observation.extension;
      if (observation.note?.length === 0) delete observation.note;
      await repo.createIn(ctx, observation);
    }
    await ctx.q.query(`UPDATE device_reading_outside SET state = 'assigned', patient_id = $2, assigned_by = $3, assigned_at = $4 WHERE key = ANY($1::text[])`, [keys, patientId, caller.principal.display, now.toISOString()]);
    return { assigned: rows.length };
  });
}
