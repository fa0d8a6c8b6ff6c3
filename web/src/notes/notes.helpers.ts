/**
 * The note form's pure side: what the inputs hold (text as typed) to the NoteContent the server
 * takes and back, local number checks, the server's 400 by field, and who may write, sign or amend
 * (as the server decides: src/notes/notes-service.ts).
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { NoteContent, NoteFieldDefinition, NoteFields, NoteSummary, NoteTemplateView, SmokingStatus } from '../../../src/notes/api-types.ts';
import type { Me } from '../api/types.ts';
import { outcomeByField, parseDecimal } from '../vitals/vitals.helpers.ts';

/** The inputs of the structured fields, as typed (numbers with a Danish comma or a point). */
export type FieldInputs = Partial<Record<FieldInput, string>>;
export type FieldInput = 'weight' | 'height' | 'temperature' | 'pulse' | 'systolic' | 'diastolic' | 'diagnosisCode' | 'diagnosisText' | 'allergySubstance' | 'allergyReaction' | 'smoking';

export interface NoteForm {
  readonly sections: Readonly<Record<string, string>>;
  readonly fields: FieldInputs;
}

export const emptyForm = (): NoteForm => ({ sections: {}, fields: {} });

const numberText = (n: number | undefined) => (n === undefined ? undefined : String(n).replace('.', ','));

/** A stored note's content as the form shows it. */
export function formFromContent(content: NoteContent | undefined): NoteForm {
  if (!content) return emptyForm();
  const f = content.fields;
  const inputs: FieldInputs = {
    weight: numberText(f.weight), height: numberText(f.height), temperature: numberText(f.temperature), pulse: numberText(f.pulse),
    systolic: numberText(f.bloodPressure?.systolic), diastolic: numberText(f.bloodPressure?.diastolic),
    diagnosisCode: f.diagnosis?.code, diagnosisText: f.diagnosis?.display,
    allergySubstance: f.allergy?.substance, allergyReaction: f.allergy?.reaction,
    smoking: f.smoking,
  };
  return { sections: { ...content.sections }, fields: Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined)) };
}

/**
 * The content to send, and the number inputs that are not numbers (nothing is sent while there are
 * any). An autosave leaves out what is half typed (one blood pressure, a code without its text); a
 * signing (`complete`) sends it as it is, so the server names the field.
 */
export function contentFromForm(template: NoteTemplateView, form: NoteForm, complete = false): { readonly content: NoteContent; readonly notNumbers: readonly FieldInput[] } {
  const notNumbers: FieldInput[] = [];
  const num = (input: FieldInput): number | undefined => {
    const v = parseDecimal(form.fields[input] ?? '');
    if (Number.isNaN(v)) notNumbers.push(input);
    return v === undefined || Number.isNaN(v) ? undefined : v;
  };
  const text = (input: FieldInput) => form.fields[input]?.trim() || undefined;
  const fields: { -readonly [K in keyof NoteFields]: NoteFields[K] } = {};
  for (const definition of template.fields) {
    switch (definition.key) {
      case 'weight':
      case 'height':
      case 'temperature':
      case 'pulse': {
        const v = num(definition.key);
        if (v !== undefined) fields[definition.key] = v;
        break;
      }
      case 'bloodPressure': {
        const systolic = num('systolic');
        const diastolic = num('diastolic');
        const whole = systolic !== undefined && diastolic !== undefined;
        if (whole || (complete && (systolic !== undefined || diastolic !== undefined))) fields.bloodPressure = { systolic: systolic ?? Number.NaN, diastolic: diastolic ?? Number.NaN };
        break;
      }
      case 'diagnosis': {
        const code = text('diagnosisCode');
        const display = text('diagnosisText');
        if ((code && display) || (complete && (code || display))) fields.diagnosis = { code: code ?? '', display: display ?? '' };
        break;
      }
      case 'allergy': {
        const substance = text('allergySubstance');
        const reaction = text('allergyReaction');
        if (substance || (complete && reaction)) fields.allergy = { substance: substance ?? '', ...(reaction ? { reaction } : {}) };
        break;
      }
      case 'smoking': {
        const s = text('smoking');
        if (s) fields.smoking = s as SmokingStatus;
        break;
      }
    }
  }
  const sections = Object.fromEntries(template.sections.map((s) => [s.key, form.sections[s.key] ?? '']).filter(([, v]) => v !== ''));
  return { content: { sections, fields: JSON.parse(JSON.stringify(fields, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v))) as NoteFields }, notNumbers };
}

/** The inputs a structured field is typed in. */
export function inputsOf(definition: NoteFieldDefinition): readonly FieldInput[] {
  switch (definition.kind) {
    case 'quantity':
      return [definition.key as FieldInput];
    case 'bloodPressure':
      return ['systolic', 'diastolic'];
    case 'diagnosis':
      return ['diagnosisCode', 'diagnosisText'];
    case 'allergy':
      return ['allergySubstance', 'allergyReaction'];
    case 'smoking':
      return ['smoking'];
  }
}

/** The server's 400 by structured field and section key ('content.fields.weight' → weight); the rest is general. */
export function problemsByKey(outcome: OperationOutcome | undefined, template: NoteTemplateView) {
  const keys = [...template.fields.map((f) => f.key as string), ...template.sections.map((s) => s.key), 'sections', 'reason'];
  return outcomeByField(outcome, keys);
}

const roles = (me: Me) => new Set(me.memberships.map((m) => m.role));

/** Templates the user may write (the server checks the same). */
export const writableTemplates = (me: Me, templates: readonly NoteTemplateView[]): NoteTemplateView[] =>
  me.kind === 'user' ? templates.filter((t) => t.roles.some((r) => roles(me).has(r))) : [];

export const isAuthor = (me: Me, note: Pick<NoteSummary, 'author'>): boolean => !!me.fhirUser && note.author.reference === me.fhirUser;

/** The author (still holding a role of the template) or any doctor may amend a signed note. */
export function mayAmend(me: Me, note: Pick<NoteSummary, 'author' | 'status' | 'templateId'>, template: NoteTemplateView | undefined): boolean {
  if (!template || (note.status !== 'final' && note.status !== 'amended') || me.kind !== 'user') return false;
  return roles(me).has('laege') || (isAuthor(me, note) && template.roles.some((r) => roles(me).has(r)));
}

export const MIN_REASON_LENGTH = 5;
export const AUTOSAVE_DELAY_MS = 1200;
