/** A demo ServiceRequest: a laboratory or imaging order that is still pending (active, no result yet); no performer, so it gives no unit a care relation. */
import type { ServiceRequest } from '@medplum/fhirtypes';
import { demoMeta } from './demo-meta.ts';

/** A pending (active, not yet resulted) laboratory or imaging order. */
export function pendingServiceRequest(input: {
  readonly kind: 'laboratory' | 'imaging';
  readonly text: string;
  readonly code?: { readonly system: string; readonly code: string };
  readonly patientRef: string;
  readonly encounterRef: string;
  readonly requesterRef: string;
  readonly authoredOn: string;
}): ServiceRequest {
  const category =
    input.kind === 'laboratory'
      ? { system: 'http://snomed.info/sct', code: '108252007', display: 'Laboratory procedure' }
      : { system: 'http://snomed.info/sct', code: '363679005', display: 'Imaging' };
  return {
    resourceType: 'ServiceRequest',
    meta: demoMeta(),
    status: 'active',
    intent: 'order',
    category: [{ coding: [category] }],
    priority: 'routine',
    code: { ...(input.code ? { coding: [{ ...input.code, display: input.text }] } : {}), text: input.text },
    subject: { reference: input.patientRef },
    encounter: { reference: input.encounterRef },
    authoredOn: input.authoredOn,
    requester: { reference: input.requesterRef },
  };
}
