/**
 * The JSON of Kerne's vital-signs API (/api/vitals): device readings waiting for a nurse, their
 * validation, manual vitals, early-warning scores, doctor's orders on the score, escalations, and
 * device associations and alarms. Shared by the server and the web app. Every route needs a bearer
 * token; reads and writes go through the caller's repository (care relations, audit). Errors are
 * OperationOutcomes.
 *
 * Routes:
 *   GET  /api/vitals/wards/:wardId                      → WardVitals (readings to validate per patient, held and set-aside readings, alarms, open escalations)
 *   POST /api/vitals/validate                 Validation → ValidationResult
 *   POST /api/vitals/patients/:patientId      ManualVitals → ManualVitalsResult (entered once: final, with Provenance)
 *   GET  /api/vitals/patients/:patientId                 → PatientVitals
 *   POST /api/vitals/patients/:patientId/concern  { note? } → PatientVitals   (nurse's concern: escalates regardless of the score)
 *   POST /api/vitals/patients/:patientId/orders   ScoreOrder → PatientVitals  (doctor: adjusted thresholds or SpO2 scale 2, with reason and expiry)
 *   GET  /api/vitals/escalations?wardId=…                → EscalationList
 *   POST /api/vitals/escalations/:taskId/acknowledge { note? } → EscalationView (doctor)
 *   GET  /api/vitals/devices?code=…                      → DeviceView (a scanned or typed EUI-64 / serial; 404 if unknown)
 *   POST /api/vitals/devices/:deviceId/associate  { patientId, until? } → DeviceAssociationView (mobile device ↔ patient, time-bounded)
 *   POST /api/vitals/associations/:id/end                → DeviceAssociationView
 *   POST /api/vitals/associations/:id/withdraw { reason } → { withdrawn: number } (a wrong association: its readings leave the record)
 *   POST /api/vitals/held/assign { readingIds, patientId } → { assigned: number } (held readings filed to a patient after all)
 */

/** The vital-sign parameters Kerne charts (the internal concepts of the device mapping). */
export const VitalParameter = {
  heartRate: 'heartRate',
  respiratoryRate: 'respiratoryRate',
  spo2: 'spo2',
  systolic: 'systolic',
  diastolic: 'diastolic',
  meanPressure: 'meanPressure',
  temperature: 'temperature',
  bodyWeight: 'bodyWeight',
  bodyHeight: 'bodyHeight',
} as const;
export type VitalParameter = (typeof VitalParameter)[keyof typeof VitalParameter];

export type Acvpu = 'A' | 'C' | 'V' | 'P' | 'U';

export interface PatientRef {
  readonly id: string;
  readonly name: string;
  readonly cpr?: string;
  readonly bed?: string;
}

/** One device reading (an Observation, preliminary until validated). */
export interface ReadingView {
  readonly id: string;
  readonly parameter: VitalParameter | string;
  readonly label: { readonly da: string; readonly en: string };
  readonly value: number;
  readonly unit: string;
  readonly at: string;
  readonly status: 'preliminary' | 'final' | 'amended' | 'cancelled' | 'entered-in-error';
  readonly device?: { readonly id: string; readonly name?: string };
  /** Flags from the device or Kerne's time checks ('no-offset', 'future', …). */
  readonly flags: readonly string[];
}

/** A reading that is not in any chart: no patient (held) or not plausible (set aside). */
export interface OutsideReadingView {
  readonly id: string;
  readonly state: 'held' | 'aside';
  readonly parameter?: string;
  readonly code: string;
  readonly value: string;
  readonly unit?: string;
  readonly at: string;
  readonly receivedAt: string;
  readonly device: { readonly id: string; readonly name?: string; readonly bed?: string };
  /** Why it is outside the record, in words. */
  readonly reason: string;
}

export interface AlarmView {
  readonly id: string;
  readonly device: { readonly id: string; readonly name?: string; readonly bed?: string };
  readonly patient?: PatientRef;
  readonly text: string;
  readonly priority?: string;
  readonly state?: string;
  readonly phase?: string;
  readonly at: string;
  readonly active: boolean;
}

export type EscalationLevel = 'red' | 'urgent' | 'emergency' | 'concern';

/** An early-warning score as stored (Observation). `raw` is the rule set's own reading; `adjusted` the doctor's. */
export interface ScoreView {
  readonly observationId: string;
  readonly system: string;
  readonly ruleSet: { readonly id: string; readonly version: string };
  readonly total: number;
  readonly risk: 'low' | 'low-medium' | 'medium' | 'high';
  readonly level: 'routine' | 'ward' | 'red' | 'urgent' | 'emergency';
  readonly at: string;
  readonly nextDue?: string;
  readonly overdue: boolean;
  readonly provisional: boolean;
  readonly parts: readonly { readonly parameter: string; readonly value: number | string | boolean; readonly score: number }[];
  readonly adjusted?: { readonly level: string; readonly reason: string; readonly expires: string };
  readonly concern: boolean;
}

