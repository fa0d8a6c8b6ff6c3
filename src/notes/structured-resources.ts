/**
 * A note's structured fields as the record's resources (pure): weight, height, temperature, pulse
 * and blood pressure as vital-signs Observations (the last three as manual vitals are:
 * src/vitals/manual-observations.ts), the diagnosis as a Condition coded with SKS, CAVE as an
 * AllergyIntolerance, smoking as a social-history Observation. What was typed in the note is what
 * the chart shows: never typed twice. On amendment a changed value updates its resource (an
 * Observation becomes 'amended'); a removed one is marked entered-in-error.
 * @see https://hl7.org/fhir/R4/vitalsigns.html @see https://hl7.org/fhir/R4/condition.html @see https://hl7.org/fhir/R4/allergyintolerance.html
 */
import type { AllergyIntolerance, Condition, Observation, Practitioner, Reference, Resource } from '@medplum/fhirtypes';
import { vitalSignsCategory, VITAL_SOURCE_SYSTEM, VitalSource } from '../devices/index.ts';
import { Loinc, LOINC_SYSTEM as LOINC, UCUM_SYSTEM as UCUM } from '../early-warning/domain/index.ts';
import { manualObservations } from '../vitals/index.ts';
import type { NoteContent, NoteFieldKey, NoteFields, SmokingStatus } from './api-types.ts';

export const SNOMED = 'http://snomed.info/sct';
/** SKS (Sundhedsvæsenets Klassifikationssystem), as the demo's conditions use it. */
export const SKS_SYSTEM = 'urn:oid:1.2.208.176.2.4';

/** LOINC codes of the Observations a note builds itself, by field (temperature, pulse and blood pressure are manual vitals). */
export const FIELD_LOINC = {
  weight: { code: '29463-7', display: 'Body weight', text: 'Vægt' },
  height: { code: '8302-2', display: 'Body height', text: 'Højde' },
  smoking: { code: '72166-2', display: 'Tobacco smoking status', text: 'Rygning' },
} as const;

/** The field of an Observation a note wrote, by its LOINC code. */
const FIELD_BY_LOINC: Readonly<Record<string, NoteFieldKey>> = {
  [FIELD_LOINC.weight.code]: 'weight',
  [FIELD_LOINC.height.code]: 'height',
  [FIELD_LOINC.smoking.code]: 'smoking',
  [Loinc.bodyTemperature]: 'temperature',
  [Loinc.heartRate]: 'pulse',
  [Loinc.bloodPressurePanel]: 'bloodPressure',
};

const SMOKING_SNOMED: Readonly<Record<SmokingStatus, { code: string; display: string; text: string }>> = {
  current: { code: '77176002', display: 'Smoker', text: 'Ryger' },
  former: { code: '8517006', display: 'Ex-smoker', text: 'Tidligere ryger' },
  never: { code: '266919005', display: 'Never smoked tobacco', text: 'Aldrig røget' },
};

export interface NoteContext {
  readonly patientId: string;
  readonly encounterId?: string;
  /** The note's author (Practitioner), or a display-only reference for system clients. */
  readonly author: Reference<Practitioner>;
  /** When the note was signed (effective time of its values). */
  readonly at: string;
}

export interface StructuredResource {
  readonly field: NoteFieldKey;
  readonly resource: Resource;
}

const practitioner = (ref: Reference<Practitioner>) => (ref.reference ? ref : undefined);

/** One resource per filled-in field, in the fields' order. */
export function structuredResources(fields: NoteFields, context: NoteContext): StructuredResource[] {
  return (Object.keys(fields) as NoteFieldKey[]).flatMap((field) => {
    const resource = resourceFor(field, fields, context);
    return resource ? [{ field, resource }] : [];
  });
}

