/** Danish note section headers (data) and their canonical names: journal-ai.md §3 "Split notes by Danish headers". */

/** Canonical section name → header spellings (matched case-insensitively, whole line or before a colon). */
export const SECTION_HEADERS = {
  Anamnese: ['anamnese', 'aktuel anamnese'],
  Objektivt: ['objektivt', 'objektiv undersøgelse', 'objektiv us', 'obj.', 'obj'],
  Paraklinik: ['paraklinik', 'parakliniske undersøgelser'],
  Konklusion: ['konklusion'],
  Vurdering: ['vurdering'],
  Plan: ['plan'],
  Medicin: ['medicin', 'aktuel medicin'],
  CAVE: ['cave'],
  Epikrise: ['epikrise'],
  Diagnoser: ['diagnoser', 'diagnose'],
  Status: ['status'],
  Aktuelt: ['aktuelt'],
  Resultat: ['resultat', 'resultater'],
} as const satisfies Record<string, readonly string[]>;

export type SectionName = keyof typeof SECTION_HEADERS;

/** Headers that also start a section when text follows on the same line without a colon ("CAVE penicillin"). */
export const BARE_INLINE_HEADERS = ['cave'] as const;
