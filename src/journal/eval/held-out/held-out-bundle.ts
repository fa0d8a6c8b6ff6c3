/**
 * @module The held-out notes as one transaction Bundle (POSTs, urn:uuid fullUrls, the demo tag): a
 * Patient per held-out patient and a DocumentReference (inline text/plain, identified by the eval
 * note system so `noteDocId` gives back its held-out id) per note.
 * @see https://hl7.org/fhir/R4/documentreference.html
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, DocumentReference, Patient } from '@medplum/fhirtypes';
import { demoMeta, System } from '../../../demo/demo-meta.ts';
import { EVAL_NOTE_SYSTEM } from '../note-text.ts';
import { HELD_OUT_NOTES, HELD_OUT_PATIENTS } from './held-out-notes.ts';

/** The LOINC document type by the note title's first words. */
const LOINC_BY_TITLE: readonly [RegExp, string, string][] = [
  [/^indlæggelsesnotat/i, '34117-2', 'History and physical note'],
  [/^epikrise/i, '18842-5', 'Discharge summary'],
  [/^sygeplejenotat/i, '34746-8', 'Nurse Note'],
  [/^henvisning/i, '57133-1', 'Referral note'],
  [/^journalnotat/i, '11506-3', 'Progress note'],
];

export interface HeldOutBundle {
  readonly bundle: Bundle;
  /** Patient key (A, B, C) → the Patient's fullUrl. */
  readonly patients: ReadonlyMap<string, string>;
}

export function heldOutBundle(): HeldOutBundle {
  const entry: NonNullable<Bundle['entry']> = [];
  const patients = new Map<string, string>();
  HELD_OUT_PATIENTS.forEach((p, n) => {
    const fullUrl = `urn:uuid:${randomUUID()}`;
    patients.set(p.key, fullUrl);
    const patient: Patient = {
      resourceType: 'Patient', meta: demoMeta(),
      identifier: [{ system: System.cpr, value: `${p.birthDate.slice(8, 10)}${p.birthDate.slice(5, 7)}${p.birthDate.slice(2, 4)}-90${n}${p.gender === 'male' ? 1 : 2}` }],
      name: [{ given: [p.given], family: p.family, text: `${p.given} ${p.family}` }], gender: p.gender, birthDate: p.birthDate,
    };
    entry.push({ fullUrl, resource: patient, request: { method: 'POST', url: 'Patient' } });
  });
  for (const note of HELD_OUT_NOTES) {
    const [, code, display] = LOINC_BY_TITLE.find(([re]) => re.test(note.title)) ?? LOINC_BY_TITLE[LOINC_BY_TITLE.length - 1]!;
    const doc: DocumentReference = {
      resourceType: 'DocumentReference', meta: demoMeta(),
      identifier: [{ system: EVAL_NOTE_SYSTEM, value: note.id }],
      status: 'current', docStatus: 'final',
      type: { coding: [{ system: System.loinc, code, display }], text: note.title },
      subject: { reference: patients.get(note.patient)! },
      date: note.date, description: note.title,
      content: [{ attachment: { contentType: 'text/plain', language: 'da', data: Buffer.from(note.text, 'utf8').toString('base64'), title: note.title, creation: note.date } }],
    };
    entry.push({ fullUrl: `urn:uuid:${randomUUID()}`, resource: doc, request: { method: 'POST', url: 'DocumentReference' } });
  }
  return { bundle: { resourceType: 'Bundle', type: 'transaction', entry }, patients };
}