/** The resource of one field (undefined when the field is empty). */
export function resourceFor(field: NoteFieldKey, fields: NoteFields, context: NoteContext): Resource | undefined {
  const performer = practitioner(context.author);
  const subject = { reference: `Patient/${context.patientId}` };
  const encounter = context.encounterId ? { encounter: { reference: `Encounter/${context.encounterId}` } } : {};
  const vitals = (input: Parameters<typeof manualObservations>[0]) =>
    manualObservations(input, { patientId: context.patientId, ...(context.encounterId ? { encounterId: context.encounterId } : {}), ...(performer ? { performer } : {}), at: context.at, issued: context.at })[0];
  const observation = (code: (typeof FIELD_LOINC)[keyof typeof FIELD_LOINC], category: Observation['category'], value: Partial<Observation>): Observation => ({
    resourceType: 'Observation',
    meta: { tag: [{ system: VITAL_SOURCE_SYSTEM, code: VitalSource.manual }] },
    status: 'final',
    category,
    code: { coding: [{ system: LOINC, code: code.code, display: code.display }], text: code.text },
    subject,
    ...encounter,
    effectiveDateTime: context.at,
    issued: context.at,
    ...(performer ? { performer: [performer] } : {}),
    ...value,
  });
  switch (field) {
    case 'weight':
    case 'height': {
      const value = fields[field];
      if (value === undefined) return undefined;
      const unit = field === 'weight' ? 'kg' : 'cm';
      return observation(FIELD_LOINC[field], [vitalSignsCategory()], { valueQuantity: { value, unit, system: UCUM, code: unit } });
    }
    case 'temperature':
      return fields.temperature === undefined ? undefined : vitals({ temperature: fields.temperature });
    case 'pulse':
      return fields.pulse === undefined ? undefined : vitals({ heartRate: fields.pulse });
    case 'bloodPressure':
      return fields.bloodPressure ? vitals({ systolic: fields.bloodPressure.systolic, diastolic: fields.bloodPressure.diastolic }) : undefined;
    case 'smoking': {
      const status = fields.smoking;
      if (!status) return undefined;
      const s = SMOKING_SNOMED[status];
      const socialHistory = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'social-history', display: 'Social History' }] }];
      return observation(FIELD_LOINC.smoking, socialHistory, { valueCodeableConcept: { coding: [{ system: SNOMED, code: s.code, display: s.display }], text: s.text } });
    }
    case 'diagnosis': {
      const d = fields.diagnosis;
      if (!d) return undefined;
      const condition: Condition = {
        resourceType: 'Condition',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
        code: { coding: [{ system: SKS_SYSTEM, code: d.code, display: d.display }], text: d.display },
        subject,
        ...encounter,
        recordedDate: context.at,
        ...(performer ? { recorder: performer, asserter: performer } : {}),
      };
      return condition;
    }
    case 'allergy': {
      const a = fields.allergy;
      if (!a) return undefined;
      const allergy: AllergyIntolerance = {
        resourceType: 'AllergyIntolerance',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
        code: { text: a.substance },
        patient: subject,
        ...encounter,
        recordedDate: context.at,
        ...(performer ? { recorder: performer, asserter: performer } : {}),
        ...(a.reaction ? { reaction: [{ manifestation: [{ text: a.reaction }] }] } : {}),
      };
      return allergy;
    }
  }
}

/** The field a note's resource records (by its type and LOINC code), to match an amendment's values to what was written. */
export function fieldOfResource(resource: Resource): NoteFieldKey | undefined {
  if (resource.resourceType === 'Condition') return 'diagnosis';
  if (resource.resourceType === 'AllergyIntolerance') return 'allergy';
  if (resource.resourceType !== 'Observation') return undefined;
  const coding = ((resource as Observation).code?.coding ?? []).find((c) => c.system === LOINC && c.code && FIELD_BY_LOINC[c.code]);
  return coding?.code ? FIELD_BY_LOINC[coding.code] : undefined;
}

/** A resource as entered in error (a value removed from the note by an amendment). */
export function enteredInError(resource: Resource): Resource {
  switch (resource.resourceType) {
    case 'Observation':
      return { ...resource, status: 'entered-in-error' };
    case 'Condition': {
      const { clinicalStatus: _drop, ...rest } = resource;
      return { ...rest, verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] } };
    }
    case 'AllergyIntolerance': {
      const { clinicalStatus: _drop, ...rest } = resource;
      return { ...rest, verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'entered-in-error' }] } };
    }
    default:
      return resource;
  }
}

/** What an amendment does to each field's resource: keep it, replace its value (same id), create it, or mark it entered in error. */
export type AmendmentStep =
  | { readonly action: 'keep'; readonly field: NoteFieldKey; readonly reference: string }
  | { readonly action: 'update'; readonly field: NoteFieldKey; readonly resource: Resource }
  | { readonly action: 'create'; readonly field: NoteFieldKey; readonly resource: Resource }
  | { readonly action: 'retire'; readonly field: NoteFieldKey; readonly resource: Resource };

/**
 * The steps from the signed content (and the resources it wrote, current JSON by field) to the
 * amended content. An Observation whose value changed becomes 'amended'.
 */
export function amendmentSteps(before: NoteContent | undefined, after: NoteContent, written: Partial<Record<NoteFieldKey, Resource>>, context: NoteContext): AmendmentStep[] {
  const steps: AmendmentStep[] = [];
  const keys = new Set<NoteFieldKey>([...(Object.keys(after.fields) as NoteFieldKey[]), ...(Object.keys(written) as NoteFieldKey[])]);
  for (const field of keys) {
    const old = written[field];
    const next = resourceFor(field, after.fields, context);
    const same = JSON.stringify(before?.fields[field]) === JSON.stringify(after.fields[field]);
    if (old && !next) steps.push({ action: 'retire', field, resource: enteredInError(old) });
    else if (old && next && same) steps.push({ action: 'keep', field, reference: `${old.resourceType}/${old.id}` });
    else if (old && next) steps.push({ action: 'update', field, resource: { ...next, id: old.id, ...(next.resourceType === 'Observation' ? { status: 'amended' } : {}) } as Resource });
    else if (next) steps.push({ action: 'create', field, resource: next });
  }
  return steps;
}
