/** Pure helpers for showing a FHIR Patient: name, CPR number, age, sex, and the reduced-access marker. */
import type { Patient } from '@medplum/fhirtypes';
import { CPR_SYSTEM, formatCpr } from '../patient-search/cpr.ts';

/** The meta.tag the server puts on a Patient returned without a care relation (reduced to name, CPR, birth date, sex). */
export const ACCESS_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/access';
export const NO_CARE_RELATION = 'no-care-relation';
export const BREAK_THE_GLASS_POSSIBLE = 'break-the-glass-possible';

/** "Given Middle Family", from the official (else the first) name. */
export function patientName(patient: Pick<Patient, 'name'>): string {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  if (!name) return '';
  if (name.text) return name.text;
  return [...(name.given ?? []), name.family].filter(Boolean).join(' ');
}

/** The CPR number as DDMMYY-SSSS, or undefined when the patient has none. */
export function patientCpr(patient: Pick<Patient, 'identifier'>): string | undefined {
  const value = patient.identifier?.find((i) => i.system === CPR_SYSTEM)?.value;
  return value ? formatCpr(value.replace('-', '')) : undefined;
}

/** Whole years from a birth date (YYYY, YYYY-MM or YYYY-MM-DD) to `today`. */
export function ageInYears(birthDate: string | undefined, today: Date): number | undefined {
  const m = birthDate ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(birthDate) : null;
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  let age = today.getFullYear() - year;
  const beforeBirthday = today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : undefined;
}

/** True when the server returned the patient reduced, because the user has no care relation. */
export function hasNoCareRelation(resource: { meta?: { tag?: { system?: string; code?: string }[] } }): boolean {
  return resource.meta?.tag?.some((t) => t.system === ACCESS_SYSTEM && t.code === NO_CARE_RELATION) ?? false;
}

/** The id from a reference like 'Patient/123'. */
export function idFromReference(reference: string | undefined, type: string): string | undefined {
  const prefix = `${type}/`;
  return reference?.startsWith(prefix) ? reference.slice(prefix.length) : undefined;
}
