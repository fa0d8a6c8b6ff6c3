/**
 * @module The gold facts of a synthetic evaluation record (issue 6, journal-ai.md §8): what a
 * summary, a search or a question answerer should find, and where. Offsets are `[start, end)` in
 * Unicode code points of the note's text (see note-text.ts `noteText`).
 */

/** `[start, end)` in code points of a note's text. */
export type Span = readonly [start: number, end: number];

/** A phrase planted in a note: the document, its span, and the exact phrase the span slices to. */
export interface NoteEvidence {
  readonly docId: string;
  readonly span: Span;
  readonly phrase: string;
}

export interface AllergyTruth {
  readonly substance: string;
  readonly source: 'structured' | 'note';
  /** The AllergyIntolerance's fullUrl (structured). */
  readonly resourceRef?: string;
  readonly docId?: string;
  readonly span?: Span;
  readonly phrase?: string;
}

export interface MedicationTruth {
  readonly name: string;
  readonly atc: string;
  /** The MedicationStatement or MedicationRequest fullUrl. */
  readonly resourceRef: string;
}

export interface StoppedMedicationTruth {
  readonly name: string;
  readonly atc: string;
  /** The note that stops it (later than every note listing it). */
  readonly stoppedIn: string;
  readonly span: Span;
  readonly phrase: string;
  readonly reason: string;
  readonly resourceRef: string;
  /** 'active' when the structured list lags behind the note (the note wins: the drug is NOT active). */
  readonly structuredStatus: 'active' | 'stopped';
}

export interface FindingTruth extends NoteEvidence {
  /** The finding itself, e.g. 'pneumoni', 'lungeemboli', 'brystkræft'. */
  readonly term: string;
}

export interface FamilyFindingTruth extends FindingTruth {
  readonly relative: string;
}

export interface PendingResultTruth {
  readonly text: string;
  /** The ServiceRequest's fullUrl when the pending result is structured. */
  readonly resourceRef?: string;
  readonly docId?: string;
  readonly span?: Span;
  readonly phrase?: string;
}

export interface AmendmentTruth {
  readonly supersededDocId: string;
  /** The version that is current (status current, relatesTo replaces the other). */
  readonly currentDocId: string;
  readonly superseded: NoteEvidence;
  readonly current: NoteEvidence;
}

/** A structured "no known allergies" next to a note with an allergy: both are kept, and shown as a conflict. */
export interface ConflictTruth {
  readonly kind: 'nka-vs-note-allergy';
  readonly resourceRef: string;
  readonly note: NoteEvidence;
}

export interface QuestionTruth {
  /** In Danish, as a clinician would ask it. */
  readonly question: string;
  readonly answer: 'yes' | 'no' | 'not-found';
  /** Notes that support the answer (empty for 'not-found'). */
  readonly evidenceDocIds: string[];
  /** Structured resources (fullUrls) that support the answer. */
  readonly evidenceResourceRefs: string[];
}

export interface DocumentTruth {
  readonly docId: string;
  readonly fullUrl: string;
  readonly resourceType: 'Composition' | 'DocumentReference';
  readonly title: string;
  readonly date: string;
  readonly status: 'current' | 'superseded';
  /** A note written to contain similar words in other contexts and no planted fact. */
  readonly distractor: boolean;
}

export interface RecordTruth {
  readonly patient: { readonly fullUrl: string; readonly name: string; readonly cpr: string };
  readonly documents: DocumentTruth[];
  readonly allergies: AllergyTruth[];
  readonly noKnownAllergies: boolean;
  readonly activeMedication: MedicationTruth[];
  readonly stoppedMedication: StoppedMedicationTruth[];
  readonly activeProblems: { readonly text: string; readonly code?: string; readonly resourceRef?: string }[];
  readonly negatedFindings: FindingTruth[];
  readonly uncertainFindings: FindingTruth[];
  readonly familyFindings: FamilyFindingTruth[];
  readonly pendingResults: PendingResultTruth[];
  readonly amendments: AmendmentTruth[];
  readonly conflicts: ConflictTruth[];
  readonly questions: QuestionTruth[];
}
