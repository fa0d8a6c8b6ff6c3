/**
 * The JSON of Kerne's timeline API (/api/timeline): one patient's course across sectors and time,
 * shared by the server and the web app. Every route needs a bearer token; the record is read through
 * the caller's repository, so care relations, the psychiatric restriction and the audit apply.
 * Errors are OperationOutcomes.
 *
 * Routes:
 *   GET /api/timeline/patients/:patientId?from=&to=&kind=&sector=&limit= → TimelineResult
 *     from, to: an instant with time zone (2025-01-15T08:00:00+01:00) or a date (2025-01-15, a UTC day);
 *               entries that overlap [from, to] (both optional; from ≤ to)
 *     kind:     TimelineKind, several comma-separated (all when absent)
 *     sector:   TimelineSector, several comma-separated (all when absent)
 *     limit:    1–1000 entries (default 500); beyond it the newest are kept and `truncated` is true
 */

/** What an entry is. */
export const TimelineKind = {
  /** A contact (Encounter): admission, outpatient visit, emergency contact. */
  contact: 'contact',
  /** A course of care (EpisodeOfCare), e.g. a cancer pathway. */
  episode: 'episode',
  /** A clinical note (Composition). */
  note: 'note',
  /** A laboratory or imaging result (DiagnosticReport, or an Observation outside a report). */
  result: 'result',
  /** A document (DocumentReference): a letter, a scanned paper, a PDF. */
  document: 'document',
  /** The patient's answers to a questionnaire (QuestionnaireResponse, PRO). */
  pro: 'pro',
  /** Correspondence (Communication): MedCom messages to and from the GP and the municipality. */
  message: 'message',
} as const;
export type TimelineKind = (typeof TimelineKind)[keyof typeof TimelineKind];
export const TIMELINE_KINDS = Object.values(TimelineKind) as readonly TimelineKind[];

/** Where in the Danish health system an entry comes from (or, for a message, who the other party is). */
export const TimelineSector = {
  hospitalSomatic: 'hospital-somatic',
  hospitalPsychiatric: 'hospital-psychiatric',
  /** Almen praksis: the patient's GP. */
  generalPractice: 'general-practice',
  /** Kommunen: home care, care homes, rehabilitation. */
  municipality: 'municipality',
  /** The patient themself (PRO answers). */
  patient: 'patient',
} as const;
export type TimelineSector = (typeof TimelineSector)[keyof typeof TimelineSector];
export const TIMELINE_SECTORS = Object.values(TimelineSector) as readonly TimelineSector[];

/** The kind of contact (Encounter.class, v3 ActCode). */
export const ContactClass = {
  inpatient: 'inpatient',
  outpatient: 'outpatient',
  emergency: 'emergency',
  home: 'home',
  virtual: 'virtual',
  other: 'other',
} as const;
export type ContactClass = (typeof ContactClass)[keyof typeof ContactClass];

/** The resource version an entry was made from. */
export interface TimelineSource {
  readonly type: string;
  readonly id: string;
  readonly versionId: string;
}

export interface TimelineEntry {
  /** `Type/id` of the source: unique in a result. */
  readonly id: string;
  readonly kind: TimelineKind;
  readonly sector: TimelineSector;
  /** When it happened or began (FHIR dateTime). */
  readonly start: string;
  /** When it ended (contacts and courses); absent while ongoing or for a moment in time. */
  readonly end?: string;
  /** A short Danish title, e.g. "Indlæggelse – Medicinsk afdeling M1". */
  readonly title: string;
  /** A Danish line or two: diagnosis, value, conclusion, the start of a letter. */
  readonly detail?: string;
  /** The whole text where there is one (a note's sections, a text document, a message), at most 8,000 characters. */
  readonly text?: string;
  /** The unit or party: the serviceProvider of a contact, the other party of a message. */
  readonly organization?: string;
  readonly contactClass?: ContactClass;
  /** A message: received by the hospital ('in') or sent from it ('out'). */
  readonly direction?: 'in' | 'out';
  /** The FHIR status of the source (e.g. in-progress, final). */
  readonly status?: string;
  /** A document's attachment that can be opened in the browser (an absolute http(s) URL). */
  readonly link?: { readonly url: string; readonly title?: string; readonly contentType?: string };
  readonly source: TimelineSource;
}

export type TimelineCounts = {
  readonly kind: Readonly<Record<TimelineKind, number>>;
  readonly sector: Readonly<Record<TimelineSector, number>>;
};

export interface TimelineResult {
  readonly patientId: string;
  readonly from?: string;
  readonly to?: string;
  /** Oldest first (by start, then id). */
  readonly entries: readonly TimelineEntry[];
  /** Entries in the window per kind and per sector, before the kind and sector filters (for filter chips). */
  readonly counts: TimelineCounts;
  /** Entries that pass every filter (entries.length, unless truncated). */
  readonly total: number;
  /** Some entries are left out: beyond `limit`, or the record had more than Kerne reads at once in the window. */
  readonly truncated: boolean;
  readonly limit: number;
  readonly generatedAt: string;
}
