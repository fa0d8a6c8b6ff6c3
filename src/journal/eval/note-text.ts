/**
 * @module A note as FHIR: a Composition with one narrative section per header, or a
 * DocumentReference with an inline text/plain attachment (base64, UTF-8); and `noteText`, which
 * gives back the exact plain text the truth's spans refer to.
 * @see https://hl7.org/fhir/R4/composition.html
 * @see https://hl7.org/fhir/R4/documentreference.html
 */
import type { Composition, DocumentReference, Reference } from '@medplum/fhirtypes';
import { demoMeta } from '../../demo/demo-meta.ts';
import { HEADERS, SECTION_SEPARATOR, titleLine, type Header, type NoteSection } from './note-writer.ts';

/** The identifier system of the notes; its value is the truth's docId. */
export const EVAL_NOTE_SYSTEM = 'urn:kerne:eval:note';
const XHTML = 'http://www.w3.org/1999/xhtml';
const LOINC = 'http://loinc.org';

export interface NoteInput {
  readonly docId: string;
  readonly title: string;
  readonly loinc: { readonly code: string; readonly display: string };
  readonly date: string;
  readonly patientRef: string;
  readonly encounterRef: string;
  readonly authorRef: string;
  readonly sections: readonly NoteSection[];
  readonly text: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function noteComposition(note: NoteInput): Composition {
  return {
    resourceType: 'Composition',
    meta: demoMeta(),
    identifier: { system: EVAL_NOTE_SYSTEM, value: note.docId },
    status: 'final',
    type: { coding: [{ system: LOINC, code: note.loinc.code, display: note.loinc.display }], text: note.title },
    subject: { reference: note.patientRef },
    encounter: { reference: note.encounterRef },
    date: note.date,
    author: [{ reference: note.authorRef }],
    title: note.title,
    language: 'da',
    section: note.sections.map((s) => ({
      title: s.title,
      text: { status: 'generated', div: `<div xmlns="${XHTML}">${escapeXml(s.body).replace(/\n/g, '<br/>')}</div>` },
    })),
  };
}

export function noteDocumentReference(note: NoteInput, version?: { status: 'current' | 'superseded'; replaces?: Reference<DocumentReference> }): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    meta: demoMeta(),
    identifier: [{ system: EVAL_NOTE_SYSTEM, value: note.docId }],
    status: version?.status ?? 'current',
    ...(version?.replaces ? { docStatus: 'amended' as const, relatesTo: [{ code: 'replaces' as const, target: version.replaces }] } : { docStatus: 'final' as const }),
    type: { coding: [{ system: LOINC, code: note.loinc.code, display: note.loinc.display }], text: note.title },
    subject: { reference: note.patientRef },
    date: note.date,
    author: [{ reference: note.authorRef }],
    description: note.title,
    content: [{ attachment: { contentType: 'text/plain', language: 'da', data: Buffer.from(note.text, 'utf8').toString('base64'), title: note.title, creation: note.date } }],
    context: { encounter: [{ reference: note.encounterRef }] },
  };
}

const isHeader = (t: string | undefined): t is Header => (HEADERS as readonly string[]).includes(t ?? '');

/** The plain text of a note written by this generator; the truth's spans index into it (code points). */
export function noteText(note: Composition | DocumentReference): string {
  if (note.resourceType === 'DocumentReference') {
    const data = note.content[0]?.attachment.data;
    if (data === undefined) throw new Error('DocumentReference without inline data');
    return Buffer.from(data, 'base64').toString('utf8');
  }
  return (note.section ?? [])
    .map((s) => {
      if (!isHeader(s.title)) throw new Error(`Unknown section title ${s.title}`);
      const inner = /^<div xmlns="[^"]+">([\s\S]*)<\/div>$/.exec(s.text?.div ?? '')?.[1] ?? '';
      return titleLine(s.title) + unescapeXml(inner.replace(/<br\/>/g, '\n'));
    })
    .join(SECTION_SEPARATOR);
}

/** The docId a note carries. */
export function noteDocId(note: Composition | DocumentReference): string | undefined {
  const ids = note.resourceType === 'Composition' ? [note.identifier] : (note.identifier ?? []);
  return ids.find((i) => i?.system === EVAL_NOTE_SYSTEM)?.value;
}
