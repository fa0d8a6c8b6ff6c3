/**
 * Checks what a note's form holds against its template (pure): only the template's sections and
 * fields, numbers in their plausible range, blood pressure as a pair, an SKS code that looks like
 * one. Each problem names its field (`content.fields.weight`), so the form shows it by the field.
 */
import type { NoteContent, NoteFields, NoteTemplateView, SmokingStatus } from './api-types.ts';
import { BLOOD_PRESSURE_RANGE } from './templates.ts';

export interface FieldProblem {
  /** The JSON path of the value, e.g. 'content.fields.weight'. */
  readonly expression: string;
  readonly message: string;
}

export type ContentCheck = { readonly ok: true; readonly content: NoteContent } | { readonly ok: false; readonly problems: readonly FieldProblem[] };

export const MAX_SECTION_LENGTH = 20_000;
/** SKS diagnosis codes: D + letter + digits (+ letters/digits for subcodes), e.g. DJ189, DI109, DE119A. */
const SKS_DIAGNOSIS = /^D[A-Z][0-9]{2}[0-9A-Z]{0,4}$/;
const SMOKING: readonly SmokingStatus[] = ['current', 'former', 'never'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The content as the template allows it, or every problem with its field. Empty values count as not filled in. */
export function checkContent(template: NoteTemplateView, input: unknown): ContentCheck {
  const problems: FieldProblem[] = [];
  const problem = (expression: string, message: string) => problems.push({ expression, message });
  const body = input === undefined ? {} : input;
  if (!isObject(body)) return { ok: false, problems: [{ expression: 'content', message: 'The content must be an object with sections and fields' }] };

  const sections: Record<string, string> = {};
  const rawSections = body.sections ?? {};
  if (!isObject(rawSections)) problem('content.sections', 'The sections must be an object of texts by section');
  else {
    const known = new Set(template.sections.map((s) => s.key));
    for (const [key, value] of Object.entries(rawSections)) {
      const path = `content.sections.${key}`;
      if (!known.has(key)) problem(path, `${template.title.en} has no section '${key.slice(0, 40)}'`);
      else if (typeof value !== 'string') problem(path, 'A section’s text must be a string');
      else if (value.length > MAX_SECTION_LENGTH) problem(path, `At most ${MAX_SECTION_LENGTH} characters`);
      else if (value.trim()) sections[key] = value;
    }
  }

  const fields: { -readonly [K in keyof NoteFields]: NoteFields[K] } = {};
  const rawFields = body.fields ?? {};
  if (!isObject(rawFields)) problem('content.fields', 'The fields must be an object of values by field');
  else {
    const defined = new Map(template.fields.map((f) => [f.key as string, f]));
    for (const [key, value] of Object.entries(rawFields)) {
      const path = `content.fields.${key}`;
      const definition = defined.get(key);
      if (!definition) {
        problem(path, `${template.title.en} has no field '${key.slice(0, 40)}'`);
        continue;
      }
      if (value === null || value === undefined || value === '') continue;
      switch (definition.kind) {
        case 'quantity': {
          if (typeof value !== 'number' || !Number.isFinite(value)) problem(path, `${definition.label.en} must be a number (${definition.unit?.display})`);
          else if (value < definition.min! || value > definition.max!) problem(path, `${definition.label.en} must be between ${definition.min} and ${definition.max} ${definition.unit?.display}`);
          else (fields as Record<string, number>)[key] = value;
          break;
        }
        case 'bloodPressure': {
          const bp = isObject(value) ? value : undefined;
          const systolic = bp?.systolic;
          const diastolic = bp?.diastolic;
          if (systolic === undefined && diastolic === undefined) break;
          const inRange = (v: unknown, r: { min: number; max: number }) => typeof v === 'number' && Number.isFinite(v) && v >= r.min && v <= r.max;
          if (!inRange(systolic, BLOOD_PRESSURE_RANGE.systolic) || !inRange(diastolic, BLOOD_PRESSURE_RANGE.diastolic)) {
            problem(path, `Blood pressure needs systolic ${BLOOD_PRESSURE_RANGE.systolic.min}–${BLOOD_PRESSURE_RANGE.systolic.max} and diastolic ${BLOOD_PRESSURE_RANGE.diastolic.min}–${BLOOD_PRESSURE_RANGE.diastolic.max} mmHg`);
          } else if ((diastolic as number) >= (systolic as number)) problem(path, 'The diastolic pressure must be lower than the systolic');
          else fields.bloodPressure = { systolic: systolic as number, diastolic: diastolic as number };
          break;
        }
        case 'diagnosis': {
          const code = isObject(value) ? text(value.code)?.toUpperCase() : undefined;
          const display = isObject(value) ? text(value.display) : undefined;
          if (!code && !display) break;
          if (!code || !SKS_DIAGNOSIS.test(code)) problem(path, 'Give an SKS diagnosis code, e.g. DJ189');
          else if (!display || display.length > 300) problem(path, 'Give the diagnosis text (at most 300 characters)');
          else fields.diagnosis = { code, display };
          break;
        }
        case 'allergy': {
          const substance = isObject(value) ? text(value.substance) : undefined;
          const reaction = isObject(value) ? text(value.reaction) : undefined;
          if (!substance && !reaction) break;
          if (!substance || substance.length > 200) problem(path, 'Name what the patient must not have (at most 200 characters)');
          else if (reaction && reaction.length > 500) problem(path, 'Describe the reaction in at most 500 characters');
          else fields.allergy = { substance, ...(reaction ? { reaction } : {}) };
          break;
        }
        case 'smoking': {
          if (!(SMOKING as readonly unknown[]).includes(value)) problem(path, 'Smoking is one of current, former, never');
          else fields.smoking = value as SmokingStatus;
          break;
        }
      }
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, content: { sections, fields } };
}

/** What signing needs beyond a well-formed draft: some text. */
export function checkSignable(content: NoteContent): FieldProblem[] {
  const hasText = Object.values(content.sections).some((s) => s.trim());
  return hasText || Object.keys(content.fields).length ? [] : [{ expression: 'content.sections', message: 'An empty note cannot be signed' }];
}
