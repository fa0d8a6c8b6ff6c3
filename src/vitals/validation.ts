/**
 * A nurse validates device readings before they are charted: accept (→ final), correct (→ amended,
 * the device's value kept in the version history) or reject (→ entered-in-error), one at a time or
 * a patient's time window at once. One Provenance per patient names the nurse (verifier) and the
 * devices (performers). Consciousness and oxygen given with the set are charted with it.
 * @see https://hl7.org/fhir/R4/provenance.html
 */
import type { Observation, Practitioner, Provenance, Reference } from '@medplum/fhirtypes';
import { badRequest, conflict } from '../errors/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { searchResources, type Caller } from '../logistics/index.ts';
import { VITAL_SOURCE_SYSTEM, VitalSource } from '../devices/index.ts';
import type { Validation } from './api-types.ts';
import { manualObservations } from './manual-observations.ts';

export interface ValidationOutcome {
  readonly accepted: number;
  readonly rejected: number;
  readonly corrected: number;
  readonly provenanceIds: readonly string[];
  readonly patients: readonly string[];
}

const isDeviceReading = (obs: Observation) => obs.meta?.tag?.some((t) => t.system === VITAL_SOURCE_SYSTEM && t.code === VitalSource.device) ?? false;
const patientOf = (obs: Observation) => obs.subject?.reference?.startsWith('Patient/') ? obs.subject.reference.slice('Patient/'.length) : undefined;

/** The practitioner acting, as a Reference (system clients: none). */
export const actorOf = (caller: Caller): Reference<Practitioner> | undefined =>
  caller.principal.fhirUser?.startsWith('Practitioner/') ? { reference: caller.principal.fhirUser, display: caller.principal.display } : undefined;

export async function validateReadings(caller: Caller, input: Validation, now: Date): Promise<ValidationOutcome> {
  const repo: FhirRepository = caller.repo;
  return repo.transaction(async (ctx) => {
    const actions = new Map<string, { action: 'accept' | 'reject' | 'correct'; value?: number }>();
    for (const id of input.accept ?? []) actions.set(id, { action: 'accept' });
    for (const id of input.reject ?? []) {
      if (actions.has(id)) throw badRequest(`Observation/${id} is both accepted and rejected`, 'reject');
      actions.set(id, { action: 'reject' });
    }
    for (const c of input.corrections ?? []) {
      if (actions.get(c.id)?.action === 'reject') throw badRequest(`Observation/${c.id} is both rejected and corrected`, 'corrections');
      actions.set(c.id, { action: 'correct', value: c.value });
    }
    if (input.window) {
      if (Date.parse(input.window.from) > Date.parse(input.window.to)) throw badRequest('The window ends before it starts', 'window.to');
      const pending = await searchResources<Observation>(repo, 'Observation', [
        ['subject', `Patient/${input.window.patientId}`], ['status', 'preliminary'], ['_tag', `${VITAL_SOURCE_SYSTEM}|${VitalSource.device}`],
        ['date', `ge${input.window.from}`], ['date', `le${input.window.to}`],
      ], ctx.q);
      for (const obs of pending) if (obs.id && !actions.has(obs.id)) actions.set(obs.id, { action: input.window.action });
    }

    const changed = new Map<string, { refs: Reference[]; devices: Set<string> }>();
    const encounters = new Map<string, string>();
    let accepted = 0, rejected = 0, corrected = 0;
    for (const [id, { action, value }] of actions) {
      const stored = await repo.read('Observation', id, ctx.q).catch(() => undefined);
      if (!stored?.json) throw badRequest(`Observation/${id} not found`, 'accept');
      const obs = JSON.parse(stored.json) as Observation;
      if (!isDeviceReading(obs)) throw badRequest(`Observation/${id} is not a device reading`, 'accept');
      if (obs.status !== 'preliminary') throw conflict(`Observation/${id} has already been validated (${obs.status})`, 'accept');
      const patientId = patientOf(obs);
      if (!patientId) throw badRequest(`Observation/${id} is not filed to a patient`, 'accept');
      let next: Observation;
      if (action === 'accept') {
        next = { ...obs, status: 'final' };
        accepted++;
      } else if (action === 'reject') {
        next = { ...obs, status: 'entered-in-error' };
        rejected++;
      } else {
        if (!obs.valueQuantity) throw badRequest(`Observation/${id} has no number to correct`, 'corrections');
        next = { ...obs, status: 'amended', valueQuantity: { ...obs.valueQuantity, value } };
        corrected++;
      }
      const result = await repo.updateIn(ctx, next, { ifMatch: stored.versionId });
      const entry = changed.get(patientId) ?? { refs: [], devices: new Set<string>() };
      entry.refs.push({ reference: `Observation/${id}/_history/${result.stored.versionId}` });
      if (obs.device?.reference) entry.devices.add(obs.device.reference);
      changed.set(patientId, entry);
      if (obs.encounter?.reference) encounters.set(patientId, obs.encounter.reference.slice('Encounter/'.length));
    }

    const actor = actorOf(caller);
    const provenanceIds: string[] = [];
    for (const [patientId, { refs, devices }] of changed) {
      if (input.consciousness !== undefined || input.supplementalOxygen !== undefined) {
        const at = now.toISOString();
        const encounterId = encounters.get(patientId);
        for (const extra of manualObservations(
          { ...(input.consciousness ? { consciousness: input.consciousness } : {}), ...(input.supplementalOxygen !== undefined ? { supplementalOxygen: input.supplementalOxygen } : {}) },
          { patientId, ...(encounterId ? { encounterId } : {}), ...(actor ? { performer: actor } : {}), at, issued: at },
        )) {
          const written = await repo.createIn(ctx, extra);
          refs.push({ reference: `Observation/${written.stored.id}/_history/${written.stored.versionId}` });
        }
      }
      const provenance = await repo.createIn(ctx, validationProvenance(refs, [...devices], actor, caller.principal.display, now));
      provenanceIds.push(provenance.stored.id);
    }
    return { accepted, rejected, corrected, provenanceIds, patients: [...changed.keys()] };
  });
}

/** Who validated which readings from which devices. */
export function validationProvenance(targets: Reference[], devices: readonly string[], nurse: Reference<Practitioner> | undefined, display: string, now: Date): Provenance {
  const participation = (code: string, text: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code, display: text }] });
  return {
    resourceType: 'Provenance',
    target: targets,
    recorded: now.toISOString(),
    activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'VRF', display: 'verifier' }], text: 'Validering af udstyrsmålinger' },
    agent: [
      { type: participation('verifier', 'Verifier'), who: nurse ?? { display } },
      ...devices.map((d) => ({ type: participation('performer', 'Performer'), who: { reference: d } })),
    ],
  };
}

