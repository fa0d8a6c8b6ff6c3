/** How boards show a person: full name or initials, age at a date, and CPR (urn:oid:1.2.208.176.1.2), per the screen's privacy. */
import type { HumanName, Patient, Practitioner } from '@medplum/fhirtypes';
import { NameDisplay, type BoardPatient } from '../model.ts';
import { DANISH_TIME_ZONE } from './time.ts';

export const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';

/** The name to show: the current official (else usual, else first) HumanName. */
function preferredName(names: readonly HumanName[] | undefined): HumanName | undefined {
  const current = (names ?? []).filter((n) => n.use !== 'old' && n.use !== 'anonymous');
  return current.find((n) => n.use === 'official') ?? current.find((n) => n.use === 'usual') ?? current[0] ?? names?.[0];
}

/** "Anna Marie Jensen": HumanName.text, else given names and family name. */
export function fullName(person: Patient | Practitioner | undefined): string | undefined {
  const name = preferredName(person?.name);
  if (!name) return undefined;
  const text = name.text?.trim() || [...(name.given ?? []), name.family ?? ''].join(' ').replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/** The full name, or '' when the resource has none (for lists that always need a string). */
export const displayName = (person: Patient | Practitioner | undefined): string => fullName(person) ?? '';

/** "Anna Marie Jensen" → "A.M.J."; hyphenated parts count as names ("Hans-Erik" → "H.E."). */
export function initials(name: string | undefined): string {
  const parts = (name ?? '').split(/[\s-]+/).filter(Boolean);
  return parts.map((p) => `${(Array.from(p)[0] ?? '').toLocaleUpperCase('da')}.`).join('');
}

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: DANISH_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Whole years from a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD; a missing month or day taken as the first) to `now`'s Danish calendar day. */
export function ageAt(birthDate: string | undefined, now: Date): number | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate ?? '');
  if (!match) return undefined;
  const [by, bm, bd] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)];
  const [ny, nm, nd] = dateFormat.format(now).split('-').map(Number) as [number, number, number];
  const age = ny - by - (nm < bm || (nm === bm && nd < bd) ? 1 : 0);
  return age >= 0 ? age : undefined;
}

/** The CPR number, formatted DDMMYY-XXXX. */
export function cprOf(patient: Patient | undefined): string | undefined {
  const value = patient?.identifier?.find((i) => i.system === CPR_SYSTEM && i.value)?.value?.trim();
  if (!value) return undefined;
  const digits = value.replace(/-/g, '');
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 6)}-${digits.slice(6)}` : value;
}

/** A patient as a board shows them: initials and no CPR on screens the public can see. */
export function boardPatient(patient: Patient, names: NameDisplay, now: Date): BoardPatient {
  const full = fullName(patient) ?? '';
  const cpr = names === NameDisplay.full ? cprOf(patient) : undefined;
  const age = ageAt(patient.birthDate, now);
  return {
    id: patient.id ?? '',
    name: names === NameDisplay.full ? full : initials(full),
    ...(cpr ? { cpr } : {}),
    ...(age !== undefined ? { age } : {}),
    ...(patient.gender ? { sex: patient.gender } : {}),
  };
}
