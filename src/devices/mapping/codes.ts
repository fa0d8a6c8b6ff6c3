// Code system URIs used by the device mapping (LOINC, UCUM, IEEE 11073-10101 MDC, Danish NPU/DNK); see docs devices.md §4.
export const CODE_SYSTEMS = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  mdc: 'urn:iso:std:iso:11073:10101',
  /** NPU and the Danish DNK codes, as dk-core 3.4 and MedCom terminology write it. */
  npu: 'urn:oid:1.2.208.176.2.1',
  /** NPU as dk-core 3.7 writes it: accept both on input, emit what the target profile expects. */
  npuAlternate: 'http://npu-terminology.org',
} as const;

export type CodeSystemName = keyof typeof CODE_SYSTEMS;

/** HL7 v2 coding-system names (CWE-3) that Kerne translates to URIs; anything else is kept verbatim. */
export const HL7_CODING_SYSTEMS: Readonly<Record<string, string>> = {
  MDC: CODE_SYSTEMS.mdc,
  LN: CODE_SYSTEMS.loinc,
  LOINC: CODE_SYSTEMS.loinc,
  UCUM: CODE_SYSTEMS.ucum,
};
