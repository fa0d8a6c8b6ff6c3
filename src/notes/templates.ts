/**
 * The note templates as data: the four Danish note types (LOINC document types), their sections
 * with Danish headers, the structured fields each carries and who may write them. A field's value
 * becomes a resource when the note is signed (./structured-resources.ts).
 * @see https://loinc.org/kb/document-ontology
 */
import type { NoteFieldDefinition, NoteFieldKey, NoteTemplateId, NoteTemplateView } from './api-types.ts';

export const Role = { doctor: 'laege', nurse: 'sygeplejerske' } as const;

/** Every structured field: label, unit (UCUM), plausible range (a typing error is caught, not a rare value). */
const FIELD: Readonly<Record<NoteFieldKey, Omit<NoteFieldDefinition, 'section'>>> = {
  weight: { key: 'weight', label: { da: 'Vægt', en: 'Weight' }, kind: 'quantity', unit: { code: 'kg', display: 'kg' }, min: 0.3, max: 400 },
  height: { key: 'height', label: { da: 'Højde', en: 'Height' }, kind: 'quantity', unit: { code: 'cm', display: 'cm' }, min: 20, max: 260 },
  temperature: { key: 'temperature', label: { da: 'Temperatur', en: 'Temperature' }, kind: 'quantity', unit: { code: 'Cel', display: '°C' }, min: 25, max: 45 },
  pulse: { key: 'pulse', label: { da: 'Puls', en: 'Pulse' }, kind: 'quantity', unit: { code: '/min', display: '/min' }, min: 20, max: 300 },
  bloodPressure: { key: 'bloodPressure', label: { da: 'Blodtryk', en: 'Blood pressure' }, kind: 'bloodPressure', unit: { code: 'mm[Hg]', display: 'mmHg' }, min: 15, max: 300 },
  diagnosis: { key: 'diagnosis', label: { da: 'Diagnose (SKS)', en: 'Diagnosis (SKS)' }, kind: 'diagnosis' },
  allergy: { key: 'allergy', label: { da: 'CAVE (allergi)', en: 'CAVE (allergy)' }, kind: 'allergy' },
  smoking: { key: 'smoking', label: { da: 'Rygning', en: 'Smoking' }, kind: 'smoking' },
};

/** Plausible systolic and diastolic ranges (as manual vitals: src/vitals/request-schemas.ts). */
export const BLOOD_PRESSURE_RANGE = { systolic: { min: 40, max: 300 }, diastolic: { min: 15, max: 200 } } as const;

const field = (key: NoteFieldKey, section: string): NoteFieldDefinition => ({ ...FIELD[key], section });
const section = (key: string, da: string, en: string) => ({ key, title: { da, en } });

export const NOTE_TEMPLATES: readonly NoteTemplateView[] = [
  {
    id: 'indlaeggelsesnotat',
    title: { da: 'Indlæggelsesnotat', en: 'Admission note' },
    loinc: { code: '34117-2', display: 'History and physical note' },
    roles: [Role.doctor],
    sections: [
      section('anamnese', 'Anamnese', 'History'),
      section('objektivt', 'Objektivt', 'Examination'),
      section('paraklinik', 'Paraklinik', 'Investigations'),
      section('konklusion', 'Konklusion', 'Conclusion'),
      section('plan', 'Plan', 'Plan'),
      section('medicin', 'Medicin', 'Medication'),
      section('cave', 'CAVE', 'CAVE'),
    ],
    fields: [
      field('weight', 'objektivt'), field('height', 'objektivt'), field('temperature', 'objektivt'), field('pulse', 'objektivt'),
      field('bloodPressure', 'objektivt'), field('smoking', 'anamnese'), field('diagnosis', 'konklusion'), field('allergy', 'cave'),
    ],
  },
  {
    id: 'sygeplejestatus',
    title: { da: 'Sygeplejestatus', en: 'Nursing status' },
    loinc: { code: '34746-8', display: 'Nurse Note' },
    roles: [Role.nurse, Role.doctor],
    sections: [
      section('status', 'Status', 'Status'),
      section('observationer', 'Observationer', 'Observations'),
      section('ernaering', 'Ernæring', 'Nutrition'),
      section('plan', 'Plan', 'Plan'),
    ],
    fields: [field('weight', 'observationer'), field('height', 'observationer'), field('temperature', 'observationer'), field('pulse', 'observationer'), field('bloodPressure', 'observationer')],
  },
  {
    id: 'journalnotat',
    title: { da: 'Journalnotat', en: 'Progress note' },
    loinc: { code: '11506-3', display: 'Progress note' },
    roles: [Role.doctor],
    sections: [
      section('subjektivt', 'Subjektivt', 'Subjective'),
      section('objektivt', 'Objektivt', 'Objective'),
      section('paraklinik', 'Paraklinik', 'Investigations'),
      section('vurdering', 'Vurdering', 'Assessment'),
      section('plan', 'Plan', 'Plan'),
    ],
    fields: [field('weight', 'objektivt'), field('temperature', 'objektivt'), field('pulse', 'objektivt'), field('bloodPressure', 'objektivt'), field('diagnosis', 'vurdering')],
  },
  {
    id: 'epikrise',
    title: { da: 'Epikrise', en: 'Discharge summary' },
    loinc: { code: '18842-5', display: 'Discharge summary' },
    roles: [Role.doctor],
    sections: [
      section('aarsag', 'Indlæggelsesårsag', 'Reason for admission'),
      section('forloeb', 'Forløb', 'Course'),
      section('konklusion', 'Konklusion', 'Conclusion'),
      section('medicin', 'Medicin ved udskrivelse', 'Medication at discharge'),
      section('opfoelgning', 'Opfølgning', 'Follow-up'),
      section('cave', 'CAVE', 'CAVE'),
    ],
    fields: [field('diagnosis', 'konklusion'), field('weight', 'forloeb'), field('allergy', 'cave')],
  },
];

const BY_ID = new Map<string, NoteTemplateView>(NOTE_TEMPLATES.map((t) => [t.id, t]));

export const templateById = (id: string): NoteTemplateView | undefined => BY_ID.get(id);
export const isTemplateId = (id: unknown): id is NoteTemplateId => typeof id === 'string' && BY_ID.has(id);
