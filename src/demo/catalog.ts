/** The clinical codes the demo draws from: SKS diagnoses, LOINC vital signs, NPU laboratory tests, ATC allergens. */

/** SKS diagnosis codes (D + ICD-10 without the dot) with Danish texts. */
export const DIAGNOSES = [
  { code: 'DI109', display: 'Essentiel hypertension' },
  { code: 'DE119', display: 'Type 2-diabetes uden komplikationer' },
  { code: 'DJ449', display: 'KOL' },
  { code: 'DI489', display: 'Atrieflimren og atrieflagren UNS' },
  { code: 'DI509', display: 'Hjerteinsufficiens UNS' },
  { code: 'DJ189', display: 'Pneumoni UNS' },
  { code: 'DN390', display: 'Urinvejsinfektion UNS' },
  { code: 'DJ459', display: 'Astma UNS' },
  { code: 'DE039', display: 'Hypothyroidisme UNS' },
  { code: 'DF329', display: 'Depressiv enkeltepisode UNS' },
  { code: 'DM179', display: 'Knæartrose UNS' },
  { code: 'DN189', display: 'Kronisk nyresygdom UNS' },
] as const;

export interface Diagnosis {
  readonly code: string;
  readonly display: string;
}

/** Acute diagnoses of current admissions to the surgical and psychiatric wards (never on the problem list). */
export const SURGICAL_DIAGNOSES: readonly Diagnosis[] = [
  { code: 'DK358', display: 'Akut appendicitis UNS' },
  { code: 'DK802', display: 'Galdeblæresten uden kolecystitis' },
  { code: 'DK567', display: 'Ileus UNS' },
  { code: 'DS720', display: 'Brud på lårbenshals' },
  { code: 'DK409', display: 'Lyskebrok uden obstruktion eller gangræn' },
];
export const PSYCHIATRIC_DIAGNOSES: readonly Diagnosis[] = [
  { code: 'DF329', display: 'Depressiv enkeltepisode UNS' },
  { code: 'DF209', display: 'Skizofreni UNS' },
  { code: 'DF319', display: 'Bipolar affektiv sindslidelse UNS' },
  { code: 'DF431', display: 'Posttraumatisk belastningsreaktion' },
];
/** The reason for the demo's day-treatment stay (a blood transfusion). */
export const DAY_TREATMENT_DIAGNOSIS: Diagnosis = { code: 'DD649', display: 'Anæmi UNS' };

/** Imaging a ward patient may be waiting for (ServiceRequest.code text). */
export const IMAGING = ['Røntgen af thorax', 'CT af cerebrum', 'Ultralyd af abdomen', 'Røntgen af hofte'] as const;

/** Vital signs (LOINC, UCUM), with a typical adult range to draw from. */
export const VITALS = {
  heartRate: { code: '8867-4', display: 'Heart rate', unit: '/min', ucum: '/min', min: 55, max: 110, decimals: 0 },
  respiratoryRate: { code: '9279-1', display: 'Respiratory rate', unit: '/min', ucum: '/min', min: 11, max: 24, decimals: 0 },
  spo2: { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%', ucum: '%', min: 91, max: 99, decimals: 0 },
  temperature: { code: '8310-5', display: 'Body temperature', unit: '°C', ucum: 'Cel', min: 36.2, max: 38.6, decimals: 1 },
} as const;
export type VitalSign = (typeof VITALS)[keyof typeof VITALS];

export const BLOOD_PRESSURE = {
  panel: { code: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: { code: '8480-6', display: 'Systolic blood pressure', min: 100, max: 170 },
  diastolic: { code: '8462-4', display: 'Diastolic blood pressure', min: 55, max: 100 },
} as const;

/** NPU laboratory tests (texts as in dk-core's NPU value set) with units and reference ranges. */
export const LAB_TESTS = [
  { code: 'NPU02319', display: 'B—Hæmoglobin(Fe); stofk. = ? mmol/L', unit: 'mmol/L', ucum: 'mmol/L', low: 7.3, high: 10.5, min: 6.0, max: 11.0, decimals: 1 },
  { code: 'NPU19748', display: 'P—C-reaktivt protein; massek. = ? mg/L', unit: 'mg/L', ucum: 'mg/L', low: 0, high: 10, min: 1, max: 120, decimals: 0 },
  { code: 'NPU18016', display: 'P—Creatininium; stofk. = ? µmol/L', unit: 'µmol/L', ucum: 'umol/L', low: 45, high: 105, min: 50, max: 180, decimals: 0 },
  { code: 'NPU03429', display: 'P—Natrium-ion; stofk. = ? mmol/L', unit: 'mmol/L', ucum: 'mmol/L', low: 137, high: 145, min: 130, max: 147, decimals: 0 },
  { code: 'NPU03230', display: 'P—Kalium-ion; stofk. = ? mmol/L', unit: 'mmol/L', ucum: 'mmol/L', low: 3.5, high: 4.4, min: 3.1, max: 5.2, decimals: 1 },
] as const;
export type LabTest = (typeof LAB_TESTS)[number];

/** Drug allergens by ATC code, with a typical reaction. */
export const ALLERGENS = [
  { code: 'J01CE02', display: 'Phenoxymethylpenicillin', reaction: 'Udslæt' },
  { code: 'N02BA01', display: 'Acetylsalicylsyre', reaction: 'Astmaanfald' },
  { code: 'M01AE01', display: 'Ibuprofen', reaction: 'Nældefeber' },
  { code: 'J01EE01', display: 'Sulfamethoxazol og trimethoprim', reaction: 'Udslæt' },
] as const;

export const ENCOUNTER_CLASSES = {
  AMB: 'ambulatory',
  IMP: 'inpatient encounter',
  EMER: 'emergency',
} as const;
export type EncounterClass = keyof typeof ENCOUNTER_CLASSES;
