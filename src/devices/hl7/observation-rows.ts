// Splits an ORU message into OBR groups of OBX rows with the fields PCD-01/PCD-04 use (HL7 v2.6 §7.4.2 OBX; IHE PCD TF-2 Appendix B).
import type { Hl7Message, Hl7Segment } from '@medplum/core';
import { HL7_CODING_SYSTEMS } from '../mapping/index.ts';
import { equipmentIdFrom } from './equipment-id.ts';
import { component, fieldText, repetitions, splitComponents, unescapeHl7 } from './hl7-fields.ts';

export interface CodedValue {
  /** A URI for MDC, LOINC and UCUM (`urn:iso:std:iso:11073:10101` …), else the CWE-3 text as sent (`99MNDRY`). */
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

export interface ObxRow {
  /** Occurrence of this OBX in the message, 1-based (for ERR-2). */
  readonly sequence: number;
  readonly valueType: string;
  readonly code: CodedValue;
  readonly path: string;
  /** OBX-5 as sent (repetitions and components intact), and its first component unescaped. */
  readonly rawValue: string;
  readonly value: string;
  /** OBX-5 as a coded value, for CWE/CE/CNE rows. */
  readonly codedValue?: CodedValue;
  /** Raw OBX-6 and its components. */
  readonly rawUnit: string;
  readonly unit?: CodedValue;
  readonly abnormalFlags: string[];
  readonly resultStatus?: string;
  readonly observedAtText?: string;
  readonly method?: string;
  readonly equipmentId?: string;
}

export interface ObrGroup {
  /** 0 for OBX rows before any OBR, else the OBR's occurrence (1-based). */
  readonly index: number;
  readonly obr?: Hl7Segment;
  readonly rows: ObxRow[];
}

/** A CWE-like value from its components: code, text, coding system (mapped to a URI where known). */
export function codedFrom(components: readonly string[]): CodedValue {
  const [code = '', display = '', system = ''] = components.map((c) => c.trim());
  return { system: HL7_CODING_SYSTEMS[system.toUpperCase()] ?? system, code, ...(display ? { display } : {}) };
}

const CODED_TYPES = new Set(['CWE', 'CE', 'CNE', 'CF']);

function readObx(obx: Hl7Segment, sequence: number): ObxRow {
  const ctx = obx.context;
  const valueType = component(obx, 2, 1).trim().toUpperCase();
  const rawValue = fieldText(obx, 5);
  const firstRep = rawValue.split(ctx.repetitionSeparator)[0] ?? '';
  const valueComponents = splitComponents(firstRep, ctx);
  const rawUnit = fieldText(obx, 6);
  const equipment = repetitions(obx, 18)
    .map((rep) => equipmentIdFrom(splitComponents(rep, ctx)))
    .find((id) => id !== undefined);
  const observedAtText = component(obx, 14, 1).trim();
  const method = component(obx, 17, 1).trim() || component(obx, 17, 2).trim();
  const resultStatus = component(obx, 11, 1).trim();
  return {
    sequence,
    valueType,
    code: codedFrom(splitComponents(fieldText(obx, 3), ctx)),
    path: component(obx, 4, 1).trim(),
    rawValue,
    value: CODED_TYPES.has(valueType) ? (valueComponents[0] ?? '').trim() : unescapeHl7(firstRep, ctx).trim(),
    ...(CODED_TYPES.has(valueType) && firstRep !== '' ? { codedValue: codedFrom(valueComponents) } : {}),
    rawUnit,
    ...(rawUnit !== '' ? { unit: codedFrom(splitComponents(rawUnit, ctx)) } : {}),
    abnormalFlags: repetitions(obx, 8).map((f) => unescapeHl7(f, ctx).trim()).filter((f) => f !== ''),
    ...(resultStatus ? { resultStatus } : {}),
    ...(observedAtText ? { observedAtText } : {}),
    ...(method ? { method } : {}),
    ...(equipment ? { equipmentId: equipment } : {}),
  };
}

/** OBR groups in message order; each OBX belongs to the OBR before it. */
export function readObrGroups(message: Hl7Message): ObrGroup[] {
  const groups: { index: number; obr?: Hl7Segment; rows: ObxRow[] }[] = [];
  let obxCount = 0;
  let obrCount = 0;
  for (const segment of message.segments) {
    if (segment.name === 'OBR') {
      obrCount += 1;
      groups.push({ index: obrCount, obr: segment, rows: [] });
    } else if (segment.name === 'OBX') {
      obxCount += 1;
      if (groups.length === 0) groups.push({ index: 0, rows: [] });
      groups[groups.length - 1]?.rows.push(readObx(segment, obxCount));
    }
  }
  return groups;
}
