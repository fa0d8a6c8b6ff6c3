/**
 * Who signed a note, when, and what the signature covers (pure): a Provenance with the author as
 * agent 'author' and an author's signature, targeting the Composition version and the resources its
 * fields became. An amendment's Provenance says UPDATE, gives the reason and names the version it
 * revises. The signature is the author's attestation within Kerne (no digital signature data).
 * @see https://hl7.org/fhir/R4/provenance.html @see https://hl7.org/fhir/R4/valueset-signature-type.html
 */
import type { Practitioner, Provenance, Reference } from '@medplum/fhirtypes';

export interface NoteProvenanceInput {
  /** 'Composition/id/_history/v' first, then the structured resources' versioned references. */
  readonly targets: readonly string[];
  readonly author: Reference<Practitioner>;
  readonly at: string;
  /** An amendment: why, and the version it revises ('Composition/id/_history/v'). */
  readonly amendment?: { readonly reason: string; readonly revises: string };
}

export const AUTHOR_SIGNATURE = { system: 'urn:iso-astm:E1762-95:2013', code: '1.2.840.10065.1.12.1.1', display: "Author's Signature" } as const;

export function noteProvenance(input: NoteProvenanceInput): Provenance {
  const amend = input.amendment;
  return {
    resourceType: 'Provenance',
    target: input.targets.map((reference) => ({ reference })),
    recorded: input.at,
    activity: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: amend ? 'UPDATE' : 'CREATE', display: amend ? 'revise' : 'create' }],
      text: amend ? 'Rettelse af notat' : 'Underskrift af notat',
    },
    ...(amend ? { reason: [{ text: amend.reason }] } : {}),
    agent: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author', display: 'Author' }] },
        who: input.author,
      },
    ],
    ...(amend ? { entity: [{ role: 'revision', what: { reference: amend.revises } }] } : {}),
    signature: [{ type: [{ ...AUTHOR_SIGNATURE }], when: input.at, who: input.author }],
  };
}
