/**
 * What the overview ("Overblik", journal-ai.md §4) is built from: one patient's structured resources
 * and text documents as read through the caller's repository, the time and the user's last visit.
 * The builders are pure functions of this.
 */
import type {
  AllergyIntolerance, Condition, DiagnosticReport, Encounter, MedicationRequest, MedicationStatement, Observation, Resource, ServiceRequest,
} from '@medplum/fhirtypes';
import type { JournalKind } from '../search/source-text.ts';
import type { Passage } from '../text/index.ts';

/** A text resource at one version: its text exactly as the search indexer sees it (`sourceText`), segmented. */
export interface TextDocument {
  readonly resourceType: string;
  readonly id: string;
  readonly versionId: string;
  readonly kind: JournalKind;
  /** When the text was written (Composition.date, DocumentReference.date …), ISO. */
  readonly recorded: string;
  readonly title?: string;
  readonly text: string;
  readonly passages: readonly Passage[];
}

export interface OverviewInput {
  readonly patientId: string;
  readonly now: Date;
  /** When this user last opened the overview of this patient (absent the first time). */
  readonly lastOpened?: string;
  readonly allergies: readonly AllergyIntolerance[];
  readonly medicationStatements: readonly MedicationStatement[];
  readonly medicationRequests: readonly MedicationRequest[];
  readonly conditions: readonly Condition[];
  /** The latest final vital signs, up to three per kind, newest first. */
  readonly vitals: readonly Observation[];
  /** The latest early-warning score Observations, newest first. */
  readonly earlyWarningScores: readonly Observation[];
  readonly encounters: readonly Encounter[];
  readonly serviceRequests: readonly ServiceRequest[];
  /** Observations and DiagnosticReports based on one of `serviceRequests` (their results). */
  readonly results: readonly (Observation | DiagnosticReport)[];
  /** Current notes and documents (a superseded version is left out). */
  readonly documents: readonly TextDocument[];
  /** Resources changed since `lastOpened` (empty without it). */
  readonly changedSinceLastVisit: readonly Resource[];
}
