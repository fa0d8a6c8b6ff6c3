// Patient and location context of a device message: PID-3/5/31 and PV1-3 (HL7 v2.6 §3.4.2, §3.4.3; IHE PCD TF-2 PID/PV1 use).
import type { Hl7Segment } from '@medplum/core';
import { component, repetitions, splitComponents, subcomponent } from './hl7-fields.ts';

export interface PatientIdentifier {
  readonly value: string;
  /** CX-4 assigning authority (first part). */
  readonly assigner?: string;
  /** CX-5 identifier type code, e.g. `PI`. */
  readonly type?: string;
}
export interface PatientContext {
  readonly identifiers: PatientIdentifier[];
  /** `Given Middle Family` from PID-5. */
  readonly name?: string;
  /** No usable identifier ('Unknown Patient', empty PID-3 or no PID), or PID-31 identity-unknown = Y. */
  readonly unknown: boolean;
}
export interface PointOfCare {
  readonly unit?: string;
  readonly room?: string;
  readonly bed?: string;
}

const UNKNOWN_ID = /^unknown(\s+patient)?$/i;

/** The patient context of a PID segment (or of none): gateways without ADT send blanks or 'Unknown Patient'. */
export function readPatient(pid: Hl7Segment | undefined): PatientContext {
  if (!pid) return { identifiers: [], unknown: true };
  const identifiers = repetitions(pid, 3)
    .map((raw) => splitComponents(raw, pid.context))
    .map(([value = '', , , authority = '', type = '']): PatientIdentifier => {
      const assigner = (authority.split(pid.context.subcomponentSeparator)[0] ?? '').trim();
      const idType = type.trim();
      return { value: value.trim(), ...(assigner ? { assigner } : {}), ...(idType ? { type: idType } : {}) };
    })
    .filter((id) => id.value !== '' && !UNKNOWN_ID.test(id.value));
  const family = subcomponent(pid, 5, 1, 1);
  const given = [component(pid, 5, 2), component(pid, 5, 3)].filter((p) => p !== '');
  const nameParts = [...given, family].filter((p) => p !== '' && !UNKNOWN_ID.test(p));
  const identityUnknown = component(pid, 31, 1).toUpperCase() === 'Y';
  return {
    identifiers,
    ...(nameParts.length ? { name: nameParts.join(' ') } : {}),
    unknown: identifiers.length === 0 || identityUnknown,
  };
}

/** PV1-3 `PointOfCare^Room^Bed`; undefined when there is no PV1 or the field is empty. */
export function readPointOfCare(pv1: Hl7Segment | undefined): PointOfCare | undefined {
  if (!pv1) return undefined;
  const [unit, room, bed] = [1, 2, 3].map((c) => component(pv1, 3, c).trim());
  const poc = { ...(unit ? { unit } : {}), ...(room ? { room } : {}), ...(bed ? { bed } : {}) };
  return Object.keys(poc).length ? poc : undefined;
}