export interface PatientPending {
  readonly patient: PatientRef;
  readonly encounterId?: string;
  readonly readings: readonly ReadingView[];
  readonly latestScore?: ScoreView;
  /** Consciousness and oxygen most recently recorded (a nurse confirms them with the readings). */
  readonly lastConsciousness?: Acvpu;
  readonly lastSupplementalOxygen?: boolean;
  /** The unit finalises device readings without a nurse (e.g. intensive care). */
  readonly autoFinalise: boolean;
}

export interface WardVitals {
  readonly wardId: string;
  readonly patients: readonly PatientPending[];
  readonly held: readonly OutsideReadingView[];
  readonly aside: readonly OutsideReadingView[];
  readonly alarms: readonly AlarmView[];
  readonly escalations: readonly EscalationView[];
  /** The ward's fixed monitors, and mobile devices that are free or with one of its patients. */
  readonly devices: readonly DeviceView[];
  readonly generatedAt: string;
}

export interface DeviceView {
  readonly id: string;
  readonly name?: string;
  /** The EUI-64 (or other identifier) on the device's label, for scanning. */
  readonly code?: string;
  /** fixed: bound to a bed (Device.location); mobile: associated with a patient by a nurse. */
  readonly kind: 'fixed' | 'mobile';
  readonly bed?: string;
  /** The association in force (mobile devices). */
  readonly association?: DeviceAssociationView & { readonly patientName?: string };
}

/**
 * A nurse's validation: readings by id, or every pending reading of a patient in a time window.
 * Corrections amend the value (the original stays in the history). Consciousness and oxygen, when
 * given, are recorded with the accepted set so a score can be computed.
 */
export interface Validation {
  readonly accept?: readonly string[];
  readonly reject?: readonly string[];
  readonly corrections?: readonly { readonly id: string; readonly value: number }[];
  readonly window?: { readonly patientId: string; readonly from: string; readonly to: string; readonly action: 'accept' | 'reject' };
  readonly consciousness?: Acvpu;
  readonly supplementalOxygen?: boolean;
}
export interface ValidationResult {
  readonly accepted: number;
  readonly rejected: number;
  readonly corrected: number;
  readonly provenanceId?: string;
  /** Scores computed from the validated set (one per patient with a complete set). */
  readonly scores: readonly ScoreView[];
}

export interface ManualVitals {
  readonly at?: string;
  readonly heartRate?: number;
  readonly respiratoryRate?: number;
  readonly spo2?: number;
  readonly systolic?: number;
  readonly diastolic?: number;
  readonly temperature?: number;
  readonly consciousness?: Acvpu;
  readonly supplementalOxygen?: boolean;
  readonly concern?: boolean;
}
export interface ManualVitalsResult {
  readonly observationIds: readonly string[];
  readonly score?: ScoreView;
  /** Why no score was computed (missing parameters), in words. */
  readonly incomplete?: readonly string[];
}

export interface PatientVitals {
  readonly patient: PatientRef;
  readonly latestScore?: ScoreView;
  readonly scores: readonly ScoreView[];
  readonly readings: readonly ReadingView[];
  readonly orders: readonly ScoreOrderView[];
  readonly escalations: readonly EscalationView[];
}

/** A doctor's order on the score: SpO2 scale 2, or adjusted thresholds ("justeret NEWS/TOKS"). */
export interface ScoreOrder {
  readonly kind: 'spo2-scale-2' | 'adjusted-thresholds';
  readonly reason: string;
  readonly expires: string;
  /** adjusted-thresholds: bands per parameter replacing the rule set's, and/or the monitoring interval. */
  readonly parameters?: Readonly<Record<string, readonly { readonly min?: number; readonly max?: number; readonly score: number }[]>>;
  readonly monitoringMinutes?: number;
}
export interface ScoreOrderView extends ScoreOrder {
  readonly id: string;
  readonly author?: string;
  readonly authoredOn: string;
  readonly expired: boolean;
}

export interface EscalationView {
  readonly id: string;
  readonly patient: PatientRef;
  readonly level: EscalationLevel;
  readonly priority: 'urgent' | 'asap' | 'stat';
  readonly description: string;
  readonly score?: { readonly total: number; readonly system: string };
  readonly status: 'requested' | 'accepted' | 'completed';
  readonly authoredOn: string;
  readonly respondBy?: string;
  readonly acknowledgedBy?: string;
  readonly acknowledgedAt?: string;
}
export interface EscalationList {
  readonly escalations: readonly EscalationView[];
  readonly generatedAt: string;
}

export interface DeviceAssociationView {
  readonly id: string;
  readonly deviceId: string;
  readonly patientId: string;
  readonly start: string;
  readonly end?: string;
  readonly status: 'active' | 'completed' | 'entered-in-error';
  readonly recordedBy?: string;
}
