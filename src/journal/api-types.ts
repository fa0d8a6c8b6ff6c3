/**
 * The JSON of Kerne's journal API (/api/journal), shared by the server and the web app. Every route
 * needs a bearer token; the patient and every source shown are read through the caller's
 * repository (care relation, audit). Errors are OperationOutcomes.
 *
 * Routes:
 *   GET  /api/journal/patients/:patientId/search?q=…&limit=…   → JournalSearchResult
 *   GET  /api/journal/patients/:patientId/overview              → JournalOverview ("Overblik")
 *   POST /api/journal/patients/:patientId/ask {question}        → JournalAnswer
 *   GET  /api/journal/sources/:type/:id?version=&start=&end=     → JournalSource (the cited text, span marked)
 *   POST /api/journal/ai-events/:eventId/actions {action, citation?} → 204 (what the user did with AI output)
 */

export interface JournalHit {
  /** The resource the passage is from, at the version indexed. */
  readonly source: { readonly type: string; readonly id: string; readonly version: number };
  readonly kind: string;
  readonly section?: string;
  /** Code-point offsets of the passage in the source's text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The passage with the matched words between [[ and ]]. */
  readonly snippet: string;
  readonly recorded: string;
  readonly score: number;
  /** The query's words stand together, in order. */
  readonly phrase: boolean;
}

export interface JournalSearchResult {
  readonly query: string;
  readonly hits: readonly JournalHit[];
  readonly generatedAt: string;
}

/** A statement's source (journal-ai.md §5): a structured resource at a version, or a verbatim span of a text at a version. */
export type JournalCitation =
  | {
      readonly kind: 'resource';
      readonly resourceType: string;
      readonly id: string;
      readonly versionId: string;
    }
  | {
      readonly kind: 'span';
      /** The resource holding the text (Composition, DocumentReference, DiagnosticReport, Observation, Communication). */
      readonly resourceType: string;
      readonly id: string;
      readonly versionId: string;
      /** `[start, end)` in Unicode code points of the source's text (src/journal/search/source-text.ts). */
      readonly start: number;
      readonly end: number;
      readonly unit: 'codepoint';
      readonly contentHash: string;
      readonly quoteHash: string;
      /** The cited words, verbatim. */
      readonly quote: string;
    };

/** Polarity of a finding taken from text: as stated, negated, uncertain, historical, in the family or hypothetical. */
export type JournalAssertion = 'present' | 'negated' | 'uncertain' | 'historical' | 'family' | 'hypothetical';

/** One line of a summary section: Danish text, when it was recorded, and at least one citation. */
export interface OverviewItem {
  readonly text: string;
  /** When the fact was recorded or took effect (ISO); shown as its age. */
  readonly date?: string;
  /** structured: from a FHIR resource; text: from a note or document passage. */
  readonly origin: 'structured' | 'text';
  readonly citations: readonly JournalCitation[];
  /** Findings from text: their context; anything but 'present' is labelled, never shown as a fact. */
  readonly assertion?: JournalAssertion;
  /** Danish flags shown beside the item, e.g. "Seponeret i notat 12.03.2026", "Konflikt: NKA i strukturerede data". */
  readonly flags?: readonly string[];
  /** New or changed since the user last opened this overview. */
  readonly isNew?: boolean;
}

export const OverviewSectionId = {
  allergies: 'allergies',
  medication: 'medication',
  problems: 'problems',
  vitals: 'vitals',
  recentEvents: 'recentEvents',
  pendingResults: 'pendingResults',
  newSinceLastVisit: 'newSinceLastVisit',
} as const;
export type OverviewSectionId = (typeof OverviewSectionId)[keyof typeof OverviewSectionId];

export interface OverviewSection {
  readonly id: OverviewSectionId;
  /** Danish heading, e.g. "Allergier og CAVE". */
  readonly title: string;
  readonly items: readonly OverviewItem[];
  /** Shown when items is empty: "Ikke oplyst i journalen" (never an invented statement). */
  readonly emptyText: string;
}

export interface JournalOverview {
  readonly patientId: string;
  readonly sections: readonly OverviewSection[];
  /** When this user last opened the overview before now (absent the first time). */
  readonly lastOpened?: string;
  readonly generatedAt: string;
  /** Milliseconds spent building it (for the benchmark and the operator). */
  readonly buildMs: number;
}

/** A passage retrieved for a question, numbered S1…Sn as given to a model. */
export interface RetrievedPassage {
  readonly id: string;
  readonly citation: JournalCitation & { readonly kind: 'span' };
  readonly kind: string;
  readonly section?: string;
  readonly recorded: string;
  readonly text: string;
  readonly assertion: JournalAssertion;
}

export interface AnswerSentence {
  readonly text: string;
  /** Ids of `passages` (S1…), or of `facts` (R1…) for a statement from structured data. */
  readonly citations: readonly string[];
}

/** A structured fact consulted for a question (medication, allergy, diagnosis), numbered R1…Rn and cited as a resource. */
export interface AnswerFact {
  readonly id: string;
  /** Danish, e.g. "Medicin: Marevan (aktiv)". */
  readonly text: string;
  readonly citation: JournalCitation & { readonly kind: 'resource' };
  readonly recorded?: string;
  readonly assertion: JournalAssertion;
}

export interface JournalAnswer {
  readonly question: string;
  /** yes/no when the passages settle it, not-found when the record does not say ("Ikke fundet i journalen"). */
  readonly verdict: 'yes' | 'no' | 'not-found';
  readonly sentences: readonly AnswerSentence[];
  readonly passages: readonly RetrievedPassage[];
  /** extractive (no model) or the provider used; generated text is labelled "AI-genereret – verificér mod kilder". */
  readonly mode: 'extractive' | 'generated';
  readonly model?: { readonly provider: string; readonly id: string; readonly sha256?: string };
  /** Generated sentences dropped because they could not be verified against their passages. */
  readonly droppedSentences: number;
  /** The AI audit event of this answer (for recording what the user did with it). */
  readonly aiEventId?: string;
  /** Structured facts consulted (R1…), deciding ones first. */
  readonly facts?: readonly AnswerFact[];
  /** Why a configured model was not used or its answer was not shown (timeout, invalid output, nothing verified…). */
  readonly fallbackReason?: string;
}

/** What a user did with AI output (POST /api/journal/ai-events/:eventId/actions). */
export const AiUserAction = { openedCitation: 'opened-citation', copied: 'copied', markedWrong: 'marked-wrong' } as const;
export type AiUserAction = (typeof AiUserAction)[keyof typeof AiUserAction];

/** A cited source's text at a version, with the cited span to highlight. */
export interface JournalSource {
  readonly resourceType: string;
  readonly id: string;
  /** The version shown (the one asked for when it still exists in the history). */
  readonly versionId: string;
  /** The current version; when it differs from versionId the citation is stale. */
  readonly currentVersionId: string;
  readonly title: string;
  readonly kind: string;
  readonly date?: string;
  readonly author?: string;
  readonly status?: string;
  readonly text: string;
  /** The span asked for, checked against the text: valid, stale (source changed since) or invalid. */
  readonly highlight?: { readonly start: number; readonly end: number; readonly status: 'valid' | 'stale' | 'invalid' };
}
