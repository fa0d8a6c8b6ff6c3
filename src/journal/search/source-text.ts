/**
 * The searchable text of a record resource (pure): a note (Composition: title and section
 * narratives), a document (DocumentReference with an inline text attachment), a result
 * (Observation/DiagnosticReport: value, conclusion, notes) or a message (Communication). What kind
 * of text it is decides its weight in ranking. @see ../../../../shared/reference/journal-ai.md §3
 */
import type { Attachment, Communication, Composition, DiagnosticReport, DocumentReference, Observation, Resource } from '@medplum/fhirtypes';

export const JournalKind = {
  dischargeSummary: 'epikrise',
  admissionNote: 'indlaeggelsesnotat',
  doctorNote: 'laegenotat',
  nursingNote: 'sygeplejenotat',
  document: 'dokument',
  result: 'resultat',
  message: 'korrespondance',
} as const;
export type JournalKind = (typeof JournalKind)[keyof typeof JournalKind];

/** Ranking weight of each kind (journal-ai.md §3 starting values). */
export const KIND_WEIGHT: Readonly<Record<JournalKind, number>> = {
  epikrise: 1.0,
  indlaeggelsesnotat: 0.9,
  laegenotat: 0.8,
  resultat: 0.8,
  dokument: 0.7,
  korrespondance: 0.6,
  sygeplejenotat: 0.5,
};

export interface SourceText {
  readonly patientId: string;
  readonly kind: JournalKind;
  readonly recorded: string;
  readonly text: string;
}

const refPatient = (ref: { reference?: string } | undefined) => (ref?.reference?.startsWith('Patient/') ? ref.reference.slice(8) : undefined);

/** Plain text of XHTML narrative: tags dropped, block ends as line breaks, entities decoded. */
export function narrativeText(div: string | undefined): string {
  if (!div) return '';
  return div
    .replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The text of an inline attachment when it is text (PDFs and images are read elsewhere). */
export function attachmentText(a: Attachment | undefined): string | undefined {
  if (!a?.data || !/^text\/(plain|markdown)/i.test(a.contentType ?? '')) return undefined;
  return Buffer.from(a.data, 'base64').toString('utf8');
}

const LOINC_KIND: Readonly<Record<string, JournalKind>> = {
  '18842-5': JournalKind.dischargeSummary,
  '34117-2': JournalKind.admissionNote,
  '11506-3': JournalKind.doctorNote,
  '34746-8': JournalKind.nursingNote,
};

function compositionKind(c: Composition): JournalKind {
  for (const coding of c.type?.coding ?? []) if (coding.code && LOINC_KIND[coding.code]) return LOINC_KIND[coding.code]!;
  const title = `${c.title ?? ''} ${c.type?.text ?? ''}`.toLowerCase();
  if (/epikrise/.test(title)) return JournalKind.dischargeSummary;
  if (/indlæggelse|indlaeggelse|journaloptagelse/.test(title)) return JournalKind.admissionNote;
  if (/sygepleje/.test(title)) return JournalKind.nursingNote;
  return JournalKind.doctorNote;
}

/** The searchable text of a resource, or undefined when it has none or belongs to no patient. */
export function sourceText(resource: Resource): SourceText | undefined {
  switch (resource.resourceType) {
    case 'Composition': {
      const c = resource as Composition;
      if (c.status === 'preliminary') return undefined; // a draft is not the record yet (src/notes): indexed when signed
      const patientId = refPatient(c.subject);
      const body = (c.section ?? []).flatMap((s) => [s.title ? `${s.title}:` : '', narrativeText(s.text?.div)]).filter(Boolean).join('\n');
      const text = [c.title, body].filter(Boolean).join('\n');
      return patientId && text ? { patientId, kind: compositionKind(c), recorded: c.date, text } : undefined;
    }
    case 'DocumentReference': {
      const d = resource as DocumentReference;
      const patientId = refPatient(d.subject);
      const text = (d.content ?? []).map((c) => attachmentText(c.attachment)).filter(Boolean).join('\n') || d.description || '';
      const kind = (d.type?.coding ?? []).some((c) => c.code && LOINC_KIND[c.code] === JournalKind.dischargeSummary) ? JournalKind.dischargeSummary : JournalKind.document;
      return patientId && text ? { patientId, kind, recorded: d.date ?? d.meta?.lastUpdated ?? new Date(0).toISOString(), text } : undefined;
    }
    case 'DiagnosticReport': {
      const r = resource as DiagnosticReport;
      const patientId = refPatient(r.subject);
      const text = [r.code?.text ?? r.code?.coding?.[0]?.display, r.conclusion].filter(Boolean).join(': ');
      return patientId && r.conclusion ? { patientId, kind: JournalKind.result, recorded: r.effectiveDateTime ?? r.issued ?? r.meta?.lastUpdated ?? new Date(0).toISOString(), text } : undefined;
    }
    case 'Observation': {
      const o = resource as Observation;
      const patientId = refPatient(o.subject);
      const notes = (o.note ?? []).map((n) => n.text).filter(Boolean);
      const parts = [o.valueString, ...notes].filter(Boolean);
      if (!patientId || parts.length === 0) return undefined;
      const label = o.code?.text ?? o.code?.coding?.[0]?.display;
      return { patientId, kind: JournalKind.result, recorded: o.effectiveDateTime ?? o.issued ?? o.meta?.lastUpdated ?? new Date(0).toISOString(), text: [label, parts.join(' ')].filter(Boolean).join(': ') };
    }
    case 'Communication': {
      const m = resource as Communication;
      if ((m.category ?? []).some((c) => c.coding?.some((k) => k.code === 'device-alarm'))) return undefined; // a device alarm is not correspondence
      const patientId = refPatient(m.subject);
      const text = (m.payload ?? []).map((p) => p.contentString ?? attachmentText(p.contentAttachment)).filter(Boolean).join('\n');
      return patientId && text ? { patientId, kind: JournalKind.message, recorded: m.sent ?? m.meta?.lastUpdated ?? new Date(0).toISOString(), text } : undefined;
    }
    default:
      return undefined;
  }
}

export const SEARCHABLE_TYPES: ReadonlySet<string> = new Set(['Composition', 'DocumentReference', 'DiagnosticReport', 'Observation', 'Communication']);
