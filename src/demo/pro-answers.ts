/**
 * Patient-reported outcomes (PRO) in the demo: one simple Questionnaire, "Helbred og trivsel", and a
 * patient's completed answers to it (QuestionnaireResponse authored by the patient, the timeline's
 * patient sector) some days before a ward stay. The answers follow the stay's diagnosis (breathlessness
 * with heart and lung disease, poor sleep before a psychiatric stay) and mention no fever, allergy or
 * drug. @see https://hl7.org/fhir/R4/questionnaireresponse.html
 */
import type { Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { demoMeta } from './demo-meta.ts';
import type { Random } from './random.ts';

export const HEALTH_QUESTIONNAIRE_URL = 'https://kerne.dk/fhir/Questionnaire/demo-helbred-og-trivsel';
const HEALTH_SYSTEM = `${HEALTH_QUESTIONNAIRE_URL}/svar`;

const HEALTH = [
  { code: 'fremragende', display: 'Fremragende' },
  { code: 'vaeldig-godt', display: 'Vældig godt' },
  { code: 'godt', display: 'Godt' },
  { code: 'mindre-godt', display: 'Mindre godt' },
  { code: 'daarligt', display: 'Dårligt' },
] as const;

const QUESTIONS = {
  health: 'Hvordan vil du vurdere dit helbred i almindelighed?',
  breathless: 'Har du været forpustet ved almindelige daglige gøremål den seneste uge?',
  poorNights: 'Hvor mange nætter har du sovet dårligt den seneste uge?',
  pain: 'Hvor ondt har du haft i dag (0 = ingen smerter, 10 = værst tænkelige)?',
  other: 'Er der andet, du gerne vil fortælle din læge?',
} as const;

export function healthQuestionnaire(): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    meta: demoMeta(),
    url: HEALTH_QUESTIONNAIRE_URL,
    version: '1',
    name: 'HelbredOgTrivsel',
    title: 'Helbred og trivsel',
    status: 'active',
    subjectType: ['Patient'],
    item: [
      { linkId: 'health', text: QUESTIONS.health, type: 'choice', required: true, answerOption: HEALTH.map((c) => ({ valueCoding: { system: HEALTH_SYSTEM, ...c } })) },
      { linkId: 'breathless', text: QUESTIONS.breathless, type: 'boolean' },
      { linkId: 'poorNights', text: QUESTIONS.poorNights, type: 'integer' },
      { linkId: 'pain', text: QUESTIONS.pain, type: 'integer' },
      { linkId: 'other', text: QUESTIONS.other, type: 'text' },
    ],
  };
}

const BREATHLESS_DIAGNOSES = new Set(['DJ189', 'DI489', 'DI509', 'DJ449', 'DD649']);
const PAINFUL_DIAGNOSES = new Set(['DK358', 'DK802', 'DK567', 'DS720', 'DK409']);
const OTHER = [
  'Jeg er blevet mere træt den seneste tid.',
  'Jeg har svært ved at klare trapperne.',
  'Jeg bekymrer mig om, hvordan det skal gå.',
  'Min datter hjælper mig med indkøb.',
] as const;

/** The patient's answers, authored `authored`, shaped by the coming stay's diagnosis (SKS code). */
export function healthAnswers(input: { patientRef: string; diagnosisCode: string; psychiatric: boolean; authored: string }, rnd: Random): QuestionnaireResponse {
  const health = HEALTH[rnd.int(2, 4)]!;
  const breathless = BREATHLESS_DIAGNOSES.has(input.diagnosisCode) || rnd.chance(0.2);
  const poorNights = input.psychiatric ? rnd.int(4, 7) : rnd.int(0, 3);
  const pain = PAINFUL_DIAGNOSES.has(input.diagnosisCode) ? rnd.int(4, 8) : rnd.int(0, 3);
  const other = rnd.chance(0.6) ? rnd.pick(OTHER) : undefined;
  const item: QuestionnaireResponseItem[] = [
    { linkId: 'health', text: QUESTIONS.health, answer: [{ valueCoding: { system: HEALTH_SYSTEM, ...health } }] },
    { linkId: 'breathless', text: QUESTIONS.breathless, answer: [{ valueBoolean: breathless }] },
    { linkId: 'poorNights', text: QUESTIONS.poorNights, answer: [{ valueInteger: poorNights }] },
    { linkId: 'pain', text: QUESTIONS.pain, answer: [{ valueInteger: pain }] },
    ...(other ? [{ linkId: 'other', text: QUESTIONS.other, answer: [{ valueString: other }] }] : []),
  ];
  return {
    resourceType: 'QuestionnaireResponse',
    meta: demoMeta(),
    questionnaire: `${HEALTH_QUESTIONNAIRE_URL}|1`,
    status: 'completed',
    subject: { reference: input.patientRef },
    authored: input.authored,
    author: { reference: input.patientRef },
    source: { reference: input.patientRef },
    item,
  };
}
