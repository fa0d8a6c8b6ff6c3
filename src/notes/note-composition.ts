/**
 * A note as a FHIR Composition and back (pure): the template's LOINC type and Danish title, one
 * section per header with text (narrative XHTML, every character escaped) and the structured
 * values written in it, section.entry referencing the resources those values became. The form's
 * content, the template and an amendment's reason ride along as Kerne extensions so a draft opens
 * as it was left. Signed notes carry a legal attester (the author, at the signing time).
 * @see https://hl7.org/fhir/R4/composition.html
 */
import type { Composition, CompositionSection, Extension, Practitioner, Reference } from '@medplum/fhirtypes';
import { narrativeText } from '../journal/index.ts';
import type { NoteAuthor, NoteContent, NoteFieldDefinition, NoteFieldKey, NoteFields, NoteSectionText, NoteStatus, NoteTemplateId, NoteTemplateView } from './api-types.ts';
import { isTemplateId } from './templates.ts';

export const NOTE_TEMPLATE_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/note-template';
export const NOTE_CONTENT_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/note-content';
export const NOTE_FIELD_RESOURCE_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/note-field-resource';
export const NOTE_AMENDMENT_REASON_EXTENSION = 'https://kerne.dk/fhir/StructureDefinition/note-amendment-reason';

export interface CompositionInput {
  readonly template: NoteTemplateView;
  readonly content: NoteContent;
  readonly status: Exclude<NoteStatus, 'entered-in-error'>;
  readonly patientId: string;
  readonly encounterId?: string;
  readonly author: Reference<Practitioner>;
  readonly date: string;
  /** 'Observation/…' etc. by field, once the values are resources (signing, amending). */
  readonly resources?: Readonly<Partial<Record<NoteFieldKey, string>>>;
  readonly reason?: string;
  readonly id?: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const decimal = (n: number) => String(n).replace('.', ',');

/** A structured value as the Danish narrative shows it, e.g. "Vægt: 82,5 kg". */
export function valueLine(definition: NoteFieldDefinition, fields: NoteFields): string | undefined {
  const label = definition.label.da;
  switch (definition.key) {
    case 'weight':
    case 'height':
    case 'temperature':
    case 'pulse': {
      const v = fields[definition.key];
      return v === undefined ? undefined : `${label}: ${decimal(v)} ${definition.unit?.display ?? ''}`.trimEnd();
    }
    case 'bloodPressure':
      return fields.bloodPressure ? `${label}: ${fields.bloodPressure.systolic}/${fields.bloodPressure.diastolic} mmHg` : undefined;
    case 'diagnosis':
      return fields.diagnosis ? `${label}: ${fields.diagnosis.display} (${fields.diagnosis.code})` : undefined;
    case 'allergy':
      return fields.allergy ? `${label}: ${fields.allergy.substance}${fields.allergy.reaction ? ` (${fields.allergy.reaction})` : ''}` : undefined;
    case 'smoking':
      return fields.smoking ? `${label}: ${{ current: 'ryger', former: 'tidligere ryger', never: 'aldrig røget' }[fields.smoking]}` : undefined;
  }
}

/** XHTML narrative: a paragraph per line of text; everything escaped. */
export function narrative(lines: readonly string[]): string {
  return `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${escapeXml(l)}</p>`).join('')}</div>`;
}

export function buildComposition(input: CompositionInput): Composition {
  const { template, content } = input;
  const sections: CompositionSection[] = [];
  for (const s of template.sections) {
    const textLines = (content.sections[s.key] ?? '').split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.trim());
    const fields = template.fields.filter((f) => f.section === s.key);
    const valueLines = fields.map((f) => valueLine(f, content.fields)).filter((l): l is string => !!l);
    const entries = fields.map((f) => input.resources?.[f.key]).filter((r): r is string => !!r).map((reference) => ({ reference }));
    if (!textLines.length && !valueLines.length) continue;
    sections.push({
      title: s.title.da,
      code: { coding: [{ system: 'https://kerne.dk/fhir/CodeSystem/note-section', code: s.key }], text: s.title.da },
      text: { status: 'generated', div: narrative([...textLines, ...valueLines]) },
      ...(entries.length ? { entry: entries } : {}),
    });
  }
  const extension: Extension[] = [
    { url: NOTE_TEMPLATE_EXTENSION, valueCode: template.id },
    { url: NOTE_CONTENT_EXTENSION, valueString: JSON.stringify(content) },
    ...Object.entries(input.resources ?? {}).map(([field, reference]) => ({
      url: NOTE_FIELD_RESOURCE_EXTENSION,
      extension: [{ url: 'field', valueCode: field }, { url: 'resource', valueReference: { reference } }],
    })),
    ...(input.reason ? [{ url: NOTE_AMENDMENT_REASON_EXTENSION, valueString: input.reason }] : []),
  ];
  const signed = input.status !== 'preliminary';
  return {
    resourceType: 'Composition',
    ...(input.id ? { id: input.id } : {}),
    extension,
    status: input.status,
    type: { coding: [{ system: 'http://loinc.org', code: template.loinc.code, display: template.loinc.display }], text: template.title.da },
    subject: { reference: `Patient/${input.patientId}` },
    ...(input.encounterId ? { encounter: { reference: `Encounter/${input.encounterId}` } } : {}),
    date: input.date,
    author: [input.author],
    title: template.title.da,
    ...(signed ? { attester: [{ mode: 'legal', time: input.date, party: input.author }] } : {}),
    ...(sections.length ? { section: sections } : {}),
  };
}

/** What Kerne reads back from a stored Composition (any Composition: imported notes have no template or content). */
export interface ReadNote {
  readonly templateId?: NoteTemplateId;
  readonly content?: NoteContent;
  readonly resources: Partial<Record<NoteFieldKey, string>>;
  readonly reason?: string;
  readonly patientId?: string;
  readonly encounterId?: string;
  readonly author: NoteAuthor;
  readonly sections: NoteSectionText[];
}

export function readNote(c: Composition): ReadNote {
  const ext = (url: string) => c.extension?.find((e) => e.url === url);
  const templateCode = ext(NOTE_TEMPLATE_EXTENSION)?.valueCode;
  let content: NoteContent | undefined;
  try {
    const raw = ext(NOTE_CONTENT_EXTENSION)?.valueString;
    content = raw ? (JSON.parse(raw) as NoteContent) : undefined;
  } catch {
    content = undefined;
  }
  const resources: Partial<Record<NoteFieldKey, string>> = {};
  for (const e of c.extension ?? []) {
    if (e.url !== NOTE_FIELD_RESOURCE_EXTENSION) continue;
    const field = e.extension?.find((x) => x.url === 'field')?.valueCode;
    const reference = e.extension?.find((x) => x.url === 'resource')?.valueReference?.reference;
    if (field && reference) resources[field as NoteFieldKey] = reference;
  }
  const reason = ext(NOTE_AMENDMENT_REASON_EXTENSION)?.valueString;
  const author = c.author?.[0];
  const refId = (ref: string | undefined, type: string) => (ref?.startsWith(`${type}/`) ? ref.slice(type.length + 1) : undefined);
  const patientId = refId(c.subject?.reference, 'Patient');
  const encounterId = refId(c.encounter?.reference, 'Encounter');
  return {
    ...(isTemplateId(templateCode) ? { templateId: templateCode } : {}),
    ...(content ? { content } : {}),
    resources,
    ...(reason ? { reason } : {}),
    ...(patientId ? { patientId } : {}),
    ...(encounterId ? { encounterId } : {}),
    author: { ...(author?.reference ? { reference: author.reference } : {}), display: author?.display ?? author?.reference ?? '' },
    sections: (c.section ?? []).map((s) => ({
      ...(s.code?.coding?.[0]?.code ? { key: s.code.coding[0].code } : {}),
      title: s.title ?? '',
      text: narrativeText(s.text?.div),
    })),
  };
}
