/** The JSON of /api/notes, shared by the server (src/notes) and the web app (web/src/notes). */

export type NoteTemplateId = 'indlaeggelsesnotat' | 'sygeplejestatus' | 'journalnotat' | 'epikrise';
export type NoteFieldKey = 'weight' | 'height' | 'temperature' | 'pulse' | 'bloodPressure' | 'diagnosis' | 'allergy' | 'smoking';
export type SmokingStatus = 'current' | 'former' | 'never';
/** Composition.status as Kerne's notes use it: a draft, signed, signed and later amended. */
export type NoteStatus = 'preliminary' | 'final' | 'amended' | 'entered-in-error';

export interface Label {
  readonly da: string;
  readonly en: string;
}

export interface NoteSectionDefinition {
  readonly key: string;
  readonly title: Label;
}

/** A structured field as the form shows it: a number with unit and plausible range, or a coded/free-text value. */
export interface NoteFieldDefinition {
  readonly key: NoteFieldKey;
  readonly label: Label;
  readonly kind: 'quantity' | 'bloodPressure' | 'diagnosis' | 'allergy' | 'smoking';
  /** UCUM unit and how it is shown (kg, cm, °C, /min, mmHg). */
  readonly unit?: { readonly code: string; readonly display: string };
  readonly min?: number;
  readonly max?: number;
  /** The section whose narrative shows the value and whose entries reference its resource. */
  readonly section: string;
}

export interface NoteTemplateView {
  readonly id: NoteTemplateId;
  readonly title: Label;
  /** The LOINC document type (Composition.type). */
  readonly loinc: { readonly code: string; readonly display: string };
  /** The roles that may write (and sign) the note. */
  readonly roles: readonly string[];
  readonly sections: readonly NoteSectionDefinition[];
  readonly fields: readonly NoteFieldDefinition[];
}

export interface NoteTemplateList {
  readonly templates: readonly NoteTemplateView[];
}

/** What the form holds: free text by section key, and the structured fields (absent: not filled in). */
export interface NoteContent {
  readonly sections: Readonly<Record<string, string>>;
  readonly fields: NoteFields;
}

export interface NoteFields {
  /** kg */
  readonly weight?: number;
  /** cm */
  readonly height?: number;
  /** °C */
  readonly temperature?: number;
  /** /min */
  readonly pulse?: number;
  /** mmHg */
  readonly bloodPressure?: { readonly systolic: number; readonly diastolic: number };
  /** An SKS diagnosis code (e.g. DJ189) and its text. */
  readonly diagnosis?: { readonly code: string; readonly display: string };
  /** CAVE: what the patient must not have, and the reaction. */
  readonly allergy?: { readonly substance: string; readonly reaction?: string };
  readonly smoking?: SmokingStatus;
}

/** POST /api/notes/patients/:patientId: a new draft. */
export interface CreateNoteRequest {
  readonly templateId: NoteTemplateId;
  readonly content?: NoteContent;
}

/** PUT /api/notes/:id (autosave): the version the client last saw (or If-Match), and the content. */
export interface SaveDraftRequest {
  readonly version?: number;
  readonly content: NoteContent;
}

/** POST /api/notes/:id/sign: the draft's version (or If-Match). */
export interface SignNoteRequest {
  readonly version?: number;
}

/** POST /api/notes/:id/amend: the signed note's version (or If-Match), the new content and why. */
export interface AmendNoteRequest {
  readonly version?: number;
  readonly content: NoteContent;
  readonly reason: string;
}

export interface NoteAuthor {
  readonly reference?: string;
  readonly display: string;
}

/** A signed version of a note (drafts between signings are not listed). */
export interface NoteVersionSummary {
  /** 1 for the first signing, 2 for the first amendment, … */
  readonly number: number;
  /** The Composition's FHIR versionId (GET /fhir/Composition/:id/_history/:versionId). */
  readonly versionId: number;
  readonly status: NoteStatus;
  readonly date: string;
  readonly author: NoteAuthor;
  /** Why the version was made (amendments). */
  readonly reason?: string;
}

export interface NoteSummary {
  readonly id: string;
  readonly title: string;
  /** Absent for notes not written from a Kerne template (imported, demo): shown read-only. */
  readonly templateId?: NoteTemplateId;
  readonly status: NoteStatus;
  readonly date: string;
  readonly author: NoteAuthor;
  /** The current FHIR versionId: the next save's If-Match. */
  readonly versionId: number;
  /** Signed versions (0 for a draft). */
  readonly signedVersions: number;
}

export interface NoteSectionText {
  readonly key?: string;
  readonly title: string;
  /** Plain text of the section's narrative. */
  readonly text: string;
}

/** GET /api/notes/:id (and every write's answer): the note as it is now, its signed versions, and references to its structured resources. */
export interface NoteView extends NoteSummary {
  readonly patientId: string;
  readonly content?: NoteContent;
  readonly sections: readonly NoteSectionText[];
  readonly versions: readonly NoteVersionSummary[];
  /** 'Observation/…', 'Condition/…' by field, as written at signing or amendment. */
  readonly resources: Readonly<Partial<Record<NoteFieldKey, string>>>;
  readonly amendmentReason?: string;
}

/** GET /api/notes/:id/versions/:versionId: one stored version's text. */
export interface NoteVersionView {
  readonly id: string;
  readonly versionId: number;
  readonly status: NoteStatus;
  readonly title: string;
  readonly date: string;
  readonly author: NoteAuthor;
  readonly sections: readonly NoteSectionText[];
  readonly content?: NoteContent;
  readonly reason?: string;
}

export interface NoteList {
  readonly notes: readonly NoteSummary[];
}
