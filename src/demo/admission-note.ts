/**
 * The admission note of a demo ward stay: a Composition (LOINC 34117-2) in Danish with the usual
 * headers, so the journal search and later the summary have text to work on: the reason for
 * admission, findings (some negated: "har ikke feber", "ingen feber", "u.t.p. pneumoni"), a conclusion and a plan.
 * Deterministic from the stay (no random draws, so the rest of the demo is unchanged).
 */
import type { Composition } from '@medplum/fhirtypes';
import { demoMeta } from './demo-meta.ts';

export interface AdmissionNoteInput {
  readonly patientRef: string;
  readonly encounterRef: string;
  readonly doctorRef: string;
  readonly doctorName: string;
  readonly diagnosis: string;
  readonly unit: 'MED1' | 'MED2' | 'KIR' | 'PSY';
  readonly date: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const section = (title: string, lines: readonly string[]) => ({
  title,
  text: { status: 'generated' as const, div: `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${escape(l)}</p>`).join('')}</div>` },
});

const FINDINGS: Readonly<Record<AdmissionNoteInput['unit'], readonly string[]>> = {
  MED1: ['Vågen og klar. Har ikke feber.', 'St.p.: Vesikulær respiration bilateralt, u.t.p. pneumoni. Ingen ødemer.', 'Abdomen blødt og uøm.'],
  MED2: ['Vågen og klar. Let dyspnøisk ved tale, ingen feber.', 'St.c.: Regelmæssig aktion, ingen mislyde.', 'Ingen tegn på dyb venetrombose.'],
  KIR: ['Vågen og klar. Afebril.', 'Abdomen: Ømhed i højre fossa, ingen défense.', 'Mistanke om galdesten; ultralyd bestilt.'],
  PSY: ['Vågen og orienteret i tid, sted og egne data.', 'Ingen psykotiske symptomer. Benægter selvmordstanker.', 'Sover dårligt, nedsat appetit.'],
};

export function admissionNote(input: AdmissionNoteInput): Composition {
  return {
    resourceType: 'Composition',
    meta: demoMeta(),
    status: 'final',
    type: { coding: [{ system: 'http://loinc.org', code: '34117-2', display: 'History and physical note' }], text: 'Indlæggelsesnotat' },
    subject: { reference: input.patientRef },
    encounter: { reference: input.encounterRef },
    date: input.date,
    author: [{ reference: input.doctorRef, display: input.doctorName }],
    title: 'Indlæggelsesnotat',
    section: [
      section('Anamnese', [`Indlægges med ${input.diagnosis.toLowerCase()}.`, 'Kendt i afdelingen. Ryger ikke.']),
      section('Objektivt', FINDINGS[input.unit]),
      section('Konklusion', [`${input.diagnosis}.`]),
      section('Plan', ['Observation efter NEWS2. Blodprøver i morgen.', 'Genvurdering ved stuegang.']),
    ],
  };
}
